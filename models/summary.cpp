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

Interval across_replicates(const StatisticInfo& statistic, const std::vector<const ReplicateResult*>& replicates,
                           StatisticSite site) {
  std::vector<double> values;
  values.reserve(replicates.size());
  for (const auto* r : replicates) values.push_back(r ? statistic.value(*r, statistic, site) : std::nan(""));
  return across_replicates(std::move(values));
}

Interval RunSummary::of(Statistic statistic, const std::string& arm) const {
  if (statistic_info(statistic).scope != Scope::Arm) return (*this)[statistic];
  for (const auto& a : arms) {
    if (a.name == arm) return a[statistic];
  }
  return {std::nan(""), std::nan(""), std::nan("")};
}

RunSummary summarize(const ModelParams& p, const std::vector<ReplicateResult>& reps) {
  const Interval missing{std::nan(""), std::nan(""), std::nan("")};
  std::vector<const ReplicateResult*> all;
  for (const auto& r : reps) all.push_back(&r);
  RunSummary s;
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
      if (statistic.scope == Scope::Arm) arm[statistic.id] = across_replicates(statistic, all, {a, 0});
    }
    s.arms.push_back(arm);
  }
  for (const auto& statistic : kStatistics) {
    if (statistic.scope == Scope::Program || (statistic.scope == Scope::Contrast && s.has_contrast)) {
      s[statistic.id] = across_replicates(statistic, all, {s.treated, s.reference});
    }
  }

  s.cost_per_point = s.cost_per_patient_to_goal = std::nan("");
  if (!s.has_contrast) return s;
  const ArmStats &t = s.arms[s.treated], &u = s.arms[s.reference];
  const double difference = s[Statistic::ChangeDifference].mean;
  const double cost = t[Statistic::CostPerPatient].mean - u[Statistic::CostPerPatient].mean;
  if (difference < 0) s.cost_per_point = cost / -difference;
  const double extra_at_goal = t[Statistic::ShareBelow].mean - u[Statistic::ShareBelow].mean;
  if (extra_at_goal > 0) s.cost_per_patient_to_goal = cost / extra_at_goal;
  const double lower = u[Statistic::FollowupTrueMean].mean - t[Statistic::FollowupTrueMean].mean;
  const auto& o = p.outcomes;
  s.averted = {averted(o.death_rate, o.death_rrr, lower, o.horizon_years),
               averted(o.microvascular_rate, o.microvascular_rrr, lower, o.horizon_years),
               averted(o.mi_rate, o.mi_rrr, lower, o.horizon_years)};
  return s;
}

}  // namespace coachsim
