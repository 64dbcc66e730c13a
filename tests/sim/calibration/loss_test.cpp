#include "sim/calibration/loss.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace sim::calibration {
namespace {

TEST(Loss, SumsSquaredStandardizedResiduals) {
  const std::vector<Observation> observations{{-1.07, 0.25}, {0.5, 0.05}};
  const std::vector<double> simulated{-0.57, 0.4};
  EXPECT_NEAR(target_loss(observations, simulated), 4.0 + 4.0, 1e-12);
  const std::vector<double> exact{-1.07, 0.5};
  EXPECT_DOUBLE_EQ(target_loss(observations, exact), 0.0);
}

TEST(Loss, SeFromA95PercentInterval) {
  EXPECT_NEAR(se_from_interval95(-1.53, -0.01), 0.387755, 1e-6);
  // A target with only an interval weighs like one with the equivalent se.
  const std::vector<Observation> from_interval{{-0.77, se_from_interval95(-1.53, -0.01)}};
  const std::vector<double> simulated{-0.77 + 1.96 * se_from_interval95(-1.53, -0.01)};
  EXPECT_NEAR(target_loss(from_interval, simulated), 1.96 * 1.96, 1e-12);
}

TEST(Loss, NaNSimulatedValueMakesTheLossInfinite) {
  const std::vector<Observation> observations{{1, 1}};
  const std::vector<double> simulated{std::nan("")};
  EXPECT_TRUE(std::isinf(target_loss(observations, simulated)));
}

TEST(Loss, RejectsMismatchedSizes) {
  const std::vector<Observation> observations{{1, 1}};
  EXPECT_THROW(target_loss(observations, std::vector<double>{}), std::invalid_argument);
}

TEST(Loss, PriorPenaltyCountsOnlyParametersWithPriors) {
  const std::vector<std::optional<NormalPrior>> priors{NormalPrior{0.06, 0.02}, std::nullopt};
  const std::vector<double> x{0.10, 123.0};
  EXPECT_NEAR(prior_penalty(priors, x), 4.0, 1e-12);
}

}  // namespace
}  // namespace sim::calibration
