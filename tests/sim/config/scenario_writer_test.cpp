#include <gtest/gtest.h>

#include <limits>

#include "sim/config/scenario_loader.hpp"
#include "tests/sim/config/test_schema.hpp"

namespace sim::config {
namespace {

using testing::TempDir;
using testing::test_schema;

constexpr const char* kScenario = R"(schema_version = 2
title = "Round \"trip\" \\ test"
description = """
Two lines,
with a tab	here."""
verbosity = 0.1
[run]
weeks = 52
[population]
size = 80
hba1c_mean = 8.123456789012345
hba1c_sd = 1e-9
[program]
matching = "similarity"
[[arms]]
name = "control"
share = 0.3333333333333333
[[arms]]
name = "coached"
share = 0.6666666666666667
coaching = true
)";

TEST(ToToml, RoundTripGivesIdenticalValues) {
  const Schema schema = test_schema();
  TempDir dir;
  const auto first = load_scenario(schema, dir.write("s.toml", kScenario));
  const auto second = load_scenario_text(schema, first.resolved_toml, "resolved.toml");
  EXPECT_EQ(first.values, second.values) << first.resolved_toml;
  EXPECT_EQ(second.title, first.title);
  EXPECT_EQ(second.description, first.description);
  EXPECT_EQ(second.resolved_toml, first.resolved_toml);
  ASSERT_EQ(second.values.items("arms").size(), 2u);
  EXPECT_EQ(second.values.items("arms")[1].choice("name"), "coached");
}

TEST(ToToml, WritesEveryDeclaredKeyIncludingDefaults) {
  const Schema schema = test_schema();
  const auto scenario =
      load_scenario_text(schema, "schema_version = 2\n[population]\nsize = 100\n", "s.toml");
  const std::string& text = scenario.resolved_toml;
  EXPECT_NE(text.find("schema_version = 2\n"), std::string::npos);
  EXPECT_NE(text.find("[run]\nweeks = 26  # weeks\nseed = 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("hba1c_sd = 1.5  # %\n"), std::string::npos) << text;
  EXPECT_NE(text.find("matching = \"random\"\n"), std::string::npos) << text;
  EXPECT_NE(text.find("patient_table = false\n"), std::string::npos) << text;
  EXPECT_NE(text.find("verbosity = 0.0\n"), std::string::npos) << text;
  EXPECT_NE(text.find("[[arms]]\nname = \"control\"\nshare = 1.0\ncoaching = false\n"), std::string::npos)
      << text;
  EXPECT_EQ(load_scenario_text(schema, text, "again.toml").values, scenario.values);
}

TEST(ToToml, ExtremeRealsAndEmptyArraysRoundTrip) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  Schema schema;
  schema.schema_version = 1;
  ParamTable item;
  item.real("x", "", 0, -1e308, 1e308, "", "");
  schema.params.real("a.tiny", "", 5e-324, 0, 1, "", "")
      .real("a.huge", "", 1.7976931348623157e308, -kInf, kInf, "", "")
      .real("a.negative", "", -0.0, -1, 1, "", "")
      .integer("a.big", "", std::numeric_limits<std::int64_t>::max(), 0,
               std::numeric_limits<std::int64_t>::max(), "", "")
      .table_array("a.list", item, 0, 5, {}, "")
      .table_array("things", item, 0, 5, {}, "");
  const auto first = load_scenario_text(schema, "schema_version = 1\n", "s.toml");
  EXPECT_TRUE(first.values.items("a.list").empty());
  const auto second = load_scenario_text(schema, first.resolved_toml, "r.toml");
  EXPECT_EQ(first.values, second.values) << first.resolved_toml;
}

TEST(ParameterReference, MarkdownListsEveryPathWithItsDetails) {
  const Schema schema = test_schema();
  const std::string md = parameter_reference_markdown(schema);
  for (const auto& spec : schema.params.specs()) {
    EXPECT_NE(md.find("`" + spec.path + "`"), std::string::npos) << spec.path;
    for (const auto& item : spec.item_specs) {
      EXPECT_NE(md.find("`" + spec.path + "[]." + item.path + "`"), std::string::npos) << item.path;
    }
  }
  EXPECT_NE(md.find("## `[population]`"), std::string::npos);
  EXPECT_NE(md.find("## `[[arms]]`"), std::string::npos);
  EXPECT_NE(md.find("## Top level"), std::string::npos);
  EXPECT_NE(md.find("| `population.hba1c_mean` | real | % | 9.0 | [4, 15] | Mean baseline HbA1c | Example et "
                    "al. 2020 |"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("| `population.size` | integer | patients | required | [1, 100000] |"),
            std::string::npos);
  EXPECT_NE(md.find("SD of baseline HbA1c \\| spread"), std::string::npos);  // pipes escaped
  EXPECT_NE(md.find("\"random\", \"language\", \"similarity\""), std::string::npos);
}

TEST(ParameterReference, TextListsEveryPath) {
  const Schema schema = test_schema();
  const std::string text = parameter_reference_text(schema);
  for (const auto& spec : schema.params.specs()) {
    EXPECT_NE(text.find("  " + spec.path + "  "), std::string::npos) << spec.path;
    for (const auto& item : spec.item_specs) {
      EXPECT_NE(text.find(spec.path + "[]." + item.path), std::string::npos) << item.path;
    }
  }
  EXPECT_NE(text.find("[population]\n"), std::string::npos);
  EXPECT_NE(text.find("source: Example et al. 2020"), std::string::npos);
}

TEST(Suggest, FindsCloseMatchesBestFirst) {
  const std::vector<std::string> candidates{"population.hba1c_mean", "population.hba1c_sd",
                                            "program.caseload", "run.weeks"};
  EXPECT_EQ(suggest("population.hba1c_maen", candidates),
            (std::vector<std::string>{"population.hba1c_mean"}));
  EXPECT_EQ(suggest("run.wekes", candidates).front(), "run.weeks");  // transposition is one edit
  EXPECT_EQ(suggest("RUN.WEEKS", candidates).front(), "run.weeks");  // case is ignored
  EXPECT_TRUE(suggest("outcomes.horizon", candidates).empty());      // nothing close
  const auto both = suggest("run.seek", {"run.weeks", "run.seed", "program.caseload"});
  ASSERT_EQ(both.size(), 2u);
  EXPECT_EQ(both[0], "run.seed");   // one edit
  EXPECT_EQ(both[1], "run.weeks");  // two edits
  EXPECT_TRUE(suggest("x", {}).empty());
}

}  // namespace
}  // namespace sim::config
