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

// The 95% confidence interval a single trial would report, averaged over replicates.
Interval within_trial(const SummaryInput& input, std::size_t arm) {
  Interval averaged{0, 0, 0, 0, true};
  double* terms[] = {&averaged.mean, &averaged.lo, &averaged.hi};
  for (std::size_t term = 0; term < 3; ++term) {
    double n = 0;
    for (double v : input.within_trial(arm, term)) {
      if (std::isnan(v)) continue;
      *terms[term] += v;
      n += 1;
    }
    averaged.replicates = static_cast<std::size_t>(n);
    *terms[term] = n > 0 ? *terms[term] / n : std::nan("");
  }
  averaged.estimable = averaged.replicates > 0;
  return averaged;
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

RunSummary summarize(const ModelParams& p, const SummaryInput& input) {
  const Interval missing{std::nan(""), std::nan(""), std::nan(""), 0, false};
  const std::size_t least = p.output.min_replicates;
  RunSummary s;
  s.replicates = input.replicates();
  s.min_replicates = least;
  s.overall.fill(missing);
  s.has_contrast = input.has_contrast();
  s.treated = input.treated();
  s.reference = input.reference();
  for (std::size_t a = 0; a < p.arms.size(); ++a) {
    ArmStats arm{p.arms[a].name, p.arms[a].coaching, {}, within_trial(input, a)};
    arm.stat.fill(missing);
    for (const auto& statistic : kStatistics) {
      if (statistic.scope == Scope::Arm) arm[statistic.id] = across_replicates(input.values(statistic.id, a), least);
    }
    s.arms.push_back(arm);
  }
  for (const auto& statistic : kStatistics) {
    if (statistic.scope == Scope::Program || (statistic.scope == Scope::Contrast && s.has_contrast)) {
      s[statistic.id] = across_replicates(input.values(statistic.id), least);
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
  const auto path = input.difference_path();
  const auto& o = p.outcomes;
  const double half_life = p.durability.waning_half_life_weeks;
  s.averted = {averted(o.death_rate, o.death_rrr, path, o.horizon_years, half_life),
               averted(o.microvascular_rate, o.microvascular_rrr, path, o.horizon_years, half_life),
               averted(o.mi_rate, o.mi_rrr, path, o.horizon_years, half_life)};
  return s;
}

RunSummary summarize(const ModelParams& p, const std::vector<ReplicateResult>& reps) {
  SummaryInput input(p);
  for (const auto& r : reps) input.add(r);
  return summarize(p, input);
}

}  // namespace coachsim
