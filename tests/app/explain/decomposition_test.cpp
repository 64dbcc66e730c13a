// coachsim explain (app/explain/decomposition.cpp): Shapley and sequential attribution, and the
// decomposition through the real model on common random numbers.
#include "app/explain/decomposition.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <bit>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "app/scenario_input.hpp"
#include "sim/input_error.hpp"

namespace coachsim::app {
namespace {

// A game with known parts: v(S) = sum of a_p over S, plus b when pathways 0 and 1 are both on.
Decomposition synthetic(Method method, double b) {
  Decomposition d;
  d.method = method;
  d.replicates = 2;
  d.designs = designs_of(method, kPathwayCount);
  for (auto mask : d.designs) {
    std::vector<double> values;
    for (std::size_t r = 0; r < d.replicates; ++r) {
      double v = 0.5 * static_cast<double>(r);  // what is left with every pathway off
      for (std::size_t p = 0; p < kPathwayCount; ++p) v += (mask >> p & 1u) ? -0.1 * static_cast<double>(p + 1) : 0.0;
      if ((mask & 3u) == 3u) v += b;
      values.push_back(v);
    }
    d.value.push_back(values);
  }
  d.attribute();
  return d;
}

TEST(Explain, ShapleySplitsAnInteractionEquallyAndThePartsSumToTheTotal) {
  const auto d = synthetic(Method::Shapley, -0.3);
  EXPECT_EQ(d.designs.size(), std::size_t{1} << kPathwayCount);
  for (std::size_t r = 0; r < d.replicates; ++r) {
    double sum = 0;
    for (std::size_t p = 0; p < kPathwayCount; ++p) {
      const double own = -0.1 * static_cast<double>(p + 1) + (p < 2 ? -0.15 : 0.0);
      EXPECT_NEAR(d.contribution[p][r], own, 1e-12) << p;
      sum += d.contribution[p][r];
    }
    EXPECT_NEAR(sum, d.all_on()[r] - d.all_off()[r], 1e-12);
    EXPECT_NEAR(d.explained[r], sum, 1e-12);
  }
}

TEST(Explain, SequentialGivesAnInteractionToTheLaterPathway) {
  const auto d = synthetic(Method::Sequential, -0.3);
  EXPECT_EQ(d.designs.size(), kPathwayCount + 1);
  EXPECT_NEAR(d.contribution[0][0], -0.1, 1e-12);
  EXPECT_NEAR(d.contribution[1][0], -0.2 - 0.3, 1e-12);
  double sum = 0;
  for (std::size_t p = 0; p < kPathwayCount; ++p) sum += d.contribution[p][1];
  EXPECT_NEAR(sum, d.all_on()[1] - d.all_off()[1], 1e-12);
}

TEST(Explain, SharesOfTheExplainedDifferenceSumToOne) {
  const auto d = synthetic(Method::Shapley, -0.3);
  double total = 0;
  for (std::size_t p = 0; p < kPathwayCount; ++p) total += d.share(p).mean;
  EXPECT_NEAR(total, 1.0, 1e-12);
}

// A small trial in a file: 300 patients, 24 replicates, no role-model effect (so its part must be
// exactly zero: switching a pathway off that does nothing changes no one's draws).
std::filesystem::path small_trial() {
  const auto path = std::filesystem::temp_directory_path() / ("explain_test_" + std::to_string(::getpid()) + ".toml");
  std::ofstream(path) << "schema_version = 1\n[run]\nreplicates = 24\nseed = 5\n[population]\nenrolled = 300\n"
                         "[coaching]\nrole_model_effect = 0\n";
  return path;
}

TEST(Explain, SwitchesAreValidOverridesAndSwitchOnlyWhatIsOff) {
  EXPECT_TRUE(switch_overrides((1u << kPathwayCount) - 1).empty());
  const auto all_off = switch_overrides(0);
  EXPECT_GE(all_off.size(), kPathwayCount);
  const auto file = small_trial();
  EXPECT_NO_THROW(load_scenario(file, all_off));
  std::filesystem::remove(file);
  EXPECT_THROW(method_from_name("banzhaf"), sim::InputError);
}

TEST(Explain, ThroughTheModelThePartsSumToTheArmDifferenceWithinMonteCarloError) {
  const auto file = small_trial();
  auto load = [&](const std::vector<std::string>& switches) { return load_scenario(file, switches); };
  const auto d = decompose(Method::Sequential, load, 0);
  std::filesystem::remove(file);
  ASSERT_EQ(d.replicates, 24u);
  // With every pathway on, the design is the scenario itself: the same draws, the same difference.
  const auto plain = decompose(Method::Sequential, [&](const std::vector<std::string>&) {
    const auto again = small_trial();
    auto s = load_scenario(again, {});
    std::filesystem::remove(again);
    return s;
  }, 0);
  EXPECT_EQ(d.all_on(), plain.all_on());
  // A pathway whose strength is already zero carries exactly nothing, replicate by replicate.
  std::size_t role_model = 0;
  while (std::string(kPathways[role_model].key) != "role_model") ++role_model;
  for (double part : d.contribution[role_model]) EXPECT_EQ(part, 0.0);
  // The parts sum to the arm difference minus what is left with every pathway off, which is noise
  // around zero: the sum of the parts equals the arm difference within Monte Carlo error.
  const auto parts = mean_interval(d.explained);
  const auto total = mean_interval(d.all_on());
  const auto left = mean_interval(d.all_off());
  EXPECT_LT(parts.mean, -0.3);
  EXPECT_LE(left.lo, 0.0);
  EXPECT_GE(left.hi, 0.0);
  EXPECT_NEAR(parts.mean, total.mean, 3 * (left.hi - left.mean));
  // The calibrated pathways carry the largest parts; none of them is zero.
  for (std::size_t p = 0; p < kPathwayCount; ++p) {
    if (p == role_model || std::string(kPathways[p].key) == "coach_gains") continue;
    EXPECT_LT(mean_interval(d.contribution[p]).mean, 0.0) << kPathways[p].key;
  }
}

}  // namespace
}  // namespace coachsim::app
