#include "sim/config/scenario_loader.hpp"

#include <gtest/gtest.h>

#include "tests/sim/config/test_schema.hpp"

namespace sim::config {
namespace {

using testing::errors_of;
using testing::TempDir;
using testing::test_schema;

// Loads `text` written to `name` in `dir`; the error messages name that file.
LoadedScenario load(const TempDir& dir, const std::string& name, const std::string& text,
                    const std::vector<std::string>& overrides = {}) {
  return load_scenario(test_schema(), dir.write(name, text), overrides);
}

std::vector<ConfigError> load_errors(const TempDir& dir, const std::string& name, const std::string& text,
                                     const std::vector<std::string>& overrides = {}) {
  return errors_of([&] { load(dir, name, text, overrides); });
}

std::string file_prefix(const TempDir& dir, const std::string& name, int line, int column) {
  return (dir.path() / name).string() + ":" + std::to_string(line) + ":" + std::to_string(column) + ": ";
}

// Asserts a single error and returns its formatted text.
std::string single_error(const std::vector<ConfigError>& errors) {
  if (errors.size() != 1) {
    std::string all;
    for (const auto& e : errors) all += e.format() + "\n";
    ADD_FAILURE() << "expected exactly one error, got " << errors.size() << ":\n" << all;
  }
  return errors.empty() ? "" : errors.front().format();
}

constexpr const char* kMinimal = "schema_version = 2\n[population]\nsize = 100\n";

TEST(LoadScenario, ReadsValuesAndAppliesDefaults) {
  TempDir dir;
  const auto scenario = load(dir, "s.toml", R"(schema_version = 2
title = "Pilot"
description = "A small pilot"
verbosity = 2
[run]
weeks = 52
[population]
size = 80
hba1c_mean = 9
[program]
matching = "language"
[output]
patient_table = true
[[arms]]
name = "control"
[[arms]]
name = "coached"
share = 0.25
coaching = true
)");
  const ParamValues& v = scenario.values;
  EXPECT_EQ(scenario.title, "Pilot");
  EXPECT_EQ(scenario.description, "A small pilot");
  EXPECT_EQ(v.integer("run.weeks"), 52);
  EXPECT_EQ(v.integer("run.seed"), 1);  // default
  EXPECT_EQ(v.integer("population.size"), 80);
  EXPECT_EQ(std::get<double>(v.scalars().at("population.hba1c_mean")), 9.0);  // integer stored as real
  EXPECT_EQ(v.real("population.hba1c_sd"), 1.5);                              // default
  EXPECT_EQ(v.choice("program.matching"), "language");
  EXPECT_TRUE(v.boolean("output.patient_table"));
  EXPECT_EQ(v.real("verbosity"), 2.0);
  const auto& arms = v.items("arms");
  ASSERT_EQ(arms.size(), 2u);
  EXPECT_EQ(arms[0].choice("name"), "control");
  EXPECT_EQ(arms[0].real("share"), 0.5);  // item default
  EXPECT_FALSE(arms[0].boolean("coaching"));
  EXPECT_EQ(arms[1].choice("name"), "coached");
  EXPECT_EQ(arms[1].real("share"), 0.25);
  EXPECT_TRUE(arms[1].boolean("coaching"));
  EXPECT_NE(scenario.resolved_toml.find("weeks = 52"), std::string::npos);
}

TEST(LoadScenario, AbsentTableArrayTakesDefaultItemsAndEveryKeyHasAValue) {
  TempDir dir;
  const auto scenario = load(dir, "s.toml", kMinimal);
  const Schema schema = test_schema();
  for (const auto& spec : schema.params.specs()) EXPECT_TRUE(scenario.values.has(spec.path)) << spec.path;
  ASSERT_EQ(scenario.values.items("arms").size(), 1u);
  EXPECT_EQ(scenario.values.items("arms")[0].choice("name"), "control");
  EXPECT_EQ(scenario.values.items("arms")[0].real("share"), 1.0);
}

TEST(LoadScenario, UnknownKeySuggestsTheClosestDeclaredKey) {
  TempDir dir;
  const auto errors =
      load_errors(dir, "s.toml", "schema_version = 2\n[population]\nsize = 100\nhba1c_maen = 9.0\n");
  EXPECT_EQ(single_error(errors), file_prefix(dir, "s.toml", 4, 1) +
                                      "population.hba1c_maen: unknown key 'population.hba1c_maen'; did you "
                                      "mean 'population.hba1c_mean'?");
}

TEST(LoadScenario, UnknownSectionAndMisplacedKeyAreSuggested) {
  TempDir dir;
  const auto errors =
      load_errors(dir, "s.toml", "schema_version = 2\n[populaton]\nsize = 100\n[run]\ncaseload = 5\n");
  ASSERT_EQ(errors.size(), 3u);  // the unknown section, the misplaced key, and population.size missing
  EXPECT_EQ(errors[0].format(), file_prefix(dir, "s.toml", 1, 1) +
                                    "population.size: missing required key; expected an integer (patients)");
  EXPECT_EQ(errors[1].format(), file_prefix(dir, "s.toml", 2, 2) +
                                    "populaton: unknown key 'populaton'; did you mean 'population'?");
  EXPECT_EQ(errors[2].format(),
            file_prefix(dir, "s.toml", 5, 1) +
                "run.caseload: unknown key 'run.caseload'; did you mean 'program.caseload'?");
}

TEST(LoadScenario, WrongTypeNamesExpectedTypeAndUnit) {
  TempDir dir;
  const auto errors =
      load_errors(dir, "s.toml", "schema_version = 2\n[population]\nsize = 100\nhba1c_mean = \"high\"\n");
  EXPECT_EQ(single_error(errors),
            file_prefix(dir, "s.toml", 4, 14) +
                "population.hba1c_mean: expected a real number (%), got string \"high\"");
}

TEST(LoadScenario, IntegerParametersRejectFloats) {
  TempDir dir;
  const auto errors = load_errors(dir, "s.toml", std::string(kMinimal) + "[run]\nweeks = 52.5\n");
  EXPECT_EQ(single_error(errors),
            file_prefix(dir, "s.toml", 5, 9) + "run.weeks: expected an integer (weeks), got float 52.5");
}

TEST(LoadScenario, BooleansAndSectionsAreTypeChecked) {
  TempDir dir;
  const auto errors =
      load_errors(dir, "s.toml", "schema_version = 2\noutput = 1\n[population]\nsize = 100\n");
  EXPECT_EQ(single_error(errors),
            file_prefix(dir, "s.toml", 2, 10) + "output: expected a table ([output]), got integer 1");
  const auto flag = load_errors(dir, "t.toml", std::string(kMinimal) + "[output]\npatient_table = \"yes\"\n");
  EXPECT_EQ(single_error(flag), file_prefix(dir, "t.toml", 5, 17) +
                                    "output.patient_table: expected a boolean, got string \"yes\"");
}

TEST(LoadScenario, OutOfRangeValueNamesRangeAndUnit) {
  TempDir dir;
  const auto errors = load_errors(dir, "s.toml", std::string(kMinimal) + "[run]\nweeks = 7000\n");
  EXPECT_EQ(single_error(errors),
            file_prefix(dir, "s.toml", 5, 9) + "run.weeks: 7000 is outside [1, 520] weeks");
  const auto real =
      load_errors(dir, "r.toml", "schema_version = 2\n[population]\nsize = 1\nhba1c_mean = 3.5\n");
  EXPECT_EQ(single_error(real),
            file_prefix(dir, "r.toml", 4, 14) + "population.hba1c_mean: 3.5 is outside [4, 15] %");
}

TEST(LoadScenario, NanAndInfinityAreRejected) {
  TempDir dir;
  const auto errors = load_errors(
      dir, "s.toml", "schema_version = 2\nverbosity = nan\n[population]\nsize = 1\nhba1c_sd = inf\n");
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].format(),
            file_prefix(dir, "s.toml", 2, 13) + "verbosity: expected a finite real number, got float nan");
  EXPECT_EQ(errors[1].format(), file_prefix(dir, "s.toml", 5, 12) +
                                    "population.hba1c_sd: expected a finite real number, got float inf");
}

