// Writing scenarios back out (to_toml) and the generated parameter reference.
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

std::string assignment(const std::string& key, const ParamSpec& spec, const ParamValues& values) {
  if (spec.type == ParamType::TableArray) return key + " = []\n";  // only empty arrays are written inline
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

struct Row {
  std::string key, type, unit, default_text, range, description, source;
};
using Sections = std::vector<std::pair<std::string, std::vector<Row>>>;  // heading, rows

void add_rows(const ParamSpec& spec, const std::string& prefix, std::vector<Row>& rows) {
  const bool free_text = spec.type == ParamType::Choice && spec.choices.empty();
  Row row{prefix + spec.path,
          free_text ? "string" : detail::type_word(spec.type),
          spec.unit,
          "",
          detail::range_text(spec),
          spec.description,
          spec.source};
  if (spec.is_required) {
    row.default_text = "required";
  } else if (spec.type == ParamType::TableArray) {
    const auto count = spec.default_items.size();
    row.default_text = std::to_string(count) + (count == 1 ? " item" : " items");
  } else {
    row.default_text = toml_scalar(spec.default_value);
  }
  rows.push_back(std::move(row));
  for (const auto& item : spec.item_specs) add_rows(item, prefix + spec.path + "[].", rows);
}

// One section per top-level table; top-level table arrays get their own.
Sections reference_sections(const Schema& schema) {
  Sections sections;
  for (const auto& spec : schema.params.specs()) {
    const auto dot = spec.path.find('.');
    std::string heading = "Top level";
    if (dot != std::string::npos) {
      heading = "[" + spec.path.substr(0, dot) + "]";
    } else if (spec.type == ParamType::TableArray) {
      heading = "[[" + spec.path + "]]";
    }
    auto it =
        std::find_if(sections.begin(), sections.end(), [&](const auto& s) { return s.first == heading; });
    if (it == sections.end()) it = sections.insert(sections.end(), {heading, {}});
    add_rows(spec, "", it->second);
  }
  std::stable_partition(sections.begin(), sections.end(),
                        [](const auto& s) { return s.first == "Top level"; });
  return sections;
}

std::string markdown_cell(std::string text) {
  std::string out;
  for (char c : text) {
    if (c == '|') {
      out += "\\|";
    } else {
      out += c == '\n' ? ' ' : c;
    }
  }
  return out;
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

std::string parameter_reference_markdown(const Schema& schema) {
  const std::string version = std::to_string(schema.schema_version);
  std::string out = "# Scenario parameters\n\n";
  out += "Generated from the parameter declarations (schema_version " + version + ").\n\n";
  out += "A scenario file is TOML. It sets `schema_version = " + version +
         "`, and may set `extends = \"base.toml\"` (a base scenario, relative to the file, whose keys it "
         "overrides key by key; a table array replaces the base's whole), `title` and `description`. "
         "Any key below may be set; absent keys take their defaults. `[[name]]` sections are arrays of "
         "tables whose item keys are listed as `name[].key`.\n";
  for (const auto& [heading, rows] : reference_sections(schema)) {
    out += "\n## " + (heading == "Top level" ? heading : "`" + heading + "`") + "\n\n";
    out += "| Key | Type | Unit | Default | Range / choices | Description | Source |\n";
    out += "|---|---|---|---|---|---|---|\n";
    for (const auto& row : rows) {
      out += "| `" + row.key + "` | " + row.type + " | " + markdown_cell(row.unit) + " | " +
             markdown_cell(row.default_text) + " | " + markdown_cell(row.range) + " | " +
             markdown_cell(row.description) + " | " + markdown_cell(row.source) + " |\n";
    }
  }
  return out;
}

std::string parameter_reference_text(const Schema& schema) {
  std::string out = "Scenario parameters (schema_version " + std::to_string(schema.schema_version) + ")\n";
  out += "Built-in keys: schema_version (required), extends, title, description.\n";
  for (const auto& [heading, rows] : reference_sections(schema)) {
    out += "\n" + heading + "\n";
    for (const auto& row : rows) {
      out += "  " + row.key + "  " + row.type + (row.unit.empty() ? "" : ", " + row.unit) + "; " +
             (row.default_text == "required" ? "required" : "default " + row.default_text) +
             (row.range.empty() ? "" : "; " + row.range) + "\n";
      if (!row.description.empty()) out += "      " + row.description + "\n";
      if (!row.source.empty()) out += "      source: " + row.source + "\n";
    }
  }
  return out;
}

}  // namespace sim::config
