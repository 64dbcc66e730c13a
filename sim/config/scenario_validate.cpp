// Validation of scenario keys against the declared parameters, defaults and cross-field rules.
#include <algorithm>
#include <any>
#include <cmath>
#include <stdexcept>
#include <utility>

#include "sim/config/scenario_detail.hpp"

namespace sim::config::detail {
namespace {

bool is_section(const std::vector<ParamSpec>& specs, const std::string& path) {
  return std::any_of(specs.begin(), specs.end(), [&](const ParamSpec& spec) {
    return spec.path.size() > path.size() && spec.path.compare(0, path.size(), path) == 0 &&
           spec.path[path.size()] == '.';
  });
}

std::string leaf_of(const std::string& path) {
  const auto dot = path.rfind('.');
  return dot == std::string::npos ? path : path.substr(dot + 1);
}

std::string wrong_type(const ParamSpec& spec, const std::string& got) {
  return "expected " + expected_text(spec) + ", " + got;
}

std::optional<std::string> check_range(const ParamSpec& spec, double value, const std::string& shown) {
  if (value >= spec.min && value <= spec.max) return std::nullopt;
  return shown + " is outside " + range_text(spec) + (spec.unit.empty() ? "" : " " + spec.unit);
}

// An item's free-text `name` (an arm's, a target's) identifies it: not blank, and unique in its array.
void check_item_names(const ParamSpec& spec, const std::string& shown, const toml::array& array,
                      const std::vector<ParamValues>& items, const std::string& file,
                      std::vector<ConfigError>& errors) {
  const auto name_spec = std::find_if(spec.item_specs.begin(), spec.item_specs.end(), [](const ParamSpec& s) {
    return s.path == "name" && s.type == ParamType::Choice && s.choices.empty() && s.domain == nullptr && !s.is_path;
  });
  if (name_spec == spec.item_specs.end()) return;
  std::map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < items.size() && i < array.size(); ++i) {
    const toml::node* node = array[i].as_table()->get("name");
    if (node == nullptr || !items[i].has("name")) continue;
    const std::string& name = items[i].choice("name");
    const std::string key = shown + "[" + std::to_string(i) + "].name";
    const SourceLocation at = location_of(node->source(), file);
    if (name.find_first_not_of(" \t") == std::string::npos) {
      errors.push_back({at, key, "expected a name, got an empty string"});
    } else if (const auto [it, fresh] = seen.emplace(name, i); !fresh) {
      errors.push_back({at, key,
                        "duplicate name " + toml_string(name) + " (first at " + shown + "[" +
                            std::to_string(it->second) + "]); names must be unique"});
    }
  }
}

void resolve_array(const Level& level, const ParamSpec& spec, const Entry& entry,
                   std::vector<ConfigError>& errors, ParamValues& values) {
  const std::string shown = level.display_prefix + spec.path;
  const toml::array* array = entry.node->as_array();
  if (array == nullptr ||
      !std::all_of(array->begin(), array->end(), [](const toml::node& item) { return item.is_table(); })) {
    errors.push_back({entry.value_at, shown, wrong_type(spec, got_text(*entry.node))});
    return;
  }
  if (array->size() < spec.min_items) {
    errors.push_back({entry.key_at, shown,
                      "too few items: " + std::to_string(array->size()) + " given, at least " +
                          std::to_string(spec.min_items) + " required"});
  } else if (array->size() > spec.max_items) {
    errors.push_back({entry.key_at, shown,
                      "too many items: " + std::to_string(array->size()) + " given, at most " +
                          std::to_string(spec.max_items) + " allowed"});
  }
  std::vector<ParamValues> items;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::table& table = *(*array)[i].as_table();
    Entries item_entries;
    flatten(table, spec.item_specs, "", false, entry.value_at.file, item_entries);
    const std::string item = shown + "[" + std::to_string(i) + "]";
    const SourceLocation item_at = location_of(table.source(), entry.value_at.file);
    if (level.where != nullptr) (*level.where)[item] = item_at;
    const Level item_level{spec.item_specs, item + ".", item_at, level.complete, level.where, nullptr};
    items.push_back(resolve(item_level, item_entries, errors, nullptr));
  }
  check_item_names(spec, shown, *array, items, entry.value_at.file, errors);
  values.set_items(spec.path, std::move(items));
}

// Where a missing key is reported: its section's table when that is written, else the level's.
SourceLocation missing_at(const Level& level, const std::string& path) {
  if (level.sections != nullptr) {
    for (auto dot = path.rfind('.'); dot != std::string::npos; dot = path.rfind('.', dot - 1)) {
      const auto it = level.sections->find(path.substr(0, dot));
      if (it != level.sections->end()) return it->second;
      if (dot == 0) break;
    }
  }
  return level.at;
}

