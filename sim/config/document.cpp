// The front end shared by every input file kind: reading files, TOML syntax, schema_version, the
// declared keys (scenario_validate.cpp, shapes.cpp) and the one error order.
#include "sim/config/document.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "sim/config/scenario_detail.hpp"

namespace sim::config {

namespace detail {

std::optional<toml::table> parse_toml(std::string_view text, const std::string& display,
                                      std::vector<ConfigError>& errors) {
  try {
    return toml::parse(text, display);
  } catch (const toml::parse_error& error) {
    errors.push_back({location_of(error.source(), display), "", std::string(error.description())});
    return std::nullopt;
  }
}

void check_schema_version(const Schema& schema, const toml::table& table, const std::string& display,
                          std::vector<ConfigError>& errors) {
  const std::string expected = "this build reads schema_version " + std::to_string(schema.schema_version);
  const toml::node* node = table.get("schema_version");
  if (node == nullptr) {
    const SourceLocation top{display, 1, 1};
    errors.push_back({top, "schema_version", "missing required key; " + expected});
  } else if (const auto* version = node->as_integer(); version == nullptr) {
    errors.push_back(
        {location_of(node->source(), display), "schema_version", "expected an integer; " + expected});
  } else if (version->get() != schema.schema_version) {
    errors.push_back({location_of(node->source(), display), "schema_version",
                      "schema_version " + std::to_string(version->get()) + " is not supported; " + expected});
  }
}

}  // namespace detail

SourceLocation Document::at(const std::string& path) const {
  for (std::string key = path; !key.empty();) {
    if (const auto it = where.find(key); it != where.end()) return it->second;
    const auto cut = key.find_last_of(".[");
    if (cut == std::string::npos) break;
    key.resize(cut);
  }
  return {file, 1, 1};
}

ConfigError Document::error(const std::string& path, std::string message) const {
  return {at(path), path, std::move(message)};
}

Document read_document(const Schema& schema, std::string_view text, const std::string& display,
                       std::vector<ConfigError>& errors) {
  Document document{display, std::string(text), {}, {}};
  const std::size_t before = errors.size();
  const auto table = detail::parse_toml(text, display, errors);
  if (!table) return document;
  detail::check_schema_version(schema, *table, display, errors);
  detail::Entries entries;
  detail::Locations sections;
  detail::flatten(*table, schema.params.specs(), "", true, display, entries, &sections);
  document.where = sections;
  const SourceLocation top{display, 1, 1};
  const detail::Level level{schema.params.specs(), "", top, true, &document.where, &sections};
  detail::Locations set_at;
  document.values = detail::resolve(level, entries, errors, &set_at);
  if (errors.size() == before) detail::check_rules(schema, document.values, set_at, top, errors);
  return document;
}

std::optional<std::string> read_text_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return text.str();
}

std::string read_input_file(const std::filesystem::path& file, const std::string& what) {
  errno = 0;
  auto text = read_text_file(file);
  if (!text) {
    const std::string reason = errno != 0 ? std::strerror(errno) : "read error";
    const SourceLocation where{file.string(), 0, 0};
    throw ConfigErrors({{where, "", "cannot read " + what + ": " + reason}});
  }
  return std::move(*text);
}

void sort_errors(std::vector<ConfigError>& errors, const std::string& first_file) {
  std::vector<std::string> files{first_file};
  for (const auto& error : errors) {
    if (error.where.file != "--set" &&
        std::find(files.begin(), files.end(), error.where.file) == files.end()) {
      files.push_back(error.where.file);
    }
  }
  auto rank = [&](const ConfigError& error) {
    return static_cast<std::size_t>(std::find(files.begin(), files.end(), error.where.file) - files.begin());
  };
  std::stable_sort(errors.begin(), errors.end(), [&](const ConfigError& a, const ConfigError& b) {
    const auto ra = rank(a);
    const auto rb = rank(b);
    if (ra != rb) return ra < rb;
    if (a.where.line != b.where.line) return a.where.line < b.where.line;
    return a.where.column < b.where.column;
  });
}

void throw_if_errors(std::vector<ConfigError> errors, const std::string& first_file) {
  if (errors.empty()) return;
  sort_errors(errors, first_file);
  throw ConfigErrors(std::move(errors));
}

std::shared_ptr<KeyDomain> parameter_domain(const Schema& schema) {
  auto domain = std::make_shared<KeyDomain>();
  domain->what = "scenario parameter";
  domain->names = [&schema] {
    std::vector<std::string> names;
    for (const auto& spec : schema.params.specs()) names.push_back(spec.path);
    return names;
  };
  domain->check = [&schema](const std::string& key, Scalar& value) { return check_value(schema, key, value); };
  return domain;
}

}  // namespace sim::config
