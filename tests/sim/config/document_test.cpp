// The front end shared by every input kind (sim/config/document.hpp): schema_version, reading
// files, the one error order, locations and the generated reference.
#include "sim/config/document.hpp"

#include <gtest/gtest.h>

#include "tests/sim/config/test_schema.hpp"

namespace sim::config {
namespace {

Schema small_schema() {
  Schema s;
  s.schema_version = 3;
  ParamTable item;
  item.choice("name", "", {}, "Its name", "").required();
  s.params.choice("source", "", {}, "Where it comes from", "")
      .required()
      .integer("limits.count", "items", 2, 0, 10, "How many", "")
      .table_array("things", item, 0, 4, {}, "Things");
  return s;
}

std::vector<std::string> errors_of(const std::string& text) {
  std::vector<ConfigError> errors;
  read_document(small_schema(), text, "k.toml", errors);
  sort_errors(errors, "k.toml");
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.format());
  return out;
}

TEST(ReadDocument, SchemaVersionIsCheckedOneWayForEveryKind) {
  EXPECT_EQ(errors_of("source = \"x\"\n").at(0),
            "k.toml:1:1: schema_version: missing required key; this build reads schema_version 3");
  EXPECT_EQ(
      errors_of("schema_version = 1\nsource = \"x\"\n").at(0),
      "k.toml:1:18: schema_version: schema_version 1 is not supported; this build reads schema_version 3");
  EXPECT_EQ(errors_of("schema_version = \"3\"\nsource = \"x\"\n").at(0),
            "k.toml:1:18: schema_version: expected an integer; this build reads schema_version 3");
}

TEST(ReadDocument, CollectsEveryProblemInFileOrder) {
  const auto errors =
      errors_of("schema_version = 3\nsorce = 1\n[limits]\ncount = 11\n[[things]]\nnme = \"a\"\n");
  ASSERT_EQ(errors.size(), 5u);
  EXPECT_EQ(errors[0], "k.toml:1:1: source: missing required key; expected a string");
  EXPECT_EQ(errors[1], "k.toml:2:1: sorce: unknown key 'sorce'; did you mean 'source'?");
  EXPECT_EQ(errors[2], "k.toml:4:9: limits.count: 11 is outside [0, 10] items");
  EXPECT_EQ(errors[3], "k.toml:5:1: things[0].name: missing required key; expected a string");
  EXPECT_EQ(errors[4],
            "k.toml:6:1: things[0].nme: unknown key 'things[0].nme'; did you mean 'things[0].name'?");
  EXPECT_EQ(errors_of("schema_version = 3\nsource = \n").at(0).rfind("k.toml:2:", 0), 0u);
}

TEST(ReadDocument, ValuesDefaultsAndLocations) {
  std::vector<ConfigError> errors;
  const auto doc = read_document(
      small_schema(), "schema_version = 3\nsource = \"x\"\n[[things]]\nname = \"a\"\n", "k.toml", errors);
  ASSERT_TRUE(errors.empty());
  EXPECT_EQ(doc.values.integer("limits.count"), 2);
  EXPECT_EQ(doc.values.items("things")[0].choice("name"), "a");
  EXPECT_EQ(doc.at("source").line, 2);
  EXPECT_EQ(doc.at("things[0].name").line, 4);
  EXPECT_EQ(doc.at("things[0].absent").line, 3);  // the item
  EXPECT_EQ(doc.at("nowhere").line, 1);           // the file
  EXPECT_EQ(doc.error("things[0].name", "bad").format(), "k.toml:4:8: things[0].name: bad");
}

TEST(Files, OneReaderWithOneWording) {
  const testing::TempDir dir;
  const auto file = dir.write("a.toml", "text");
  EXPECT_EQ(read_input_file(file, "sweep file"), "text");
  EXPECT_FALSE(read_text_file(dir.path() / "absent.toml").has_value());
  try {
    read_input_file(dir.path() / "absent.toml", "sweep file");
    FAIL() << "expected ConfigErrors";
  } catch (const ConfigErrors& e) {
    EXPECT_EQ(e.errors().at(0).format(),
              (dir.path() / "absent.toml").string() + ": cannot read sweep file: No such file or directory");
  }
}

TEST(Files, OnlyRegularFilesBelowTheLimitAreRead) {
  const testing::TempDir dir;
  std::string reason;
  EXPECT_FALSE(read_text_file(dir.path(), &reason).has_value());
  EXPECT_EQ(reason, "it is a directory, not a file");
  EXPECT_FALSE(read_text_file("/dev/zero", &reason).has_value());
  EXPECT_EQ(reason, "it is not a regular file (a device, pipe or socket)");
  const auto big = dir.write("big.toml", std::string(kMaxInputFileBytes + 1, '#'));
  EXPECT_FALSE(read_text_file(big, &reason).has_value());
  EXPECT_EQ(reason, "it is 16 MiB; input files are limited to 16 MiB");
}

TEST(Files, TheTomlLibraryHazardIsRefusedAtTheBackslash) {
  EXPECT_FALSE(toml_hazard("a = \"\"\"\\\nx\"\"\"\n", "f").has_value());
  const auto at = toml_hazard("s = 1\nt = \"\"\"\\\n\xc2\xa7\"\"\"\n", "f");
  ASSERT_TRUE(at.has_value());
  EXPECT_EQ(at->line, 2);
  EXPECT_EQ(at->column, 8);
  std::vector<ConfigError> errors;
  static_cast<void>(read_document(Schema{}, "s = \"\"\"\\\n\xc2\xa7\"\"\"\n", "f.toml", errors));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].format().rfind("f.toml:1:8: a line-ending backslash", 0), 0u);
}

