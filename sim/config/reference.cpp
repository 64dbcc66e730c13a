// The generated references: scenario parameters (docs/parameters.md) and the other input file
// kinds (docs/*-file.md), from the same declarations.
#include <algorithm>
#include <utility>

#include <cstdio>

#include "sim/config/document.hpp"
#include "sim/config/scenario_detail.hpp"

namespace sim::config {
namespace {

using detail::toml_scalar;

struct Row {
  std::string key, type, unit, default_text, range, description, source;
};
using Sections = std::vector<std::pair<std::string, std::vector<Row>>>;  // heading, rows

void add_rows(const ParamSpec& spec, const std::string& prefix, std::vector<Row>& rows) {
  Row row{prefix + spec.path,       detail::type_text(spec), spec.unit,  "",
          detail::range_text(spec), spec.description,        spec.source};
  if (const Uncertainty& u = spec.uncertainty; u.distribution != Distribution::None) {
    char sd[32];
    std::snprintf(sd, sizeof sd, "%g", 100 * u.relative_sd);
    row.source += std::string(row.source.empty() ? "" : "; ") + "PSA: " +
                  kDistributionNames[static_cast<std::size_t>(u.distribution)] + ", SD " + sd + "% of the value (" +
                  u.source + ")";
  }
  if (spec.is_required) {
    row.default_text = "required";
  } else if (spec.is_optional) {
    row.default_text = "optional";
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

bool any_of_rows(const Sections& sections, std::string Row::*field) {
  return std::any_of(sections.begin(), sections.end(), [&](const auto& section) {
    return std::any_of(section.second.begin(), section.second.end(),
                       [&](const Row& row) { return !(row.*field).empty(); });
  });
}

}  // namespace

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

std::string file_reference_markdown(const Schema& schema, const std::string& title,
                                    const std::string& intro) {
  const auto sections = reference_sections(schema);
  const bool units = any_of_rows(sections, &Row::unit);
  const bool sources = any_of_rows(sections, &Row::source);
  std::string out = "# " + title + "\n\n";
  out +=
      "Generated from the declarations (schema_version " + std::to_string(schema.schema_version) + ").\n\n";
  out += intro;
  for (const auto& [heading, rows] : sections) {
    out += "\n## " + (heading == "Top level" ? heading : "`" + heading + "`") + "\n\n";
    out += std::string("| Key | Type |") + (units ? " Unit |" : "") +
           " Default | Range / choices | Description |" + (sources ? " Source |" : "") + "\n";
    out += std::string("|---|---|") + (units ? "---|" : "") + "---|---|---|" + (sources ? "---|" : "") + "\n";
    for (const auto& row : rows) {
      out += "| `" + row.key + "` | " + row.type + " | " + (units ? markdown_cell(row.unit) + " | " : "") +
             markdown_cell(row.default_text) + " | " + markdown_cell(row.range) + " | " +
             markdown_cell(row.description) + " |" + (sources ? " " + markdown_cell(row.source) + " |" : "") +
             "\n";
    }
  }
  return out;
}

std::string file_reference_text(const Schema& schema, const std::string& title) {
  std::string out = title + " (schema_version " + std::to_string(schema.schema_version) + ")\n";
  out += "Built-in key: schema_version (required).\n";
  for (const auto& [heading, rows] : reference_sections(schema)) {
    out += "\n" + heading + "\n";
    for (const auto& row : rows) {
      const bool word = row.default_text == "required" || row.default_text == "optional";
      out += "  " + row.key + "  " + row.type + (row.unit.empty() ? "" : ", " + row.unit) + "; " +
             (word ? row.default_text : "default " + row.default_text) +
             (row.range.empty() ? "" : "; " + row.range) + "\n";
      if (!row.description.empty()) out += "      " + row.description + "\n";
    }
  }
  return out;
}

}  // namespace sim::config