TEST(LoadScenario, InvalidChoiceListsTheChoices) {
  TempDir dir;
  const auto errors = load_errors(dir, "s.toml", std::string(kMinimal) + "[program]\nmatching = \"age\"\n");
  EXPECT_EQ(single_error(errors), file_prefix(dir, "s.toml", 5, 12) +
                                      "program.matching: \"age\" is not a valid choice; expected one of "
                                      "\"random\", \"language\", \"similarity\"");
}

TEST(LoadScenario, MissingRequiredKeyIsReportedAtTheTopOfTheFile) {
  TempDir dir;
  const auto errors = load_errors(dir, "s.toml", "schema_version = 2\n[run]\nweeks = 10\n");
  EXPECT_EQ(single_error(errors),
            file_prefix(dir, "s.toml", 1, 1) +
                "population.size: missing required key; expected an integer (patients)");
}

TEST(LoadScenario, TomlSyntaxErrorHasItsSourceLocation) {
  TempDir dir;
  const auto errors = load_errors(dir, "s.toml", "schema_version = 2\n[population]\nsize = = 3\n");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].where.file, (dir.path() / "s.toml").string());
  EXPECT_EQ(errors[0].where.line, 3);
  EXPECT_GT(errors[0].where.column, 1);
  EXPECT_TRUE(errors[0].key_path.empty());
  EXPECT_FALSE(errors[0].message.empty());
}

