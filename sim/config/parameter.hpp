#pragma once
// Parameters are declared once: name (a dotted key path), type, unit, default, valid range,
// description and source. The scenario parser, the validator, `coachsim params` and
// docs/parameters.md are all generated from these declarations.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace sim::config {

enum class ParamType { Real, Integer, Boolean, Choice, TableArray };

using Scalar = std::variant<double, std::int64_t, bool, std::string>;

struct ParamSpec;

// Declarations of one level of keys (the whole scenario, or the items of a [[table array]]).
class ParamTable {
 public:
  // Adders return *this so a model can declare its parameters in one readable block.
  ParamTable& real(std::string path, std::string unit, double default_value, double min, double max,
                   std::string description, std::string source);
  ParamTable& integer(std::string path, std::string unit, std::int64_t default_value, std::int64_t min,
                      std::int64_t max, std::string description, std::string source);
  ParamTable& boolean(std::string path, bool default_value, std::string description, std::string source);
  // An empty `choices` list accepts any string (free text, e.g. an arm's name).
  ParamTable& choice(std::string path, std::string default_value, std::vector<std::string> choices,
                     std::string description, std::string source);
  // A [[path]] array of tables whose items follow `item` (item keys are relative, e.g. "name").
  // `min_items` of 0 allows the array to be absent; `default_items` are used when it is.
  ParamTable& table_array(std::string path, ParamTable item, std::size_t min_items, std::size_t max_items,
                          std::vector<std::map<std::string, Scalar>> default_items, std::string description);
  // Marks the most recently added parameter as required (no default is applied when absent).
  ParamTable& required();

  const std::vector<ParamSpec>& specs() const { return specs_; }
  const ParamSpec* find(const std::string& path) const;

 private:
  // Checks the path (dotted TOML bare keys, unique, not both a value and a section) and appends.
  void add(ParamSpec spec);
  std::vector<ParamSpec> specs_;
};

struct ParamSpec {
  std::string path;  // dotted key path, e.g. "coaches.boundary_openness_mean"
  ParamType type = ParamType::Real;
  std::string unit;  // "" for dimensionless; "%" for HbA1c points; "weeks", "1/week", "USD", ...
  Scalar default_value;
  double min = 0;  // inclusive bounds for Real and Integer
  double max = 0;
  std::vector<std::string> choices;  // for Choice
  std::string description;
  std::string source;  // citation, or "judgement: <reason>" where no source pins the value
  bool is_required = false;
  // TableArray only:
  std::vector<ParamSpec> item_specs;
  std::size_t min_items = 0;
  std::size_t max_items = 0;
  std::vector<std::map<std::string, Scalar>> default_items;
};

// Fully resolved values: every declared parameter has a value (file, --set override or default).
class ParamValues {
 public:
  double real(const std::string& path) const;
  std::int64_t integer(const std::string& path) const;
  bool boolean(const std::string& path) const;
  const std::string& choice(const std::string& path) const;
  const std::vector<ParamValues>& items(const std::string& path) const;
  bool has(const std::string& path) const;

  void set(const std::string& path, Scalar value);
  void set_items(const std::string& path, std::vector<ParamValues> items);

  const std::map<std::string, Scalar>& scalars() const { return scalars_; }
  const std::map<std::string, std::vector<ParamValues>>& arrays() const { return arrays_; }

  friend bool operator==(const ParamValues&, const ParamValues&) = default;

 private:
  const Scalar& at(const std::string& path) const;
  std::map<std::string, Scalar> scalars_;
  std::map<std::string, std::vector<ParamValues>> arrays_;
};

// A rule across several parameters (e.g. caseload x coaches >= patients to coach).
// `check` returns an explanation when the rule is broken; the error is reported at `blame_path`.
struct CrossFieldRule {
  std::string blame_path;
  std::function<std::optional<std::string>(const ParamValues&)> check;
};

// The complete declaration of a scenario format.
struct Schema {
  std::int64_t schema_version = 1;
  ParamTable params;
  std::vector<CrossFieldRule> rules;
};

}  // namespace sim::config
