// The declaration kinds of the other input files (sim/config/shapes.cpp), read by read_document.
#include <gtest/gtest.h>

#include <limits>

#include "sim/config/document.hpp"

namespace sim::config {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// A small "other" schema: its keys are what lists, key_of and open tables refer to.
std::shared_ptr<const KeyDomain> knobs() {
  static const Schema other = [] {
    Schema s;
    s.params.integer("size", "patients", 10, 1, 100, "", "")
        .real("rate", "1/week", 0.5, 0, 1, "", "")
        .choice("mode", "a", {"a", "b"}, "", "")
        .integer("fixed", "", 1, 1, 1, "", "");
    return s;
  }();
  auto domain = std::make_shared<KeyDomain>();
  domain->what = "knob";
  domain->names = [] { return std::vector<std::string>{"size", "rate", "mode", "fixed"}; };
  domain->refuse = [](const std::string& key) -> std::optional<std::string> {
    if (key == "fixed") return "fixed cannot be used here";
    return std::nullopt;
  };
  domain->check = [](const std::string& key, Scalar& value) { return check_value(other, key, value); };
  return domain;
}

Schema file_schema() {
  Schema s;
  ParamTable item;
  item.key_of("knob", knobs(), "A knob")
      .required()
      .value_of("values", "knob", true, "Values for it")
      .value_of("low", "knob", false, "One value for it");
  s.params.list("weights", ParamType::Real, "", 0, 1, 1, 3, "Weights")
      .interval("band", "%", 0, 20, "A band")
      .path("input", "An input file")
      .key_of("favourite", knobs(), "A knob by name")
      .open_table("fixed", knobs(), "Fixed knob values")
      .integer("search.points", "", 0, 1, 100, "Points", "")
      .required()
      .real("search.scale", "", 1, 0, kInf, "Scale", "")
      .optional()
      .table_array("items", item, 0, 5, {}, "Items");
  return s;
}

struct Read {
  Document doc;
  std::vector<std::string> errors;  // formatted
};

Read read(const std::string& body, const std::string& display = "dir/f.toml") {
  std::vector<ConfigError> errors;
  Read out{read_document(file_schema(), "schema_version = 1\n" + body, display, errors), {}};
  sort_errors(errors, display);
  for (const auto& e : errors) out.errors.push_back(e.format());
  return out;
}

TEST(Lists, ReadEveryElementAndCheckItAndTheCount) {
  const auto ok = read("weights = [0.25, 1]\n[search]\npoints = 3\n");
  ASSERT_TRUE(ok.errors.empty()) << ok.errors.front();
  EXPECT_EQ(ok.doc.values.list("weights"), (std::vector<Scalar>{0.25, 1.0}));
  EXPECT_EQ(ok.doc.at("weights[1]").column, 18);
  const auto bad = read("weights = [0.5, 2, \"x\"]\nsearch.points = 3\n");
  ASSERT_EQ(bad.errors.size(), 2u);
  EXPECT_EQ(bad.errors[0], "dir/f.toml:2:17: weights[1]: 2 is outside [0, 1]");
  EXPECT_EQ(bad.errors[1], "dir/f.toml:2:20: weights[2]: expected a real number, got string \"x\"");
  EXPECT_FALSE(bad.doc.values.has("weights"));
  EXPECT_EQ(read("weights = []\nsearch.points = 3\n").errors.at(0),
            "dir/f.toml:2:11: weights: too few items: 0 given, at least 1 required");
  EXPECT_EQ(read("weights = 0.5\nsearch.points = 3\n").errors.at(0),
            "dir/f.toml:2:11: weights: expected a list [...] of real values, got float 0.5");
}

TEST(Intervals, AreTwoOrderedFiniteNumbersInsideTheirRange) {
  EXPECT_EQ(read("band = [1, 2.5]\nsearch.points = 3\n").doc.values.interval("band"), (std::pair{1.0, 2.5}));
  EXPECT_EQ(read("band = [3, 2]\nsearch.points = 3\n").errors.at(0),
            "dir/f.toml:2:8: band: expected [lo, hi] with lo < hi, got [3, 2]");
  EXPECT_EQ(read("band = [1, 30]\nsearch.points = 3\n").errors.at(0),
            "dir/f.toml:2:8: band: [1, 30] is outside [0, 20] %");
  EXPECT_EQ(read("band = [1]\nsearch.points = 3\n").errors.at(0),
            "dir/f.toml:2:8: band: expected an interval [lo, hi] of two real numbers (%), got [1]");
  EXPECT_EQ(read("band = [1, nan]\nsearch.points = 3\n").errors.size(), 1u);
}

TEST(Paths, AreResolvedAgainstTheDeclaringFile) {
  EXPECT_EQ(read("input = \"../data/x.csv\"\nsearch.points = 3\n").doc.values.choice("input"), "data/x.csv");
  EXPECT_EQ(read("input = \"y.csv\"\nsearch.points = 3\n", "a/b/f.toml").doc.values.choice("input"),
            "a/b/y.csv");
  EXPECT_EQ(read("input = 3\nsearch.points = 3\n").errors.at(0),
            "dir/f.toml:2:9: input: expected a path (a string, relative to this file), got integer 3");
}

TEST(KeysOfAnotherSchema, SuggestTheClosestAndMayBeRefused) {
  EXPECT_EQ(read("favourite = \"rate\"\nsearch.points = 3\n").doc.values.choice("favourite"), "rate");
  EXPECT_EQ(read("favourite = \"rtae\"\nsearch.points = 3\n").errors.at(0),
            "dir/f.toml:2:13: favourite: \"rtae\" is not a knob; did you mean \"rate\"?");
  EXPECT_EQ(read("favourite = \"zzzzzz\"\nsearch.points = 3\n").errors.at(0),
            "dir/f.toml:2:13: favourite: \"zzzzzz\" is not a knob; expected one of \"size\", \"rate\", "
            "\"mode\", \"fixed\"");
  EXPECT_EQ(read("favourite = \"fixed\"\nsearch.points = 3\n").errors.at(0),
            "dir/f.toml:2:13: favourite: fixed cannot be used here");
}

TEST(ValuesOfANamedKey, AreCheckedByThatKeysDeclaration) {
  const auto ok = read(
      "search.points = 3\n[[items]]\nknob = \"size\"\nvalues = [5, 50]\nlow = 2\n"
      "[[items]]\nknob = \"rate\"\nvalues = [1]\n");
  ASSERT_TRUE(ok.errors.empty()) << ok.errors.front();
  const auto& items = ok.doc.values.items("items");
  EXPECT_EQ(items[0].list("values"), (std::vector<Scalar>{std::int64_t{5}, std::int64_t{50}}));
  EXPECT_EQ(items[1].list("values"), (std::vector<Scalar>{1.0}));  // an integer given for a real
  EXPECT_EQ(ok.doc.at("items[1]").line, 7);
  const auto bad = read("search.points = 3\n[[items]]\nknob = \"size\"\nvalues = [5, 500]\nlow = \"x\"\n");
  ASSERT_EQ(bad.errors.size(), 2u);
  EXPECT_EQ(bad.errors[0], "dir/f.toml:5:14: items[0].values[1]: 500 is outside [1, 100] patients");
  EXPECT_EQ(bad.errors[1], "dir/f.toml:6:7: items[0].low: expected an integer (patients), got string \"x\"");
  // When the named key is wrong, only it is reported.
  EXPECT_EQ(read("search.points = 3\n[[items]]\nknob = \"sise\"\nvalues = [500]\n").errors.size(), 1u);
}

TEST(OpenTables, TakeDottedOrNestedKeysOfTheDomain) {
  const auto ok = read("search.points = 3\n[fixed]\nsize = 20\nrate = 1\n");
  ASSERT_TRUE(ok.errors.empty()) << ok.errors.front();
  EXPECT_EQ(ok.doc.values.table("fixed"),
            (std::map<std::string, Scalar>{{"rate", 1.0}, {"size", std::int64_t{20}}}));
  EXPECT_EQ(ok.doc.at("fixed.size").line, 4);
  const auto bad = read("search.points = 3\n[fixed]\nsise = 20\nrate = 2\nfixed = 1\nmode = \"c\"\n");
  ASSERT_EQ(bad.errors.size(), 4u);
  EXPECT_EQ(bad.errors[0],
            "dir/f.toml:4:1: fixed.sise: unknown key 'fixed.sise'; did you mean 'fixed.size'?");
  EXPECT_EQ(bad.errors[1], "dir/f.toml:5:8: fixed.rate: 2 is outside [0, 1] 1/week");
  EXPECT_EQ(bad.errors[2], "dir/f.toml:6:1: fixed.fixed: fixed cannot be used here");
  EXPECT_EQ(bad.errors[3].rfind("dir/f.toml:7:8: fixed.mode: \"c\" is not a valid choice", 0), 0u)
      << bad.errors[3];
  EXPECT_FALSE(bad.doc.values.has("fixed"));
}

TEST(OptionalKeysAndSections, HaveNoValueWhenAbsentAndMissingKeysAreReportedAtTheirSection) {
  const auto absent = read("search.points = 3\n");
  ASSERT_TRUE(absent.errors.empty());
  for (const char* key : {"weights", "band", "input", "favourite", "fixed", "search.scale"}) {
    EXPECT_FALSE(absent.doc.values.has(key)) << key;
  }
  EXPECT_TRUE(absent.doc.values.has("items"));  // a table array with no default items is empty
  EXPECT_EQ(read("\n[search]\nscale = 2\n").errors.at(0),
            "dir/f.toml:3:1: search.points: missing required key; expected an integer");
  EXPECT_EQ(read("").errors.at(0),
            "dir/f.toml:1:1: search.points: missing required key; expected an integer");
  EXPECT_EQ(read("[search]\npoints = 3\npoint = 4\n").errors.at(0),
            "dir/f.toml:4:1: search.point: unknown key 'search.point'; did you mean 'search.points'?");
}

TEST(Declarations, RefuseValueOfWithoutADomainKey) {
  ParamTable table;
  table.integer("n", "", 1, 0, 5, "", "");
  EXPECT_THROW(table.value_of("v", "n", false, ""), std::invalid_argument);
  EXPECT_THROW(table.value_of("v", "absent", true, ""), std::invalid_argument);
  EXPECT_THROW(table.list("l", ParamType::TableArray, "", 0, 1, 0, 1, ""), std::invalid_argument);
}

}  // namespace
}  // namespace sim::config
