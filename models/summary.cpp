#include "models/summary.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

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

Interval replicate_stat(const std::vector<ReplicateResult>& reps, const std::function<double(const ReplicateResult&)>& f,
                        std::size_t min_replicates) {
  std::vector<double> values;
  for (const auto& r : reps) values.push_back(f(r));
  return across_replicates(values, min_replicates);
}

Interval arm_stat(const std::vector<ReplicateResult>& reps, ArmSummary stat, std::size_t arm, std::size_t min_replicates) {
  return replicate_stat(reps, [&](const ReplicateResult& r) { return r.arm_summary[stat][arm]; }, min_replicates);
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

// Arm difference in ITT mean true HbA1c (treated - reference) at each simulated week 1..W, mean
// over replicates that have both arms.
std::vector<double> difference_trajectory(const std::vector<ReplicateResult>& reps, std::size_t t, std::size_t u) {
  if (reps.empty()) return {};
  const std::size_t weeks = reps.front().weeks;
  std::vector<double> sum(weeks, 0.0), n(weeks, 0.0);
  for (const auto& r : reps) {
    for (std::size_t w = 0; w < weeks; ++w) {
      const double d = r.arm_week[kHba1cTrueMean][t * weeks + w] - r.arm_week[kHba1cTrueMean][u * weeks + w];
      if (std::isnan(d)) continue;
      sum[w] += d;
      n[w] += 1;
    }
  }
  std::vector<double> trajectory;
  for (std::size_t w = 1; w < weeks; ++w) trajectory.push_back(n[w] > 0 ? sum[w] / n[w] : std::nan(""));
  return trajectory;
}

// Events averted per 1,000 patients over the horizon, week by week along the simulated difference
// path (UKPDS 35: risk multiplied by (1 - rrr) per point of lower HbA1c). Beyond the simulated
// weeks the last difference wanes at the durability half-life, as it does once a program ends.
double averted(double rate_per_1000, double rrr, const std::vector<double>& difference, double horizon_years,
               double half_life_weeks) {
  const auto horizon_weeks = static_cast<std::size_t>(std::lround(horizon_years * 52.0));
  double last = 0, total = 0;
  for (std::size_t w = 0; w < horizon_weeks; ++w) {
    double d = 0;
    if (w < difference.size()) {
      d = std::isnan(difference[w]) ? last : difference[w];
      last = d;
    } else {
      d = last * std::exp2(-static_cast<double>(w + 1 - difference.size()) / half_life_weeks);
    }
    total += rate_per_1000 / 52.0 * (1.0 - std::pow(1.0 - rrr, -d));
  }
  return total;
}

}  // namespace

Interval across_replicates(std::vector<double> values, std::size_t min_replicates) {
  std::erase_if(values, [](double v) { return std::isnan(v); });
  const double nan = std::nan("");
  if (values.empty() || values.size() < min_replicates) return {nan, nan, nan, values.size(), false};
  std::sort(values.begin(), values.end());
  double sum = 0;
  for (double v : values) sum += v;
  return {sum / static_cast<double>(values.size()), percentile(values, 0.025), percentile(values, 0.975),
          values.size(), true};
}

