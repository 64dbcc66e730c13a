#pragma once
// Parameters are declared once: name (a dotted key path), type, unit, default, valid range,
// description and source. The scenario parser, the validator, `coachsim params` and
// docs/parameters.md are all generated from these declarations. The same declarations describe
// the other input files (sweeps, targets, calibrations; sim/config/document.hpp): a dotted path
// is a key in a nested table ([search] seed is "search.seed"), and besides scalars a key may hold
// a list of scalars, an interval [lo, hi], a path relative to the file, the name of a key of
// another schema (KeyDomain) or an open table keyed by one.
#include <any>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace sim::config {

enum class ParamType { Real, Integer, Boolean, Choice, TableArray };

using Scalar = std::variant<double, std::int64_t, bool, std::string>;

// A parameter's uncertainty for probabilistic sensitivity analysis: a distribution around the
// scenario's value, with standard deviation relative_sd x value (Beta for shares and
// probabilities, Gamma for costs and rates, LogNormal for ratios and durations, Normal otherwise).
enum class Distribution : std::uint8_t { None, Normal, LogNormal, Beta, Gamma };
inline constexpr const char* kDistributionNames[] = {"none", "normal", "lognormal", "beta", "gamma"};
struct Uncertainty {
  Distribution distribution = Distribution::None;
  double relative_sd = 0;
  std::string source;  // where the spread comes from, or "stated: <reason>"
};

// How a key's value is laid out; `ParamType` is the type of its scalars.
enum class ParamShape {
  Single,     // one scalar
  List,       // [v, ...]: min_items to max_items scalars
  Interval,   // [lo, hi]: two finite real numbers with lo < hi, both inside [min, max]
  OpenTable,  // a table whose keys are keys of `domain`, each value checked by the domain
};

// The keys of another schema, for values that name one (a sweep axis names a scenario
// parameter, a target names a statistic) and for open tables keyed by them ([set] in a sweep).
struct KeyDomain {
  std::string what;                                 // "scenario parameter", "statistic"
  std::function<std::vector<std::string>()> names;  // every valid key
  // Why a valid key may not be used here (e.g. "run.seed is set by [sweep] seed"); nothing when it may.
  std::function<std::optional<std::string>(const std::string& key)> refuse;
  // Checks (and normalises: an integer for a real becomes a double) a value for a valid key;
  // returns what is wrong. Empty: keys of the domain take no values.
  std::function<std::optional<std::string>(const std::string& key, Scalar& value)> check;
};

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
  // Gives the most recently declared (real) parameter an uncertainty distribution.
  ParamTable& uncertain(Distribution distribution, double relative_sd, std::string source);
  // Marks the most recently added parameter as optional: when absent it has no value (has() is false).
  ParamTable& optional();

  // Keys of the other input files (not used by scenarios). Each is optional unless marked required().
  // A list of `element` scalars (declared like a parameter: its type, unit and range apply to each item).
  ParamTable& list(std::string path, ParamType element, std::string unit, double min, double max,
                   std::size_t min_items, std::size_t max_items, std::string description);
  // [lo, hi]: two finite reals with lo < hi inside [min, max].
  ParamTable& interval(std::string path, std::string unit, double min, double max, std::string description);
  // A string naming a file, relative to the file that sets it; read as the resolved path.
  ParamTable& path(std::string path, std::string description);
  // A string that must be a key of `domain` (did-you-mean otherwise, and the domain may refuse it).
  ParamTable& key_of(std::string path, std::shared_ptr<const KeyDomain> domain, std::string description);
  // A value (or, with `list`, a non-empty list of values) for the domain key named by the sibling
  // key `key_path` (e.g. a sweep axis's values, checked by the declaration of its parameter).
  ParamTable& value_of(std::string path, std::string key_path, bool list, std::string description);
  // A table whose keys (dotted or nested) are keys of `domain`, each value checked by it.
  ParamTable& open_table(std::string path, std::shared_ptr<const KeyDomain> domain, std::string description);

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
  Uncertainty uncertainty;  // Real only: its distribution in a probabilistic sensitivity analysis
  bool is_required = false;
  // TableArray only:
  std::vector<ParamSpec> item_specs;
  std::size_t min_items = 0;
  std::size_t max_items = 0;
  std::vector<std::map<std::string, Scalar>> default_items;
  // Other input files (additions; scenario parameters keep the defaults below):
  ParamShape shape = ParamShape::Single;  // List uses min_items and max_items
  bool is_optional = false;               // absent means no value, not the default
  bool is_path = false;                   // Choice (free text): a path relative to the declaring file
  std::shared_ptr<const KeyDomain> domain;  // Choice: the value names a key of it; OpenTable: its keys
  std::string value_of;  // a value for the domain key named by this sibling key (which has `domain`)
};

// Fully resolved values: every declared parameter has a value (file, --set override or default).
class ParamValues {
 public:
  double real(const std::string& path) const;
  std::int64_t integer(const std::string& path) const;
  bool boolean(const std::string& path) const;
  const std::string& choice(const std::string& path) const;
  const std::vector<ParamValues>& items(const std::string& path) const;
  // Lists, intervals ({lo, hi}) and open tables (key -> value) of the other input files.
  const std::vector<Scalar>& list(const std::string& path) const;
  std::pair<double, double> interval(const std::string& path) const;
  const std::map<std::string, Scalar>& table(const std::string& path) const;
  bool has(const std::string& path) const;

  void set(const std::string& path, Scalar value);
  void set_items(const std::string& path, std::vector<ParamValues> items);
  void set_list(const std::string& path, std::vector<Scalar> list);
  void set_table(const std::string& path, std::map<std::string, Scalar> table);

  const std::map<std::string, Scalar>& scalars() const { return scalars_; }
  const std::map<std::string, std::vector<ParamValues>>& arrays() const { return arrays_; }

  friend bool operator==(const ParamValues&, const ParamValues&) = default;

 private:
  const Scalar& at(const std::string& path) const;
  std::map<std::string, Scalar> scalars_;
  std::map<std::string, std::vector<ParamValues>> arrays_;
  std::map<std::string, std::vector<Scalar>> lists_;
  std::map<std::string, std::map<std::string, Scalar>> tables_;
};

// What a broken cross-field rule says, and the key to blame when one is more precise than the
// rule's blame path (an item of a table array, "program.phases[1].to_week"); empty: the blame path.
struct RuleBreach {
  RuleBreach(std::string what, std::string blamed_key = {}) : message(std::move(what)), key(std::move(blamed_key)) {}
  std::string message;
  std::string key;
};

// Rules written over one form of the values that is costly to build (the typed struct that
// Bindings fills from them, sim/config/binding.hpp) share it: validation prepares a group's form
// once per ParamValues, when its first rule runs, and runs every rule of the group on it.
struct RuleGroup {
  std::function<std::any(const ParamValues&)> prepare;
};

// A rule across several parameters (e.g. caseload x coaches >= patients to coach).
// `check` returns an explanation when the rule is broken; the error is reported at `blame_path`
// (or at the breach's own key, where that was written). A rule of a group has no `check` but
// `check_prepared`, which reads the group's prepared form of the values.
struct CrossFieldRule {
  std::string blame_path;
  std::function<std::optional<RuleBreach>(const ParamValues&)> check;
  std::shared_ptr<const RuleGroup> group = nullptr;
  std::function<std::optional<RuleBreach>(const std::any&)> check_prepared = nullptr;
};

// The complete declaration of a scenario format.
struct Schema {
  std::int64_t schema_version = 1;
  ParamTable params;
  std::vector<CrossFieldRule> rules;
};

}  // namespace sim::config
