#include "app/calibration/calibration_file.hpp"

#include <gtest/gtest.h>

#include "app/calibration/calibration_output.hpp"
#include "models/params.hpp"

namespace coachsim::app {
namespace {

using sim::config::ConfigErrors;

std::vector<std::string> errors_of(const std::string& text) {
  try {
    load_calibration_text(text, "dir/c.toml", scenario_schema());
  } catch (const ConfigErrors& e) {
    std::vector<std::string> out;
    for (const auto& error : e.errors()) out.push_back(error.format());
    return out;
  }
  return {};
}

constexpr const char* kSearch = R"(
[search]
global_points = 16
local_starts = 2
local_evaluations = 30
algorithm = "neldermead"
replicates = 20
seed = 7
)";

std::string file_with(const std::string& parameters) {
  return "schema_version = 1\nscenario = \"s.toml\"\ntargets = \"../t.toml\"\n" + parameters + kSearch;
}

TEST(CalibrationFile, ReadsParametersPriorsAndSearch) {
  const auto spec = load_calibration_text(file_with(R"([[parameters]]
name = "coaching.advisor_effect"
min = 0.02
max = 0.15
prior_mean = 0.06
prior_sd = 0.03
[[parameters]]
name = "clinical.fluctuation_sd"
min = 0.3
max = 1.5
)"),
                                          "dir/c.toml", scenario_schema());
  EXPECT_EQ(spec.scenario, std::filesystem::path("dir/s.toml"));
  EXPECT_EQ(spec.targets, std::filesystem::path("t.toml"));
  ASSERT_EQ(spec.parameters.size(), 2u);
  EXPECT_EQ(spec.parameters[0].name, "coaching.advisor_effect");
  ASSERT_TRUE(spec.parameters[0].prior.has_value());
  EXPECT_DOUBLE_EQ(spec.parameters[0].prior->sd, 0.03);
  EXPECT_FALSE(spec.parameters[1].prior.has_value());
  EXPECT_EQ(spec.search.global_points, 16u);
  EXPECT_EQ(spec.search.local_starts, 2u);
  EXPECT_EQ(spec.search.local_evaluations, 30u);
  EXPECT_EQ(spec.search.algorithm, sim::calibration::LocalAlgorithm::NelderMead);
  EXPECT_EQ(spec.replicates, 20u);
  EXPECT_EQ(spec.seed, 7u);
  const auto box = box_of(spec);
  EXPECT_EQ(box.lower, (std::vector<double>{0.02, 0.3}));
  EXPECT_EQ(box.upper, (std::vector<double>{0.15, 1.5}));
}

TEST(CalibrationFile, ParametersMustBeDeclaredRealAndInsideTheirRange) {
  const auto errors = errors_of(file_with(R"([[parameters]]
name = "coaching.advisor_efect"
min = 0.02
max = 0.15
[[parameters]]
name = "program.caseload"
min = 5
max = 20
[[parameters]]
name = "clinical.fluctuation_sd"
min = -1
max = 9
[[parameters]]
name = "engagement.lapse_per_week"
min = 0.05
max = 0.01
prior_mean = 0.03
)"));
  ASSERT_EQ(errors.size(), 6u);
  EXPECT_EQ(errors[0],
            "dir/c.toml:5:8: parameters[0].name: \"coaching.advisor_efect\" is not a scenario parameter; did you "
            "mean \"coaching.advisor_effect\"?");
  EXPECT_EQ(errors[1],
            "dir/c.toml:9:8: parameters[1].name: only real-valued parameters can be calibrated; "
            "program.caseload is not one");
  EXPECT_EQ(errors[2],
            "dir/c.toml:14:7: parameters[2].min: -1 is outside [0, 5] %");
  EXPECT_EQ(errors[3],
            "dir/c.toml:15:7: parameters[2].max: 9 is outside [0, 5] %");
  EXPECT_EQ(errors[4], "dir/c.toml:19:7: parameters[3].max: max must be greater than min");
  EXPECT_EQ(errors[5],
            "dir/c.toml:20:14: parameters[3].prior_mean: a prior needs both prior_mean and prior_sd");
}

TEST(CalibrationFile, SearchIsStrict) {
  const auto errors = errors_of(R"(schema_version = 1
scenario = "s.toml"
targets = "t.toml"
[[parameters]]
name = "coaching.advisor_effect"
min = 0.02
max = 0.15
[search]
global_points = 0
local_starts = 1
local_evaluations = 10
algorithm = "bobyqa2"
replicates = 8
sed = 3
)");
  ASSERT_EQ(errors.size(), 4u);
  EXPECT_EQ(errors[0], "dir/c.toml:8:1: search.seed: missing required key; expected an integer");
  EXPECT_EQ(errors[1], "dir/c.toml:9:17: search.global_points: 0 is outside [1, 1000000]");
  EXPECT_EQ(errors[2],
            "dir/c.toml:12:13: search.algorithm: \"bobyqa2\" is not a valid choice; expected one of \"bobyqa\", "
            "\"neldermead\"; did you mean \"bobyqa\"?");
  EXPECT_EQ(errors[3], "dir/c.toml:14:1: search.sed: unknown key 'search.sed'; did you mean 'search.seed'?");
}

TEST(CalibrationFile, DuplicateParametersAreErrors) {
  const std::string p = "[[parameters]]\nname = \"coaching.advisor_effect\"\nmin = 0.02\nmax = 0.15\n";
  const auto errors = errors_of(file_with(p + p));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0],
            "dir/c.toml:9:8: parameters[1].name: parameter coaching.advisor_effect is listed twice");
}

TEST(CalibrationFile, ShippedThomCalibrationLoads) {
  const auto spec =
      load_calibration(std::string(COACHSIM_SOURCE_DIR) + "/scenarios/validation/thom2013.calibration.toml",
                       scenario_schema());
  EXPECT_GE(spec.parameters.size(), 5u);
  EXPECT_TRUE(std::filesystem::exists(spec.scenario));
  EXPECT_TRUE(std::filesystem::exists(spec.targets));
}

TEST(CalibrationOutput, TomlSnippetGroupsBySection) {
  CalibrationSpec spec;
  spec.parameters = {{"coaching.advisor_effect", 0, 1, {}},
                     {"clinical.fluctuation_sd", 0, 5, {}},
                     {"coaching.supporter_adherence_effect", 0, 1, {}}};
  EXPECT_EQ(toml_snippet(spec, {0.0512345678, 1.0, 0.04}),
            "[coaching]\nadvisor_effect = 0.0512346\nsupporter_adherence_effect = 0.04\n\n"
            "[clinical]\nfluctuation_sd = 1.0\n");
}

}  // namespace
}  // namespace coachsim::app
