#include "app/report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "app/json_text.hpp"

namespace coachsim::app {
namespace {

// Fixed-point text of a value, with an explicit sign when `signed_` is set; "n/a" for NaN.
std::string fixed(double value, int decimals, bool signed_ = false) {
  if (std::isnan(value)) return "n/a";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, signed_ ? "%+.*f" : "%.*f", decimals, value);
  return buffer;
}

std::string percent(double share) { return std::isnan(share) ? "n/a" : fixed(100.0 * share, 1) + "%"; }

std::string json_interval(const Interval& i) { return "[" + json_number(i.lo) + ", " + json_number(i.hi) + "]"; }

}  // namespace

ReportHeader header_of(const std::string& scenario, const ModelParams& p) {
  return {scenario, p.run.seed, p.run.replicates, p.run.weeks, p.run.followup_week};
}

namespace {

std::string with_interval(const Interval& i, int decimals = 2) {
  if (!i.estimable) return "not estimable (" + std::to_string(i.replicates) + " replicates)";
  return fixed(i.mean, decimals, true) + " [" + fixed(i.lo, decimals, true) + ", " + fixed(i.hi, decimals, true) + "]";
}

}  // namespace

void print_summary(std::ostream& out, const ReportHeader& h, const RunSummary& s, const ModelParams& p) {
  out << "coachsim: " << h.scenario << "  (seed " << h.seed << ", " << h.replicates << " replicates, " << h.weeks
      << " weeks, follow-up at week " << h.followup_week << ")\n";
  out << "Means over replicates; [95% interval across replicates]. HbA1c in %-points, change = follow-up - "
         "baseline.\n\n";
  char line[256];
  out << "Intention to treat: everyone randomized and alive at follow-up (measured HbA1c; true in 'true change')\n";
  std::snprintf(line, sizeof line, "%-14s %8s %8s %8s  %-24s %11s %8s %8s\n", "arm", "enrolled", "alive", "baseline",
                "change [95% interval]", "true change", "drop>=1", "<7.5%");
  out << line;
  for (const auto& a : s.arms) {
    std::snprintf(line, sizeof line, "%-14s %8.1f %8.1f %8s  %-24s %11s %8s %8s\n", a.name.c_str(), a.n_enrolled.mean,
                  a.n_alive.mean, fixed(a.itt_baseline_mean.mean, 2).c_str(), with_interval(a.itt_change).c_str(),
                  fixed(a.itt_change_true.mean, 2, true).c_str(), percent(a.itt_share_drop_ge1.mean).c_str(),
                  percent(a.itt_share_below_7_5.mean).c_str());
    out << line;
  }
  out << "\nCompleters: patients the study observes at follow-up, as a trial reports them\n";
  std::snprintf(line, sizeof line, "%-14s %8s %9s %8s  %-24s %9s %8s %9s\n", "arm", "enrolled", "completed",
                "baseline", "change [95% interval]", "drop>=1", "<7.5%", "retention");
  out << line;
  for (const auto& a : s.arms) {
    std::snprintf(line, sizeof line, "%-14s %8.1f %9.1f %8s  %-24s %9s %8s %9s\n", a.name.c_str(), a.n_enrolled.mean,
                  a.n_completed.mean, fixed(a.baseline_mean.mean, 2).c_str(), with_interval(a.change).c_str(),
                  percent(a.share_drop_ge1.mean).c_str(), percent(a.share_below_7_5.mean).c_str(),
                  percent(a.retention.mean).c_str());
    out << line;
  }
  if (s.has_contrast) {
    out << "\ndifference (" << s.arms[s.treated].name << " - " << s.arms[s.reference].name
        << "): intention to treat " << with_interval(s.itt_difference) << " (true HbA1c "
        << with_interval(s.itt_difference_true) << "), completers " << with_interval(s.difference) << "\n";
  }
  out << "coaches: " << fixed(s.coaches_n.mean, 1) << " active at some time, " << percent(s.coaches_share_quit.mean)
      << " quit; own HbA1c change " << fixed(s.coach_hba1c_change.mean, 2, true) << " (uncoached twins "
      << fixed(s.coach_twin_hba1c_change.mean, 2, true) << "), effect of coaching on coaches (coach - twin) "
      << with_interval(s.coach_effect_hba1c) << "\n";
  if (s.has_contrast) {
    out << "cost: " << fixed(s.arms[s.treated].cost_per_patient.mean, 0) << " USD per coached patient, "
        << fixed(s.cost_per_point, 0) << " USD per 1-point HbA1c reduction, "
        << fixed(s.cost_per_patient_to_goal, 0) << " USD per extra patient below 7.5%\n";
    out << "projected over " << fixed(p.outcomes.horizon_years, 0)
        << " years per 1,000 coached patients (UKPDS 35 gradients along the simulated difference): "
        << fixed(s.averted.death, 1) << " diabetes-related deaths, " << fixed(s.averted.microvascular, 1)
        << " microvascular complications, " << fixed(s.averted.myocardial_infarction, 1)
        << " myocardial infarctions averted\n";
  }
  const std::size_t least = std::min_element(s.arms.begin(), s.arms.end(), [](const ArmStats& x, const ArmStats& y) {
                              return x.itt_change.replicates < y.itt_change.replicates;
                            })->itt_change.replicates;
  out << "rests on " << least << " of " << h.replicates << " replicates (minimum " << p.min_replicates << ")\n";
}

