// Small text helpers: number and TOML value formatting, type descriptions, did-you-mean.
#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>

#include "sim/config/scenario_detail.hpp"

namespace sim::config {
namespace {

std::string lowercase(const std::string& text) {
  std::string out = text;
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Optimal string alignment distance: Levenshtein plus transposition of adjacent characters.
std::size_t damerau_levenshtein(const std::string& a, const std::string& b) {
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  const std::size_t width = m + 1;
  std::vector<std::size_t> d((n + 1) * width);
  for (std::size_t i = 0; i <= n; ++i) d[i * width] = i;
  for (std::size_t j = 0; j <= m; ++j) d[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      std::size_t best =
          std::min({d[(i - 1) * width + j] + 1, d[i * width + j - 1] + 1, d[(i - 1) * width + j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        best = std::min(best, d[(i - 2) * width + j - 2] + 1);
      }
      d[i * width + j] = best;
    }
  }
  return d[n * width + m];
}

}  // namespace

std::vector<std::string> suggest(const std::string& unknown, const std::vector<std::string>& candidates) {
  // Close means at most a third of the typed characters are wrong: 1 to 3 edits. A key longer
  // than any declared one by more than that has no suggestion, so the work stays bounded
  // (kMaxSuggestedLength x the candidates' lengths) however long the typed key is.
  if (unknown.size() > kMaxSuggestedLength) return {};
  const std::size_t limit = std::clamp<std::size_t>(unknown.size() / 3, 1, 3);
  const std::string typed = lowercase(unknown);
  std::vector<std::pair<std::size_t, std::string>> close;
  for (const auto& candidate : candidates) {
    const std::size_t gap = candidate.size() > typed.size() ? candidate.size() - typed.size() : typed.size() - candidate.size();
    if (gap > limit) continue;  // at least `gap` edits apart
    const std::size_t distance = damerau_levenshtein(typed, lowercase(candidate));
    if (distance > limit) continue;
    if (std::none_of(close.begin(), close.end(), [&](const auto& c) { return c.second == candidate; })) {
      close.emplace_back(distance, candidate);
    }
  }
  std::stable_sort(close.begin(), close.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  std::vector<std::string> out;
  out.reserve(close.size());
  for (auto& c : close) out.push_back(std::move(c.second));
  return out;
}

namespace detail {

std::string shown_key(const std::string& key) {
  constexpr std::size_t kShown = 60;
  if (key.size() <= kShown + 20) return key;
  return key.substr(0, kShown) + "... (" + std::to_string(key.size()) + " characters)";
}

}  // namespace detail

std::string ConfigError::format() const {
  std::string out = where.file;
  if (where.line > 0) {
    out += ':' + std::to_string(where.line);
    if (where.column > 0) out += ':' + std::to_string(where.column);
  }
  out += ": ";
  if (!key_path.empty()) out += detail::shown_key(key_path) + ": ";
  return out + message;
}

namespace detail {

std::string format_number(double value) {
  std::array<char, 64> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return std::string(buffer.data(), result.ptr);
}

std::string format_bound(double value, ParamType type) {
  if (type == ParamType::Integer && std::abs(value) <= 9007199254740992.0) {
    return std::to_string(static_cast<std::int64_t>(value));
  }
  return format_number(value);
}

std::string toml_string(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          std::array<char, 8> code{};
          std::snprintf(code.data(), code.size(), "\\u%04x",
                        static_cast<unsigned>(static_cast<unsigned char>(c)));
          out += code.data();
        } else {
          out += c;
        }
    }
  }
  return out + '"';
}

std::string toml_scalar(const Scalar& value) {
  if (const auto* d = std::get_if<double>(&value)) {
    std::string text = format_number(*d);
    if (std::isfinite(*d) && text.find_first_of(".e") == std::string::npos) text += ".0";
    return text;
  }
  if (const auto* i = std::get_if<std::int64_t>(&value)) return std::to_string(*i);
  if (const auto* b = std::get_if<bool>(&value)) return *b ? "true" : "false";
  return toml_string(std::get<std::string>(value));
}

std::string type_word(ParamType type) {
  switch (type) {
    case ParamType::Real:
      return "real";
    case ParamType::Integer:
      return "integer";
    case ParamType::Boolean:
      return "boolean";
    case ParamType::Choice:
      return "choice";
    case ParamType::TableArray:
      return "table array";
  }
  return "?";
}

namespace {

std::string numeric_range(const ParamSpec& spec) {
  if (std::isinf(spec.min) && std::isinf(spec.max)) return "";
  std::string out = "[";  // built step by step: GCC 12 warns falsely (-Wrestrict) on "[" + string
  out += format_bound(spec.min, spec.type) + ", " + format_bound(spec.max, spec.type) + "]";
  return out;
}

std::string quoted_list(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& c : names) {
    if (!out.empty()) out += ", ";
    out += toml_string(c);
  }
  return out;
}

std::string items_text(const ParamSpec& spec) {
  if (spec.max_items == std::numeric_limits<std::size_t>::max()) {
    return "at least " + std::to_string(spec.min_items) + (spec.min_items == 1 ? " item" : " items");
  }
  return std::to_string(spec.min_items) + " to " + std::to_string(spec.max_items) + " items";
}

}  // namespace

std::string range_text(const ParamSpec& spec) {
  if (!spec.value_of.empty()) {
    const std::string checked = "as declared for " + spec.value_of;
    return spec.shape == ParamShape::List ? items_text(spec) + ", each " + checked : checked;
  }
  if (spec.domain) {
    const auto names = spec.domain->names();
    return names.size() <= 12 ? quoted_list(names) : "any " + spec.domain->what;
  }
  if (spec.shape == ParamShape::List) {
    ParamSpec element = spec;
    element.shape = ParamShape::Single;
    const std::string each = range_text(element);
    return items_text(spec) + (each.empty() ? "" : ", each " + each);
  }
  switch (spec.type) {
    case ParamType::Real:
    case ParamType::Integer:
      return numeric_range(spec);
    case ParamType::Boolean:
      return "";
    case ParamType::Choice:
      return quoted_list(spec.choices);
    case ParamType::TableArray:
      return items_text(spec);
  }
  return "";
}

std::string expected_text(const ParamSpec& spec) {
  const std::string unit = spec.unit.empty() ? "" : " (" + spec.unit + ")";
  if (!spec.value_of.empty()) {
    const std::string value = "the " + spec.domain->what + " named by " + spec.value_of;
    return spec.shape == ParamShape::List ? "a list of values for " + value : "a value for " + value;
  }
  switch (spec.shape) {
    case ParamShape::List:
      return "a list [...] of " + type_word(spec.type) + " values" + unit;
    case ParamShape::Interval:
      return "an interval [lo, hi] of two real numbers" + unit;
    case ParamShape::OpenTable:
      return "a table ([" + spec.path + "]) of " + spec.domain->what + " values";
    case ParamShape::Single:
      break;
  }
  if (spec.domain) return "the name of a " + spec.domain->what;
  if (spec.is_path) return "a path (a string, relative to this file)";
  switch (spec.type) {
    case ParamType::Real:
      return "a real number" + unit;
    case ParamType::Integer:
      return "an integer" + unit;
    case ParamType::Boolean:
      return "a boolean";
    case ParamType::Choice:
      return spec.choices.empty() ? "a string" : "one of " + range_text(spec);
    case ParamType::TableArray:
      return "an array of tables ([[" + spec.path + "]])";
  }
  return "";
}

std::string type_text(const ParamSpec& spec) {
  if (!spec.value_of.empty()) return spec.shape == ParamShape::List ? "list of values" : "value";
  switch (spec.shape) {
    case ParamShape::List:
      return "list of " + type_word(spec.type);
    case ParamShape::Interval:
      return "interval";
    case ParamShape::OpenTable:
      return "table";
    case ParamShape::Single:
      break;
  }
  if (spec.domain) return spec.domain->what + " name";
  if (spec.is_path) return "path";
  if (spec.type == ParamType::Choice && spec.choices.empty()) return "string";
  return type_word(spec.type);
}

}  // namespace detail
}  // namespace sim::config