void apply_default(const Level& level, const ParamSpec& spec, std::vector<ConfigError>& errors,
                   ParamValues& values) {
  const std::string shown = level.display_prefix + spec.path;
  if (spec.is_required) {
    if (level.complete)
      errors.push_back(
          {missing_at(level, spec.path), shown, "missing required key; expected " + expected_text(spec)});
    return;
  }
  if (spec.is_optional) return;
  if (spec.type == ParamType::TableArray) {
    if (spec.default_items.size() < spec.min_items) {
      if (level.complete) {
        errors.push_back(
            {missing_at(level, spec.path), shown,
             "missing [[" + shown + "]]: at least " + std::to_string(spec.min_items) + " items required"});
      }
      return;
    }
    std::vector<ParamValues> items;
    for (const auto& given : spec.default_items) items.push_back(default_item(spec.item_specs, given, shown));
    values.set_items(spec.path, std::move(items));
    return;
  }
  Scalar value = spec.default_value;
  if (auto problem = check_scalar(spec, value)) {
    throw std::logic_error("the declared default of '" + shown + "' is invalid: " + *problem);
  }
  values.set(spec.path, std::move(value));
}

}  // namespace

SourceLocation location_of(const toml::source_region& region, const std::string& fallback_file) {
  return {region.path ? *region.path : fallback_file, static_cast<int>(region.begin.line),
          static_cast<int>(region.begin.column)};
}

std::optional<Scalar> scalar_of(const toml::node& node) {
  if (const auto* v = node.as_floating_point()) return Scalar{v->get()};
  if (const auto* v = node.as_integer()) return Scalar{v->get()};
  if (const auto* v = node.as_boolean()) return Scalar{v->get()};
  if (const auto* v = node.as_string()) return Scalar{v->get()};
  return std::nullopt;
}

std::string got_text(const Scalar& value) {
  static constexpr const char* names[] = {"float ", "integer ", "boolean ", "string "};
  return std::string("got ") + names[value.index()] + toml_scalar(value);
}

std::string got_text(const toml::node& node) {
  if (auto scalar = scalar_of(node)) return got_text(*scalar);
  switch (node.type()) {
    case toml::node_type::table:
      return "got table";
    case toml::node_type::array:
      return "got array";
    case toml::node_type::date:
      return "got date";
    case toml::node_type::time:
      return "got time";
    case toml::node_type::date_time:
      return "got date-time";
    default:
      return "got nothing";
  }
}

const ParamSpec* find_spec(const std::vector<ParamSpec>& specs, const std::string& path) {
  for (const auto& spec : specs) {
    if (spec.path == path) return &spec;
  }
  return nullptr;
}

void flatten(const toml::table& table, const std::vector<ParamSpec>& specs, const std::string& prefix,
             bool top_level, const std::string& file, Entries& out, Locations* sections) {
  for (auto&& [key, node] : table) {
    const std::string name(key.str());
    if (top_level && name == "schema_version") continue;
    const std::string path = prefix.empty() ? name : prefix + "." + name;
    const toml::table* sub = node.as_table();
    if (sub != nullptr && find_spec(specs, path) == nullptr && is_section(specs, path)) {
      if (sections != nullptr) (*sections)[path] = location_of(sub->source(), file);
      flatten(*sub, specs, path, false, file, out, sections);
      continue;
    }
    out.insert_or_assign(path,
                         Entry{&node, location_of(key.source(), file), location_of(node.source(), file)});
  }
}

std::optional<std::string> check_scalar(const ParamSpec& spec, Scalar& value) {
  switch (spec.type) {
    case ParamType::Real:
      if (const auto* i = std::get_if<std::int64_t>(&value)) value = static_cast<double>(*i);
      if (const auto* d = std::get_if<double>(&value)) {
        if (!std::isfinite(*d)) return "expected a finite real number, " + got_text(value);
        return check_range(spec, *d, format_number(*d));
      }
      return wrong_type(spec, got_text(value));
    case ParamType::Integer:
      if (const auto* i = std::get_if<std::int64_t>(&value)) {
        return check_range(spec, static_cast<double>(*i), std::to_string(*i));
      }
      return wrong_type(spec, got_text(value));
    case ParamType::Boolean:
      if (std::holds_alternative<bool>(value)) return std::nullopt;
      return wrong_type(spec, got_text(value));
    case ParamType::Choice:
      if (const auto* s = std::get_if<std::string>(&value)) {
        if (spec.choices.empty()) return std::nullopt;  // free text
        if (std::find(spec.choices.begin(), spec.choices.end(), *s) != spec.choices.end())
          return std::nullopt;
        {
          std::string message =
              toml_string(*s) + " is not a valid choice; expected one of " + range_text(spec);
          const auto close = suggest(*s, spec.choices);
          if (!close.empty()) message += "; did you mean " + toml_string(close.front()) + "?";
          return message;
        }
      }
      return wrong_type(spec, got_text(value));
    case ParamType::TableArray:
      break;
  }
  return wrong_type(spec, got_text(value));
}

std::string unknown_key_message(const std::string& display_path, const std::string& path,
                                const std::vector<ParamSpec>& specs) {
  std::vector<std::string> names;
  for (const auto& spec : specs) names.push_back(spec.path);
  return unknown_key_message(display_path, path, names);
}

