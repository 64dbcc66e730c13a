// coachsim explain: how much of the arm difference each pathway carries. Every design is the
// scenario with some pathways switched off (models/pathways.hpp), run on the scenario's seed and
// replicates: common random numbers, the machinery of coachsim compare, so per replicate the parts
// are exact paired differences (app/explain/decomposition.hpp).
#include <algorithm>
#include <iostream>

#include "app/commands/commands.hpp"
#include "app/commands/limits.hpp"
#include "app/commands/options.hpp"
#include "app/commands/run_clock.hpp"
#include "app/explain/explain_file.hpp"
#include "app/scenario_input.hpp"
#include "sim/cli/progress.hpp"
#include "sim/input_error.hpp"

namespace coachsim::app {
namespace {

struct ExplainArgs {
  std::string scenario;
  std::string method = "shapley";
  OutputOptions output;
  int threads = 0;
  ScenarioOverrides overrides;
  SummaryJson summary_json;
  bool allow_large = false;
};

int explain(const ExplainArgs& args) {
  const std::filesystem::path file = args.scenario.empty() ? default_scenario_path() : std::filesystem::path(args.scenario);
  const Method method = method_from_name(args.method);
  const Scenario base = load_scenario(file, args.overrides.list());
  const std::size_t designs = designs_of(method, kPathwayCount).size();
  // Every design runs the scenario's replicates: the work is theirs times the designs.
  check_scenario_limits(base, file, args.overrides, worker_threads(args.threads), args.allow_large,
                        {static_cast<double>(designs), "designs", "--method", {}, static_cast<double>(designs)});
  const std::filesystem::path output = args.output.path_for(std::filesystem::path(file.stem().string() + "-explain.h5"));
  args.summary_json.prepare(args.output.force, {file});
  prepare_output(output, args.output.force, {file});
  auto results = sim::io::AtomicFile::create(output, args.output.force);

  const RunClock clock;
  sim::cli::Progress progress(static_cast<std::size_t>(base.params.run.replicates) * designs, "replicates");
  // The user's overrides, then the switches, then the base seed and replicates for every design.
  auto load = [&](const std::vector<std::string>& switches) {
    std::vector<std::string> overrides = args.overrides.list();
    overrides.insert(overrides.end(), switches.begin(), switches.end());
    overrides.push_back("run.seed=" + std::to_string(base.params.run.seed));
    overrides.push_back("run.replicates=" + std::to_string(base.params.run.replicates));
    return load_scenario(file, overrides);
  };
  Decomposition d = decompose(method, load, args.threads, [&](std::size_t done) { progress.update(done); });
  d.scenario = file.string();
  progress.finish();
  const double seconds = clock.seconds();
  write_decomposition(results.root(), d, base.loaded.resolved_toml, clock.context(seconds, worker_threads(args.threads)));
  results.commit();

  print_decomposition(std::cout, d);
  std::cout << "\nresults: " << output.string() << "  (" << sim::cli::Progress::format_duration(seconds) << ")\n";
  args.summary_json.write(decomposition_json(d));
  return kExitOk;
}

}  // namespace

void add_explain_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ExplainArgs>();
  auto* cmd = app.add_subcommand(
      "explain", "decompose the arm difference into the pathways that carry it (common random numbers)");
  cmd->add_option("scenario", args->scenario, "scenario file (default: scenarios/default.toml, the Thom 2013 trial)");
  cmd->add_option("--method", args->method,
                  "shapley (every subset of pathways, 2^n designs; order-free) or sequential (n + 1 designs, in the "
                  "listed order)")
      ->capture_default_str();
  add_output_options(*cmd, args->output, "results file (default: results/<scenario>-explain.h5)");
  add_threads_option(*cmd, args->threads);
  add_override_options(*cmd, args->overrides, true);
  add_allow_large_option(*cmd, args->allow_large);
  add_summary_json_option(*cmd, args->summary_json, "decomposition");
  cmd->callback([args, &exit_code] { exit_code = guarded([&] { return explain(*args); }); });
}

}  // namespace coachsim::app
