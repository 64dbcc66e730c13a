// coachsim compare: runs two or more designs on the same seed and replicates (common random
// numbers), prints them side by side with the paired differences to the first, and writes one
// compare results file with a `design` dimension.
#include <iostream>
#include <set>

#include "app/compare/compare_file.hpp"
#include "app/commands/commands.hpp"
#include "app/commands/limits.hpp"
#include "app/commands/options.hpp"
#include "app/commands/run_clock.hpp"
#include "app/plotting.hpp"
#include "app/scenario_input.hpp"
#include "models/simulation.hpp"
#include "sim/cli/progress.hpp"
#include "sim/input_error.hpp"
#include "sim/io/text_file.hpp"

namespace coachsim::app {
namespace {

struct CompareArgs {
  std::vector<std::string> designs;
  OutputOptions output;
  int threads = 0;
  ScenarioOverrides overrides;
  SummaryJson summary_json;
  std::string csv;
  std::string plot_directory;
  bool allow_large = false;
};

// results/<first>-vs-<second>[-...].h5 unless -o is given.
std::filesystem::path output_path(const CompareArgs& args) {
  if (!args.output.output.empty()) return args.output.output;
  std::string stem;
  for (const auto& d : args.designs) stem += (stem.empty() ? "" : "-vs-") + std::filesystem::path(d).stem().string();
  return std::filesystem::path("results") / (stem + ".h5");
}

// The arms every design must share, and their coached and usual-care indices.
void check_same_shape(const ModelParams& first, const ModelParams& other, const std::string& file) {
  bool same = first.arms.size() == other.arms.size() && first.run.weeks == other.run.weeks &&
              first.run.followup_week == other.run.followup_week;
  for (std::size_t a = 0; same && a < first.arms.size(); ++a) {
    same = first.arms[a].name == other.arms[a].name && first.arms[a].intervention == other.arms[a].intervention;
  }
  if (!same) {
    throw sim::InputError(file + ": compared designs need the same arms (names and coaching), run.weeks and "
                                 "run.followup_week as the first design");
  }
}

int compare(const CompareArgs& args) {
  if (args.designs.size() < 2) throw sim::InputError("compare needs at least two scenario files");
  // Every design on the first design's seed and replicates unless --seed / --replicates say otherwise.
  std::vector<Scenario> scenarios;
  scenarios.push_back(load_scenario(args.designs.front(), args.overrides.list()));
  std::vector<std::string> shared = args.overrides.list();
  shared.push_back("run.seed=" + std::to_string(scenarios.front().params.run.seed));
  shared.push_back("run.replicates=" + std::to_string(scenarios.front().params.run.replicates));
  for (std::size_t d = 1; d < args.designs.size(); ++d) {
    scenarios.push_back(load_scenario(args.designs[d], shared));
    check_same_shape(scenarios.front().params, scenarios.back().params, args.designs[d]);
  }
  const ModelParams& first = scenarios.front().params;
  const auto treated = std::find_if(first.arms.begin(), first.arms.end(), [](const ArmParams& a) { return a.coached(); });
  const auto reference = std::find_if(first.arms.begin(), first.arms.end(), [](const ArmParams& a) { return !a.coached(); });
  if (treated == first.arms.end() || reference == first.arms.end()) {
    throw sim::InputError(args.designs.front() + ": compare needs a coached and an uncoached arm");
  }

  for (std::size_t d = 0; d < scenarios.size(); ++d) {
    check_scenario_limits(scenarios[d], args.designs[d], args.overrides, worker_threads(args.threads),
                          args.allow_large);
  }

  const std::filesystem::path output = output_path(args);
  const std::vector<std::filesystem::path> inputs(args.designs.begin(), args.designs.end());
  args.summary_json.prepare(args.output.force, inputs);
  if (!args.csv.empty()) prepare_output(args.csv, args.output.force, inputs);
  prepare_output(output, args.output.force, inputs);
  auto results = sim::io::AtomicFile::create(output, args.output.force);

  Comparison c;
  c.treated = treated->name;
  c.reference = reference->name;
  c.seed = first.run.seed;
  c.replicates = first.run.replicates;
  c.weeks = first.run.weeks;
  c.followup_week = first.run.followup_week;
  c.min_replicates = first.output.min_replicates;
  const auto t = static_cast<std::size_t>(treated - first.arms.begin());
  const auto u = static_cast<std::size_t>(reference - first.arms.begin());

  const RunClock clock;
  sim::cli::Progress progress(static_cast<std::size_t>(c.replicates) * scenarios.size(), "replicates");
  std::vector<std::vector<ReplicateResult>> runs;
  std::set<std::string> taken;
  for (std::size_t d = 0; d < scenarios.size(); ++d) {
    RunOptions options;
    options.threads = args.threads;
    const std::size_t before = d * c.replicates;
    options.progress = [&](std::size_t done) { progress.update(before + done); };
    runs.push_back(run_replicates(scenarios[d].params, options));
    std::string name = std::filesystem::path(args.designs[d]).stem().string();
    for (int n = 2; taken.contains(name); ++n) name = std::filesystem::path(args.designs[d]).stem().string() + "_" + std::to_string(n);
    taken.insert(name);
    Design design{name, scenarios[d].loaded.title.empty() ? name : scenarios[d].loaded.title, args.designs[d],
                  scenarios[d].loaded.resolved_toml, {}};
    for (const auto& column : kCompareColumns) design.values.push_back(column_values(column, runs.back(), t, u));
    c.designs.push_back(std::move(design));
  }
  progress.finish();
  const double seconds = clock.seconds();
  write_comparison(results.root(), c, first, runs, clock.context(seconds, worker_threads(args.threads)));
  results.commit();

  print_comparison(std::cout, c);
  std::cout << "\nresults: " << output.string() << "  (" << sim::cli::Progress::format_duration(seconds) << ")\n";
  args.summary_json.write(comparison_json(c));
  if (!args.csv.empty()) {
    sim::io::write_text_atomically(args.csv, comparison_csv(c));
    std::cout << "table: " << args.csv << "\n";
  }
  if (!args.plot_directory.empty()) {
    std::cout.flush();
    plot_results(output, args.plot_directory);
    std::cout << "figures: " << args.plot_directory << "\n";
  }
  return kExitOk;
}

}  // namespace

void add_compare_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<CompareArgs>();
  auto* cmd = app.add_subcommand(
      "compare", "run designs on the same people (common random numbers) and compare them side by side");
  cmd->add_option("designs", args->designs, "two or more scenario files; the first is the reference")->required();
  add_output_options(*cmd, args->output, "results file (default: results/<A>-vs-<B>.h5)",
                     "overwrite existing output files");
  add_threads_option(*cmd, args->threads);
  add_override_options(*cmd, args->overrides, true, " of every design (default: the first design's)");
  add_summary_json_option(*cmd, args->summary_json, "comparison");
  cmd->add_option("--csv", args->csv, "also write the comparison table as CSV");
  cmd->add_option("--plot", args->plot_directory, "also draw the comparison figures into this directory (needs Python)");
  add_allow_large_option(*cmd, args->allow_large);
  cmd->callback([args, &exit_code] { exit_code = guarded([&] { return compare(*args); }); });
}

}  // namespace coachsim::app