TEST(LoadScenario, SchemaVersionMustBePresentAndMatch) {
  TempDir dir;
  const auto wrong = load_errors(dir, "s.toml", "schema_version = 1\n[population]\nsize = 100\n");
  EXPECT_EQ(single_error(wrong),
            file_prefix(dir, "s.toml", 1, 18) +
                "schema_version: schema_version 1 is not supported; this build reads schema_version 2");
  const auto missing = load_errors(dir, "m.toml", "[population]\nsize = 100\n");
  EXPECT_EQ(single_error(missing),
            file_prefix(dir, "m.toml", 1, 1) +
                "schema_version: missing required key; this build reads schema_version 2");
}

TEST(LoadScenario, TableArrayItemCountsAreChecked) {
  TempDir dir;
  const auto few = load_errors(dir, "few.toml", "schema_version = 2\narms = []\n[population]\nsize = 100\n");
  EXPECT_EQ(single_error(few),
            file_prefix(dir, "few.toml", 2, 1) + "arms: too few items: 0 given, at least 1 required");
  std::string many = kMinimal;
  for (int i = 0; i < 4; ++i) many += "[[arms]]\nname = \"control\"\n";
  const auto too_many = load_errors(dir, "many.toml", many);
  EXPECT_EQ(single_error(too_many),
            file_prefix(dir, "many.toml", 4, 3) + "arms: too many items: 4 given, at most 3 allowed");
}

TEST(LoadScenario, TableArrayItemKeysAreValidated) {
  TempDir dir;
  const auto errors = load_errors(dir, "s.toml",
                                  std::string(kMinimal) +
                                      "[[arms]]\nname = \"control\"\n"
                                      "[[arms]]\nshar = 0.5\ncoaching = 1\n");
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].format(), file_prefix(dir, "s.toml", 6, 1) +
                                    "arms[1].name: missing required key; expected one of \"control\", "
                                    "\"coached\", \"waitlist\"");
  EXPECT_EQ(errors[1].format(),
            file_prefix(dir, "s.toml", 7, 1) +
                "arms[1].shar: unknown key 'arms[1].shar'; did you mean 'arms[1].share'?");
  EXPECT_EQ(errors[2].format(),
            file_prefix(dir, "s.toml", 8, 12) + "arms[1].coaching: expected a boolean, got integer 1");
}

