// Reading scenario files: TOML parsing, `extends` chains, --set overrides, then validation.
#include "sim/config/scenario_loader.hpp"

#include <memory>

#include "sim/config/document.hpp"
#include "sim/config/scenario_detail.hpp"

namespace sim::config {
namespace {

namespace fs = std::filesystem;
using detail::Entries;
using detail::Entry;
using detail::location_of;

constexpr const char* kSetFile = "--set";
constexpr const char* kReservedKeys[] = {"schema_version", "extends", "title", "description"};

std::string join_errors(const std::vector<ConfigError>& errors) {
  std::string out;
  for (const auto& error : errors) {
    if (!out.empty()) out += '\n';
    out += error.format();
  }
  return out;
}

std::string trim(std::string_view text) {
  const auto begin = text.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return "";
  const auto end = text.find_last_not_of(" \t");
  return std::string(text.substr(begin, end - begin + 1));
}

// The path that names a file however it is reached (for finding `extends` cycles).
fs::path identity(const fs::path& file) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(file, ec);
  if (!ec) return canonical;
  return fs::absolute(file, ec).lexically_normal();
}

// Parses a file and its `extends` chain into one set of entries, collecting errors. Owns the
// parsed documents, so the entries' nodes stay valid while the loader lives.
class ChainLoader {
 public:
  ChainLoader(const Schema& schema, std::vector<ConfigError>& errors) : schema_(schema), errors_(errors) {}

  Entries load(std::string_view text, const std::string& display, const fs::path& path) {
    chain_.push_back({identity(path), display});
    Entries entries = load_one(text, display, path);
    chain_.pop_back();
    return entries;
  }

  // Parses "v = <value>" for an override; for Choice parameters (and unknown keys, so that the
  // key is what gets reported) a word that is not a TOML value, or not a string, is a string.
  const toml::node* override_value(const std::string& value, const ParamSpec* spec) {
    const bool word_is_string =
        spec == nullptr || (spec->type == ParamType::Choice && spec->shape != ParamShape::OpenTable);
    try {
      auto& doc = keep(toml::parse("v = " + value, std::string_view(kSetFile)));
      const toml::node* node = doc.get("v");
      if (node != nullptr && (!word_is_string || node->is_string())) return node;
    } catch (const toml::parse_error&) {
      if (!word_is_string) return nullptr;
    }
    auto& doc = keep(toml::table{});
    doc.insert("v", value);
    return doc.get("v");
  }

  bool complete() const { return complete_; }

 private:
  toml::table& keep(toml::table&& table) {
    documents_.push_back(std::make_unique<toml::table>(std::move(table)));
    return *documents_.back();
  }

  void fail(SourceLocation where, std::string key, std::string message) {
    errors_.push_back({std::move(where), std::move(key), std::move(message)});
    complete_ = false;
  }

  Entries load_one(std::string_view text, const std::string& display, const fs::path& path) {
    auto parsed = detail::parse_toml(text, display, errors_);
    if (!parsed) {
      complete_ = false;
      return {};
    }
    const toml::table* table = &keep(std::move(*parsed));
    detail::check_schema_version(schema_, *table, display, errors_);
    Entries entries;
    if (const toml::node* extends = table->get("extends")) {
      const SourceLocation at = location_of(extends->source(), display);
      if (const auto* base = extends->as_string()) {
        entries = load_base(base->get(), path, at);
      } else {
        fail(at, "extends", "expected a string (the path of the base scenario)");
      }
    }
    Entries own;
    detail::flatten(*table, schema_.params.specs(), "", true, display, own);
    own.erase("extends");
    for (auto& [key, entry] : own) entries.insert_or_assign(key, entry);
    return entries;
  }

  Entries load_base(const std::string& relative, const fs::path& from, const SourceLocation& at) {
    const fs::path base = (from.parent_path() / relative).lexically_normal();
    const fs::path canonical = identity(base);
    for (const auto& loading : chain_) {
      if (loading.first != canonical) continue;
      std::string cycle;
      for (const auto& step : chain_) cycle += step.second + " -> ";
      fail(at, "extends", "extends cycle: " + cycle + base.string());
      return {};
    }
    std::string reason;
    const auto text = read_text_file(base, &reason);
    if (!text) {
      fail(at, "extends", "cannot read base scenario '" + base.string() + "': " + reason);
      return {};
    }
    return load(*text, base.string(), base);
  }

