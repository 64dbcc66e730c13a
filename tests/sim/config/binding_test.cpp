#include "sim/config/binding.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/config/scenario_loader.hpp"

namespace sim::config {
namespace {

enum class Mode { Slow, Fast };
constexpr Choice<Mode> kModes[] = {{"slow", Mode::Slow}, {"fast", Mode::Fast}};

struct Item {
  std::string name;
  double weight{};
};

struct Run {
  std::uint8_t tiny{};
  std::int16_t small{};
  std::uint32_t weeks{};
  std::uint64_t seed{};
  std::int64_t offset{};
};

struct Options {
  double rate{};
  double other_rate{};
  bool verbose{};
  Mode mode{};
};

struct Root {
  Run run;
  Options options;
  std::vector<Item> items;
  double top{};
};

Bindings<Item> item_bindings() {
  Bindings<Item> item;
  item.text("name", &Item::name, "item", "free name", "test")
      .real("weight", &Item::weight, "", 1, 0, 10, "weight", "test");
  return item;
}

Bindings<Root> root_bindings() {
  Bindings<Root> b(3);
  b.section("run", &Root::run)
      .section("options", &Root::options)
      .integer("run.tiny", &Run::tiny, "", 7, 0, 255, "a byte", "test")
      .integer("run.small", &Run::small, "", -3, -100, 100, "a short", "test")
      .integer("run.weeks", &Run::weeks, "weeks", 26, 1, 1040, "weeks", "test")
      .integer("run.seed", &Run::seed, "", 1, 0, 9'007'199'254'740'991, "seed", "test")
      .integer("run.offset", &Run::offset, "", -5, -1'000'000, 1'000'000, "offset", "test")
      .real("options.rate", &Options::rate, "1/week", 0.25, 0, 1, "rate", "test")
      .real("options.other_rate", &Options::other_rate, "1/week", 0.5, 0, 1, "other rate", "test")
      .boolean("options.verbose", &Options::verbose, true, "verbose", "test")
      .choice("options.mode", &Options::mode, Mode::Fast, kModes, "mode", "test")
      .table_array("items", &Root::items, item_bindings(), 1, 4, {{{"name", Scalar{std::string("a")}}}},
                   "items")
      .real("top", &Root::top, "", 2, 0, 10, "a top-level key", "test");
  return b;
}

Root load(const Bindings<Root>& b, const std::string& toml) {
  return b.fill(load_scenario_text(b.schema(), "schema_version = 3\n" + toml, "test.toml").values);
}

std::string invalid_argument_message(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  ADD_FAILURE() << "expected std::invalid_argument";
  return "";
}

TEST(Bindings, SchemaComesFromTheDeclarations) {
  const auto b = root_bindings();
  const Schema& schema = b.schema();
  EXPECT_EQ(schema.schema_version, 3);
  std::vector<std::string> paths;
  for (const auto& spec : schema.params.specs()) paths.push_back(spec.path);
  EXPECT_EQ(paths, (std::vector<std::string>{"run.tiny", "run.small", "run.weeks", "run.seed", "run.offset",
                                             "options.rate", "options.other_rate", "options.verbose",
                                             "options.mode", "items", "top"}));
  const ParamSpec* mode = schema.params.find("options.mode");
  EXPECT_EQ(mode->type, ParamType::Choice);
  EXPECT_EQ(mode->choices, (std::vector<std::string>{"slow", "fast"}));
  EXPECT_EQ(std::get<std::string>(mode->default_value), "fast");
  const ParamSpec* rate = schema.params.find("options.rate");
  EXPECT_EQ(rate->unit, "1/week");
  EXPECT_EQ(std::get<double>(rate->default_value), 0.25);
  EXPECT_EQ(rate->max, 1);
  const ParamSpec* items = schema.params.find("items");
  ASSERT_EQ(items->item_specs.size(), 2u);
  EXPECT_EQ(items->item_specs[0].path, "name");
  EXPECT_TRUE(items->item_specs[0].choices.empty());  // free text
  EXPECT_EQ(items->max_items, 4u);
}

TEST(Bindings, FillGivesDefaultsToEveryBoundMember) {
  const Root r = load(root_bindings(), "");
  EXPECT_EQ(r.run.tiny, 7);
  EXPECT_EQ(r.run.small, -3);
  EXPECT_EQ(r.run.weeks, 26u);
  EXPECT_EQ(r.run.seed, 1u);
  EXPECT_EQ(r.run.offset, -5);
  EXPECT_EQ(r.options.rate, 0.25);
  EXPECT_EQ(r.options.other_rate, 0.5);
  EXPECT_TRUE(r.options.verbose);
  EXPECT_EQ(r.options.mode, Mode::Fast);
  ASSERT_EQ(r.items.size(), 1u);
  EXPECT_EQ(r.items[0].name, "a");
  EXPECT_EQ(r.items[0].weight, 1.0);
  EXPECT_EQ(r.top, 2.0);
}

TEST(Bindings, FillReadsEveryKindOfMember) {
  const Root r = load(root_bindings(), R"(top = 4.5
[run]
tiny = 255
small = -100
weeks = 1040
seed = 9007199254740991
offset = -1000000
[options]
rate = 0.75
verbose = false
mode = "slow"
[[items]]
name = "first"
weight = 3
[[items]]
name = "second"
)");
  EXPECT_EQ(r.run.tiny, 255);
  EXPECT_EQ(r.run.small, -100);
  EXPECT_EQ(r.run.weeks, 1040u);
  EXPECT_EQ(r.run.seed, 9'007'199'254'740'991u);
  EXPECT_EQ(r.run.offset, -1'000'000);
  EXPECT_EQ(r.options.rate, 0.75);
  EXPECT_FALSE(r.options.verbose);
  EXPECT_EQ(r.options.mode, Mode::Slow);
  ASSERT_EQ(r.items.size(), 2u);
  EXPECT_EQ(r.items[0].name, "first");
  EXPECT_EQ(r.items[0].weight, 3.0);
  EXPECT_EQ(r.items[1].name, "second");
  EXPECT_EQ(r.items[1].weight, 1.0);
  EXPECT_EQ(r.top, 4.5);
}

TEST(Bindings, TypedRulesReportAtTheirBlameKey) {
  auto b = root_bindings();
  b.rule("options.other_rate", [](const Root& r) -> std::optional<std::string> {
    if (r.options.rate + r.options.other_rate > 1)
      return "rates sum past 1 (" + std::to_string(r.run.weeks) + ")";
    return std::nullopt;
  });
  EXPECT_NO_THROW(load(b, "[options]\nrate = 0.5\n"));
  try {
    load(b, "[run]\nweeks = 9\n[options]\nrate = 0.75\nother_rate = 0.5\n");
    FAIL() << "expected ConfigErrors";
  } catch (const ConfigErrors& e) {
    ASSERT_EQ(e.errors().size(), 1u);
    EXPECT_EQ(e.errors()[0].key_path, "options.other_rate");
    EXPECT_EQ(e.errors()[0].message, "rates sum past 1 (9)");
    EXPECT_EQ(e.errors()[0].where.line, 6);  // where other_rate was set
  }
}

TEST(Bindings, ARuleMayBlameAnItemKeyWhereItIsWritten) {
  auto b = root_bindings();
  b.rule("items", [](const Root& r) -> std::optional<RuleBreach> {
    for (std::size_t i = 1; i < r.items.size(); ++i) {
      if (r.items[i].weight < r.items[i - 1].weight) {
        return RuleBreach("weights must not fall", "items[" + std::to_string(i) + "].weight");
      }
    }
    return std::nullopt;
  });
  EXPECT_NO_THROW(load(b, "[[items]]\nname = \"a\"\nweight = 1\n[[items]]\nname = \"b\"\nweight = 2\n"));
  try {
    load(b, "[[items]]\nname = \"a\"\nweight = 2\n[[items]]\nname = \"b\"\nweight = 1\n");
    FAIL() << "expected ConfigErrors";
  } catch (const ConfigErrors& e) {
    ASSERT_EQ(e.errors().size(), 1u);
    EXPECT_EQ(e.errors()[0].key_path, "items[1].weight");
    EXPECT_EQ(e.errors()[0].message, "weights must not fall");
    EXPECT_EQ(e.errors()[0].where.line, 7);  // the second item's weight
    EXPECT_EQ(e.errors()[0].where.column, 10);
  }
}

// A root that counts how often one is built: every fill builds one.
struct Counted {
  static inline int built = 0;
  Counted() { ++built; }
};

struct CountedRoot {
  Run run;
  Options options;
  Counted counted;
};

TEST(Bindings, ValidationFillsOnceForAllRules) {
  Bindings<CountedRoot> b;
  b.section("run", &CountedRoot::run)
      .section("options", &CountedRoot::options)
      .integer("run.weeks", &Run::weeks, "weeks", 26, 1, 1040, "weeks", "test")
      .real("options.rate", &Options::rate, "1/week", 0.25, 0, 1, "rate", "test")
      .real("options.other_rate", &Options::other_rate, "1/week", 0.5, 0, 1, "other rate", "test");
  constexpr int kRules = 6;
  int checked = 0;
  for (int i = 0; i < kRules; ++i) {
    // Rules 1 and 4 break when the rates sum past 1, each with its own message and key.
    const std::string blame = i % 2 == 0 ? "run.weeks" : "options.other_rate";
    b.rule(blame, [i, &checked](const CountedRoot& r) -> std::optional<std::string> {
      ++checked;
      if ((i == 1 || i == 4) && r.options.rate + r.options.other_rate > 1) return "rule " + std::to_string(i);
      return std::nullopt;
    });
  }
  const Schema& schema = b.schema();
  const auto base = load_scenario_text(schema, "schema_version = 1\n", "base.toml").values;

  Counted::built = 0;
  checked = 0;
  EXPECT_NO_THROW(static_cast<void>(with_overrides(schema, base, {{"options.rate", 0.5}}, {"point", 1, 1})));
  EXPECT_EQ(Counted::built, 1);
  EXPECT_EQ(checked, kRules);

  Counted::built = 0;
  checked = 0;
  try {
    static_cast<void>(with_overrides(schema, base, {{"options.rate", 0.75}}, {"point", 1, 1}));
    FAIL() << "expected ConfigErrors";
  } catch (const ConfigErrors& e) {
    ASSERT_EQ(e.errors().size(), 2u);  // every broken rule, in the order they were added
    EXPECT_EQ(e.errors()[0].key_path, "options.other_rate");
    EXPECT_EQ(e.errors()[0].message, "rule 1");
    EXPECT_EQ(e.errors()[1].key_path, "run.weeks");
    EXPECT_EQ(e.errors()[1].message, "rule 4");
  }
  EXPECT_EQ(Counted::built, 1);
  EXPECT_EQ(checked, kRules);

  // A scenario file likewise: one fill for its rules.
  Counted::built = 0;
  EXPECT_NO_THROW(
      static_cast<void>(load_scenario_text(schema, "schema_version = 1\n[options]\nrate = 0.25\n", "test.toml")));
  EXPECT_EQ(Counted::built, 1);
}

TEST(Bindings, DeclaringAKeyTwiceFailsAtConstruction) {
  Bindings<Root> b;
  b.section("options", &Root::options).real("options.rate", &Options::rate, "", 0, 0, 1, "", "");
  const std::string message =
      invalid_argument_message([&] { b.real("options.rate", &Options::other_rate, "", 0, 0, 1, "", ""); });
  EXPECT_NE(message.find("'options.rate' declared twice"), std::string::npos) << message;
}

TEST(Bindings, BindingAMemberTwiceFailsAtConstruction) {
  Bindings<Root> b;
  b.section("options", &Root::options).real("options.rate", &Options::rate, "", 0, 0, 1, "", "");
  const std::string message =
      invalid_argument_message([&] { b.real("options.other_rate", &Options::rate, "", 0, 0, 1, "", ""); });
  EXPECT_NE(message.find("'options.rate' and 'options.other_rate' are bound to the same member"),
            std::string::npos)
      << message;

  Bindings<Item> item;
  item.real("weight", &Item::weight, "", 0, 0, 1, "", "");
  EXPECT_THROW(item.real("weight2", &Item::weight, "", 0, 0, 1, "", ""), std::invalid_argument);
}

TEST(Bindings, RejectsKeysThatDoNotMatchTheirMember) {
  Bindings<Root> b;
  b.section("run", &Root::run);
  // No such section.
  EXPECT_THROW(b.real("opts.rate", &Options::rate, "", 0, 0, 1, "", ""), std::invalid_argument);
  // The section holds another struct.
  EXPECT_THROW(b.real("run.rate", &Options::rate, "", 0, 0, 1, "", ""), std::invalid_argument);
  // A member of the root needs a bare key; a section member needs "section.leaf".
  EXPECT_THROW(b.real("run.top", &Root::top, "", 0, 0, 1, "", ""), std::invalid_argument);
  EXPECT_THROW(b.integer("weeks", &Run::weeks, "", 1, 1, 2, "", ""), std::invalid_argument);
  // A section registered twice.
  EXPECT_THROW(b.section("run", &Root::run), std::invalid_argument);
}

TEST(Bindings, RejectsRangesAndDefaultsTheMemberCannotHold) {
  Bindings<Root> b;
  b.section("run", &Root::run).section("options", &Root::options);
  EXPECT_THROW(b.integer("run.tiny", &Run::tiny, "", 7, 0, 256, "", ""), std::invalid_argument);
  EXPECT_THROW(b.integer("run.weeks", &Run::weeks, "", 1, -1, 10, "", ""), std::invalid_argument);
  constexpr Choice<Mode> kOnlySlow[] = {{"slow", Mode::Slow}};
  EXPECT_THROW(b.choice("options.mode", &Options::mode, Mode::Fast, kOnlySlow, "", ""),
               std::invalid_argument);
  EXPECT_THROW(b.rule("options.nothing", [](const Root&) { return std::optional<std::string>(); }),
               std::invalid_argument);
}

TEST(Choices, ConvertBothWays) {
  EXPECT_STREQ(choice_name<Mode>(kModes, Mode::Slow), "slow");
  EXPECT_EQ(choice_value<Mode>(kModes, "fast"), Mode::Fast);
  EXPECT_THROW(choice_value<Mode>(kModes, "medium"), std::invalid_argument);
}

}  // namespace
}  // namespace sim::config
