#pragma once
// Scenario files: TOML documents whose keys are the dotted paths declared in a Schema.
//
// Built-in top-level keys:
//   schema_version  integer, required in every file, must equal Schema::schema_version
//   extends         path of a base scenario, relative to the extending file; chains are allowed,
//                   cycles are an error. The extending file overrides the base key by key; a
//                   [[table array]] given in the extending file replaces the base's array whole.
//   title, description  free strings (inherited from the base when not given)
// Every other key must be a declared parameter. Absent parameters take their defaults; an
// absent table array takes its default_items (an error when it is required, or when the
// defaults are fewer than min_items).
//
// Loading collects every problem before failing and throws ConfigErrors, each error with
// file:line:column, the key path and what was expected.
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/config/parameter.hpp"
#include "sim/input_error.hpp"

namespace sim::config {

struct SourceLocation {
  std::string file;  // "--set" for command-line overrides
  int line = 0;      // 1-based; 0 when unknown
  int column = 0;    // 1-based; 0 when unknown
};

struct ConfigError {
  SourceLocation where;
  std::string key_path;  // "" when the error is not about one key (e.g. TOML syntax)
  std::string message;
  // "file:line:col: key.path: message"
  std::string format() const;
};

class ConfigErrors : public sim::InputError {
 public:
  explicit ConfigErrors(std::vector<ConfigError> errors);
  const std::vector<ConfigError>& errors() const { return errors_; }

 private:
  std::vector<ConfigError> errors_;
};

struct LoadedScenario {
  ParamValues values;
  std::string file;  // the display name of the top-level file
  std::string title;
  std::string description;
  std::string resolved_toml;  // to_toml() of the values: every key, defaults included
};

// Overrides are "key.path=value" strings (from --set); the value is parsed as a TOML value, and
// for Choice parameters an unquoted word is taken as a string (--set program.matching=language).
LoadedScenario load_scenario(const Schema& schema, const std::filesystem::path& file,
                             const std::vector<std::string>& overrides = {});
// `display_name` names the text in errors; a relative `extends` is resolved against its directory.
LoadedScenario load_scenario_text(const Schema& schema, std::string_view toml_text,
                                  const std::string& display_name,
                                  const std::vector<std::string>& overrides = {});

// Applies typed overrides to already-resolved values (parameter sweeps); validates exactly like
// file values (type, range, cross-field rules) and throws ConfigErrors located at `origin`.
ParamValues with_overrides(const Schema& schema, const ParamValues& base,
                           const std::vector<std::pair<std::string, Scalar>>& overrides,
                           const SourceLocation& origin);

// Checks one value for a declared scalar parameter as a file value is checked: unknown key (with
// did-you-mean), table array, type, range or choice. An integer given for a real becomes a double
// in `value`. Returns what is wrong, or nothing. Cross-field rules need whole scenarios: see
// with_overrides.
std::optional<std::string> check_value(const Schema& schema, const std::string& path, Scalar& value);

// The fully resolved scenario: schema_version, title, description and every declared key
// (defaults included). Loading it back gives equal ParamValues.
std::string to_toml(const Schema& schema, const ParamValues& values, const std::string& title = "",
                    const std::string& description = "");

// One table per top-level section: key, type, unit, default, range/choices, description, source.
std::string parameter_reference_markdown(const Schema& schema);
// The same for a terminal.
std::string parameter_reference_text(const Schema& schema);

// Did-you-mean: candidates close to `unknown` by (case-insensitive, optimal string alignment)
// Damerau-Levenshtein distance, best first; empty when nothing is close, and for a typed key
// longer than kMaxSuggestedLength characters (no declared key is that long).
inline constexpr std::size_t kMaxSuggestedLength = 64;
std::vector<std::string> suggest(const std::string& unknown, const std::vector<std::string>& candidates);

}  // namespace sim::config
