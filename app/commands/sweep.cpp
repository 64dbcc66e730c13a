// coachsim sweep: runs a parameter sweep (docs/sweeps.md) on all cores, over MPI ranks, or one
// shard of it; writes the sweep results file (docs/output.md) or a shard file.
#include <iostream>

#include "app/commands/commands.hpp"
#include "app/results_file.hpp"
#include "app/scenario_input.hpp"
#include "app/sweep/sweep_command.hpp"
#include "app/sweep/sweep_table.hpp"
#include "sim/cli/progress.hpp"
#include "sim/input_error.hpp"
#include "sim/io/text_file.hpp"
#include "sim/sweep/local_runner.hpp"
#ifdef COACHSIM_HAVE_MPI
#include "sim/sweep/mpi_dispatch.hpp"
#endif

namespace coachsim::app {
namespace {

// -o, else results/<sweep>.h5, or results/<sweep>.shard-K-of-N with --shard.
std::filesystem::path output_path(const SweepCommandArgs& args, const sim::sweep::Shard& shard) {
  if (args.shard.empty() || !args.output.output.empty()) return args.output.path_for(args.file);
  const std::string stem = std::filesystem::path(args.file).stem().string();
  return std::filesystem::path("results") /
         (stem + ".shard-" + std::to_string(shard.index) + "-of-" + std::to_string(shard.count));
}

}  // namespace

void report_journal_repairs(std::ostream& err, const SweepJob& job) {
  const std::string journal = job.journal_path().string();
  if (job.restarted()) {
    err << "coachsim: " << journal << ": the journal header was cut short when it was created (no runs in it); "
        << "starting the sweep over\n";
  }
  if (job.damaged_bytes() > 0) {
    err << "coachsim: " << journal << ": skipped " << job.damaged_bytes()
        << " bytes of damaged records; the intact runs around them are kept, the damaged ones run again\n";
  }
  if (job.discarded_bytes() > 0) {
    err << "coachsim: " << journal << ": discarded " << job.discarded_bytes() << " bytes of an unfinished record\n";
  }
}

SweepJobOptions job_options(const SweepCommandArgs& args, const Sweep& sweep) {
  SweepJobOptions options;
  try {
    options.shard = args.shard.empty() ? sim::sweep::Shard{} : sim::sweep::parse_shard(args.shard);
  } catch (const sim::InputError& e) {
    throw sim::InputError(std::string("--shard: ") + e.what());
  }
  options.shard_file = !args.shard.empty();
  options.output = output_path(args, options.shard);
  // Inputs are never outputs, even with --force; the summary follows -o's rules.
  const std::vector<std::filesystem::path> inputs{args.file, sweep.base_file};
  refuse_input_as_output(options.output, inputs, "output");
  refuse_input_as_output(options.output.string() + ".journal", inputs, "the journal of");
  if (!args.resume || !args.summary_json.wanted()) args.summary_json.prepare(args.output.force, inputs);
  else refuse_input_as_output(args.summary_json.destination, inputs, "--summary-json");
  if (options.output.has_parent_path()) std::filesystem::create_directories(options.output.parent_path());
  options.resume = args.resume;
  options.force = args.output.force;
  if (!args.csv.empty()) {
    if (options.shard_file) throw sim::InputError("--csv: a shard has no per-point table; merge the shards first");
    if (!args.resume) prepare_output(args.csv, args.output.force);
  }
  return options;
}

int finish_sweep(const Sweep& sweep, SweepJob& job, SweepOutcome outcome, const SweepCommandArgs& args,
                 const sim::sweep::InterruptGuard& interrupt, const RunClock& clock) {
  outcome.wall_seconds = clock.seconds();
  outcome.runs = job.runs_in_shard();
  outcome.resumed = job.resumed();
  outcome.interrupted = interrupt.requested();
  if (!outcome.interrupted) {
    outcome.tally = job.complete(clock.context(outcome.wall_seconds, outcome.workers));
    outcome.output = job.output().string();
  }
  print_outcome(std::cout, sweep, outcome);
  if (!outcome.interrupted && !outcome.shard_file && args.point_table) {
    const PointTable table = read_point_table(job.output());
    std::cout << "\n";
    print_point_table(std::cout, table);
    if (!args.csv.empty()) {
      sim::io::write_text_atomically(args.csv, point_table_csv(table));
      std::cout << "table: " << args.csv << "\n";
    }
  }
  args.summary_json.write(outcome_json(sweep, outcome));
  if (!outcome.interrupted && !outcome.shard_file && outcome.tally.failed == 0 && args.on_complete) {
    args.on_complete(job.output());
  }
  if (outcome.interrupted) {
    const int signal_number = interrupt.signal_number();
    std::cerr << "interrupted by " << (signal_number == SIGINT ? "SIGINT" : "SIGTERM") << ": "
              << outcome.resumed + outcome.ran_now << " of " << outcome.runs << " runs are in "
              << job.journal_path().string() << "\ncontinue with: coachsim sweep " << args.file << " -o "
              << job.output().string() << (args.shard.empty() ? "" : " --shard " + args.shard) << " --resume\n";
    return 128 + signal_number;
  }
  return outcome.tally.failed > 0 ? kExitFailure : kExitOk;
}

int sweep_locally(const SweepCommandArgs& args) {
  const Sweep sweep = load_sweep(args.file, args.allow_large);
  if (args.plan) {
    print_plan(std::cout, sweep);
    return kExitOk;
  }
  SweepJob job(sweep, job_options(args, sweep));
  report_journal_repairs(std::cerr, job);
  const RunClock clock;
  const int threads = worker_threads(args.threads);
  sim::sweep::InterruptGuard interrupt;
  sim::cli::Progress progress(job.pending().size(), "runs");
  SweepOutcome outcome;
  outcome.shard = job.shard();
  outcome.shard_file = !args.shard.empty();
  outcome.workers = threads;
  std::size_t finished = 0;
  outcome.ran_now = sim::sweep::run_local(
      job.pending(), threads, [&](std::uint64_t run) { return execute_run(sweep, run, args.fail_runs); },
      [&](std::uint64_t, const sim::sweep::Bytes& record) {
        job.record(record);
        progress.update(++finished);
      },
      [&] { return interrupt.requested(); });
  progress.finish();
  return finish_sweep(sweep, job, outcome, args, interrupt, clock);
}

void add_sweep_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<SweepCommandArgs>();
  auto* cmd = app.add_subcommand("sweep", "run a parameter sweep (all cores, MPI ranks, or one shard)");
  cmd->add_option("sweep", args->file, "sweep file (see scenarios/sweeps/)")->required();
  cmd->add_flag("--plan", args->plan, "print the design (points, parameters, runs, design hash) and exit");
  add_output_options(*cmd, args->output, "results file (default results/<sweep>.h5), or the shard file with --shard",
                     "overwrite existing outputs; without --resume, discard a journal");
  add_threads_option(*cmd, args->threads);
  cmd->add_flag("--resume", args->resume, "continue an interrupted sweep from its journal (OUT.journal)");
  cmd->add_option("--shard", args->shard, "run only shard K of N (0-based: runs with id % N == K)");
  add_summary_json_option(*cmd, args->summary_json, "run summary");
  cmd->add_option("--csv", args->csv, "also write the per-point results table as CSV");
  add_allow_large_option(*cmd, args->allow_large);
  cmd->add_option("--fail-run", args->fail_runs, "make this run fail (for testing failure handling)")
      ->group("");  // hidden
  cmd->callback([args, &exit_code] {
#ifdef COACHSIM_HAVE_MPI
    if (!args->plan && sim::sweep::mpi::launched_by_mpi()) {
      exit_code = sweep_with_mpi(*args);
      return;
    }
#endif
    exit_code = guarded([&] { return sweep_locally(*args); });
  });
}

}  // namespace coachsim::app