TEST(LoadScenario, ReportsEveryProblemAtOnce) {
  TempDir dir;
  const auto path = dir.write("s.toml", R"(schema_version = 2
[run]
weeks = 7000
[population]
size = 100
hba1c_maen = 9.0
[program]
matching = 3
)");
  try {
    load_scenario(test_schema(), path);
    FAIL() << "expected ConfigErrors";
  } catch (const ConfigErrors& e) {
    ASSERT_EQ(e.errors().size(), 3u);
    EXPECT_EQ(e.errors()[0].key_path, "run.weeks");
    EXPECT_EQ(e.errors()[0].where.line, 3);
    EXPECT_EQ(e.errors()[1].key_path, "population.hba1c_maen");
    EXPECT_EQ(e.errors()[1].where.line, 6);
    EXPECT_EQ(e.errors()[2].key_path, "program.matching");
    EXPECT_EQ(e.errors()[2].where.line, 8);
    EXPECT_EQ(std::string(e.what()),
              e.errors()[0].format() + "\n" + e.errors()[1].format() + "\n" + e.errors()[2].format());
  }
}

TEST(LoadScenario, UnreadableFileIsAConfigError) {
  TempDir dir;
  const auto errors = errors_of([&] { load_scenario(test_schema(), dir.path() / "absent.toml"); });
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].format().find("absent.toml"), std::string::npos);
}

TEST(Extends, ChildOverridesBaseKeyByKeyAndReplacesTableArrays) {
  TempDir dir;
  dir.write("base.toml", R"(schema_version = 2
title = "Base"
[run]
weeks = 40
seed = 7
[population]
size = 100
[[arms]]
name = "control"
[[arms]]
name = "coached"
)");
  const auto scenario = load(dir, "child.toml", R"(schema_version = 2
extends = "base.toml"
[run]
weeks = 52
[[arms]]
name = "waitlist"
share = 1.0
)");
  const auto& v = scenario.values;
  EXPECT_EQ(v.integer("run.weeks"), 52);  // overridden
  EXPECT_EQ(v.integer("run.seed"), 7);    // inherited
  EXPECT_EQ(v.integer("population.size"), 100);
  EXPECT_EQ(scenario.title, "Base");
  ASSERT_EQ(v.items("arms").size(), 1u);  // replaced whole
  EXPECT_EQ(v.items("arms")[0].choice("name"), "waitlist");
}

TEST(Extends, ChainsResolveRelativeToEachFile) {
  TempDir dir;
  dir.write("common/root.toml", "schema_version = 2\n[run]\nweeks = 10\nseed = 3\n[population]\nsize = 50\n");
  dir.write("common/middle.toml", "schema_version = 2\nextends = \"root.toml\"\n[run]\nweeks = 20\n");
  const auto scenario = load(dir, "leaf.toml",
                             "schema_version = 2\nextends = \"common/middle.toml\"\ntitle = \"Leaf\"\n"
                             "[population]\nsize = 60\n");
  EXPECT_EQ(scenario.values.integer("run.weeks"), 20);
  EXPECT_EQ(scenario.values.integer("run.seed"), 3);
  EXPECT_EQ(scenario.values.integer("population.size"), 60);
  EXPECT_EQ(scenario.title, "Leaf");
}

TEST(Extends, CycleIsAnError) {
  TempDir dir;
  dir.write("a.toml", "schema_version = 2\nextends = \"b.toml\"\n[population]\nsize = 10\n");
  dir.write("b.toml", "schema_version = 2\nextends = \"a.toml\"\n");
  const auto errors = errors_of([&] { load_scenario(test_schema(), dir.path() / "a.toml"); });
  const std::string text = single_error(errors);
  EXPECT_EQ(text.rfind(file_prefix(dir, "b.toml", 2, 11) + "extends: extends cycle: ", 0), 0u) << text;
  EXPECT_NE(text.find("a.toml -> "), std::string::npos) << text;
}

