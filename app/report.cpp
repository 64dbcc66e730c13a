#include "app/report.hpp"

#include <algorithm>
#include <cstdio>

#include "app/json_text.hpp"
#include "sim/cli/format.hpp"

namespace coachsim::app {
namespace {

using sim::cli::fixed;
using sim::cli::percent;

Json json_interval(const Interval& i) { return Json::array({json_number(i.lo), json_number(i.hi)}); }

// Every statistic of `scope` as "name": mean and "name_ci95": [lo, hi].
void add_statistics(Json& object, const StatisticIntervals& intervals, Scope scope) {
  for (const auto& statistic : kStatistics) {
    if (statistic.scope != scope) continue;
    const Interval& i = intervals[static_cast<std::size_t>(statistic.id)];
    object[statistic.name] = json_number(i.mean);
    object[std::string(statistic.name) + "_ci95"] = json_interval(i);
  }
}

// One cell of the table: right-aligned to `width`, or left-aligned and set off by two spaces.
std::string cell(const std::string& text, int width) {
  char buffer[128];
  std::snprintf(buffer, sizeof buffer, width < 0 ? "  %-*s" : " %*s", width < 0 ? -width : width, text.c_str());
  return buffer;
}

}  // namespace

std::string shown(double value, Display display) {
  switch (display) {
    case Display::Count: return fixed(value, 1);
    case Display::Level: return fixed(value, 2);
    case Display::Change: return fixed(value, 2, true);
    case Display::Share: return percent(value, 1);
    case Display::Money: return fixed(value, 0);
  }
  return fixed(value, 6);
}

std::string shown(const Interval& i, Display display) {
  if (!i.estimable) return "not estimable (" + std::to_string(i.replicates) + " replicates)";
  return shown(i.mean, display) + " [" + shown(i.lo, display) + ", " + shown(i.hi, display) + "]";
}

ReportHeader header_of(const std::string& scenario, const ModelParams& p) {
  return {scenario, p.run.seed, p.run.replicates, p.run.weeks, p.run.followup_week};
}

namespace {

// One table: a column for each arm statistic the list puts in `table`; changes with their interval.
void print_table(std::ostream& out, const RunSummary& s, Table table) {
  char name[64];
  std::snprintf(name, sizeof name, "%-14s", "arm");
  out << name << cell("enrolled", 8);
  for (const auto& statistic : kStatistics) {
    if (statistic.table == table && statistic.id != Statistic::NEnrolled) out << cell(statistic.label, statistic.width);
  }
  out << "\n";
  for (const auto& a : s.arms) {
    std::snprintf(name, sizeof name, "%-14s", a.name.c_str());
    out << name << cell(shown(a[Statistic::NEnrolled].mean, Display::Count), 8);
    for (const auto& statistic : kStatistics) {
      if (statistic.table != table || statistic.id == Statistic::NEnrolled) continue;
      const Interval& i = a[statistic.id];
      const bool with_interval = statistic.display == Display::Change && statistic.width < 0;
      out << cell(with_interval ? shown(i, statistic.display) : shown(i.mean, statistic.display), statistic.width);
    }
    out << "\n";
  }
}

}  // namespace

void print_summary(std::ostream& out, const ReportHeader& h, const RunSummary& s, const ModelParams& p) {
  out << "coachsim: " << h.scenario << "  (seed " << h.seed << ", " << h.replicates << " replicates, " << h.weeks
      << " weeks, follow-up at week " << h.followup_week << ")\n";
  out << "Means over replicates; [95% interval across replicates]. HbA1c in %-points, change = follow-up - "
         "baseline.\n\n";
  out << "Intention to treat: everyone randomized and alive at follow-up (measured HbA1c; 'true change' without "
         "measurement noise)\n";
  print_table(out, s, Table::IntentionToTreat);
  out << "\nCompleters: the patients the study observes at follow-up, as a trial reports them\n";
  print_table(out, s, Table::Completers);
  if (s.has_contrast) {
    out << "\ndifference (" << s.arms[s.treated].name << " - " << s.arms[s.reference].name
        << "): intention to treat " << shown(s[Statistic::IttChangeDifference], Display::Change)
        << ", completers " << shown(s[Statistic::ChangeDifference], Display::Change) << "\n";
  }
  out << "coaches: " << fixed(s[Statistic::CoachesN].mean, 1) << " active at some time, "
      << percent(s[Statistic::CoachAttrition].mean) << " quit; own HbA1c change "
      << fixed(s[Statistic::CoachHba1cChange].mean, 2, true) << " against "
      << fixed(s[Statistic::CoachTwinHba1cChange].mean, 2, true) << " for their uncoached twins\n";
  out << "effect of coaching on the coaches' own HbA1c (coach - twin): "
      << shown(s[Statistic::CoachEffectHba1c], Display::Change) << "\n";
  if (s.has_contrast) {
    out << "cost: " << fixed(s.arms[s.treated][Statistic::CostPerPatient].mean, 0) << " USD per coached patient, "
        << fixed(s.cost_per_point, 0) << " USD per 1-point HbA1c reduction, "
        << fixed(s.cost_per_patient_to_goal, 0) << " USD per extra patient below 7.5%\n";
    out << "projected over " << fixed(p.outcomes.horizon_years, 0)
        << " years per 1,000 coached patients (UKPDS 35 gradients along the simulated difference): "
        << fixed(s.averted.death, 1) << " diabetes-related deaths, " << fixed(s.averted.microvascular, 1)
        << " microvascular complications, " << fixed(s.averted.myocardial_infarction, 1)
        << " myocardial infarctions averted\n";
  }
  std::size_t least = s.replicates;
  for (const auto& a : s.arms) least = std::min(least, a[Statistic::IttChangeMean].replicates);
  out << "rests on " << least << " of " << s.replicates << " replicates (minimum " << s.min_replicates << ")";
  if (least < s.min_replicates) out << ": too few for a summary; run more replicates or a shorter horizon";
  out << "\n";
}

std::string summary_json(const ReportHeader& h, const RunSummary& s, const ModelParams& p) {
  Json j{{"scenario", h.scenario},
         {"seed", h.seed},
         {"replicates", h.replicates},
         {"weeks", h.weeks},
         {"followup_week", h.followup_week}};
  Json arms = Json::object();
  for (const auto& arm : s.arms) {
    Json a{{"coaching", arm.coaching}};
    add_statistics(a, arm.stat, Scope::Arm);
    a["change_ci95_within_trial"] = json_interval(arm.change_within_trial);
    arms[arm.name] = std::move(a);
  }
  j["arms"] = std::move(arms);
  Json program = Json::object();
  add_statistics(program, s.overall, Scope::Program);
  j["program"] = std::move(program);
  std::size_t least = s.replicates;
  for (const auto& arm : s.arms) least = std::min(least, arm[Statistic::IttChangeMean].replicates);
  j["rests_on_replicates"] = least;
  j["min_replicates"] = s.min_replicates;
  if (s.has_contrast) {
    Json contrast{{"treated", s.arms[s.treated].name}, {"reference", s.arms[s.reference].name}};
    add_statistics(contrast, s.overall, Scope::Contrast);
    j["contrast"] = std::move(contrast);
    j["economics"] = {{"cost_per_coached_patient", json_number(s.arms[s.treated][Statistic::CostPerPatient].mean)},
                      {"cost_per_point_reduction", json_number(s.cost_per_point)},
                      {"cost_per_extra_patient_below_7_5", json_number(s.cost_per_patient_to_goal)}};
    j["complications_averted_per_1000"] = {{"horizon_years", json_number(p.outcomes.horizon_years)},
                                           {"diabetes_related_death", json_number(s.averted.death)},
                                           {"microvascular", json_number(s.averted.microvascular)},
                                           {"myocardial_infarction", json_number(s.averted.myocardial_infarction)}};
  }
  return json_text(j);
}

}  // namespace coachsim::app
