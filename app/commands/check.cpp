// coachsim check: runs scenarios and compares them with published targets (docs/validation.md).
#include <algorithm>
#include <iostream>

#include "app/calibration/check_report.hpp"
#include "app/calibration/targets.hpp"
#include "app/commands/commands.hpp"
#include "app/commands/limits.hpp"
#include "app/commands/options.hpp"
#include "app/scenario_input.hpp"
#include "models/simulation.hpp"
#include "sim/cli/progress.hpp"
#include "sim/input_error.hpp"

namespace coachsim::app {
namespace {

struct CheckArgs {
  std::vector<std::string> files;  // scenario, targets, scenario, targets, ...
  ScenarioOverrides overrides;
  int threads = 0;
  SummaryJson summary_json;
  bool force = false;
  bool allow_large = false;
};

struct Pair {
  std::string scenario_file;
  Scenario scenario;
  TargetsFile targets;
};

// Loads and cross-checks every pair before running any, so bad input fails fast.
std::vector<Pair> load_pairs(const CheckArgs& args) {
  if (args.files.size() % 2 != 0) {
    throw sim::InputError("check takes SCENARIO TARGETS pairs; got an odd number of files");
  }
  const std::vector<std::string> overrides = args.overrides.list();
  std::vector<Pair> pairs;
  for (std::size_t i = 0; i < args.files.size(); i += 2) {
    Scenario scenario = load_scenario(args.files[i], overrides);
    TargetsFile targets = load_targets(args.files[i + 1]);
    check_targets_apply(targets, scenario.params, args.files[i]);
    check_scenario_limits(scenario, args.files[i], args.overrides, worker_threads(args.threads), args.allow_large);
    pairs.push_back({args.files[i], std::move(scenario), std::move(targets)});
  }
  return pairs;
}

int check(const CheckArgs& args) {
  const std::vector<Pair> pairs = load_pairs(args);
  args.summary_json.prepare(args.force, {args.files.begin(), args.files.end()});
  std::vector<CheckHeader> headers;
  std::vector<std::vector<TargetResult>> results;
  std::vector<TargetResult> all;
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const Pair& pair = pairs[i];
    const ModelParams& p = pair.scenario.params;
    sim::cli::Progress progress(p.run.replicates, "replicates");
    RunOptions options;
    options.threads = args.threads;
    options.progress = [&](std::size_t done) { progress.update(done); };
    options.economics = std::any_of(pair.targets.targets.begin(), pair.targets.targets.end(),
                                    [](const TargetSpec& t) { return is_economic(t.statistic); });
    const RunSummary summary = summarize(p, run_replicates(p, options));
    progress.finish();
    headers.push_back({pair.scenario_file, pair.targets.file, pair.targets.source, p.run.seed,
                       p.run.replicates, p.run.followup_week});
    results.push_back(compare(pair.scenario_file, pair.targets, summary));
    if (i > 0) std::cout << "\n";
    print_check(std::cout, headers.back(), results.back());
    all.insert(all.end(), results.back().begin(), results.back().end());
  }
  const FitSummary fit = fit_summary(all);
  if (pairs.size() > 1) print_fit_summary(std::cout, fit);
  if (args.summary_json.wanted()) {
    args.summary_json.write(check_json(headers, results, pairs.size() > 1 ? &fit : nullptr));
  }
  const bool all_pass = std::all_of(all.begin(), all.end(), [](const TargetResult& r) { return r.pass; });
  return all_pass ? kExitOk : kExitFailure;
}

}  // namespace

void add_check_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<CheckArgs>();
  auto* cmd = app.add_subcommand(
      "check", "run scenarios and compare them with published targets; exit 0 only when every target passes");
  cmd->add_option("files", args->files, "SCENARIO TARGETS [SCENARIO TARGETS ...]")->required();
  add_override_options(*cmd, args->overrides, false, " of every scenario");
  add_threads_option(*cmd, args->threads);
  add_summary_json_option(*cmd, args->summary_json, "comparison");
  cmd->add_flag("--force", args->force, "overwrite an existing --summary-json file");
  add_allow_large_option(*cmd, args->allow_large);
  cmd->callback([args, &exit_code] { exit_code = guarded([&] { return check(*args); }); });
}

}  // namespace coachsim::app
