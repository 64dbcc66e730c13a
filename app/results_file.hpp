#pragma once
// The single-run results file: one writer owns the layout documented in docs/output.md.
#include <cstddef>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "models/outputs.hpp"
#include "models/params.hpp"
#include "models/summary.hpp"
#include "sim/io/result_file.hpp"

namespace coachsim::app {

// When, where and how a results file was made (shared by runs and sweeps).
struct RunContext {
  std::string start_time, end_time;  // ISO 8601 UTC
  double wall_seconds = 0;
  int threads = 0;  // worker threads, or MPI ranks doing runs
  std::string host;
};

// The build (version, commit, type, compiler) and the run context as root attributes.
sim::io::Attributes build_and_run_attributes(const RunContext& context);

struct Provenance {
  std::string scenario_toml;  // fully resolved: re-running it reproduces the file
  std::string scenario_file;
  RunContext context;
};

std::string utc_now_iso8601();
std::string host_name();

// Writes a run's results into `root` as replicates finish: the constructor creates the dimensions
// and every variable (sized for params.run.replicates), add() writes the next replicates in
// replicate order, finish() writes the root attributes. Memory does not grow with the replicate
// count; the file is the same as writing all replicates at once. Use it only while the root's
// AtomicFile is open.
// The group `economics` of a run's results file: per arm, the means over replicates of costs by
// category and year, life-years and QALYs by year (undiscounted; also of the same patients under
// usual care) and expected first events over the horizon (docs/output.md).
void write_economics(const sim::io::GroupWriter& root, const RunSummary& summary, const ModelParams& params);

// 0, 1, ..., n - 1: the values of an index coordinate (replicate, design).
std::vector<std::int64_t> iota64(std::size_t n);

class RunResultsWriter {
 public:
  RunResultsWriter(const sim::io::GroupWriter& root, const ModelParams& params);
  ~RunResultsWriter();
  RunResultsWriter(const RunResultsWriter&) = delete;
  RunResultsWriter& operator=(const RunResultsWriter&) = delete;

  // The next replicates (batch[0] is replicate written()).
  void add(std::span<const ReplicateResult> batch);
  std::size_t written() const { return written_; }
  // Writes the attributes; every replicate must have been added.
  void finish(const Provenance& provenance);

 private:
  struct Variables;
  sim::io::GroupWriter root_;
  const ModelParams& params_;
  std::unique_ptr<Variables> variables_;
  std::size_t written_ = 0;
};

// Writes dimensions, weekly trajectories, summaries and provenance into `root` (all at once).
void write_results(const sim::io::GroupWriter& root, const ModelParams& params,
                   const std::vector<ReplicateResult>& replicates, const Provenance& provenance);

// Reads back the end-of-run summaries and the weekly mean true HbA1c (the part `coachsim inspect` and
// `check` need). Throws sim::InputError when the file is not a coachsim results file or a variable's shape disagrees
// with its dimensions.
std::vector<ReplicateResult> read_replicate_summaries(const std::filesystem::path& path);
// Throws sim::InputError unless `reader` holds a run results file (Conventions "coachsim-1").
void require_run_results_file(const sim::io::ResultReader& reader, const std::filesystem::path& path);

}  // namespace coachsim::app