  const Schema& schema_;
  std::vector<ConfigError>& errors_;
  std::vector<std::pair<fs::path, std::string>> chain_;  // files being loaded: canonical path, display
  std::vector<std::unique_ptr<toml::table>> documents_;
  bool complete_ = true;
};

void apply_overrides(const Schema& schema, const std::vector<std::string>& overrides, ChainLoader& loader,
                     Entries& entries, std::vector<ConfigError>& errors) {
  for (std::size_t i = 0; i < overrides.size(); ++i) {
    const SourceLocation at{kSetFile, static_cast<int>(i + 1), 1};
    const std::string& text = overrides[i];
    const auto equals = text.find('=');
    const std::string key = trim(std::string_view(text).substr(0, equals));
    if (equals == std::string::npos || key.empty()) {
      errors.push_back({at, "", "expected key.path=value, got '" + text + "'"});
      continue;
    }
    const std::string value = trim(std::string_view(text).substr(equals + 1));
    if (toml_hazard(value, kSetFile)) {
      errors.push_back({at, key, kTomlHazardMessage});
      continue;
    }
    const ParamSpec* spec = schema.params.find(key);
    const toml::node* node = loader.override_value(value, spec);
    if (node == nullptr) {
      errors.push_back({at, key,
                        "expected " + detail::expected_text(*spec) + ", got '" + value +
                            "', which is not a TOML value (quote strings)"});
      continue;
    }
    entries.insert_or_assign(key, Entry{node, at, at});
  }
}

// Takes a built-in string key (title, description) out of the entries.
std::string take_string(Entries& entries, const std::string& key, std::vector<ConfigError>& errors) {
  const auto it = entries.find(key);
  if (it == entries.end()) return "";
  std::string value;
  if (const auto* text = it->second.node->as_string()) {
    value = text->get();
  } else {
    errors.push_back({it->second.value_at, key, "expected a string"});
  }
  entries.erase(it);
  return value;
}

void check_reserved(const Schema& schema) {
  for (const char* key : kReservedKeys) {
    if (schema.params.find(key) != nullptr) {
      throw std::logic_error(std::string("the schema declares the built-in key '") + key + "'");
    }
  }
}

}  // namespace

ConfigErrors::ConfigErrors(std::vector<ConfigError> errors)
    : std::runtime_error(join_errors(errors)), errors_(std::move(errors)) {}

LoadedScenario load_scenario_text(const Schema& schema, std::string_view toml_text,
                                  const std::string& display_name,
                                  const std::vector<std::string>& overrides) {
  check_reserved(schema);
  std::vector<ConfigError> errors;
  ChainLoader loader(schema, errors);
  Entries entries = loader.load(toml_text, display_name, fs::path(display_name));
  apply_overrides(schema, overrides, loader, entries, errors);

  LoadedScenario scenario;
  scenario.file = display_name;
  scenario.title = take_string(entries, "title", errors);
  scenario.description = take_string(entries, "description", errors);
  const SourceLocation top{display_name, 1, 1};
  detail::Locations set_at, where;
  const detail::Level level{schema.params.specs(), "", top, loader.complete(), &where};
  scenario.values = detail::resolve(level, entries, errors, &set_at);
  if (errors.empty()) detail::check_rules(schema, scenario.values, set_at, top, errors, &where);
  if (!errors.empty()) {
    sort_errors(errors, display_name);
    throw ConfigErrors(std::move(errors));
  }
  scenario.resolved_toml = to_toml(schema, scenario.values, scenario.title, scenario.description);
  return scenario;
}

LoadedScenario load_scenario(const Schema& schema, const fs::path& file,
                             const std::vector<std::string>& overrides) {
  return load_scenario_text(schema, read_input_file(file, "scenario file"), file.string(), overrides);
}

ParamValues with_overrides(const Schema& schema, const ParamValues& base,
                           const std::vector<std::pair<std::string, Scalar>>& overrides,
                           const SourceLocation& origin) {
  std::vector<ConfigError> errors;
  ParamValues values = base;
  detail::Locations set_at;
  for (const auto& [path, given] : overrides) {
    const ParamSpec* spec = schema.params.find(path);
    if (spec == nullptr) {
      errors.push_back({origin, path, detail::unknown_key_message(path, path, schema.params.specs())});
      continue;
    }
    if (spec->type == ParamType::TableArray) {
      errors.push_back({origin, path, "a table array cannot be overridden with a single value"});
      continue;
    }
    Scalar value = given;
    if (auto problem = detail::check_scalar(*spec, value)) {
      errors.push_back({origin, path, *problem});
      continue;
    }
    values.set(path, std::move(value));
  }
  if (errors.empty()) detail::check_rules(schema, values, set_at, origin, errors);
  if (!errors.empty()) throw ConfigErrors(std::move(errors));
  return values;
}

std::optional<std::string> check_value(const Schema& schema, const std::string& path, Scalar& value) {
  const ParamSpec* spec = schema.params.find(path);
  if (spec == nullptr) return detail::unknown_key_message(path, path, schema.params.specs());
  if (spec->type == ParamType::TableArray) return "a table array cannot be given a single value";
  return detail::check_scalar(*spec, value);
}

}  // namespace sim::config
