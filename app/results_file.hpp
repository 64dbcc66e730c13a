#pragma once
// The single-run results file: one writer owns the layout documented in docs/output.md.
#include <filesystem>
#include <string>
#include <vector>

#include "models/outputs.hpp"
#include "models/params.hpp"
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

// Writes dimensions, weekly trajectories, summaries and provenance into `root`.
void write_results(const sim::io::GroupWriter& root, const ModelParams& params,
                   const std::vector<ReplicateResult>& replicates, const Provenance& provenance);

// Reads back the end-of-run summaries (the part `coachsim inspect` and `check` need).
std::vector<ReplicateResult> read_replicate_summaries(const std::filesystem::path& path);

}  // namespace coachsim::app
