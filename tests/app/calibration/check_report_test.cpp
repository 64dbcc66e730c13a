#include "app/calibration/check_report.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <sstream>

namespace coachsim::app {
namespace {

TargetResult result(double observed, double simulated, double lo, double hi) {
  TargetResult r;
  r.target.name = "t";
  r.target.statistic = Statistic::ChangeMean;
  r.target.arm = "coached";
  r.target.observed = observed;
  r.target.lo = lo;
  r.target.hi = hi;
  r.simulated = {simulated, simulated - 0.1, simulated + 0.1};
  r.pass = simulated >= lo && simulated <= hi;
  return r;
}

TEST(FitSummary, PerfectFitHasSlopeOneAndNoError) {
  const std::vector<TargetResult> results{result(-1, -1, -2, 0), result(0.5, 0.5, 0, 1), result(2, 2, 1, 3)};
  const auto fit = fit_summary(results);
  EXPECT_EQ(fit.targets, 3u);
  EXPECT_NEAR(fit.slope, 1.0, 1e-12);
  EXPECT_NEAR(fit.intercept, 0.0, 1e-12);
  EXPECT_NEAR(fit.r_squared, 1.0, 1e-12);
  EXPECT_NEAR(fit.mape_percent, 0.0, 1e-12);
}

TEST(FitSummary, RegressionAndPercentageError) {
  // simulated = 0.5 x observed + 1 exactly; errors |s - o| / |o| = 0.5/1, 0/2, 0.5/3 ... computed below.
  const std::vector<TargetResult> results{result(1, 1.5, 0, 2), result(2, 2, 0, 3), result(4, 3, 0, 5)};
  const auto fit = fit_summary(results);
  EXPECT_NEAR(fit.slope, 0.5, 1e-12);
  EXPECT_NEAR(fit.intercept, 1.0, 1e-12);
  EXPECT_NEAR(fit.r_squared, 1.0, 1e-12);
  EXPECT_NEAR(fit.mape_percent, 100.0 * (0.5 / 1 + 0.0 / 2 + 1.0 / 4) / 3, 1e-9);
}

TEST(CheckReport, MarksFailuresWithTheirMiss) {
  const std::vector<TargetResult> results{result(-1.07, -0.9, -1.57, -0.57), result(-0.3, 0.5, -0.87, 0.27)};
  std::ostringstream out;
  print_check(out, CheckHeader{"s.toml", "t.toml", "Thom 2013", 1, 10, 26}, results);
  const std::string text = out.str();
  EXPECT_NE(text.find("pass"), std::string::npos);
  EXPECT_NE(text.find("FAIL (0.23 above)"), std::string::npos) << text;
  EXPECT_NE(text.find("1 of 2 targets pass"), std::string::npos);
}

TEST(CheckReport, JsonListsResultsAndFit) {
  const std::vector<TargetResult> results{result(-1.07, -0.9, -1.57, -0.57)};
  const FitSummary fit{1, 1, 0, 1, 2};
  const auto json = nlohmann::json::parse(
      check_json({CheckHeader{"s.toml", "t.toml", "src", 1, 10, 26}}, {results}, &fit));
  EXPECT_EQ(json["passed"], 1) << json;
  EXPECT_EQ(json["failed"], 0);
  EXPECT_EQ(json["pairs"][0]["results"][0]["simulated"], -0.9);
  EXPECT_EQ(json["fit"]["mape_percent"], 2.0);
}

}  // namespace
}  // namespace coachsim::app
