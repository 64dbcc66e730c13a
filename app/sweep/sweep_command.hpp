#pragma once
// `coachsim sweep`: the command's arguments and its local (threads) and MPI drivers.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "app/commands/options.hpp"
#include "app/commands/run_clock.hpp"
#include "app/sweep/sweep.hpp"
#include "app/sweep/sweep_job.hpp"
#include "app/sweep/sweep_report.hpp"
#include "sim/sweep/interrupt.hpp"

namespace coachsim::app {

struct SweepCommandArgs {
  std::string file;
  OutputOptions output;
  int threads = 0;
  bool plan = false;
  bool resume = false;
  std::string shard;  // "K/N" or ""
  SummaryJson summary_json;
  std::string csv;  // the per-point results table as CSV ("" = none)
  bool point_table = true;  // print the per-point results table at the end
  // Called with the results file once it is complete and every run succeeded (rank 0 under MPI):
  // `coachsim psa` reports from it.
  std::function<void(const std::filesystem::path&)> on_complete;
  bool allow_large = false;
  std::vector<std::uint64_t> fail_runs;  // testing: runs that fail on purpose
};

// Output path (default results/<sweep>.h5, or results/<sweep>.shard-K-of-N) and shard; refuses
// an output (or --summary-json) that is one of the sweep's inputs, and an existing --summary-json
// without --force (with --resume, an interrupted run's summary may be replaced).
SweepJobOptions job_options(const SweepCommandArgs& args, const Sweep& sweep);

// What resuming repaired in the journal (a header cut short, damaged records, a torn tail).
void report_journal_repairs(std::ostream& err, const SweepJob& job);

// Runs the pending runs on this machine's cores. Returns the exit status.
int sweep_locally(const SweepCommandArgs& args);

// Rank 0 hands runs to the other ranks (built with MPI only). Returns this rank's exit status.
int sweep_with_mpi(const SweepCommandArgs& args);

// After the runs (timed by `clock` from their start): writes the output (unless interrupted),
// prints the outcome and the JSON summary, and returns the exit status (0, 1 when runs failed,
// 128 + signal when interrupted).
int finish_sweep(const Sweep& sweep, SweepJob& job, SweepOutcome outcome, const SweepCommandArgs& args,
                 const sim::sweep::InterruptGuard& interrupt, const RunClock& clock);

}  // namespace coachsim::app