TEST(Extends, ErrorsInTheBaseNameTheBaseFileAndMissingBaseIsReported) {
  TempDir dir;
  dir.write("base.toml", "schema_version = 2\n[population]\nsize = 100\nhba1c_mean = 40\n");
  const auto errors =
      load_errors(dir, "child.toml", "schema_version = 2\nextends = \"base.toml\"\n[run]\nweeks = 0\n");
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].format(),
            file_prefix(dir, "child.toml", 4, 9) + "run.weeks: 0 is outside [1, 520] weeks");
  EXPECT_EQ(errors[1].format(),
            file_prefix(dir, "base.toml", 4, 14) + "population.hba1c_mean: 40 is outside [4, 15] %");
  const auto missing = load_errors(dir, "orphan.toml", "schema_version = 2\nextends = \"nowhere.toml\"\n");
  const std::string text = single_error(missing);  // no missing-key errors when a base is unreadable
  EXPECT_EQ(text.rfind(file_prefix(dir, "orphan.toml", 2, 11) + "extends: cannot read base scenario", 0), 0u)
      << text;
}

TEST(SetOverrides, OverrideFileValuesWithTomlValuesAndBareChoiceWords) {
  TempDir dir;
  const auto scenario = load(dir, "s.toml", std::string(kMinimal) + "[run]\nweeks = 10\n",
                             {"run.weeks=52", "program.matching=language", "population.hba1c_mean = 8",
                              "output.patient_table=true", "program.coaches=20"});
  EXPECT_EQ(scenario.values.integer("run.weeks"), 52);
  EXPECT_EQ(scenario.values.choice("program.matching"), "language");
  EXPECT_EQ(std::get<double>(scenario.values.scalars().at("population.hba1c_mean")), 8.0);
  EXPECT_TRUE(scenario.values.boolean("output.patient_table"));
  EXPECT_EQ(scenario.values.integer("program.coaches"), 20);
}

TEST(FreeText, ChoiceWithoutChoicesAcceptsAnyString) {
  TempDir dir;
  EXPECT_EQ(load(dir, "s.toml", "schema_version = 2\n[run]\nlabel = \"pilot 2\"\n[population]\nsize = 1\n")
                .values.choice("run.label"),
            "pilot 2");
  EXPECT_EQ(load(dir, "t.toml", kMinimal, {"run.label=spring-cohort"}).values.choice("run.label"),
            "spring-cohort");
  EXPECT_EQ(load(dir, "u.toml", kMinimal).values.choice("run.label"), "baseline");
  const auto errors = load_errors(dir, "v.toml", std::string(kMinimal) + "[run]\nlabel = 3\n");
  EXPECT_EQ(single_error(errors),
            file_prefix(dir, "v.toml", 5, 9) + "run.label: expected a string, got integer 3");
}

TEST(SetOverrides, AreValidatedLikeFileValues) {
  TempDir dir;
  const auto errors = load_errors(dir, "s.toml", kMinimal,
                                  {"run.weeks=52", "run.weeks=7000", "population.hba1c_maen=9",
                                   "run.seed=abc", "no_equals_sign", "program.matching=langauge"});
  ASSERT_EQ(errors.size(), 5u);
  EXPECT_EQ(errors[0].format(), "--set:2:1: run.weeks: 7000 is outside [1, 520] weeks");
  EXPECT_EQ(errors[1].format(),
            "--set:3:1: population.hba1c_maen: unknown key 'population.hba1c_maen'; did you mean "
            "'population.hba1c_mean'?");
  EXPECT_EQ(errors[2].format(),
            "--set:4:1: run.seed: expected an integer, got 'abc', which is not a TOML value (quote strings)");
  EXPECT_EQ(errors[3].format(), "--set:5:1: expected key.path=value, got 'no_equals_sign'");
  EXPECT_EQ(errors[4].format(),
            "--set:6:1: program.matching: \"langauge\" is not a valid choice; expected one of \"random\", "
            "\"language\", "
            "\"similarity\"; did you mean \"language\"?");
}

