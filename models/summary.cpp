#include "models/summary.hpp"

#include <algorithm>
#include <utility>
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

CostEffectiveness cost_effectiveness(const ModelParams& p, const SummaryInput& input, const ArmStats& arm,
                                     std::size_t a, const EconomicsByYear& by_year) {
  CostEffectiveness ce;
  ce.arm = a;
  const std::size_t least = p.output.min_replicates;
  const Interval& cost = arm[Statistic::IncrementalCost];
  const Interval& qalys = arm[Statistic::IncrementalQalys];
  ce.verdict = verdict_of(cost, qalys);
  const auto dc = input.values(Statistic::IncrementalCost, a), dq = input.values(Statistic::IncrementalQalys, a);
  const double nan = std::nan("");
  ce.icer = {nan, nan, nan, cost.replicates, false};
  if (ce.verdict == Verdict::Ratio || ce.verdict == Verdict::CostSaving || ce.verdict == Verdict::SavesAtLoss) {
    const bool gains = ce.verdict != Verdict::SavesAtLoss;
    std::vector<double> ratios;
    ratios.reserve(dc.size());
    for (std::size_t r = 0; r < dc.size(); ++r) {
      if (std::isnan(dc[r]) || std::isnan(dq[r])) continue;
      // A replicate on the other side of zero has no finite ratio: it counts as the far end.
      const double far = gains == (dc[r] >= 0) ? HUGE_VAL : -HUGE_VAL;
      ratios.push_back(dq[r] == 0 || (dq[r] > 0) != gains ? far : dc[r] / dq[r]);
    }
    ce.icer = across_replicates(std::move(ratios), least);
    ce.icer.mean = cost.mean / qalys.mean;
  }
  ce.wtp = {p.economics.wtp_low, p.economics.wtp_mid, p.economics.wtp_high};
  for (std::size_t k = 0; k < kWtpThresholds; ++k) {
    std::vector<double> nmb;
    nmb.reserve(dc.size());
    double positive = 0, n = 0;
    for (std::size_t r = 0; r < dc.size(); ++r) {
      const double v = ce.wtp[k] * dq[r] - dc[r];
      nmb.push_back(v);
      if (std::isnan(v)) continue;
      n += 1;
      positive += v > 0;
    }
    ce.net_monetary_benefit[k] = across_replicates(std::move(nmb), least);
    ce.probability_cost_effective[k] = n > 0 ? positive / n : nan;
  }
  if (a < by_year.arms.size()) {
    for (std::size_t c = 0; c < kComplicationCount; ++c) {
      ce.events_averted_per_1000[c] = 1000.0 * (by_year.usual_care[a].events[c] - by_year.arms[a].events[c]);
    }
  }
  return ce;
}

}  // namespace

Verdict verdict_of(const Interval& cost, const Interval& qalys) {
  if (!cost.estimable || !qalys.estimable) return Verdict::NotEstimable;
  if (qalys.lo > 0) {
    if (cost.hi < 0) return Verdict::Dominant;
    return cost.mean <= 0 ? Verdict::CostSaving : Verdict::Ratio;
  }
  if (qalys.hi < 0) {
    if (cost.lo > 0) return Verdict::Dominated;
    if (cost.hi < 0) return Verdict::SavesAtLoss;
  }
  return Verdict::NotEstimable;
}

const char* verdict_name(Verdict verdict) {
  switch (verdict) {
    case Verdict::Ratio: return "ratio";
    case Verdict::Dominant: return "dominant";
    case Verdict::CostSaving: return "cost-saving on average";
    case Verdict::Dominated: return "dominated";
    case Verdict::SavesAtLoss: return "saves at a loss of health";
    case Verdict::NotEstimable: return "not estimable";
  }
  return "";
}

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
    ArmStats arm{p.arms[a].name, p.arms[a].coached(), {}, within_trial(input, a)};
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

  s.by_year = {input.mean_projection(false), input.mean_projection(true)};
  for (std::size_t a = 0; a < p.arms.size(); ++a) {
    if (p.arms[a].coached()) s.cost_effectiveness.push_back(cost_effectiveness(p, input, s.arms[a], a, s.by_year));
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
  return s;
}

RunSummary summarize(const ModelParams& p, const std::vector<ReplicateResult>& reps) {
  SummaryInput input(p);
  for (const auto& r : reps) input.add(r);
  return summarize(p, input);
}

}  // namespace coachsim