std::string unknown_key_message(const std::string& display_path, const std::string& path,
                                const std::vector<std::string>& names) {
  std::vector<std::string> candidates;
  for (const auto& name : names) {
    for (auto dot = name.find('.'); dot != std::string::npos; dot = name.find('.', dot + 1)) {
      candidates.push_back(name.substr(0, dot));
    }
    candidates.push_back(name);
  }
  auto close = suggest(path, candidates);
  if (close.empty()) {
    // Perhaps the right name in the wrong section: compare the last components only.
    std::vector<std::string> leaves;
    for (const auto& name : names) leaves.push_back(leaf_of(name));
    const auto close_leaves = suggest(leaf_of(path), leaves);
    if (!close_leaves.empty()) {
      for (const auto& name : names) {
        if (leaf_of(name) == close_leaves.front()) close.push_back(name);
      }
    }
  }
  std::string message = "unknown key '" + shown_key(display_path) + "'";
  if (!close.empty()) {
    const std::string prefix = display_path.substr(0, display_path.size() - path.size());
    message += "; did you mean '" + prefix + close.front() + "'?";
  }
  return message;
}

ParamValues resolve(const Level& level, const Entries& entries, std::vector<ConfigError>& errors,
                    Locations* set_at) {
  ParamValues values;
  std::vector<std::pair<const ParamSpec*, const Entry*>> later;  // values of a key named by another key
  for (const auto& [path, entry] : entries) {
    const std::string shown = level.display_prefix + path;
    const ParamSpec* spec = find_spec(level.specs, path);
    if (spec == nullptr) {
      if (is_section(level.specs, path)) {
        errors.push_back(
            {entry.value_at, shown, "expected a table ([" + shown + "]), " + got_text(*entry.node)});
      } else {
        errors.push_back({entry.key_at, shown, unknown_key_message(shown, path, level.specs)});
      }
      continue;
    }
    if (level.where != nullptr) (*level.where)[shown] = entry.value_at;
    if (spec->type == ParamType::TableArray) {
      resolve_array(level, *spec, entry, errors, values);
    } else if (!spec->value_of.empty()) {
      later.emplace_back(spec, &entry);
    } else if (is_declared_kind(*spec)) {
      resolve_declared(level, *spec, entry, errors, values);
    } else if (auto scalar = scalar_of(*entry.node); !scalar) {
      errors.push_back({entry.value_at, shown, wrong_type(*spec, got_text(*entry.node))});
      continue;
    } else if (auto problem = check_scalar(*spec, *scalar)) {
      errors.push_back({entry.value_at, shown, *problem});
      continue;
    } else {
      values.set(path, std::move(*scalar));
    }
    if (set_at != nullptr) (*set_at)[path] = entry.key_at;
  }
  for (const auto& [spec, entry] : later) resolve_declared(level, *spec, *entry, errors, values);
  for (const auto& spec : level.specs) {
    if (entries.find(spec.path) == entries.end()) apply_default(level, spec, errors, values);
  }
  return values;
}

void check_rules(const Schema& schema, const ParamValues& values, const Locations& set_at,
                 const SourceLocation& fallback, std::vector<ConfigError>& errors, const Locations* where) {
  // Each group's form of the values, prepared for its first rule and shared by the rest.
  std::vector<std::pair<const RuleGroup*, std::any>> prepared;
  for (const auto& rule : schema.rules) {
    std::optional<RuleBreach> breach;
    if (rule.group != nullptr) {
      auto form = std::find_if(prepared.begin(), prepared.end(),
                               [&](const auto& entry) { return entry.first == rule.group.get(); });
      if (form == prepared.end()) {
        form = prepared.emplace(prepared.end(), rule.group.get(), rule.group->prepare(values));
      }
      breach = rule.check_prepared(form->second);
    } else {
      breach = rule.check(values);
    }
    if (!breach) continue;
    const auto set = set_at.find(rule.blame_path);
    SourceLocation at = set != set_at.end() ? set->second : fallback;
    if (where != nullptr && !breach->key.empty()) {
      if (const auto written = where->find(breach->key); written != where->end()) at = written->second;
    }
    errors.push_back({at, breach->key.empty() ? rule.blame_path : breach->key, breach->message});
  }
}

ParamValues default_item(const std::vector<ParamSpec>& item_specs, const std::map<std::string, Scalar>& given,
                         const std::string& array_path) {
  const Level level{item_specs, array_path + "[].", {}, true};
  ParamValues values;
  for (const auto& spec : item_specs) {
    const auto it = given.find(spec.path);
    if (it == given.end()) {
      std::vector<ConfigError> errors;
      apply_default(level, spec, errors, values);
      if (!errors.empty())
        throw std::logic_error("a declared default item lacks: " + errors.front().format());
      continue;
    }
    Scalar value = it->second;
    if (auto problem = check_scalar(spec, value)) {
      throw std::logic_error("a declared default item of '" + array_path + "' is invalid: " + spec.path +
                             ": " + *problem);
    }
    values.set(spec.path, std::move(value));
  }
  return values;
}

}  // namespace sim::config::detail