std::string summary_json(const ReportHeader& h, const RunSummary& s, const ModelParams& p) {
  std::ostringstream j;
  j << "{\n  \"scenario\": " << json_string(h.scenario) << ",\n  \"seed\": " << h.seed
    << ",\n  \"replicates\": " << h.replicates << ",\n  \"weeks\": " << h.weeks
    << ",\n  \"followup_week\": " << h.followup_week << ",\n  \"arms\": {";
  for (std::size_t a = 0; a < s.arms.size(); ++a) {
    const auto& arm = s.arms[a];
    j << (a ? "," : "") << "\n    " << json_string(arm.name) << ": {"
      << "\"coaching\": " << (arm.coaching ? "true" : "false")
      << ", \"n_enrolled\": " << json_number(arm.n_enrolled.mean)
      << ", \"n_completed\": " << json_number(arm.n_completed.mean)
      << ", \"baseline_hba1c_mean\": " << json_number(arm.baseline_mean.mean)
      << ", \"change_mean\": " << json_number(arm.change.mean)
      << ", \"change_ci95\": " << json_interval(arm.change)
      << ", \"change_ci95_within_trial\": " << json_interval(arm.change_within_trial)
      << ", \"change_sd\": " << json_number(arm.change_sd.mean)
      << ", \"share_drop_ge1\": " << json_number(arm.share_drop_ge1.mean)
      << ", \"share_drop_ge1_ci95\": " << json_interval(arm.share_drop_ge1)
      << ", \"share_below_7_5\": " << json_number(arm.share_below_7_5.mean)
      << ", \"share_below_7_5_ci95\": " << json_interval(arm.share_below_7_5)
      << ", \"share_below_7_5_baseline\": " << json_number(arm.share_below_7_5_baseline.mean)
      << ", \"retention\": " << json_number(arm.retention.mean)
      << ", \"retention_ci95\": " << json_interval(arm.retention)
      << ", \"cost_per_patient\": " << json_number(arm.cost_per_patient.mean)
      << ", \"n_alive\": " << json_number(arm.n_alive.mean)
      << ", \"itt_change_mean\": " << json_number(arm.itt_change.mean)
      << ", \"itt_change_ci95\": " << json_interval(arm.itt_change)
      << ", \"itt_change_true_mean\": " << json_number(arm.itt_change_true.mean)
      << ", \"itt_share_below_7_5\": " << json_number(arm.itt_share_below_7_5.mean) << "}";
  }
  j << "\n  },\n  \"coaches\": {\"n\": " << json_number(s.coaches_n.mean)
    << ", \"share_quit\": " << json_number(s.coaches_share_quit.mean)
    << ", \"share_quit_ci95\": " << json_interval(s.coaches_share_quit)
    << ", \"own_hba1c_change_mean\": " << json_number(s.coach_hba1c_change.mean)
    << ", \"twin_hba1c_change_mean\": " << json_number(s.coach_twin_hba1c_change.mean)
    << ", \"coaching_effect_hba1c\": " << json_number(s.coach_effect_hba1c.mean)
    << ", \"coaching_effect_hba1c_ci95\": " << json_interval(s.coach_effect_hba1c)
    << ", \"coaching_effect_self_management\": " << json_number(s.coach_effect_self_management.mean) << "}";
  if (s.has_contrast) {
    j << ",\n  \"difference\": {\"treated\": " << json_string(s.arms[s.treated].name)
      << ", \"reference\": " << json_string(s.arms[s.reference].name)
      << ", \"change_mean\": " << json_number(s.difference.mean)
      << ", \"change_ci95\": " << json_interval(s.difference)
      << ", \"itt_change_mean\": " << json_number(s.itt_difference.mean)
      << ", \"itt_change_ci95\": " << json_interval(s.itt_difference)
      << ", \"itt_change_true_mean\": " << json_number(s.itt_difference_true.mean) << "}"
      << ",\n  \"economics\": {\"cost_per_coached_patient\": " << json_number(s.arms[s.treated].cost_per_patient.mean)
      << ", \"cost_per_point_reduction\": " << json_number(s.cost_per_point)
      << ", \"cost_per_extra_patient_below_7_5\": " << json_number(s.cost_per_patient_to_goal) << "}"
      << ",\n  \"complications_averted_per_1000\": {\"horizon_years\": " << json_number(p.outcomes.horizon_years)
      << ", \"diabetes_related_death\": " << json_number(s.averted.death)
      << ", \"microvascular\": " << json_number(s.averted.microvascular)
      << ", \"myocardial_infarction\": " << json_number(s.averted.myocardial_infarction) << "}";
  }
  j << "\n}\n";
  return j.str();
}

}  // namespace coachsim::app
