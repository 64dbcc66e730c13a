// coachsim calibrate: fits free scenario parameters to published targets (docs/validation.md).
#include <cmath>
#include <cstdio>
#include <iostream>

#include "app/calibration/calibration_file.hpp"
#include "app/calibration/calibration_output.hpp"
#include "app/calibration/model_objective.hpp"
#include "app/calibration/targets.hpp"
#include "app/commands/commands.hpp"
#include "app/commands/limits.hpp"
#include "app/commands/options.hpp"
#include "app/commands/run_clock.hpp"
#include "app/results_file.hpp"
#include "app/scenario_input.hpp"
#include "sim/cli/progress.hpp"
#include "sim/sweep/interrupt.hpp"

namespace coachsim::app {
namespace {

using sim::calibration::Evaluation;

struct CalibrateArgs {
  std::string file;
  OutputOptions output;
  int threads = 0;
  bool allow_large = false;
};

// Evaluations x replicates x patients x weeks, located at the calibration key that drives it.
void check_calibration_limits(const CalibrationSpec& spec, const Scenario& scenario, bool allow_large) {
  if (allow_large) return;
  const auto& s = spec.search;
  const double global = static_cast<double>(s.global_points);
  const double local = static_cast<double>(s.local_starts) * static_cast<double>(s.local_evaluations);
  const std::string search_key = global >= local ? "search.global_points" : "search.local_evaluations";
  const Factor evaluations{global + local, "evaluations", search_key, locate_key(spec.file, search_key), 164};
  const Factor replicates{static_cast<double>(spec.replicates), "replicates", "search.replicates",
                          locate_key(spec.file, "search.replicates"), 50};
  const std::string scenario_file = spec.scenario.string();
  const Factor patients{static_cast<double>(scenario.params.population.enrolled), "patients", "population.enrolled",
                        locate_key(scenario_file, "population.enrolled"), 299};
  const Factor weeks{static_cast<double>(scenario.params.run.weeks), "weeks", "run.weeks",
                     locate_key(scenario_file, "run.weeks"), 26};
  enforce(product_estimate("the calibration " + spec.file, "patient-weeks", {evaluations, replicates, patients, weeks},
                           kMaxPatientWeeks),
          false, spec.file);
}

std::string point_text(const CalibrationSpec& spec, const std::vector<double>& x) {
  std::string text;
  for (std::size_t i = 0; i < x.size() && i < spec.parameters.size(); ++i) {
    text += (i == 0 ? "" : " ") + spec.parameters[i].name + "=" + toml_real(x[i]);
  }
  return text;
}

void print_plan(std::ostream& out, const CalibrationSpec& spec, const TargetsFile& targets, int threads) {
  out << "coachsim calibrate: " << spec.file << "\n"
      << "scenario " << spec.scenario.string() << ", targets " << spec.targets.string() << " ("
      << targets.targets.size() << " targets; " << targets.source << ")\n"
      << spec.parameters.size() << " free parameters:\n";
  for (const auto& p : spec.parameters) {
    out << "  " << p.name << " in [" << toml_real(p.min) << ", " << toml_real(p.max) << "]";
    if (p.prior)
      out << ", prior normal(" << toml_real(p.prior->mean) << ", " << toml_real(p.prior->sd) << ")";
    out << "\n";
  }
  const auto& s = spec.search;
  out << "search: " << s.global_points << " Sobol points, then " << s.local_starts << " x "
      << sim::calibration::algorithm_name(s.algorithm) << " (" << s.local_evaluations
      << " evaluations each); " << spec.replicates << " replicates per evaluation, seed " << spec.seed << ", "
      << threads << " threads\n\n";
}

// One line per evaluation; the best point is shown when it changes.
void print_progress(const CalibrationSpec& spec, const Evaluation& latest, const Evaluation& best,
                    std::size_t done, std::size_t budget) {
  char head[128];
  std::snprintf(head, sizeof head, "[%4zu/%4zu] %-6s loss %10.4g | best %10.4g", done, budget,
                latest.stage == sim::calibration::Stage::Global ? "global" : "local", latest.loss, best.loss);
  std::cout << head;
  if (&latest == &best) std::cout << " (new) at " << point_text(spec, best.x);
  std::cout << std::endl;
}

void print_best(std::ostream& out, const ModelObjective& objective, const Evaluation& best) {
  out << "\nbest loss " << toml_real(best.loss) << "; per target (z = (simulated - observed) / se):\n";
  char line[256];
  std::snprintf(line, sizeof line, "  %-32s %10s %10s %10s %8s\n", "target", "observed", "se", "simulated",
                "z");
  out << line;
  const auto& targets = objective.targets().targets;
  for (std::size_t i = 0; i < targets.size() && i < best.outputs.size(); ++i) {
    const auto& t = targets[i];
    std::snprintf(line, sizeof line, "  %-32s %10.4f %10.4f %10.4f %+8.2f\n", t.name.c_str(), t.observed,
                  t.se, best.outputs[i], (best.outputs[i] - t.observed) / t.se);
    out << line;
  }
}

int calibrate(const CalibrateArgs& args) {
  const std::filesystem::path file = args.file;
  const CalibrationSpec spec = load_calibration(file, scenario_schema());
  const Scenario scenario = load_scenario(spec.scenario, {});
  TargetsFile targets = load_targets(spec.targets);
  check_targets_apply(targets, scenario.params, spec.scenario.string());
  check_calibration_limits(spec, scenario, args.allow_large);
  const std::filesystem::path output = args.output.path_for(file);
  // refuses an input or an existing file before any work
  prepare_output(output, args.output.force, {file, spec.scenario, spec.targets});
  // SIGINT/SIGTERM stop the search after the running evaluation; the temporary file is removed.
  const sim::sweep::InterruptGuard interrupt;
  auto results = sim::io::AtomicFile::create(output, args.output.force);

  const int threads = worker_threads(args.threads);
  print_plan(std::cout, spec, targets, threads);
  const RunClock clock;
  const ModelObjective objective(scenario.loaded.values, std::move(targets), spec, args.threads);
  const auto result = sim::calibration::minimize(
      [&](const std::vector<double>& x, std::vector<double>& outputs) {
        interrupt.throw_if_requested();
        return objective(x, outputs);
      },
      box_of(spec), spec.search,
      [&](const Evaluation& latest, const Evaluation& best, std::size_t done, std::size_t budget) {
        print_progress(spec, latest, best, done, budget);
        interrupt.throw_if_requested();
      });
  interrupt.throw_if_requested();
  const RunContext context = clock.context(clock.seconds(), threads);
  const CalibrationProvenance provenance{scenario.loaded.resolved_toml, context.start_time, context.end_time,
                                         context.wall_seconds, context.threads, context.host};
  write_calibration(results.root(), spec, objective.targets(), result, provenance);
  results.commit();

  const auto& best = result.best_evaluation();
  print_best(std::cout, objective, best);
  const double per_evaluation = provenance.wall_seconds / static_cast<double>(result.evaluations.size());
  char timing[64];
  std::snprintf(timing, sizeof timing, " (%.2f s each)", per_evaluation);
  std::cout << "\n"
            << result.evaluations.size() << " evaluations in "
            << sim::cli::Progress::format_duration(provenance.wall_seconds) << timing
            << "; results: " << output.string() << "\n\nbest parameters (paste into the scenario):\n\n"
            << toml_snippet(spec, best.x);
  return kExitOk;
}

}  // namespace

void add_calibrate_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<CalibrateArgs>();
  auto* cmd = app.add_subcommand("calibrate", "fit free scenario parameters to published targets");
  cmd->add_option("calibration", args->file, "calibration file (TOML)")->required();
  add_output_options(*cmd, args->output, "results file (default: results/<calibration>.h5)");
  add_threads_option(*cmd, args->threads);
  add_allow_large_option(*cmd, args->allow_large);
  cmd->callback([args, &exit_code] { exit_code = guarded([&] { return calibrate(*args); }); });
}

}  // namespace coachsim::app
