// coachsim run: runs a scenario, prints the trial-style summary, writes the results file.
#include <iostream>
#include <thread>

#include "app/commands/commands.hpp"
#include "app/plotting.hpp"
#include "app/report.hpp"
#include "app/results_file.hpp"
#include "app/scenario_input.hpp"
#include "models/simulation.hpp"
#include "sim/cli/progress.hpp"
#include "sim/io/text_file.hpp"

namespace coachsim::app {
namespace {

struct RunArgs {
  std::string scenario;
  std::string output;
  int threads = 0;
  std::int64_t replicates = -1;
  std::int64_t seed = -1;
  std::vector<std::string> sets;
  std::string summary_json;
  std::string plot_directory;
  bool force = false;
};

int run(const RunArgs& args) {
  const std::filesystem::path file = args.scenario.empty() ? default_scenario_path() : std::filesystem::path(args.scenario);
  std::vector<std::string> overrides = args.sets;
  if (args.replicates >= 0) overrides.push_back("run.replicates=" + std::to_string(args.replicates));
  if (args.seed >= 0) overrides.push_back("run.seed=" + std::to_string(args.seed));
  const Scenario scenario = load_scenario(file, overrides);
  const ModelParams& p = scenario.params;

  const std::filesystem::path output =
      args.output.empty() ? std::filesystem::path("results") / (file.stem().string() + ".h5") : std::filesystem::path(args.output);
  // Existing outputs are refused before any work is done.
  for (const std::filesystem::path& path : {output, std::filesystem::path(args.summary_json)}) {
    if (!path.empty() && std::filesystem::exists(path) && !args.force) {
      throw std::invalid_argument(path.string() + " exists; pass --force to overwrite");
    }
  }
  if (output.has_parent_path()) std::filesystem::create_directories(output.parent_path());
  auto results = sim::io::AtomicFile::create(output, args.force);

  Provenance provenance{scenario.loaded.resolved_toml, file.string(),
                        {utc_now_iso8601(), "", 0,
                         args.threads > 0 ? args.threads : static_cast<int>(std::thread::hardware_concurrency()),
                         host_name()}};
  const auto start = std::chrono::steady_clock::now();
  sim::cli::Progress progress(p.run.replicates, "replicates");
  RunOptions options;
  options.threads = args.threads;
  options.progress = [&](std::size_t done) { progress.update(done); };
  const auto replicates = run_replicates(p, options);
  progress.finish();
  provenance.context.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  provenance.context.end_time = utc_now_iso8601();

  const RunSummary summary = summarize(p, replicates);
  const ReportHeader header = header_of(file.string(), p);
  write_results(results.root(), p, replicates, provenance);
  results.commit();
  if (!args.summary_json.empty()) sim::io::write_text_atomically(args.summary_json, summary_json(header, summary, p));
  print_summary(std::cout, header, summary, p);
  std::cout << "\nresults: " << output.string() << "  (" << sim::cli::Progress::format_duration(provenance.context.wall_seconds)
            << ")\n";
  if (!args.plot_directory.empty()) {
    std::cout.flush();
    plot_results(output, args.plot_directory);
    std::cout << "figures: " << args.plot_directory << "\n";
  }
  return kExitOk;
}

}  // namespace

void add_run_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<RunArgs>();
  auto* cmd = app.add_subcommand("run", "run a scenario and print its trial-style summary");
  cmd->add_option("scenario", args->scenario, "scenario file (default: scenarios/default.toml, the Thom 2013 trial)");
  cmd->add_option("-o,--output", args->output, "results file (default: results/<scenario>.h5)");
  cmd->add_option("--threads", args->threads, "worker threads (default: all cores)")->check(CLI::NonNegativeNumber);
  cmd->add_option("--replicates", args->replicates, "override run.replicates");
  cmd->add_option("--seed", args->seed, "override run.seed");
  cmd->add_option("--set", args->sets, "override a parameter: --set key.path=value (repeatable)");
  cmd->add_option("--summary-json", args->summary_json, "also write the summary as JSON");
  cmd->add_option("--plot", args->plot_directory, "also draw the figure set into this directory (needs Python)");
  cmd->add_flag("--force", args->force, "overwrite existing output files");
  cmd->callback([args, &exit_code] { exit_code = guarded([&] { return run(*args); }); });
}

}  // namespace coachsim::app