TEST(CrossFieldRules, FailureIsReportedWhereTheBlamedKeyWasSet) {
  TempDir dir;
  const auto errors =
      load_errors(dir, "s.toml", "schema_version = 2\n[population]\nsize = 500\n[program]\ncaseload = 20\n");
  EXPECT_EQ(single_error(errors), file_prefix(dir, "s.toml", 5, 1) +
                                      "program.caseload: caseload x coaches = 200 cannot cover 500 patients");
  const auto defaulted = load_errors(dir, "d.toml", "schema_version = 2\n[population]\nsize = 500\n");
  EXPECT_EQ(single_error(defaulted),
            file_prefix(dir, "d.toml", 1, 1) +
                "program.caseload: caseload x coaches = 100 cannot cover 500 patients");
  const auto by_set = load_errors(dir, "e.toml", kMinimal, {"program.caseload=2"});
  EXPECT_EQ(single_error(by_set),
            "--set:1:1: program.caseload: caseload x coaches = 20 cannot cover 100 patients");
}

TEST(CrossFieldRules, AreSkippedWhileKeysHaveErrors) {
  TempDir dir;
  const auto errors =
      load_errors(dir, "s.toml", "schema_version = 2\n[population]\nsize = 500\n[run]\nweeks = 0\n");
  EXPECT_EQ(single_error(errors),
            file_prefix(dir, "s.toml", 5, 9) + "run.weeks: 0 is outside [1, 520] weeks");
}

TEST(WithOverrides, AppliesTypedValuesAndValidatesThem) {
  const Schema schema = test_schema();
  const auto base = load_scenario_text(schema, kMinimal, "base.toml").values;
  const auto swept = with_overrides(
      schema, base, {{"run.weeks", std::int64_t{40}}, {"population.hba1c_sd", std::int64_t{2}}},
      {"sweep.toml", 7, 3});
  EXPECT_EQ(swept.integer("run.weeks"), 40);
  EXPECT_EQ(std::get<double>(swept.scalars().at("population.hba1c_sd")), 2.0);
  EXPECT_EQ(swept.integer("population.size"), 100);

  const SourceLocation origin{"sweep.toml", 7, 3};
  const auto errors = errors_of([&] {
    with_overrides(schema, base,
                   {{"run.weeks", std::int64_t{0}},
                    {"run.wekes", std::int64_t{4}},
                    {"program.matching", 1.5},
                    {"arms", true}},
                   origin);
  });
  ASSERT_EQ(errors.size(), 4u);
  EXPECT_EQ(errors[0].format(), "sweep.toml:7:3: run.weeks: 0 is outside [1, 520] weeks");
  EXPECT_EQ(errors[1].format(),
            "sweep.toml:7:3: run.wekes: unknown key 'run.wekes'; did you mean 'run.weeks'?");
  EXPECT_EQ(errors[2].format(),
            "sweep.toml:7:3: program.matching: expected one of \"random\", \"language\", \"similarity\", got "
            "float 1.5");
  EXPECT_EQ(errors[3].key_path, "arms");

  const auto rule = errors_of([&] {
    with_overrides(schema, base, {{"population.size", std::int64_t{5000}}}, origin);
  });
  EXPECT_EQ(single_error(rule),
            "sweep.toml:7:3: program.caseload: caseload x coaches = 100 cannot cover 5000 patients");
}

TEST(LoadScenarioText, UsesTheDisplayName) {
  const auto errors =
      errors_of([] { load_scenario_text(test_schema(), "schema_version = 2\n", "inline.toml"); });
  EXPECT_EQ(single_error(errors),
            "inline.toml:1:1: population.size: missing required key; expected an integer (patients)");
}

}  // namespace
}  // namespace sim::config
