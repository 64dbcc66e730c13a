// coachsim run: runs a scenario, prints the trial-style summary, writes the results file.
#include <iostream>

#include "app/commands/commands.hpp"
#include "app/commands/limits.hpp"
#include "app/commands/options.hpp"
#include "app/commands/run_clock.hpp"
#include "app/delivery_warning.hpp"
#include "app/html_report.hpp"
#include "app/plotting.hpp"
#include "app/profile_report.hpp"
#include "app/report.hpp"
#include "app/results_file.hpp"
#include "app/scenario_input.hpp"
#include "models/simulation.hpp"
#include "sim/cli/progress.hpp"
#include "sim/sweep/interrupt.hpp"

namespace coachsim::app {
namespace {

struct RunArgs {
  std::string scenario;
  OutputOptions output;
  int threads = 0;
  ScenarioOverrides overrides;
  SummaryJson summary_json;
  std::string plot_directory;
  std::string report;
  bool allow_large = false;
  bool profile = false;
};

int run(const RunArgs& args) {
  const std::filesystem::path file = args.scenario.empty() ? default_scenario_path() : std::filesystem::path(args.scenario);
  const Scenario scenario = load_scenario(file, args.overrides.list());
  const ModelParams& p = scenario.params;

  // Too much work, an input as an output and existing outputs are refused before any work is done.
  check_scenario_limits(scenario, file, args.overrides, worker_threads(args.threads), args.allow_large);
  const std::filesystem::path output = args.output.path_for(file);
  args.summary_json.prepare(args.output.force, {file});
  prepare_output(output, args.output.force, {file});
  if (!args.report.empty()) prepare_output(args.report, args.output.force, {file});
  // SIGINT/SIGTERM stop the run between batches of replicates; the temporary file is removed.
  const sim::sweep::InterruptGuard interrupt;
  auto results = sim::io::AtomicFile::create(output, args.output.force);

  const RunClock clock;
  sim::cli::Progress progress(p.run.replicates, "replicates");
  RunOptions options;
  options.threads = args.threads;
  options.progress = [&](std::size_t done) { progress.update(done); };
  options.between_batches = [&] { interrupt.throw_if_requested(); };
  sim::PhaseProfile profile;
  if (args.profile) options.profile = &profile;
  // Replicates go to the file as they finish, in replicate order; only their statistics are kept.
  RunResultsWriter writer(results.root(), p);
  SummaryInput statistics(p);
  run_replicates(p, options, [&](std::span<const ReplicateResult> batch) {
    writer.add(batch);
    for (const auto& r : batch) statistics.add(r);
  });
  interrupt.throw_if_requested();
  progress.finish();
  const Provenance provenance{scenario.loaded.resolved_toml, file.string(),
                              clock.context(clock.seconds(), worker_threads(args.threads))};

  const RunSummary summary = summarize(p, statistics);
  const ReportHeader header = header_of(file.string(), p);
  writer.finish(provenance);
  write_economics(results.root(), summary, p);
  results.commit();
  print_summary(std::cout, header, summary, p);
  for (const auto& warning : delivery_warnings(summary, p)) std::cerr << "coachsim: " << warning << "\n";
  if (args.profile) {
    print_profile(std::cout, profile,
                  static_cast<double>(p.population.enrolled) * p.run.weeks * static_cast<double>(p.run.replicates));
  }
  std::cout << "\nresults: " << output.string() << "  ("
            << sim::cli::Progress::format_duration(provenance.context.wall_seconds) << ")\n";
  args.summary_json.write(summary_json(header, summary, p));
  if (!args.plot_directory.empty()) {
    std::cout.flush();
    plot_results(output, args.plot_directory);
    std::cout << "figures: " << args.plot_directory << "\n";
  }
  if (!args.report.empty()) {
    std::cout.flush();
    write_html_report(output, args.report);
    std::cout << "report: " << args.report << "\n";
  }
  return kExitOk;
}

}  // namespace

void add_run_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<RunArgs>();
  auto* cmd = app.add_subcommand("run", "run a scenario and print its trial-style summary");
  cmd->add_option("scenario", args->scenario, "scenario file (default: scenarios/default.toml, the Thom 2013 trial)");
  add_output_options(*cmd, args->output, "results file (default: results/<scenario>.h5)",
                     "overwrite existing output files");
  add_threads_option(*cmd, args->threads);
  add_override_options(*cmd, args->overrides, true);
  add_allow_large_option(*cmd, args->allow_large);
  add_summary_json_option(*cmd, args->summary_json, "summary");
  cmd->add_option("--plot", args->plot_directory, "also draw the figure set into this directory (needs Python)");
  cmd->add_option("--report", args->report, "also write a one-page HTML report (needs Python)");
  cmd->add_flag("--profile", args->profile, "also print where the time went, phase by phase");
  cmd->callback([args, &exit_code] { exit_code = guarded([&] { return run(*args); }); });
}

}  // namespace coachsim::app
