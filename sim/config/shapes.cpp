// The kinds of keys the other input files declare besides scenario scalars: lists, intervals,
// open tables keyed by another schema, keys of another schema, values for such a key, and paths
// relative to the declaring file. Every problem is reported like a scenario value's.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>

#include "sim/config/scenario_detail.hpp"

namespace sim::config::detail {
namespace {

void fail(std::vector<ConfigError>& errors, SourceLocation at, std::string key, std::string message) {
  errors.push_back({std::move(at), std::move(key), std::move(message)});
}

void record(const Level& level, const std::string& shown, const SourceLocation& at) {
  if (level.where != nullptr) (*level.where)[shown] = at;
}

// "[0, -1.5]": an array as written, for messages.
std::string array_text(const toml::array& array) {
  std::string out = "[";
  for (const auto& element : array) {
    if (out.size() > 1) out += ", ";
    const auto scalar = scalar_of(element);
    out += scalar ? toml_scalar(*scalar) : got_text(element).substr(4);
  }
  return out + "]";
}

std::string got_node(const toml::node& node) {
  if (const auto* array = node.as_array()) return "got " + array_text(*array);
  return got_text(node);
}

// "is not a statistic; did you mean ...?" for a name outside the domain.
std::string not_in_domain(const std::string& name, const KeyDomain& domain,
                          const std::vector<std::string>& names) {
  std::string message = toml_string(name) + " is not a " + domain.what;
  const auto close = suggest(name, names);
  if (!close.empty()) return message + "; did you mean " + toml_string(close.front()) + "?";
  if (names.size() <= 12) {
    std::string listed;
    for (const auto& n : names) listed += (listed.empty() ? "" : ", ") + toml_string(n);
    message += "; expected one of " + listed;
  }
  return message;
}

bool in(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool is_prefix_of_any(const std::vector<std::string>& names, const std::string& path) {
  return std::any_of(names.begin(), names.end(), [&](const std::string& name) {
    return name.size() > path.size() && name.compare(0, path.size(), path) == 0 && name[path.size()] == '.';
  });
}

// One element of a list, or a value_of scalar: checked by the named key's declaration, or as the
// list's element type. Nothing to check when the naming key itself failed.
std::optional<std::string> check_one(const ParamSpec& spec, const ParamValues& values, Scalar& value) {
  if (!spec.value_of.empty()) {
    if (!values.has(spec.value_of)) return std::nullopt;
    return spec.domain->check(values.choice(spec.value_of), value);
  }
  ParamSpec element = spec;
  element.shape = ParamShape::Single;
  return check_scalar(element, value);
}

std::string element_expected(const ParamSpec& spec) {
  if (!spec.value_of.empty()) return "a value for the " + spec.domain->what + " named by " + spec.value_of;
  ParamSpec element = spec;
  element.shape = ParamShape::Single;
  return expected_text(element);
}

void resolve_list(const Level& level, const ParamSpec& spec, const Entry& entry,
                  std::vector<ConfigError>& errors, ParamValues& values) {
  const std::string shown = level.display_prefix + spec.path;
  const toml::array* array = entry.node->as_array();
  if (array == nullptr)
    return fail(errors, entry.value_at, shown,
                "expected " + expected_text(spec) + ", " + got_text(*entry.node));
  if (array->size() < spec.min_items || array->size() > spec.max_items) {
    const bool few = array->size() < spec.min_items;
    return fail(errors, entry.value_at, shown,
                std::string(few ? "too few items: " : "too many items: ") + std::to_string(array->size()) +
                    " given, " +
                    (few ? "at least " + std::to_string(spec.min_items) + " required"
                         : "at most " + std::to_string(spec.max_items) + " allowed"));
  }
  std::vector<Scalar> list;
  bool ok = true;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::node& element = *array->get(i);
    const std::string element_shown = shown + "[" + std::to_string(i) + "]";
    const SourceLocation at = location_of(element.source(), entry.value_at.file);
    record(level, element_shown, at);
    auto value = scalar_of(element);
    std::optional<std::string> problem;
    if (!value) problem = "expected " + element_expected(spec) + ", " + got_text(element);
    if (!problem) problem = check_one(spec, values, *value);
    if (problem) {
      fail(errors, at, element_shown, *problem);
      ok = false;
      continue;
    }
    list.push_back(std::move(*value));
  }
  if (ok) values.set_list(spec.path, std::move(list));
}

void resolve_interval(const Level& level, const ParamSpec& spec, const Entry& entry,
                      std::vector<ConfigError>& errors, ParamValues& values) {
  const std::string shown = level.display_prefix + spec.path;
  const toml::array* array = entry.node->as_array();
  std::optional<Scalar> lo, hi;
  if (array != nullptr && array->size() == 2) {
    lo = scalar_of(*array->get(0));
    hi = scalar_of(*array->get(1));
  }
  ParamSpec bound = spec;
  bound.shape = ParamShape::Single;
  bound.min = -std::numeric_limits<double>::infinity();
  bound.max = std::numeric_limits<double>::infinity();
  if (!lo || !hi || check_scalar(bound, *lo) || check_scalar(bound, *hi)) {
    return fail(errors, entry.value_at, shown,
                "expected " + expected_text(spec) + ", " + got_node(*entry.node));
  }
  const double a = std::get<double>(*lo), b = std::get<double>(*hi);
  if (!(a < b))
    return fail(errors, entry.value_at, shown, "expected [lo, hi] with lo < hi, " + got_node(*entry.node));
  if (a < spec.min || b > spec.max) {
    return fail(
        errors, entry.value_at, shown,
        array_text(*array) + " is outside " + range_text(spec) + (spec.unit.empty() ? "" : " " + spec.unit));
  }
  values.set_list(spec.path, {a, b});
}

// [set]-like tables: nested tables and dotted keys both name domain keys ("program.caseload").
// Errors about a dotted key point at its first part (`first`), like the scenario's.
void walk_open_table(const toml::table& table, const std::string& prefix, const Level& level,
                     const ParamSpec& spec, const std::vector<std::string>& names, const std::string& file,
                     std::vector<ConfigError>& errors, std::map<std::string, Scalar>& out, bool& ok,
                     const toml::source_region* first = nullptr) {
  const std::string shown = level.display_prefix + spec.path;
  for (auto&& [key, node] : table) {
    const std::string path = prefix + std::string(key.str());
    const bool same_line = first != nullptr && first->begin.line == key.source().begin.line;
    const toml::source_region& key_region = same_line ? *first : key.source();
    const SourceLocation key_at = location_of(key_region, file);
    const std::string key_shown = shown + "." + path;
    const auto* sub = node.as_table();
    if (sub != nullptr && !in(names, path) && is_prefix_of_any(names, path)) {
      walk_open_table(*sub, path + ".", level, spec, names, file, errors, out, ok, &key_region);
      continue;
    }
    const SourceLocation value_at = location_of(node.source(), file);
    std::optional<std::string> problem;
    SourceLocation at = key_at;
    if (!in(names, path)) {
      problem = unknown_key_message(key_shown, path, names);
    } else if (auto refused = spec.domain->refuse ? spec.domain->refuse(path) : std::nullopt) {
      problem = refused;
    } else if (auto value = scalar_of(node); !value) {
      problem = "expected a value for " + path + ", " + got_text(node);
      at = value_at;
    } else if ((problem = spec.domain->check(path, *value))) {
      at = value_at;
    } else {
      out[path] = std::move(*value);
      record(level, key_shown, value_at);
      continue;
    }
    fail(errors, at, key_shown, *problem);
    ok = false;
  }
}

void resolve_open_table(const Level& level, const ParamSpec& spec, const Entry& entry,
                        std::vector<ConfigError>& errors, ParamValues& values) {
  const std::string shown = level.display_prefix + spec.path;
  const toml::table* table = entry.node->as_table();
  if (table == nullptr)
    return fail(errors, entry.value_at, shown,
                "expected " + expected_text(spec) + ", " + got_text(*entry.node));
  const auto names = spec.domain->names();
  std::map<std::string, Scalar> out;
  bool ok = true;
  walk_open_table(*table, "", level, spec, names, entry.value_at.file, errors, out, ok);
  if (ok) values.set_table(spec.path, std::move(out));
}

// Scalars: a key of the domain, a value for the key another key names, or a path.
void resolve_special_scalar(const Level& level, const ParamSpec& spec, const Entry& entry,
                            std::vector<ConfigError>& errors, ParamValues& values) {
  const std::string shown = level.display_prefix + spec.path;
  auto value = scalar_of(*entry.node);
  const auto* text = value ? std::get_if<std::string>(&*value) : nullptr;
  std::optional<std::string> problem;
  if (!spec.value_of.empty()) {
    problem = value ? check_one(spec, values, *value)
                    : "expected " + element_expected(spec) + ", " + got_text(*entry.node);
  } else if (text == nullptr) {
    problem = "expected " + expected_text(spec) + ", " + got_text(*entry.node);
  } else if (spec.domain) {
    const auto names = spec.domain->names();
    if (!in(names, *text)) {
      problem = not_in_domain(*text, *spec.domain, names);
    } else if (spec.domain->refuse) {
      problem = spec.domain->refuse(*text);
    }
  } else if (spec.is_path) {
    if (text->empty()) {
      problem = "expected " + expected_text(spec) + ", got an empty string";
    } else {
      const auto base = std::filesystem::path(entry.value_at.file).parent_path();
      value = (base / *text).lexically_normal().string();
    }
  }
  if (problem) return fail(errors, entry.value_at, shown, *problem);
  values.set(spec.path, std::move(*value));
}

}  // namespace

bool is_declared_kind(const ParamSpec& spec) {
  return spec.shape != ParamShape::Single || spec.is_path || spec.domain != nullptr || !spec.value_of.empty();
}

void resolve_declared(const Level& level, const ParamSpec& spec, const Entry& entry,
                      std::vector<ConfigError>& errors, ParamValues& values) {
  switch (spec.shape) {
    case ParamShape::List:
      return resolve_list(level, spec, entry, errors, values);
    case ParamShape::Interval:
      return resolve_interval(level, spec, entry, errors, values);
    case ParamShape::OpenTable:
      return resolve_open_table(level, spec, entry, errors, values);
    case ParamShape::Single:
      return resolve_special_scalar(level, spec, entry, errors, values);
  }
}

}  // namespace sim::config::detail
