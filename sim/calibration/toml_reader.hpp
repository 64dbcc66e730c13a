#pragma once
// Strict reading of small TOML documents that are not scenarios (targets and calibration files):
// every key of a table must be one the reader asks for (others are reported as unknown, with a
// did-you-mean), every value must have the expected type and range. Problems are collected as
// sim::config::ConfigError values (file:line:column, key path, message); nothing is thrown
// until the caller decides to.
#include <toml++/toml.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "sim/config/scenario_loader.hpp"

namespace sim::calibration {

using config::ConfigError;
using config::SourceLocation;

// Parses a document; a syntax error is added to `errors` (and nullopt returned).
std::optional<toml::table> parse_toml(std::string_view text, const std::string& file,
                                      std::vector<ConfigError>& errors);

class TableReader {
 public:
  // `prefix` is shown before keys in errors ("" at the top level, "targets[2]." in an item).
  TableReader(const toml::table& table, std::string file, std::string prefix,
              std::vector<ConfigError>& errors);

  bool has(const std::string& key) const;
  std::optional<std::string> string(const std::string& key, bool required);
  // A string that must be one of `choices`.
  std::optional<std::string> choice(const std::string& key, const std::vector<std::string>& choices,
                                    bool required);
  // A real number (an integer is accepted) in [min, max].
  std::optional<double> real(const std::string& key, bool required,
                             double min = -std::numeric_limits<double>::infinity(),
                             double max = std::numeric_limits<double>::infinity());
  std::optional<std::int64_t> integer(const std::string& key, bool required, std::int64_t min,
                                      std::int64_t max);
  // A two-element array of real numbers [a, b] with a <= b.
  std::optional<std::pair<double, double>> interval(const std::string& key, bool required);
  // A sub-table ([key]); nullptr when absent (an error when required) or not a table.
  const toml::table* table(const std::string& key, bool required);
  // An array of tables ([[key]]); nullptr when absent (an error when required) or not one.
  const toml::array* table_array(const std::string& key, bool required);

  // Where the key's value is (the table's header when the key is absent), and the table itself.
  SourceLocation value_at(const std::string& key) const;
  SourceLocation at() const;
  // Adds an error about `key`, located at its value.
  void error(const std::string& key, std::string message);
  // Reports every key that was not asked for. Call once, after reading.
  void finish();

 private:
  const toml::node* node(const std::string& key, bool required, const char* expected);
  void type_error(const std::string& key, const char* expected);

  const toml::table& table_;
  std::string file_;
  std::string prefix_;
  std::vector<ConfigError>& errors_;
  std::set<std::string> asked_;
};

}  // namespace sim::calibration
