#include "sim/calibration/search.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>


namespace sim::calibration {
namespace {

double rosenbrock(const std::vector<double>& x, std::vector<double>& outputs) {
  const double a = 1 - x[0], b = x[1] - x[0] * x[0];
  outputs = {a, b};
  return a * a + 100 * b * b;
}

TEST(Box, UnitPointsScaleToTheBox) {
  EXPECT_EQ(scale_to_box({0.5, 0.25}, {-2, 10}, {2, 14}), (std::vector<double>{0.0, 11.0}));
}

TEST(Minimize, BobyqaRecoversTheRosenbrockOptimum) {
  SearchSettings settings;
  settings.global_points = 32;
  settings.local_starts = 2;
  settings.local_evaluations = 400;
  settings.x_tolerance = 1e-8;
  const auto result = minimize(rosenbrock, Box{{-2, -1}, {2, 3}}, settings);
  const auto& best = result.best_evaluation();
  EXPECT_NEAR(best.x[0], 1.0, 1e-3);
  EXPECT_NEAR(best.x[1], 1.0, 2e-3);
  EXPECT_LT(best.loss, 1e-6);
  EXPECT_EQ(best.stage, Stage::Local);
  EXPECT_LE(result.evaluations.size(), evaluation_budget(settings));
  ASSERT_EQ(best.outputs.size(), 2u);  // outputs are recorded with the evaluation
}

TEST(Minimize, NelderMeadRecoversAShiftedQuadraticIn3D) {
  const std::vector<double> optimum{0.3, -1.2, 4.5};
  const Objective quadratic = [&](const std::vector<double>& x, std::vector<double>&) {
    double sum = 0;
    for (std::size_t i = 0; i < x.size(); ++i)
      sum += (static_cast<double>(i) + 1.0) * (x[i] - optimum[i]) * (x[i] - optimum[i]);
    return sum;
  };
  SearchSettings settings;
  settings.global_points = 16;
  settings.local_starts = 1;
  settings.local_evaluations = 600;
  settings.algorithm = LocalAlgorithm::NelderMead;
  settings.x_tolerance = 1e-7;
  const auto result = minimize(quadratic, Box{{-1, -3, 0}, {1, 0, 10}}, settings);
  for (std::size_t i = 0; i < optimum.size(); ++i)
    EXPECT_NEAR(result.best_evaluation().x[i], optimum[i], 1e-3);
}

TEST(Minimize, GlobalStageComesFirstAndLocalStartsAreNumbered) {
  SearchSettings settings;
  settings.global_points = 8;
  settings.local_starts = 3;
  settings.local_evaluations = 10;
  const auto result = minimize(rosenbrock, Box{{-2, -1}, {2, 3}}, settings);
  for (std::size_t i = 0; i < 8; ++i) {
    EXPECT_EQ(result.evaluations[i].stage, Stage::Global);
    EXPECT_EQ(result.evaluations[i].start, -1);
  }
  std::int64_t last_start = 0;
  for (std::size_t i = 8; i < result.evaluations.size(); ++i) {
    EXPECT_EQ(result.evaluations[i].stage, Stage::Local);
    EXPECT_GE(result.evaluations[i].start, last_start);
    last_start = result.evaluations[i].start;
  }
  EXPECT_EQ(last_start, 2);
  for (const auto& e : result.evaluations) EXPECT_GE(e.loss, result.best_evaluation().loss);
}

TEST(Minimize, IsReproducible) {
  SearchSettings settings;
  settings.global_points = 16;
  settings.local_evaluations = 40;
  const auto a = minimize(rosenbrock, Box{{-2, -1}, {2, 3}}, settings);
  const auto b = minimize(rosenbrock, Box{{-2, -1}, {2, 3}}, settings);
  ASSERT_EQ(a.evaluations.size(), b.evaluations.size());
  for (std::size_t i = 0; i < a.evaluations.size(); ++i) EXPECT_EQ(a.evaluations[i].x, b.evaluations[i].x);
  EXPECT_EQ(a.best, b.best);
}

TEST(Minimize, ReportsProgressAfterEveryEvaluation) {
  SearchSettings settings;
  settings.global_points = 4;
  settings.local_starts = 1;
  settings.local_evaluations = 5;
  std::size_t calls = 0;
  const auto result =
      minimize(rosenbrock, Box{{-2, -1}, {2, 3}}, settings,
               [&](const Evaluation&, const Evaluation& best, std::size_t done, std::size_t budget) {
                 ++calls;
                 EXPECT_EQ(done, calls);
                 EXPECT_EQ(budget, 9u);
                 EXPECT_TRUE(std::isfinite(best.loss));
               });
  EXPECT_EQ(calls, result.evaluations.size());
}

TEST(Minimize, ObjectiveErrorsPropagateFromBothStages) {
  SearchSettings settings;
  settings.global_points = 4;
  std::size_t calls = 0;
  const Objective failing_late = [&](const std::vector<double>&, std::vector<double>&) -> double {
    if (++calls > 6) throw std::runtime_error("model failed");
    return static_cast<double>(calls);
  };
  EXPECT_THROW(minimize(failing_late, Box{{0, 0}, {1, 1}}, settings), std::runtime_error);
  const Objective failing = [](const std::vector<double>&, std::vector<double>&) -> double {
    throw std::domain_error("bad point");
  };
  EXPECT_THROW(minimize(failing, Box{{0, 0}, {1, 1}}, settings), std::domain_error);
}

TEST(Minimize, NaNLossesNeverWin) {
  SearchSettings settings;
  settings.global_points = 8;
  settings.local_starts = 0;
  const Objective some_nan = [](const std::vector<double>& x, std::vector<double>&) {
    return x[0] < 0.5 ? std::nan("") : x[0];
  };
  const auto result = minimize(some_nan, Box{{0}, {1}}, settings);
  EXPECT_DOUBLE_EQ(result.best_evaluation().x[0], 0.5);
}

TEST(Minimize, RejectsBadBoxes) {
  const SearchSettings settings;
  EXPECT_THROW(minimize(rosenbrock, Box{{}, {}}, settings), std::invalid_argument);
  EXPECT_THROW(minimize(rosenbrock, Box{{0, 1}, {1, 1}}, settings), std::invalid_argument);
}

}  // namespace
}  // namespace sim::calibration
