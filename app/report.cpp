#include "app/report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/json_text.hpp"
#include "sim/cli/format.hpp"

namespace coachsim::app {
namespace {

using sim::cli::fixed;
using sim::cli::percent;
using sim::cli::thousands;

Json json_interval(const Interval& i) { return Json::array({json_number(i.lo), json_number(i.hi)}); }

// Every statistic of `scope` as "name": mean and "name_ci95": [lo, hi]; those of a cluster trial only
// into `cluster_trial` objects, and the others only into the rest.
void add_statistics(Json& object, const StatisticIntervals& intervals, Scope scope, bool cluster_trial = false) {
  for (const auto& statistic : kStatistics) {
    if (statistic.scope != scope || statistic.cluster_trial != cluster_trial) continue;
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

Json projection_json(const ArmProjection& arm, const ArmProjection& usual) {
  Json j = Json::object();
  Json costs = Json::object();
  for (const auto& category : kCostCategories) {
    Json years = Json::array();
    for (double v : arm.cost[category.id]) years.push_back(json_number(v));
    costs[category.name] = std::move(years);
  }
  j["cost_by_year_undiscounted"] = std::move(costs);
  auto series = [](const std::vector<double>& values) {
    Json out = Json::array();
    for (double v : values) out.push_back(json_number(v));
    return out;
  };
  j["life_years_by_year_undiscounted"] = series(arm.life_years);
  j["qalys_by_year_undiscounted"] = series(arm.qalys);
  j["usual_care_qalys_by_year_undiscounted"] = series(usual.qalys);
  Json events = Json::object();
  for (std::size_t c = 0; c < kComplicationCount; ++c) events[kComplications[c].name] = json_number(arm.events[c]);
  j["expected_first_events_per_patient"] = std::move(events);
  return j;
}

std::vector<double> program_budget_by_year(const RunSummary& s, const ModelParams& p);

// The cost breakdown by arm (discounted, with intervals), costs and QALYs by year, and each coached
// arm's cost-effectiveness against its patients under usual care.
Json economics_json(const RunSummary& s, const ModelParams& p) {
  Json j{{"horizon_years", json_number(p.outcomes.horizon_years)},
         {"discount_rate", json_number(p.economics.discount_rate)},
         {"perspective", "health system: program, primary care, drugs and complications"}};
  Json breakdown = Json::object();
  for (std::size_t a = 0; a < s.arms.size(); ++a) {
    const ArmStats& arm = s.arms[a];
    Json b = Json::object();
    for (const auto& category : kCostCategories) {
      const auto statistic = static_cast<Statistic>(static_cast<std::size_t>(Statistic::CostRecruitment) + category.id);
      b[category.name] = json_number(arm[statistic].mean);
      b[std::string(category.name) + "_ci95"] = json_interval(arm[statistic]);
    }
    b["total"] = json_number(arm[Statistic::CostTotal].mean);
    b["total_undiscounted"] = json_number(arm[Statistic::CostTotalUndiscounted].mean);
    if (a < s.by_year.arms.size()) b["by_year"] = projection_json(s.by_year.arms[a], s.by_year.usual_care[a]);
    breakdown[arm.name] = std::move(b);
  }
  j["cost_breakdown_per_patient"] = std::move(breakdown);
  const auto budget = program_budget_by_year(s, p);
  Json by_year = Json::array();
  double total = 0, discounted = 0;
  for (std::size_t y = 0; y < budget.size(); ++y) {
    by_year.push_back(json_number(budget[y]));
    total += budget[y];
    discounted += budget[y] * discount_factor(p.economics.discount_rate, y);
  }
  j["program_budget"] = {{"total_undiscounted", json_number(total)},
                         {"total_discounted", json_number(discounted)},
                         {"by_year_undiscounted", std::move(by_year)}};
  Json ce_all = Json::object();
  for (const auto& ce : s.cost_effectiveness) {
    const ArmStats& arm = s.arms[ce.arm];
    Json ce_json{{"incremental_cost", json_number(arm[Statistic::IncrementalCost].mean)},
                 {"incremental_cost_ci95", json_interval(arm[Statistic::IncrementalCost])},
                 {"incremental_qalys", json_number(arm[Statistic::IncrementalQalys].mean)},
                 {"incremental_qalys_ci95", json_interval(arm[Statistic::IncrementalQalys])},
                 {"incremental_life_years", json_number(arm[Statistic::IncrementalLifeYears].mean)},
                 {"verdict", verdict_name(ce.verdict)},
                 {"icer", json_number(ce.icer.mean)},
                 {"icer_ci95", json_interval(ce.icer)}};
    Json nmb = Json::array();
    for (std::size_t k = 0; k < kWtpThresholds; ++k) {
      nmb.push_back({{"wtp", json_number(ce.wtp[k])},
                     {"net_monetary_benefit", json_number(ce.net_monetary_benefit[k].mean)},
                     {"net_monetary_benefit_ci95", json_interval(ce.net_monetary_benefit[k])},
                     {"probability_cost_effective", json_number(ce.probability_cost_effective[k])}});
    }
    ce_json["net_monetary_benefit"] = std::move(nmb);
    Json averted = Json::object();
    for (std::size_t c = 0; c < kComplicationCount; ++c) {
      averted[kComplications[c].name] = json_number(ce.events_averted_per_1000[c]);
    }
    ce_json["first_events_averted_per_1000"] = std::move(averted);
    ce_all[arm.name] = std::move(ce_json);
  }
  j["cost_effectiveness"] = std::move(ce_all);
  return j;
}

}  // namespace

std::string shown(double value, Display display) {
  switch (display) {
    case Display::Count: return fixed(value, 1);
    case Display::Level: return fixed(value, 2);
    case Display::Change: return fixed(value, 2, true);
    case Display::Share: return percent(value, 1);
    case Display::Money: return fixed(value, 0);
    case Display::Health: return fixed(value, 4);
    case Display::Ratio: return fixed(value, 3);
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

// The program's own budget (its categories, every coached arm, all enrolled patients) by year of the run,
// undiscounted: per-patient means by year times the arm's mean enrolment.
std::vector<double> program_budget_by_year(const RunSummary& s, const ModelParams& p) {
  std::vector<double> budget(std::min(run_years(p), horizon_years(p)), 0.0);
  for (std::size_t a = 0; a < s.by_year.arms.size() && a < s.arms.size(); ++a) {
    if (!s.arms[a].coaching) continue;
    const double enrolled = s.arms[a][Statistic::NEnrolled].mean;
    for (const auto& category : kCostCategories) {
      if (!category.program) continue;
      const auto& by_year = s.by_year.arms[a].cost[category.id];
      for (std::size_t y = 0; y < budget.size() && y < by_year.size(); ++y) budget[y] += enrolled * by_year[y];
    }
  }
  return budget;
}

// The cost breakdown per arm, then each coached arm against its patients under usual care.
void print_economics(std::ostream& out, const RunSummary& s, const ModelParams& p) {
  const std::string horizon = fixed(p.outcomes.horizon_years, 0) + " years";
  const std::string rate = percent(p.economics.discount_rate, 1);
  out << "\nCosts per enrolled patient over " << horizon << " (USD, discounted at " << rate
      << "/year; program costs during the run, care and complications in every arm)\n";
  char label[64];
  std::snprintf(label, sizeof label, "%-30s", "category");
  out << label;
  for (const auto& a : s.arms) out << cell(a.name, 14);
  out << "\n";
  auto row = [&](const char* name, Statistic statistic, Display display) {
    std::snprintf(label, sizeof label, "%-30s", name);
    out << label;
    for (const auto& a : s.arms) out << cell(shown(a[statistic].mean, display), 14);
    out << "\n";
  };
  for (const auto& category : kCostCategories) {
    row(category.label, static_cast<Statistic>(static_cast<std::size_t>(Statistic::CostRecruitment) + category.id),
        Display::Money);
  }
  row("total, discounted", Statistic::CostTotal, Display::Money);
  row("total, undiscounted", Statistic::CostTotalUndiscounted, Display::Money);
  row("life-years, discounted", Statistic::LifeYears, Display::Health);
  row("QALYs, discounted", Statistic::Qalys, Display::Health);
  const auto budget = program_budget_by_year(s, p);
  double total = 0;
  for (double v : budget) total += v;
  if (total > 0) {
    out << "program budget (every coached patient, undiscounted): " << thousands(total) << " USD";
    if (budget.size() > 1) {
      out << "; by year of the run:";
      for (std::size_t y = 0; y < budget.size(); ++y) out << (y == 0 ? " " : ", ") << thousands(budget[y]);
    }
    out << "\n";
  }
  for (const auto& ce : s.cost_effectiveness) {
    const ArmStats& a = s.arms[ce.arm];
    out << "\n" << a.name << " against the same patients under usual care (" << horizon << ", discounted at "
        << rate << "/year):\n";
    out << "  incremental cost " << shown(a[Statistic::IncrementalCost], Display::Money) << " USD, QALYs "
        << shown(a[Statistic::IncrementalQalys], Display::Health) << ", life-years "
        << shown(a[Statistic::IncrementalLifeYears], Display::Health) << "\n";
    out << "  ICER: ";
    switch (ce.verdict) {
      case Verdict::Ratio:
        out << shown(ce.icer, Display::Money) << " USD per QALY gained\n";
        break;
      case Verdict::SavesAtLoss:
        out << shown(ce.icer, Display::Money) << " USD saved per QALY lost (less costly, less effective)\n";
        break;
      case Verdict::Dominant: out << "dominant (more QALYs at less cost)\n"; break;
      case Verdict::CostSaving:
        out << shown(ce.icer, Display::Money)
            << " USD per QALY gained (negative: less costly on average; the cost interval spans zero)\n";
        break;
      case Verdict::Dominated: out << "dominated (fewer QALYs at more cost)\n"; break;
      case Verdict::NotEstimable:
        out << "not estimable (the incremental QALYs' interval does not lie clear of zero)\n";
        break;
    }
    for (std::size_t k = 0; k < kWtpThresholds; ++k) {
      out << (k == 0 ? "  net monetary benefit at " : "                          ") << thousands(ce.wtp[k])
          << " USD/QALY: " << shown(ce.net_monetary_benefit[k], Display::Money) << " USD; cost-effective in "
          << percent(ce.probability_cost_effective[k], 0) << " of replicates\n";
    }
    out << "  expected first events averted per 1,000 patients:";
    for (std::size_t c = 0; c < kComplicationCount; ++c) {
      out << (c == 0 ? " " : ", ") << kComplications[c].label << " " << fixed(ce.events_averted_per_1000[c], 1);
    }
    out << "\n";
  }
}

// What a cluster trial reports: ICC, cluster size and design effect, and the interval it would give.
void print_cluster_trial(std::ostream& out, const RunSummary& s, const ModelParams& p) {
  out << "randomized by clinic (" << p.population.clinics << " clinics): mean cluster size "
      << shown(s[Statistic::ClusterSizeMean].mean, Display::Count) << ", intra-cluster correlation of the ITT change "
      << shown(s[Statistic::ClusterIcc], Display::Ratio) << ", design effect "
      << shown(s[Statistic::DesignEffect], Display::Level) << "\n";
  if (s.has_contrast) {
    out << "the 95% interval of the ITT difference a cluster trial would report, mean over replicates: ["
        << shown(s[Statistic::ClusterDifferenceLo].mean, Display::Change) << ", "
        << shown(s[Statistic::ClusterDifferenceHi].mean, Display::Change) << "]\n";
  }
}

// One table: a column for each arm statistic the list puts in `table`; changes with their interval.
void print_table(std::ostream& out, const RunSummary& s, Table table) {
  std::size_t name_width = 14;  // the arm column fits the longest name (every other cell starts with a space)
  for (const auto& a : s.arms) name_width = std::max(name_width, a.name.size());
  auto name = [&](const std::string& text) { return text + std::string(name_width - text.size(), ' '); };
  out << name("arm") << cell("enrolled", 8);
  for (const auto& statistic : kStatistics) {
    if (statistic.table == table && statistic.id != Statistic::NEnrolled) out << cell(statistic.label, statistic.width);
  }
  out << "\n";
  for (const auto& a : s.arms) {
    out << name(a.name) << cell(shown(a[Statistic::NEnrolled].mean, Display::Count), 8);
    for (const auto& statistic : kStatistics) {
      if (statistic.table != table || statistic.id == Statistic::NEnrolled) continue;
      const Interval& i = a[statistic.id];
      const bool with_interval = statistic.display == Display::Change && statistic.width < 0;
      out << cell(with_interval ? shown(i, statistic.display) : shown(i.mean, statistic.display), statistic.width);
    }
    out << "\n";
  }
}

// Delivered dose against the schedule in each coached arm, and the coach hours behind it.
void print_dose(std::ostream& out, const RunSummary& s) {
  bool any = false;
  for (const auto& a : s.arms) {
    if (!a.coaching) continue;
    any = true;
    out << "contacts per patient-week in coaching, " << a.name << ": "
        << shown(a[Statistic::ContactsScheduledPerPatientWeek].mean, Display::Level) << " scheduled, "
        << shown(a[Statistic::ContactsDeliveredPerPatientWeek].mean, Display::Level) << " delivered ("
        << shown(a[Statistic::DeliveredShare], Display::Share) << " of the schedule)\n";
  }
  if (!any) return;
  out << "coach hours per program week: " << shown(s[Statistic::CoachHoursUsedPerWeek].mean, Display::Count)
      << " used, " << shown(s[Statistic::CoachHoursScheduledPerWeek].mean, Display::Count)
      << " needed by the schedule, " << shown(s[Statistic::CoachHoursAvailablePerWeek].mean, Display::Count)
      << " available\n";
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
  if (p.run.randomization == Randomization::Clinic) print_cluster_trial(out, s, p);
  out << "coaches: " << fixed(s[Statistic::CoachesN].mean, 1) << " active at some time, "
      << percent(s[Statistic::CoachAttrition].mean) << " quit";
  if (s[Statistic::MentorsN].mean > 0) {
    out << " (" << fixed(s[Statistic::MentorsN].mean, 1) << " of them graduates who became mentors)";
  }
  out << "; own HbA1c change "
      << fixed(s[Statistic::CoachHba1cChange].mean, 2, true) << " against "
      << fixed(s[Statistic::CoachTwinHba1cChange].mean, 2, true) << " for their uncoached twins\n";
  out << "effect of coaching on the coaches' own HbA1c (coach - twin): "
      << shown(s[Statistic::CoachEffectHba1c], Display::Change) << "\n";
  for (const auto& a : s.arms) {  // open programs: who waited for a coach, who graduated
    const double waited = a[Statistic::ShareWaited].mean, graduated = a[Statistic::ShareGraduated].mean;
    std::string line;
    if (waited > 0) {
      line = percent(waited) + " waited for a coach (" + fixed(a[Statistic::WeeksWaitedMean].mean, 1) +
             " weeks per patient enrolled)";
    }
    if (graduated > 0) line += (line.empty() ? "" : ", ") + percent(graduated) + " graduated by follow-up";
    if (!line.empty()) out << "arm '" << a.name << "': " << line << "\n";
  }
  print_dose(out, s);
  if (s.has_contrast) {
    const std::string per_point = std::isnan(s.cost_per_point)
                                      ? "not estimable (the ITT difference's interval does not lie below zero)"
                                      : fixed(s.cost_per_point, 0) + " USD";
    out << "program cost: " << fixed(s.arms[s.treated][Statistic::CostPerPatient].mean, 0)
        << " USD per coached patient; per patient per 1-point HbA1c reduction: " << per_point;
    if (!std::isnan(s.cost_per_patient_to_goal)) {
      out << "; " << fixed(s.cost_per_patient_to_goal, 0) << " USD per extra patient below 7.5%";
    }
    out << "\n";
  }
  print_economics(out, s, p);
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
  if (p.run.randomization == Randomization::Clinic) {
    Json cluster_trial{{"clinics", p.population.clinics}};
    add_statistics(cluster_trial, s.overall, Scope::Program, true);
    j["cluster_trial"] = std::move(cluster_trial);
  }
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
  }
  j["health_economics"] = economics_json(s, p);
  return json_text(j);
}

}  // namespace coachsim::app
