#include "sim/config/parameter.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace sim::config {
namespace {

template <typename F>
std::string out_of_range_message(F&& f) {
  try {
    f();
  } catch (const std::out_of_range& e) {
    return e.what();
  }
  ADD_FAILURE() << "expected std::out_of_range";
  return "";
}

TEST(ParamTable, AddersRecordEverySpecAndRequiredMarksTheLast) {
  ParamTable item;
  item.real("share", "", 0.5, 0, 1, "share", "src");
  ParamTable table;
  table.real("a.x", "%", 9.0, 4, 15, "x", "src x")
      .integer("a.n", "weeks", 26, 1, 520, "n", "src n")
      .required()
      .boolean("b", true, "flag", "src b")
      .choice("c.mode", "one", {"one", "two"}, "mode", "src c")
      .table_array("arms", item, 1, 3, {{{"share", 1.0}}}, "arms");
  ASSERT_EQ(table.specs().size(), 5u);
  const ParamSpec* x = table.find("a.x");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->type, ParamType::Real);
  EXPECT_EQ(x->unit, "%");
  EXPECT_EQ(std::get<double>(x->default_value), 9.0);
  EXPECT_EQ(x->min, 4);
  EXPECT_EQ(x->max, 15);
  EXPECT_EQ(x->source, "src x");
  EXPECT_FALSE(x->is_required);
  EXPECT_TRUE(table.find("a.n")->is_required);
  EXPECT_EQ(std::get<std::int64_t>(table.find("a.n")->default_value), 26);
  EXPECT_EQ(table.find("c.mode")->choices, (std::vector<std::string>{"one", "two"}));
  const ParamSpec* arms = table.find("arms");
  ASSERT_NE(arms, nullptr);
  EXPECT_EQ(arms->type, ParamType::TableArray);
  ASSERT_EQ(arms->item_specs.size(), 1u);
  EXPECT_EQ(arms->item_specs[0].path, "share");
  EXPECT_EQ(arms->min_items, 1u);
  EXPECT_EQ(arms->max_items, 3u);
  EXPECT_EQ(table.find("a"), nullptr);
  EXPECT_EQ(table.find("nope"), nullptr);
}

TEST(ParamTable, RejectsMalformedDeclarations) {
  ParamTable table;
  table.real("a.x", "", 0, 0, 1, "", "");
  EXPECT_THROW(table.real("a.x", "", 0, 0, 1, "", ""), std::invalid_argument);    // twice
  EXPECT_THROW(table.real("a", "", 0, 0, 1, "", ""), std::invalid_argument);      // value and section
  EXPECT_THROW(table.real("a.x.y", "", 0, 0, 1, "", ""), std::invalid_argument);  // value and section
  EXPECT_THROW(table.real("a..y", "", 0, 0, 1, "", ""), std::invalid_argument);   // empty component
  EXPECT_THROW(table.real("a.y z", "", 0, 0, 1, "", ""), std::invalid_argument);  // not a bare key
  EXPECT_THROW(table.real("a.y", "", 0, 2, 1, "", ""), std::invalid_argument);    // min > max
  EXPECT_NO_THROW(table.choice("a.c", "x", {}, "", ""));                          // no choices: free text
  EXPECT_THROW(table.table_array("t", ParamTable{}, 0, 1, {{{"k", 1.0}}}, ""), std::invalid_argument);
  EXPECT_THROW(ParamTable{}.required(), std::logic_error);
}

TEST(ParamValues, GettersReturnTypedValues) {
  ParamValues values;
  values.set("r", 2.5);
  values.set("i", std::int64_t{7});
  values.set("b", true);
  values.set("c", std::string("language"));
  ParamValues item;
  item.set("share", 0.5);
  values.set_items("arms", {item, item});
  EXPECT_EQ(values.real("r"), 2.5);
  EXPECT_EQ(values.integer("i"), 7);
  EXPECT_EQ(values.real("i"), 7.0);  // integers may be read as reals
  EXPECT_TRUE(values.boolean("b"));
  EXPECT_EQ(values.choice("c"), "language");
  ASSERT_EQ(values.items("arms").size(), 2u);
  EXPECT_EQ(values.items("arms")[1].real("share"), 0.5);
  EXPECT_TRUE(values.has("r"));
  EXPECT_TRUE(values.has("arms"));
  EXPECT_FALSE(values.has("nope"));
}

TEST(ParamValues, MissingOrMistypedValuesThrowNamingThePath) {
  ParamValues values;
  values.set("r", 2.5);
  values.set("c", std::string("x"));
  EXPECT_NE(out_of_range_message([&] { values.real("run.weeks"); }).find("run.weeks"), std::string::npos);
  EXPECT_NE(out_of_range_message([&] { values.integer("r"); }).find("'r'"), std::string::npos);
  EXPECT_NE(out_of_range_message([&] { values.boolean("c"); }).find("'c'"), std::string::npos);
  EXPECT_NE(out_of_range_message([&] { values.choice("r"); }).find("'r'"), std::string::npos);
  EXPECT_NE(out_of_range_message([&] { values.real("c"); }).find("'c'"), std::string::npos);
  EXPECT_NE(out_of_range_message([&] { values.items("arms"); }).find("arms"), std::string::npos);
}

TEST(ParamValues, EqualityComparesScalarsAndItems) {
  ParamValues a;
  a.set("x", 1.0);
  ParamValues b = a;
  EXPECT_EQ(a, b);
  b.set("x", std::int64_t{1});  // same number, different type
  EXPECT_NE(a, b);
  b = a;
  b.set_items("arms", {});
  EXPECT_NE(a, b);
}

}  // namespace
}  // namespace sim::config
