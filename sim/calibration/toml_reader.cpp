#include "sim/calibration/toml_reader.hpp"

#include <cmath>
#include <sstream>

namespace sim::calibration {
namespace {

SourceLocation location(const toml::source_region& region, const std::string& file) {
  if (region.begin.line == 0) return {file, 1, 1};
  return {file, static_cast<int>(region.begin.line), static_cast<int>(region.begin.column)};
}

std::string type_of(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a real number";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::table:
      return "a table";
    default:
      return "a date or time";
  }
}

std::string number_text(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

std::optional<double> as_real(const toml::node* node) {
  if (node == nullptr) return std::nullopt;
  if (const auto* f = node->as_floating_point()) return f->get();
  if (const auto* i = node->as_integer()) return static_cast<double>(i->get());
  return std::nullopt;
}

}  // namespace

std::optional<toml::table> parse_toml(std::string_view text, const std::string& file,
                                      std::vector<ConfigError>& errors) {
  try {
    return toml::parse(text, file);
  } catch (const toml::parse_error& error) {
    errors.push_back({location(error.source(), file), "", std::string(error.description())});
    return std::nullopt;
  }
}

TableReader::TableReader(const toml::table& table, std::string file, std::string prefix,
                         std::vector<ConfigError>& errors)
    : table_(table), file_(std::move(file)), prefix_(std::move(prefix)), errors_(errors) {}

bool TableReader::has(const std::string& key) const { return table_.contains(key); }

SourceLocation TableReader::at() const { return location(table_.source(), file_); }

SourceLocation TableReader::value_at(const std::string& key) const {
  const toml::node* found = table_.get(key);
  return found == nullptr ? at() : location(found->source(), file_);
}

void TableReader::error(const std::string& key, std::string message) {
  errors_.push_back({value_at(key), prefix_ + key, std::move(message)});
}

void TableReader::type_error(const std::string& key, const char* expected) {
  error(key, std::string("expected ") + expected + ", got " + type_of(*table_.get(key)));
}

const toml::node* TableReader::node(const std::string& key, bool required, const char* expected) {
  asked_.insert(key);
  const toml::node* found = table_.get(key);
  if (found == nullptr && required) {
    errors_.push_back({at(), prefix_ + key, std::string("missing required key; expected ") + expected});
  }
  return found;
}

std::optional<std::string> TableReader::string(const std::string& key, bool required) {
  const toml::node* found = node(key, required, "a string");
  if (found == nullptr) return std::nullopt;
  if (const auto* text = found->as_string()) return text->get();
  type_error(key, "a string");
  return std::nullopt;
}

std::optional<std::string> TableReader::choice(const std::string& key,
                                               const std::vector<std::string>& choices, bool required) {
  auto value = string(key, required);
  if (!value) return std::nullopt;
  for (const auto& c : choices) {
    if (c == *value) return value;
  }
  std::string listed;
  for (const auto& c : choices) listed += (listed.empty() ? "\"" : ", \"") + c + "\"";
  std::string message = "unknown value \"" + *value + "\"; expected one of " + listed;
  if (const auto close = config::suggest(*value, choices); !close.empty()) {
    message += " (did you mean \"" + close.front() + "\"?)";
  }
  error(key, std::move(message));
  return std::nullopt;
}

std::optional<double> TableReader::real(const std::string& key, bool required, double min, double max) {
  const toml::node* found = node(key, required, "a real number");
  if (found == nullptr) return std::nullopt;
  const auto value = as_real(found);
  if (!value) {
    type_error(key, "a real number");
    return std::nullopt;
  }
  if (!std::isfinite(*value) || *value < min || *value > max) {
    error(key, "must be a finite number in [" + number_text(min) + ", " + number_text(max) + "], got " +
                   number_text(*value));
    return std::nullopt;
  }
  return value;
}

std::optional<std::int64_t> TableReader::integer(const std::string& key, bool required, std::int64_t min,
                                                 std::int64_t max) {
  const toml::node* found = node(key, required, "an integer");
  if (found == nullptr) return std::nullopt;
  const auto* value = found->as_integer();
  if (value == nullptr) {
    type_error(key, "an integer");
    return std::nullopt;
  }
  if (value->get() < min || value->get() > max) {
    error(key, "must be in [" + std::to_string(min) + ", " + std::to_string(max) + "], got " +
                   std::to_string(value->get()));
    return std::nullopt;
  }
  return value->get();
}

std::optional<std::pair<double, double>> TableReader::interval(const std::string& key, bool required) {
  const toml::node* found = node(key, required, "an array [lo, hi]");
  if (found == nullptr) return std::nullopt;
  const auto* array = found->as_array();
  const auto first = array == nullptr || array->size() != 2 ? std::nullopt : as_real(array->get(0));
  const auto second = array == nullptr || array->size() != 2 ? std::nullopt : as_real(array->get(1));
  if (!first || !second) {
    error(key, "expected an array of two numbers [lo, hi]");
    return std::nullopt;
  }
  const double lo = *first, hi = *second;
  if (!std::isfinite(lo) || !std::isfinite(hi) || !(lo < hi)) {
    error(key,
          "expected finite [lo, hi] with lo < hi, got [" + number_text(lo) + ", " + number_text(hi) + "]");
    return std::nullopt;
  }
  return std::pair{lo, hi};
}

const toml::table* TableReader::table(const std::string& key, bool required) {
  const toml::node* found = node(key, required, "a table");
  if (found == nullptr) return nullptr;
  if (const auto* sub = found->as_table()) return sub;
  type_error(key, "a table");
  return nullptr;
}

const toml::array* TableReader::table_array(const std::string& key, bool required) {
  const toml::node* found = node(key, required, "an array of tables");
  if (found == nullptr) return nullptr;
  const auto* array = found->as_array();
  if (array == nullptr || !array->is_array_of_tables()) {
    type_error(key, "an array of tables");
    return nullptr;
  }
  return array;
}

void TableReader::finish() {
  std::vector<std::string> known(asked_.begin(), asked_.end());
  for (const auto& [key, value] : table_) {
    const std::string name(key.str());
    if (asked_.contains(name)) continue;
    std::string message = "unknown key";
    if (const auto close = config::suggest(name, known); !close.empty()) {
      message += " (did you mean '" + prefix_ + close.front() + "'?)";
    }
    errors_.push_back({location(key.source(), file_), prefix_ + name, std::move(message)});
  }
}

}  // namespace sim::calibration
