#include "app/replicate_stream.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <mutex>

#include "models/simulation.hpp"
#include "models/statistics.hpp"

namespace coachsim::app {
namespace {

// As run_replicates: below this many patients replicates run in parallel with serial phases,
// above it phases run in parallel within each replicate (results are identical either way).
constexpr std::size_t kParallelPhasesFrom = 20000;
// Replicates in flight per worker thread: enough to keep every thread busy, few enough that a
// batch's weekly series stay small (about 15 kB per replicate for the default scenario).
constexpr std::size_t kBatchPerThread = 8;

// The within-trial confidence interval of an arm, averaged over replicates (as summarize()).
Interval within_trial(const SummaryRows& rows, std::size_t arm, ReplicateResult& scratch) {
  double lo = 0, hi = 0, mean = 0, n = 0;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    rows.unpack(r, scratch);
    const double completed = scratch.arm_summary[kCompleted][arm];
    const double change = scratch.arm_summary[kChangeMean][arm];
    const double sd = scratch.arm_summary[kChangeSd][arm];
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

Interval across(const StatisticInfo& statistic, const SummaryRows& rows, StatisticSite site, ReplicateResult& scratch) {
  std::vector<double> values;
  values.reserve(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    rows.unpack(r, scratch);
    values.push_back(statistic.value(scratch, statistic, site));
  }
  return across_replicates(std::move(values));
}

double averted(double rate_per_1000, double rrr, double difference, double years) {
  return rate_per_1000 * years * (1.0 - std::pow(1.0 - rrr, difference));
}

}  // namespace

void SummaryRows::add(const ReplicateResult& result) {
  for (const auto& series : result.arm_summary) {
    for (std::size_t arm = 0; arm < arms_; ++arm) values_.push_back(series.at(arm));
  }
  values_.insert(values_.end(), result.summary.begin(), result.summary.end());
}

void SummaryRows::unpack(std::size_t r, ReplicateResult& scratch) const {
  const double* row = values_.data() + r * row_size();
  scratch.arms = arms_;
  for (auto& series : scratch.arm_summary) {
    series.assign(row, row + arms_);
    row += arms_;
  }
  std::copy_n(row, kReplicateSummaryCount, scratch.summary.begin());
}

RunSummary summarize_rows(const ModelParams& p, const SummaryRows& rows) {
  // Mirrors models/summary.cpp summarize(), one statistic at a time over the packed rows.
  const Interval missing{std::nan(""), std::nan(""), std::nan("")};
  ReplicateResult scratch;
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
    ArmStats arm{p.arms[a].name, p.arms[a].coaching, {}, within_trial(rows, a, scratch)};
    arm.stat.fill(missing);
    for (const auto& statistic : kStatistics) {
      if (statistic.scope == Scope::Arm) arm[statistic.id] = across(statistic, rows, {a, 0}, scratch);
    }
    s.arms.push_back(arm);
  }
  for (const auto& statistic : kStatistics) {
    if (statistic.scope == Scope::Program || (statistic.scope == Scope::Contrast && s.has_contrast)) {
      s[statistic.id] = across(statistic, rows, {s.treated, s.reference}, scratch);
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

SummaryRows stream_replicates(const ModelParams& params, const StreamOptions& options,
                              const std::function<void(std::span<const ReplicateResult>)>& batch) {
  const std::size_t count = params.run.replicates;
  SummaryRows rows(params.arms.size(), count);
  const sim::Executor parallel(sim::ExecutionMode::Parallel, options.threads);
  const sim::Executor serial(sim::ExecutionMode::Serial);
  const bool parallel_phases = params.population.enrolled >= kParallelPhasesFrom;
  const std::size_t batch_size =
      parallel_phases ? 1 : kBatchPerThread * static_cast<std::size_t>(std::max(parallel.threads(), 1));
  std::vector<ReplicateResult> results;
  std::mutex progress_mutex;
  std::size_t finished = 0;
  auto report = [&] {
    if (!options.progress) return;
    const std::lock_guard lock(progress_mutex);
    options.progress(++finished);
  };
  for (std::size_t first = 0; first < count; first += batch_size) {
    if (options.between_batches) options.between_batches();
    const std::size_t n = std::min(batch_size, count - first);
    results.assign(n, ReplicateResult{});
    if (parallel_phases) {
      results[0] = run_replicate(params, static_cast<std::uint32_t>(first), parallel);
      report();
    } else {
      parallel.run_isolated([&] {
        tbb::parallel_for(std::size_t{0}, n, [&](std::size_t i) {
          results[i] = run_replicate(params, static_cast<std::uint32_t>(first + i), serial);
          report();
        });
      });
    }
    for (const auto& r : results) rows.add(r);
    batch(results);
  }
  return rows;
}

}  // namespace coachsim::app