TEST(Suggestions, LongKeysGetNoneAndStayFast) {
  EXPECT_EQ(suggest("run.weeeks", {"run.weeks"}), std::vector<std::string>{"run.weeks"});
  EXPECT_TRUE(suggest(std::string(1'000'000, 'x'), {"run.weeks"}).empty());
}

TEST(Errors, OneOrderFirstFileThenOthersThenSet) {
  std::vector<ConfigError> errors;
  const std::vector<std::pair<SourceLocation, std::string>> given{{{"--set", 1, 1}, "a"},
                                                                  {{"base.toml", 2, 1}, "b"},
                                                                  {{"main.toml", 9, 1}, "c"},
                                                                  {{"main.toml", 3, 4}, "d"}};
  for (const auto& [where, key] : given) {
    ConfigError error;
    error.where = where;
    error.key_path = key;
    errors.push_back(error);
  }
  sort_errors(errors, "main.toml");
  std::string keys;
  for (const auto& e : errors) keys += e.key_path;
  EXPECT_EQ(keys, "dcba");
  EXPECT_NO_THROW(throw_if_errors({}, "main.toml"));
  EXPECT_THROW(throw_if_errors(errors, "main.toml"), ConfigErrors);
}

TEST(Reference, ListsEveryKeyBySection) {
  const std::string markdown = file_reference_markdown(small_schema(), "Small files", "Intro.\n");
  EXPECT_EQ(
      markdown.rfind("# Small files\n\nGenerated from the declarations (schema_version 3).\n\nIntro.\n", 0),
      0u);
  EXPECT_NE(markdown.find("| `source` | string |  | required |  | Where it comes from |"), std::string::npos)
      << markdown;
  EXPECT_NE(markdown.find("## `[limits]`"), std::string::npos);
  EXPECT_NE(markdown.find("| `things[].name` | string |  | required |"), std::string::npos) << markdown;
  EXPECT_EQ(markdown.find("Source |"), std::string::npos);  // no key has a source
  EXPECT_NE(file_reference_text(small_schema(), "Small files")
                .find("limits.count  integer, items; default 2; [0, 10]"),
            std::string::npos);
}

}  // namespace
}  // namespace sim::config
