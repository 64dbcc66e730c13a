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
  if (n == 0) return {std::nan(""), std::nan(""), std::nan(""), 0, false};
  return {mean / n, lo / n, hi / n, static_cast<std::size_t>(n), true};
}

// Arm difference in ITT mean true HbA1c (treated - reference) at each simulated week 1..W, mean
// over the replicates that have both arms that week.
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

Interval across_replicates(const StatisticInfo& statistic, const std::vector<const ReplicateResult*>& replicates,
                           StatisticSite site, std::size_t min_replicates) {
  std::vector<double> values;
  values.reserve(replicates.size());
  for (const auto* r : replicates) values.push_back(r ? statistic.value(*r, statistic, site) : std::nan(""));
  return across_replicates(std::move(values), min_replicates);
}

Interval RunSummary::of(Statistic statistic, const std::string& arm) const {
  if (statistic_info(statistic).scope != Scope::Arm) return (*this)[statistic];
  for (const auto& a : arms) {
    if (a.name == arm) return a[statistic];
  }
  return {std::nan(""), std::nan(""), std::nan(""), 0, false};
}

RunSummary summarize(const ModelParams& p, const std::vector<ReplicateResult>& reps) {
  const Interval missing{std::nan(""), std::nan(""), std::nan(""), 0, false};
  const std::size_t least = p.output.min_replicates;
  std::vector<const ReplicateResult*> all;
  for (const auto& r : reps) all.push_back(&r);
  RunSummary s;
  s.replicates = reps.size();
  s.min_replicates = least;
  s.overall.fill(missing);
  const auto treated = std::find_if(p.arms.begin(), p.arms.end(), [](const ArmParams& a) { return a.coaching; });
  const auto reference = std::find_if(p.arms.begin(), p.arms.end(), [](const ArmParams& a) { return !a.coaching; });
  s.has_contrast = treated != p.arms.end() && reference != p.arms.end();
  if (s.has_contrast) {
    s.treated = static_cast<std::size_t>(treated - p.arms.begin());
    s.reference = static_cast<std::size_t>(reference - p.arms.begin());
  }
  for (std::size_t a = 0; a < p.arms.size(); ++a) {
    ArmStats arm{p.arms[a].name, p.arms[a].coaching, {}, within_trial(reps, a)};
    arm.stat.fill(missing);
    for (const auto& statistic : kStatistics) {
      if (statistic.scope == Scope::Arm) arm[statistic.id] = across_replicates(statistic, all, {a, 0}, least);
    }
    s.arms.push_back(arm);
  }
  for (const auto& statistic : kStatistics) {
    if (statistic.scope == Scope::Program || (statistic.scope == Scope::Contrast && s.has_contrast)) {
      s[statistic.id] = across_replicates(statistic, all, {s.treated, s.reference}, least);
    }
  }

  s.cost_per_point = s.cost_per_patient_to_goal = std::nan("");
  if (!s.has_contrast) return s;
  const ArmStats &t = s.arms[s.treated], &u = s.arms[s.reference];
  // Per point and per patient at goal only when the ITT effect is clearly there (interval below zero).
  const Interval& effect = s[Statistic::IttChangeDifference];
  const double cost = t[Statistic::CostPerPatient].mean - u[Statistic::CostPerPatient].mean;
  if (effect.estimable && effect.hi < 0) {
    s.cost_per_point = cost / -effect.mean;
    const double extra_at_goal = t[Statistic::IttShareBelow].mean - u[Statistic::IttShareBelow].mean;
    if (extra_at_goal > 0) s.cost_per_patient_to_goal = cost / extra_at_goal;
  }
  const auto path = difference_trajectory(reps, s.treated, s.reference);
  const auto& o = p.outcomes;
  const double half_life = p.durability.waning_half_life_weeks;
  s.averted = {averted(o.death_rate, o.death_rrr, path, o.horizon_years, half_life),
               averted(o.microvascular_rate, o.microvascular_rrr, path, o.horizon_years, half_life),
               averted(o.mi_rate, o.mi_rrr, path, o.horizon_years, half_life)};
  return s;
}

}  // namespace coachsim
