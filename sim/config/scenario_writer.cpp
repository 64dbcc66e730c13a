// Writing scenarios back out (to_toml).
#include <algorithm>
#include <utility>

#include "sim/config/scenario_detail.hpp"

namespace sim::config {
namespace {

using detail::toml_scalar;

std::string section_of(const std::string& path) {
  const auto dot = path.rfind('.');
  return dot == std::string::npos ? "" : path.substr(0, dot);
}

std::string leaf_of(const std::string& path) {
  const auto dot = path.rfind('.');
  return dot == std::string::npos ? path : path.substr(dot + 1);
}

// The value of a scalar parameter as TOML, the declared default when `values` lacks it.
std::string value_text(const ParamSpec& spec, const ParamValues& values) {
  if (!values.has(spec.path)) return toml_scalar(spec.default_value);
  switch (spec.type) {
    case ParamType::Real:
      return toml_scalar(values.real(spec.path));
    case ParamType::Integer:
      return toml_scalar(values.integer(spec.path));
    case ParamType::Boolean:
      return toml_scalar(values.boolean(spec.path));
    default:
      return toml_scalar(values.choice(spec.path));
  }
}

std::vector<ParamValues> items_of(const ParamSpec& spec, const ParamValues& values) {
  const auto it = values.arrays().find(spec.path);
  if (it != values.arrays().end()) return it->second;
  std::vector<ParamValues> items;
  for (const auto& given : spec.default_items)
    items.push_back(detail::default_item(spec.item_specs, given, spec.path));
  return items;
}

// An open table inline, its keys dotted: `set = { program.caseload = 6 }`.
std::string open_table_text(const std::map<std::string, Scalar>& table) {
  std::string text = "{";
  for (const auto& [key, value] : table) text += (text.size() > 1 ? ", " : " ") + key + " = " + toml_scalar(value);
  return text + (table.empty() ? "}" : " }");
}

std::string assignment(const std::string& key, const ParamSpec& spec, const ParamValues& values) {
  if (spec.type == ParamType::TableArray) return key + " = []\n";  // only empty arrays are written inline
  if (spec.shape == ParamShape::OpenTable) {
    return values.has(spec.path) ? key + " = " + open_table_text(values.table(spec.path)) + "\n" : "";
  }
  std::string line = key + " = " + value_text(spec, values);
  if (!spec.unit.empty()) line += "  # " + spec.unit;
  return line + "\n";
}

bool written_as_tables(const ParamSpec& spec, const std::vector<ParamValues>& items) {
  return spec.type == ParamType::TableArray && !items.empty();
}

// The keys of one table-array item as dotted keys, then its own table arrays.
void write_item(std::string& out, const std::vector<ParamSpec>& specs, const ParamValues& item,
                const std::string& array_path) {
  std::vector<std::pair<const ParamSpec*, std::vector<ParamValues>>> nested;
  for (const auto& spec : specs) {
    auto items = spec.type == ParamType::TableArray ? items_of(spec, item) : std::vector<ParamValues>{};
    if (written_as_tables(spec, items)) {
      nested.emplace_back(&spec, std::move(items));
    } else {
      out += assignment(spec.path, spec, item);
    }
  }
  for (const auto& [spec, items] : nested) {
    for (const auto& sub : items) {
      out += "\n[[" + array_path + "." + spec->path + "]]\n";
      write_item(out, spec->item_specs, sub, array_path + "." + spec->path);
    }
  }
}

}  // namespace

std::string to_toml(const Schema& schema, const ParamValues& values, const std::string& title,
                    const std::string& description) {
  std::string out = "# Resolved scenario: every parameter, defaults included.\n";
  out += "schema_version = " + std::to_string(schema.schema_version) + "\n";
  if (!title.empty()) out += "title = " + detail::toml_string(title) + "\n";
  if (!description.empty()) out += "description = " + detail::toml_string(description) + "\n";

  std::vector<std::pair<std::string, std::string>> sections;  // name, body; "" is the top level
  std::vector<std::pair<const ParamSpec*, std::vector<ParamValues>>> arrays;
  for (const auto& spec : schema.params.specs()) {
    auto items = spec.type == ParamType::TableArray ? items_of(spec, values) : std::vector<ParamValues>{};
    if (written_as_tables(spec, items)) {
      arrays.emplace_back(&spec, std::move(items));
      continue;
    }
    const std::string section = section_of(spec.path);
    auto it =
        std::find_if(sections.begin(), sections.end(), [&](const auto& s) { return s.first == section; });
    if (it == sections.end()) it = sections.insert(sections.end(), {section, ""});
    it->second += assignment(leaf_of(spec.path), spec, values);
  }
  std::stable_partition(sections.begin(), sections.end(), [](const auto& s) { return s.first.empty(); });
  for (const auto& [name, body] : sections) out += (name.empty() ? "" : "\n[" + name + "]\n") + body;
  for (const auto& [spec, items] : arrays) {
    for (const auto& item : items) {
      out += "\n[[" + spec->path + "]]\n";
      write_item(out, spec->item_specs, item, spec->path);
    }
  }
  return out;
}

}  // namespace sim::config
