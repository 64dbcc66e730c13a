#pragma once
// Running a scenario's replicates in batches, handing each finished batch on in replicate order,
// so `coachsim run` writes replicates to its results file as they finish instead of holding all of
// them: memory does not grow with the replicate count. Only each replicate's end-of-run summary
// (a few numbers per arm) is kept, for the summary across replicates.
#include <cstddef>
#include <functional>
#include <span>
#include <vector>

#include "models/outputs.hpp"
#include "models/params.hpp"
#include "models/summary.hpp"

namespace coachsim::app {

// The end-of-run summaries of every replicate (ReplicateResult::arm_summary and ::summary), packed:
// what summarize() reads, without a ReplicateResult per replicate.
class SummaryRows {
 public:
  // Room for `replicates` rows is reserved at once (no doubling of a large vector).
  SummaryRows(std::size_t arms, std::size_t replicates) : arms_(arms) { values_.reserve(replicates * row_size()); }
  void add(const ReplicateResult& result);
  std::size_t size() const { return values_.size() / row_size(); }
  std::size_t arms() const { return arms_; }
  // Replicate `r` as a ReplicateResult holding only its summaries (into `scratch`).
  void unpack(std::size_t r, ReplicateResult& scratch) const;

 private:
  std::size_t row_size() const { return kArmSummaryCount * arms_ + kReplicateSummaryCount; }
  std::size_t arms_;
  std::vector<double> values_;
};

// The same RunSummary as summarize(params, replicates) on the full results (tests check it).
RunSummary summarize_rows(const ModelParams& params, const SummaryRows& rows);

struct StreamOptions {
  int threads = 0;  // 0 = all cores
  std::function<void(std::size_t)> progress;  // replicates finished so far (never concurrently)
  std::function<void()> between_batches;      // may throw to stop (an interrupt)
};

// Runs replicates 0 .. params.run.replicates - 1 (each exactly as run_replicates does) in batches;
// calls `batch(first, results)` for each batch in replicate order and keeps the summaries.
SummaryRows stream_replicates(const ModelParams& params, const StreamOptions& options,
                              const std::function<void(std::span<const ReplicateResult>)>& batch);

}  // namespace coachsim::app
