#include "models/summary.hpp"

#include <algorithm>
#include <cmath>

namespace coachsim {
namespace {

// Linear-interpolated percentile of sorted values.
double percentile(const std::vector<double>& sorted, double q) {
  if (sorted.size() == 1) return sorted.front();
  const double pos = q * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(pos));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  return sorted[below] + (pos - static_cast<double>(below)) * (sorted[above] - sorted[below]);
}

Interval arm_stat(const std::vector<ReplicateResult>& reps, ArmSummary stat, std::size_t arm) {
  std::vector<double> values;
  for (const auto& r : reps) values.push_back(r.arm_summary[stat][arm]);
  return across_replicates(values);
}

Interval replicate_stat(const std::vector<ReplicateResult>& reps, const std::function<double(const ReplicateResult&)>& f) {
  std::vector<double> values;
  for (const auto& r : reps) values.push_back(f(r));
  return across_replicates(values);
}

Interval within_trial(const std::vector<ReplicateResult>& reps, std::size_t arm) {
  double lo = 0, hi = 0, mean = 0, n = 0;
  for (const auto& r : reps) {
    const double completed = r.arm_summary[kCompleted][arm];
    const double change = r.arm_summary[kChangeMean][arm];
    const double sd = r.arm_summary[kChangeSd][arm];
    if (std::isnan(change) || std::isnan(sd) || completed < 2) continue;
    const double half_width = 1.96 * sd / std::sqrt(completed);
    mean += change;
    lo += change - half_width;
    hi += change + half_width;
    n += 1;
  }
  if (n == 0) return {std::nan(""), std::nan(""), std::nan("")};
  return {mean / n, lo / n, hi / n};
}

// Events averted per 1,000 patients over the horizon if the HbA1c difference persists
// (UKPDS 35: risk falls by the relative risk reduction for each point of lower HbA1c).
double averted(double rate_per_1000, double rrr, double difference, double years) {
  return rate_per_1000 * years * (1.0 - std::pow(1.0 - rrr, difference));
}

}  // namespace

Interval across_replicates(std::vector<double> values) {
  std::erase_if(values, [](double v) { return std::isnan(v); });
  if (values.empty()) return {std::nan(""), std::nan(""), std::nan("")};
  std::sort(values.begin(), values.end());
  double sum = 0;
  for (double v : values) sum += v;
  return {sum / static_cast<double>(values.size()), percentile(values, 0.025), percentile(values, 0.975)};
}

RunSummary summarize(const ModelParams& p, const std::vector<ReplicateResult>& reps) {
  RunSummary s;
  for (std::size_t a = 0; a < p.arms.size(); ++a) {
    ArmStats arm{p.arms[a].name, p.arms[a].coaching, arm_stat(reps, kEnrolled, a), arm_stat(reps, kCompleted, a),
                 arm_stat(reps, kBaselineMean, a), arm_stat(reps, kChangeMean, a), arm_stat(reps, kChangeSd, a),
                 arm_stat(reps, kShareDropGe1AtFollowup, a), arm_stat(reps, kShareBelow75AtFollowup, a),
                 arm_stat(reps, kShareBelow75AtBaseline, a), arm_stat(reps, kRetention, a),
                 arm_stat(reps, kCostPerPatient, a), arm_stat(reps, kFollowupTrueMean, a),
                 within_trial(reps, a)};
    s.arms.push_back(arm);
  }
  s.coaches_n = replicate_stat(reps, [](const ReplicateResult& r) { return r.summary[kCoachesEver]; });
  s.coaches_share_quit = replicate_stat(reps, [](const ReplicateResult& r) {
    return r.summary[kCoachesEver] > 0 ? r.summary[kCoachesQuit] / r.summary[kCoachesEver] : std::nan("");
  });
  s.coach_hba1c_change = replicate_stat(reps, [](const ReplicateResult& r) { return r.summary[kCoachHba1cChange]; });

  const auto treated = std::find_if(p.arms.begin(), p.arms.end(), [](const ArmParams& a) { return a.coaching; });
  const auto reference = std::find_if(p.arms.begin(), p.arms.end(), [](const ArmParams& a) { return !a.coaching; });
  s.cost_per_point = s.cost_per_patient_to_goal = std::nan("");
  if (treated == p.arms.end() || reference == p.arms.end()) return s;
  s.has_contrast = true;
  s.treated = static_cast<std::size_t>(treated - p.arms.begin());
  s.reference = static_cast<std::size_t>(reference - p.arms.begin());
  const std::size_t t = s.treated, u = s.reference;
  s.difference = replicate_stat(reps, [&](const ReplicateResult& r) {
    return r.arm_summary[kChangeMean][t] - r.arm_summary[kChangeMean][u];
  });
  const double cost = s.arms[t].cost_per_patient.mean - s.arms[u].cost_per_patient.mean;
  if (s.difference.mean < 0) s.cost_per_point = cost / -s.difference.mean;
  const double extra_at_goal = s.arms[t].share_below_7_5.mean - s.arms[u].share_below_7_5.mean;
  if (extra_at_goal > 0) s.cost_per_patient_to_goal = cost / extra_at_goal;
  const double lower = s.arms[u].followup_true_mean.mean - s.arms[t].followup_true_mean.mean;
  const auto& o = p.outcomes;
  s.averted = {averted(o.death_rate, o.death_rrr, lower, o.horizon_years),
               averted(o.microvascular_rate, o.microvascular_rrr, lower, o.horizon_years),
               averted(o.mi_rate, o.mi_rrr, lower, o.horizon_years)};
  return s;
}

}  // namespace coachsim
