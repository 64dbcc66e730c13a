// The front end shared by every input file kind: reading files, TOML syntax, schema_version, the
// declared keys (scenario_validate.cpp, shapes.cpp) and the one error order.
#include "sim/config/document.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "sim/cli/format.hpp"
#include "sim/config/scenario_detail.hpp"

namespace sim::config {

namespace {

namespace fs = std::filesystem;


// Why `file` is not read: not there, not a regular file, or too large; nothing when it may be.
std::optional<std::string> refuse_to_read(const fs::path& file) {
  std::error_code ec;
  const fs::file_status status = fs::status(file, ec);
  if (ec) return ec.value() == ENOENT ? std::string(std::strerror(ENOENT)) : ec.message();
  if (fs::is_directory(status)) return "it is a directory, not a file";
  if (!fs::is_regular_file(status)) return "it is not a regular file (a device, pipe or socket)";
  const std::uintmax_t size = fs::file_size(file, ec);
  if (ec) return ec.message();
  if (size > kMaxInputFileBytes) {
    return "it is " + sim::cli::bytes_text(static_cast<double>(size)) + "; input files are limited to " + sim::cli::bytes_text(static_cast<double>(kMaxInputFileBytes));
  }
  return std::nullopt;
}

}  // namespace

std::optional<SourceLocation> toml_hazard(std::string_view text, const std::string& display) {
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
      continue;
    }
    if (text[i] != '\\') continue;
    std::size_t j = i + 1;
    while (j < text.size() && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r')) ++j;
    if (j >= text.size() || text[j] != '\n') continue;
    while (j < text.size() && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r' || text[j] == '\n')) ++j;
    if (j < text.size() && static_cast<unsigned char>(text[j]) >= 0x80) {
      return SourceLocation{display, line, static_cast<int>(i - line_start + 1)};
    }
  }
  return std::nullopt;
}

namespace detail {

std::optional<toml::table> parse_toml(std::string_view text, const std::string& display,
                                      std::vector<ConfigError>& errors) {
  if (const auto hazard = toml_hazard(text, display)) {
    errors.push_back({*hazard, "", kTomlHazardMessage});
    return std::nullopt;
  }
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
  if (errors.size() == before) detail::check_rules(schema, document.values, set_at, top, errors, &document.where);
  return document;
}

std::optional<std::string> read_text_file(const std::filesystem::path& file, std::string* reason) {
  if (auto refused = refuse_to_read(file)) {
    if (reason != nullptr) *reason = std::move(*refused);
    return std::nullopt;
  }
  errno = 0;
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  if (in) text << in.rdbuf();
  // A file that grew past the limit after it was checked is refused all the same.
  if (!in || in.bad() || text.tellp() > static_cast<std::streamoff>(kMaxInputFileBytes)) {
    if (reason != nullptr) *reason = errno != 0 ? std::strerror(errno) : "read error";
    return std::nullopt;
  }
  return text.str();
}

std::string read_input_file(const std::filesystem::path& file, const std::string& what) {
  std::string reason;
  auto text = read_text_file(file, &reason);
  if (!text) {
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
