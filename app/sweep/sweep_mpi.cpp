// `mpirun -n N coachsim sweep ...`: rank 0 loads the sweep, owns the journal and hands runs out
// one at a time; ranks 1..N-1 run them and send each record back. Built only with MPI.
#include <iostream>
#include <optional>

#include "app/commands/commands.hpp"
#include "app/results_file.hpp"
#include "app/scenario_input.hpp"
#include "app/sweep/sweep_command.hpp"
#include "sim/cli/progress.hpp"
#include "sim/sweep/mpi_dispatch.hpp"

namespace coachsim::app {
namespace {

namespace mpi = sim::sweep::mpi;
constexpr int kProceed = -1;  // broadcast by rank 0 when the sweep can start

int coordinate_sweep(const SweepCommandArgs& args, int ranks) {
  std::optional<Sweep> sweep;
  std::optional<SweepJob> job;
  const int status = guarded([&] {
    sweep.emplace(load_sweep(args.file, args.allow_large));
    job.emplace(*sweep, job_options(args, *sweep));
    report_journal_repairs(std::cerr, *job);
    return kProceed;
  });
  if (mpi::broadcast(status) != kProceed) return status;
  mpi::broadcast(sweep->text);
  mpi::broadcast(sweep->file);
  mpi::broadcast(sweep->base_toml);
  const RunClock clock;
  sim::sweep::InterruptGuard interrupt;
  sim::cli::Progress progress(job->pending().size(), "runs");
  SweepOutcome outcome;
  outcome.shard = job->shard();
  outcome.shard_file = !args.shard.empty();
  outcome.workers = ranks - 1;
  std::size_t finished = 0;
  try {
    outcome.ran_now = mpi::coordinate(
        job->pending(),
        [&](std::uint64_t, const sim::sweep::Bytes& record) {
          job->record(record);
          progress.update(++finished);
        },
        [&] { return interrupt.requested(); });
  } catch (const std::exception& e) {
    std::cerr << "coachsim: error on rank 0: " << e.what() << "\n";
    mpi::abort_all(kExitFailure);
  }
  progress.finish();
  return guarded([&] { return finish_sweep(*sweep, *job, outcome, args, interrupt, clock); });
}

int serve_sweep(const SweepCommandArgs& args) {
  if (mpi::broadcast(0) != kProceed) return kExitOk;  // rank 0 reports the problem
  const std::string text = mpi::broadcast(std::string());
  const std::string file = mpi::broadcast(std::string());
  const std::string base_toml = mpi::broadcast(std::string());
  // Runs keep going on a signal: rank 0 decides when to stop handing them out.
  const sim::sweep::InterruptGuard interrupt;
  try {
    const Sweep sweep = load_recorded_sweep(text, file, base_toml);
    mpi::serve([&](std::uint64_t run) { return execute_run(sweep, run, args.fail_runs); });
  } catch (const std::exception& e) {
    std::cerr << "coachsim: error on a worker rank: " << e.what() << "\n";
    mpi::abort_all(kExitFailure);
  }
  return kExitOk;
}

}  // namespace

int sweep_with_mpi(const SweepCommandArgs& args) {
  const mpi::Session session;
  if (session.size() == 1) return guarded([&] { return sweep_locally(args); });
  return session.rank() == 0 ? coordinate_sweep(args, session.size()) : serve_sweep(args);
}

}  // namespace coachsim::app
