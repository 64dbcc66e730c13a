// A calibration through the real model: targets made from a run with a known parameter value
// must lead the search back to that value.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <filesystem>

#include "app/calibration/calibration_output.hpp"
#include "app/calibration/model_objective.hpp"
#include "app/scenario_input.hpp"
#include "sim/calibration/search.hpp"
#include "sim/io/result_file.hpp"

namespace coachsim::app {
namespace {

constexpr double kTrueAdvisorEffect = 0.05;

// A small trial: 200 patients, 8 replicates.
Scenario small_trial() {
  return load_scenario_text(
      "schema_version = 1\n[run]\nreplicates = 8\nseed = 11\n[population]\nenrolled = 200\n", "toy.toml");
}

CalibrationSpec toy_spec() {
  CalibrationSpec spec;
  spec.file = "toy.calibration.toml";
  spec.parameters = {{"coaching.advisor_effect", 0.02, 0.10, {}}};
  spec.search.global_points = 8;
  spec.search.local_starts = 1;
  spec.search.local_evaluations = 16;
  spec.search.algorithm = sim::calibration::LocalAlgorithm::Bobyqa;
  spec.search.x_tolerance = 1e-3;
  spec.replicates = 8;
  spec.seed = 11;
  return spec;
}

TargetSpec target(const std::string& name, Statistic statistic, const std::string& arm, double se) {
  TargetSpec t;
  t.name = name;
  t.statistic = statistic;
  t.arm = arm;
  t.se = se;
  t.week = 26;
  return t;
}

// Targets whose observed values are the model's own output at the true parameter value.
TargetsFile synthetic_targets(const Scenario& scenario, const CalibrationSpec& spec) {
  TargetsFile targets;
  targets.file = "toy.targets.toml";
  targets.targets = {target("change_coached", Statistic::ChangeMean, "coached", 0.05),
                     target("drop_coached", Statistic::ShareDropGe1, "coached", 0.02),
                     target("difference", Statistic::ChangeDifference, "", 0.05)};
  const ModelObjective truth(scenario.loaded.values, targets, spec, 0);
  const auto observed = truth.simulate({kTrueAdvisorEffect});
  for (std::size_t i = 0; i < observed.size(); ++i) {
    targets.targets[i].observed = observed[i];
    targets.targets[i].lo = observed[i] - 1.96 * targets.targets[i].se;
    targets.targets[i].hi = observed[i] + 1.96 * targets.targets[i].se;
  }
  return targets;
}

TEST(ToyCalibration, RecoversTheAdvisorEffectThroughTheModel) {
  const auto started = std::chrono::steady_clock::now();
  const Scenario scenario = small_trial();
  const CalibrationSpec spec = toy_spec();
  const ModelObjective objective(scenario.loaded.values, synthetic_targets(scenario, spec), spec, 0);

  std::vector<double> at_truth;
  EXPECT_DOUBLE_EQ(objective({kTrueAdvisorEffect}, at_truth), 0.0);  // common random numbers: an exact fit
  std::vector<double> away;
  EXPECT_GT(objective({0.09}, away), 1.0);

  const auto result = sim::calibration::minimize(
      [&](const std::vector<double>& x, std::vector<double>& out) { return objective(x, out); }, box_of(spec),
      spec.search);
  const auto& best = result.best_evaluation();
  EXPECT_NEAR(best.x[0], kTrueAdvisorEffect, 0.006);
  EXPECT_LT(best.loss, 1.0);
  ASSERT_EQ(best.outputs.size(), 3u);

  // The results file holds every evaluation and the best set.
  const auto path =
      std::filesystem::temp_directory_path() / ("coachsim-toy-" + std::to_string(::getpid()) + ".h5");
  {
    auto file = sim::io::AtomicFile::create(path, true);
    write_calibration(file.root(), spec, objective.targets(), result, CalibrationProvenance{});
    file.commit();
  }
  const sim::io::ResultReader reader(path);
  const auto values = reader.read_doubles("value");
  EXPECT_EQ(values.dims, (std::vector<std::string>{"evaluation", "parameter"}));
  EXPECT_EQ(values.shape, (std::vector<std::size_t>{result.evaluations.size(), 1}));
  EXPECT_EQ(reader.read_doubles("simulated").shape, (std::vector<std::size_t>{result.evaluations.size(), 3}));
  EXPECT_EQ(reader.read_strings("target").values,
            (std::vector<std::string>{"change_coached", "drop_coached", "difference"}));
  EXPECT_EQ(reader.read_strings("parameter").values, (std::vector<std::string>{"coaching.advisor_effect"}));
  EXPECT_EQ(reader.read_strings("stage").values.front(), "global");
  EXPECT_DOUBLE_EQ(reader.read_doubles("best_value").values[0], best.x[0]);
  EXPECT_DOUBLE_EQ(reader.read_double_attribute("/", "best_loss"), best.loss);
  std::filesystem::remove(path);

  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  EXPECT_LT(seconds, 20.0) << result.evaluations.size() << " evaluations";
}

TEST(ToyCalibration, EveryCandidateUsesTheCalibrationSeedAndReplicates) {
  const Scenario scenario = small_trial();
  CalibrationSpec spec = toy_spec();
  spec.seed = 99;
  spec.replicates = 3;
  const ModelObjective objective(scenario.loaded.values, TargetsFile{}, spec, 1);
  const ModelParams p = objective.params_at({0.07});
  EXPECT_EQ(p.run.seed, 99u);
  EXPECT_EQ(p.run.replicates, 3u);
  EXPECT_DOUBLE_EQ(p.coaching.advisor_effect, 0.07);
  EXPECT_EQ(p.population.enrolled, 200u);  // everything else is the scenario's
}

}  // namespace
}  // namespace coachsim::app
