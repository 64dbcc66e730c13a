#include "app/calibration/targets.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "app/scenario_input.hpp"

namespace coachsim::app {
namespace {

using sim::config::ConfigError;
using sim::config::ConfigErrors;

// The formatted errors of loading `text` as "t.toml" (empty when it loads).
std::vector<std::string> errors_of(const std::string& text) {
  try {
    load_targets_text(text, "t.toml");
  } catch (const ConfigErrors& e) {
    std::vector<std::string> out;
    for (const auto& error : e.errors()) out.push_back(error.format());
    return out;
  }
  return {};
}

constexpr const char* kHeader = "schema_version = 1\nsource = \"Thom 2013\"\n";

std::string with_target(const std::string& body) { return std::string(kHeader) + "[[targets]]\n" + body; }

TEST(TargetsFile, ReadsEveryStatistic) {
  const auto file = load_targets_text(with_target(R"(name = "change"
statistic = "change_mean"
arm = "coached"
observed = -1.07
ci95 = [-1.567, -0.573]
week = 26
[[targets]]
name = "difference"
statistic = "change_difference"
observed = -0.77
se = 0.39
week = 26
[[targets]]
name = "below"
statistic = "share_below"
arm = "usual_care"
threshold = 7.5
observed = 0.149
ci95 = [0.095, 0.226]
week = 26
[[targets]]
name = "quit"
statistic = "coach_attrition"
observed = 0.346
ci95 = [0.194, 0.538]
week = 26
)"),
                                      "t.toml");
  EXPECT_EQ(file.source, "Thom 2013");
  ASSERT_EQ(file.targets.size(), 4u);
  const auto& change = file.targets[0];
  EXPECT_EQ(change.statistic, Statistic::ChangeMean);
  EXPECT_EQ(change.arm, "coached");
  EXPECT_TRUE(change.interval_given);
  EXPECT_NEAR(change.se, (-0.573 + 1.567) / 3.92, 1e-12);
  const auto& difference = file.targets[1];
  EXPECT_EQ(difference.statistic, Statistic::ChangeDifference);
  EXPECT_FALSE(difference.interval_given);
  EXPECT_NEAR(difference.lo, -0.77 - 1.96 * 0.39, 1e-12);
  EXPECT_NEAR(difference.hi, -0.77 + 1.96 * 0.39, 1e-12);
  EXPECT_EQ(file.targets[2].statistic, Statistic::ShareBelow);
  EXPECT_EQ(file.targets[3].statistic, Statistic::CoachAttrition);
  EXPECT_EQ(file.targets[3].week, 26);
}

TEST(TargetsFile, ErrorsNameFileLineColumnAndKey) {
  const auto errors = errors_of(with_target(R"(name = "change"
statistic = "change_means"
arm = "coached"
observed = -1.07
ci95 = [-1.567, -0.573]
week = 26
)"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0],
            "t.toml:5:13: targets[0].statistic: \"change_means\" is not a statistic; did you mean \"change_mean\"?");
}

TEST(TargetsFile, ReportsEveryProblemInFileOrder) {
  const auto errors = errors_of(R"(schema_version = 2
source = "x"
sorce = "y"
[[targets]]
name = "a"
statistic = "share_drop_ge1"
observed = 49.6
ci95 = [0.4, 0.6]
week = "26"
)");
  ASSERT_EQ(errors.size(), 5u);
  EXPECT_EQ(errors[0],
            "t.toml:1:18: schema_version: schema_version 2 is not supported; this build reads schema_version 1");
  EXPECT_EQ(errors[1], "t.toml:3:1: sorce: unknown key 'sorce'; did you mean 'source'?");
  EXPECT_EQ(errors[2],
            "t.toml:4:1: targets[0].arm: missing required key; statistic \"share_drop_ge1\" is per arm: "
            "name the arm");
  EXPECT_EQ(errors[3],
            "t.toml:7:12: targets[0].observed: 49.6 is outside [0, 1]: statistic \"share_drop_ge1\" is a share");
  EXPECT_EQ(errors[4], "t.toml:9:8: targets[0].week: expected an integer (weeks), got string \"26\"");
}

TEST(TargetsFile, UncertaintyIsEitherCi95OrSe) {
  const std::string base = "name = \"d\"\nstatistic = \"change_difference\"\nobserved = -0.77\nweek = 26\n";
  EXPECT_EQ(errors_of(with_target(base))[0],
            "t.toml:3:1: targets[0].ci95: missing the observation's uncertainty: give ci95 = [lo, hi] or se");
  EXPECT_EQ(errors_of(with_target(base + "ci95 = [-1.5, 0]\nse = 0.3\n"))[0],
            "t.toml:9:6: targets[0].se: give either ci95 or se, not both");
  EXPECT_EQ(errors_of(with_target(base + "ci95 = [0, -1.5]\n"))[0],
            "t.toml:8:8: targets[0].ci95: expected [lo, hi] with lo < hi, got [0, -1.5]");
  EXPECT_EQ(errors_of(with_target(base + "ci95 = [-0.5, 0]\n"))[0],
            "t.toml:8:8: targets[0].ci95: the observed value is outside its 95% interval");
  EXPECT_EQ(errors_of(with_target(base + "se = 0\n"))[0], "t.toml:8:6: targets[0].se: expected a positive number, got 0");
}

TEST(TargetsFile, ArmAndThresholdOnlyWhereTheyMeanSomething) {
  EXPECT_EQ(
      errors_of(with_target("name = \"q\"\nstatistic = \"coach_attrition\"\narm = \"coached\"\nobserved = "
                            "0.3\nse = 0.1\nweek = 26\n"))[0],
      "t.toml:6:7: targets[0].arm: statistic \"coach_attrition\" is not per arm; remove arm");
  EXPECT_EQ(
      errors_of(with_target("name = \"b\"\nstatistic = \"share_below\"\narm = \"coached\"\nthreshold = 7.0\n"
                            "observed = 0.2\nse = 0.1\nweek = 26\n"))[0],
      "t.toml:7:13: targets[0].threshold: only threshold = 7.5 is supported (the model reports shares below "
      "7.5%)");
}

TEST(TargetsFile, DuplicateNamesAreErrors) {
  const std::string target =
      "name = \"r\"\nstatistic = \"retention\"\narm = \"coached\"\nobserved = 0.8\nse = "
      "0.03\nweek = 26\n";
  const auto errors = errors_of(with_target(target + "[[targets]]\n" + target));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0], "t.toml:11:8: targets[1].name: duplicate name \"r\" (first at targets[0]); names must be unique");
}