RunSummary summarize(const ModelParams& p, const std::vector<ReplicateResult>& reps) {
  RunSummary s;
  const std::size_t m = p.min_replicates;
  for (std::size_t a = 0; a < p.arms.size(); ++a) {
    ArmStats arm;
    arm.name = p.arms[a].name;
    arm.coaching = p.arms[a].coaching;
    auto stat = [&](ArmSummary id) { return arm_stat(reps, id, a, m); };
    arm.n_enrolled = stat(kEnrolled);
    arm.n_completed = stat(kCompleted);
    arm.baseline_mean = stat(kBaselineMean);
    arm.change = stat(kChangeMean);
    arm.change_sd = stat(kChangeSd);
    arm.share_drop_ge1 = stat(kShareDropGe1AtFollowup);
    arm.share_below_7_5 = stat(kShareBelow75AtFollowup);
    arm.share_below_7_5_baseline = stat(kShareBelow75AtBaseline);
    arm.retention = stat(kRetention);
    arm.cost_per_patient = stat(kCostPerPatient);
    arm.followup_true_mean = stat(kFollowupTrueMean);
    arm.n_alive = stat(kAlive);
    arm.itt_baseline_mean = stat(kIttBaselineMean);
    arm.itt_change = stat(kIttChangeMeasured);
    arm.itt_change_true = stat(kIttChangeTrue);
    arm.itt_share_drop_ge1 = stat(kIttShareDropGe1);
    arm.itt_share_below_7_5 = stat(kIttShareBelow75);
    arm.change_within_trial = within_trial(reps, a);
    s.arms.push_back(arm);
  }
  auto summary_stat = [&](ReplicateSummary id) {
    return replicate_stat(reps, [id](const ReplicateResult& r) { return r.summary[id]; }, m);
  };
  s.coaches_n = summary_stat(kCoachesEver);
  s.coaches_share_quit = replicate_stat(reps, [](const ReplicateResult& r) {
    return r.summary[kCoachesEver] > 0 ? r.summary[kCoachesQuit] / r.summary[kCoachesEver] : std::nan("");
  }, m);
  s.coach_hba1c_change = summary_stat(kCoachHba1cChange);
  s.coach_twin_hba1c_change = summary_stat(kCoachTwinHba1cChange);
  s.coach_effect_hba1c = summary_stat(kCoachEffectHba1c);
  s.coach_effect_self_management = summary_stat(kCoachEffectSelfManagement);

  const auto treated = std::find_if(p.arms.begin(), p.arms.end(), [](const ArmParams& a) { return a.coaching; });
  const auto reference = std::find_if(p.arms.begin(), p.arms.end(), [](const ArmParams& a) { return !a.coaching; });
  s.cost_per_point = s.cost_per_patient_to_goal = std::nan("");
  if (treated == p.arms.end() || reference == p.arms.end()) return s;
  s.has_contrast = true;
  s.treated = static_cast<std::size_t>(treated - p.arms.begin());
  s.reference = static_cast<std::size_t>(reference - p.arms.begin());
  const std::size_t t = s.treated, u = s.reference;
  auto contrast = [&](ArmSummary id) {
    return replicate_stat(reps, [&](const ReplicateResult& r) { return r.arm_summary[id][t] - r.arm_summary[id][u]; }, m);
  };
  s.difference = contrast(kChangeMean);
  s.itt_difference = contrast(kIttChangeMeasured);
  s.itt_difference_true = contrast(kIttChangeTrue);
  const double cost = s.arms[t].cost_per_patient.mean - s.arms[u].cost_per_patient.mean;
  // Per point and per patient at goal only when the ITT effect is clearly there (interval below zero).
  if (s.itt_difference.estimable && s.itt_difference.hi < 0) s.cost_per_point = cost / -s.itt_difference.mean;
  const double extra_at_goal = s.arms[t].itt_share_below_7_5.mean - s.arms[u].itt_share_below_7_5.mean;
  if (s.itt_difference.estimable && s.itt_difference.hi < 0 && extra_at_goal > 0) {
    s.cost_per_patient_to_goal = cost / extra_at_goal;
  }
  const auto path = difference_trajectory(reps, t, u);
  const auto& o = p.outcomes;
  const double half_life = p.durability.waning_half_life_weeks;
  s.averted = {averted(o.death_rate, o.death_rrr, path, o.horizon_years, half_life),
               averted(o.microvascular_rate, o.microvascular_rrr, path, o.horizon_years, half_life),
               averted(o.mi_rate, o.mi_rrr, path, o.horizon_years, half_life)};
  return s;
}

}  // namespace coachsim
