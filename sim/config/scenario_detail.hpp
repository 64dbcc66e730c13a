#pragma once
// Internals of the one front end (scenario files and the other input files of sim/config/document.hpp):
// shared by the loaders, the validator, the writer and the reference. Not part of the public API.
#include <toml++/toml.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/config/scenario_loader.hpp"

namespace sim::config::detail {

// One key as written in a scenario file (or given with --set).
struct Entry {
  const toml::node* node = nullptr;
  SourceLocation key_at;    // unknown-key errors point here
  SourceLocation value_at;  // type and range errors point here
};
using Entries = std::map<std::string, Entry>;  // by dotted path
using Locations = std::map<std::string, SourceLocation>;

SourceLocation location_of(const toml::source_region& region, const std::string& fallback_file);

const ParamSpec* find_spec(const std::vector<ParamSpec>& specs, const std::string& path);

// Flattens `table` into dotted paths: descends into sub-tables that are sections of `specs`;
// every other key (values, arrays, unknown tables) becomes one entry. At the top level the
// built-in key schema_version is left out. Records where each section's table is in `sections`.
void flatten(const toml::table& table, const std::vector<ParamSpec>& specs, const std::string& prefix,
             bool top_level, const std::string& file, Entries& out, Locations* sections = nullptr);

// A key for messages: as it is, or its first 60 characters and its length when it is very long.
std::string shown_key(const std::string& key);

// Parses a TOML document; a syntax error is appended to `errors` (and nullopt returned).
std::optional<toml::table> parse_toml(std::string_view text, const std::string& display,
                                      std::vector<ConfigError>& errors);
// The one schema_version check: present, an integer, equal to the schema's.
void check_schema_version(const Schema& schema, const toml::table& table, const std::string& display,
                          std::vector<ConfigError>& errors);

// One level of keys to resolve: the whole document, or one item of a table array.
struct Level {
  const std::vector<ParamSpec>& specs;
  std::string display_prefix;  // prepended to key paths in errors: "" or "arms[0]."
  SourceLocation at;           // where missing keys are reported
  bool complete = true;        // false when a file could not be read: no missing-key errors
  Locations* where = nullptr;  // when given: every value's location by display path (items: their table)
  const Locations* sections = nullptr;  // when given: missing keys of a written section are reported there
};

// Validates `entries` against the level's specs (collecting every error) and fills in defaults.
// Records where each top-level value was set in `set_at` when it is given.
ParamValues resolve(const Level& level, const Entries& entries, std::vector<ConfigError>& errors,
                    Locations* set_at);

// Runs the cross-field rules; a rule's error is located where the key it blames was written (in
// `where`, every value's location by display path, when given), else where its blame_path was set,
// or at `fallback` when the value is a default.
void check_rules(const Schema& schema, const ParamValues& values, const Locations& set_at,
                 const SourceLocation& fallback, std::vector<ConfigError>& errors,
                 const Locations* where = nullptr);

// Checks a scalar against a (non table-array) spec. Integers given for reals become doubles.
// Returns what is wrong, or nothing.
std::optional<std::string> check_scalar(const ParamSpec& spec, Scalar& value);

std::string unknown_key_message(const std::string& display_path, const std::string& path,
                                const std::vector<ParamSpec>& specs);
// The same among any key names (dotted paths).
std::string unknown_key_message(const std::string& display_path, const std::string& path,
                                const std::vector<std::string>& names);

// The value of a TOML node when it is a scalar, and "got <type> <value>" for messages.
std::optional<Scalar> scalar_of(const toml::node& node);
std::string got_text(const toml::node& node);
std::string got_text(const Scalar& value);

// Resolves a key of the other input files' kinds: lists, intervals, open tables, paths, keys of
// another schema and values of the key another key names (sim/config/shapes.cpp). A value_of key
// must be resolved after the key it refers to.
void resolve_declared(const Level& level, const ParamSpec& spec, const Entry& entry,
                      std::vector<ConfigError>& errors, ParamValues& values);
bool is_declared_kind(const ParamSpec& spec);  // handled by resolve_declared

// The values of a default table-array item: its keys, item defaults for the rest.
ParamValues default_item(const std::vector<ParamSpec>& item_specs, const std::map<std::string, Scalar>& given,
                         const std::string& array_path);

// Text helpers.
std::string format_number(double value);                 // shortest round-trip form
std::string format_bound(double value, ParamType type);  // integers without a decimal point
std::string toml_string(const std::string& text);        // a quoted, escaped TOML basic string
std::string toml_scalar(const Scalar& value);            // a TOML value (reals always with '.' or 'e')
std::string expected_text(const ParamSpec& spec);        // "a real number (%)"
std::string range_text(const ParamSpec& spec);           // "[0, 100]", "\"a\", \"b\"", "1 to 8 items"
std::string type_word(ParamType type);                   // "real", "integer", ...
std::string type_text(const ParamSpec& spec);            // type_word, or "list of real", "interval", ...

}  // namespace sim::config::detail