TEST(TargetsFile, SyntaxErrorsAndMissingTargets) {
  EXPECT_EQ(errors_of("schema_version = 1\nsource = \n")[0].rfind("t.toml:2:", 0), 0u);
  EXPECT_EQ(errors_of(kHeader)[0], "t.toml:1:1: targets: missing required key; expected an array of tables ([[targets]])");
}

TEST(TargetsFile, MustFitTheScenario) {
  const auto scenario = load_scenario_text("schema_version = 1\n[run]\nfollowup_week = 20\n", "s.toml");
  const auto targets = load_targets_text(with_target(R"(name = "r"
statistic = "retention"
arm = "coaching"
observed = 0.8
se = 0.03
week = 26
)"),
                                         "t.toml");
  try {
    check_targets_apply(targets, scenario.params, "s.toml");
    FAIL() << "expected errors";
  } catch (const ConfigErrors& e) {
    ASSERT_EQ(e.errors().size(), 2u);
    EXPECT_EQ(e.errors()[0].format(),
              "t.toml:9:8: targets[0].week: target week 26 differs from run.followup_week = 20 "
              "in s.toml; the model reports these statistics at the follow-up week");
    EXPECT_EQ(e.errors()[1].format(),
              "t.toml:6:7: targets[0].arm: no arm \"coaching\" in s.toml; its arms are \"coached\", "
              "\"usual_care\"");
  }
}

TEST(TargetsFile, SimulatedPicksTheStatistic) {
  RunSummary summary;
  summary.arms.resize(2);
  summary.arms[0].name = "coached";
  summary.arms[0][Statistic::ChangeMean] = {-1.0, -1.5, -0.5};
  summary.arms[1].name = "usual_care";
  summary.arms[1][Statistic::Retention] = {0.75, 0.7, 0.8};
  summary.has_contrast = true;
  summary[Statistic::ChangeDifference] = {-0.7, -1.0, -0.4};
  summary[Statistic::CoachAttrition] = {0.35, 0.2, 0.5};
  TargetSpec t;
  t.statistic = Statistic::ChangeMean;
  t.arm = "coached";
  EXPECT_DOUBLE_EQ(simulated(t, summary).mean, -1.0);
  t.statistic = Statistic::Retention;
  t.arm = "usual_care";
  EXPECT_DOUBLE_EQ(simulated(t, summary).lo, 0.7);
  t.statistic = Statistic::ChangeDifference;
  t.arm.clear();
  EXPECT_DOUBLE_EQ(simulated(t, summary).hi, -0.4);
  t.statistic = Statistic::CoachAttrition;
  EXPECT_DOUBLE_EQ(simulated(t, summary).mean, 0.35);
  t.statistic = Statistic::ShareBelow;
  t.arm = "nobody";
  EXPECT_TRUE(std::isnan(simulated(t, summary).mean));
}

TEST(TargetsFile, ShippedThomTargetsLoadAndFitTheirScenario) {
  const std::string dir = std::string(COACHSIM_SOURCE_DIR) + "/scenarios/validation/";
  const auto targets = load_targets(dir + "thom2013.targets.toml");
  EXPECT_EQ(targets.targets.size(), 12u);
  const auto scenario = load_scenario(dir + "thom2013.toml", {});
  EXPECT_NO_THROW(check_targets_apply(targets, scenario.params, "thom2013.toml"));
}

}  // namespace
}  // namespace coachsim::app
