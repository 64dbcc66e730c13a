#include "app/sweep/sweep_parse.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <string_view>

namespace coachsim::app::sweep_detail {
namespace {

using sim::config::ConfigError;
using sim::config::ParamType;
using sim::config::Scalar;
using sim::config::SourceLocation;

constexpr std::int64_t kSchemaVersion = 1;
constexpr std::int64_t kMaxSeed = 9'007'199'254'740'991;  // 2^53 - 1, exact in every reader
constexpr std::int64_t kMaxReplicates = 1'000'000;
constexpr std::int64_t kMaxPoints = 10'000'000;

std::optional<Scalar> scalar_of(const toml::node& node) {
  if (const auto* v = node.as_integer()) return Scalar(v->get());
  if (const auto* v = node.as_floating_point()) return Scalar(v->get());
  if (const auto* v = node.as_boolean()) return Scalar(v->get());
  if (const auto* v = node.as_string()) return Scalar(v->get());
  return std::nullopt;
}

class Parser {
 public:
  Parser(const sim::config::Schema& schema, std::string display, std::vector<ConfigError>& errors)
      : schema_(schema), display_(std::move(display)), errors_(errors) {}

  ParsedSweep run(const toml::table& root) {
    ParsedSweep out;
    out.sweep_at = out.base_at = out.set_at = {display_, 1, 1};
    check_keys(root, {"schema_version", "base", "title", "description", "set", "sweep", "axes"}, "");
    if (const auto* version = required(root, "schema_version", "schema_version", root.source())) {
      static_cast<void>(integer(*version, "schema_version", kSchemaVersion, kSchemaVersion));
    }
    if (const auto* base = required(root, "base", "base", root.source())) {
      out.base_at = at(base->source());
      if (const auto* text = base->as_string()) {
        out.base = text->get();
      } else {
        fail(base->source(), "base", "expected a string: the base scenario's path, relative to this file");
      }
    }
    for (const char* key : {"title", "description"}) {
      if (const auto* node = root.get(key); node != nullptr && !node->is_string()) {
        fail(node->source(), key, "expected a string");
      }
    }
    if (const auto* set = root.get("set")) {
      out.set_at = at(set->source());
      if (const auto* table = set->as_table()) {
        parse_set(*table, "", out);
      } else {
        fail(set->source(), "set", "expected a table of fixed parameter values ([set])");
      }
    }
    if (const auto* sweep = required(root, "sweep", "sweep", root.source())) {
      out.sweep_at = at(sweep->source());
      if (const auto* table = sweep->as_table()) {
        parse_sweep_section(*table, out);
      } else {
        fail(sweep->source(), "sweep", "expected a table ([sweep])");
      }
    }
    if (const auto* axes = required(root, "axes", "axes", root.source())) {
      const auto* array = axes->as_array();
      if (array == nullptr || array->empty() || !array->is_array_of_tables()) {
        fail(axes->source(), "axes", "expected one or more [[axes]] tables");
      } else {
        for (std::size_t i = 0; i < array->size(); ++i) parse_axis(*array->get(i)->as_table(), i, out);
      }
    }
    return out;
  }

 private:
  SourceLocation at(const toml::source_region& region) const {
    return {region.path ? std::string(*region.path) : display_, static_cast<int>(region.begin.line),
            static_cast<int>(region.begin.column)};
  }
  void fail(const toml::source_region& region, std::string key, std::string message) {
    errors_.push_back({at(region), std::move(key), std::move(message)});
  }

  void check_keys(const toml::table& table, std::initializer_list<std::string_view> allowed,
                  const std::string& prefix) {
    const std::vector<std::string> names(allowed.begin(), allowed.end());
    for (auto&& [key, node] : table) {
      const std::string name(key.str());
      if (std::find(names.begin(), names.end(), name) != names.end()) continue;
      std::string message = "unknown key '" + prefix + name + "'";
      if (const auto close = sim::config::suggest(name, names); !close.empty()) {
        message += "; did you mean '" + prefix + close.front() + "'?";
      }
      fail(key.source(), prefix + name, message);
    }
  }

  const toml::node* required(const toml::table& table, std::string_view key, const std::string& shown,
                             const toml::source_region& where_missing) {
    const toml::node* node = table.get(key);
    if (node == nullptr) fail(where_missing, shown, "missing required key");
    return node;
  }

  std::optional<std::int64_t> integer(const toml::node& node, const std::string& shown, std::int64_t min,
                                      std::int64_t max) {
    const auto* value = node.as_integer();
    if (value == nullptr || value->get() < min || value->get() > max) {
      fail(node.source(), shown,
           "expected an integer in [" + std::to_string(min) + ", " + std::to_string(max) + "]");
      return std::nullopt;
    }
    return value->get();
  }

  void parse_sweep_section(const toml::table& table, ParsedSweep& out) {
    check_keys(table, {"replicates", "seed", "method", "points"}, "sweep.");
    if (const auto* n = required(table, "replicates", "sweep.replicates", table.source())) {
      out.replicates = integer(*n, "sweep.replicates", 1, kMaxReplicates).value_or(1);
    }
    if (const auto* n = required(table, "seed", "sweep.seed", table.source())) {
      out.seed = integer(*n, "sweep.seed", 0, kMaxSeed).value_or(0);
    }
    if (const auto* n = required(table, "method", "sweep.method", table.source())) {
      const auto* name = n->as_string();
      const auto method = name ? sim::sweep::method_from_name(name->get()) : std::nullopt;
      if (method) {
        out.method = *method;
      } else {
        fail(n->source(), "sweep.method", "expected one of \"grid\", \"latin_hypercube\", \"sobol\", \"saltelli\"");
      }
    }
    const auto* points = table.get("points");
    if (points != nullptr && !sim::sweep::is_sampled(out.method)) {
      fail(points->source(), "sweep.points", "a grid's points are its axes' values crossed; remove points");
    } else if (points == nullptr && sim::sweep::is_sampled(out.method)) {
      fail(table.source(), "sweep.points",
           "missing required key: method " + sim::sweep::method_name(out.method) + " needs a number of points");
    } else if (points != nullptr) {
      out.points = integer(*points, "sweep.points", 1, kMaxPoints).value_or(1);
    }
  }

  // [set] may nest tables ([set.program] caseload = 12) or use dotted keys; both name program.caseload.
  // Errors about a key point at the start of a dotted key (`first`), or at the key itself.
  void parse_set(const toml::table& table, const std::string& prefix, ParsedSweep& out,
                 const toml::source_region* first = nullptr) {
    for (auto&& [key, node] : table) {
      const std::string path = prefix + std::string(key.str());
      const bool same_line = first != nullptr && first->begin.line == key.source().begin.line;
      const toml::source_region& key_at = same_line ? *first : key.source();
      if (const auto* sub = node.as_table(); sub != nullptr && schema_.params.find(path) == nullptr) {
        parse_set(*sub, path + ".", out, &key_at);
        continue;
      }
      if (const char* reason = reserved_reason(path, false)) {
        fail(key_at, path, reason);
        continue;
      }
      auto value = scalar_of(node);
      if (!value) {
        fail(node.source(), path, "expected a number, boolean or string");
        continue;
      }
      if (auto problem = sim::config::check_value(schema_, path, *value)) {
        fail(schema_.params.find(path) ? node.source() : key_at, path, *problem);
        continue;
      }
      out.set.push_back({path, *value, at(node.source())});
    }
  }

  void parse_axis(const toml::table& table, std::size_t index, ParsedSweep& out) {
    const std::string prefix = "axes[" + std::to_string(index) + "].";
    check_keys(table, {"parameter", "values", "min", "max", "log", "integer"}, prefix);
    LocatedAxis located{{}, at(table.source())};
    const auto* parameter = required(table, "parameter", prefix + "parameter", table.source());
    if (parameter == nullptr) return;
    located.at = at(parameter->source());
    if (!parameter->is_string()) return fail(parameter->source(), prefix + "parameter", "expected a string");
    sim::sweep::Axis& axis = located.axis;
    axis.parameter = parameter->as_string()->get();
    const auto* spec = schema_.params.find(axis.parameter);
    Scalar probe = 0.0;
    if (spec == nullptr) return fail(parameter->source(), axis.parameter, *sim::config::check_value(schema_, axis.parameter, probe));
    if (spec->type == ParamType::TableArray) {
      return fail(parameter->source(), axis.parameter, "a [[table array]] cannot be swept; sweep scalar parameters");
    }
    if (const char* reason = reserved_reason(axis.parameter, true)) return fail(parameter->source(), axis.parameter, reason);
    for (const auto& other : out.axes) {
      if (other.axis.parameter == axis.parameter) return fail(parameter->source(), axis.parameter, "swept twice");
    }
    for (const auto& fixed : out.set) {
      if (fixed.path == axis.parameter) return fail(parameter->source(), axis.parameter, "both swept and fixed in [set]");
    }
    const bool has_range = table.contains("min") || table.contains("max");
    if (const auto* values = table.get("values")) {
      if (has_range) return fail(values->source(), axis.parameter, "give either values or min and max, not both");
      if (!parse_values(*values, *spec, axis)) return;
    } else if (!has_range) {
      return fail(parameter->source(), axis.parameter, "needs values = [...] or a range (min, max)");
    } else if (!parse_range(table, *spec, prefix, axis)) {
      return;
    }
    if (axis.is_range() && !sim::sweep::is_sampled(out.method)) {
      return fail(parameter->source(), axis.parameter,
                  "a range needs a sampled method (latin_hypercube, sobol or saltelli); a grid needs values = [...]");
    }
    out.axes.push_back(std::move(located));
  }

  bool parse_values(const toml::node& node, const sim::config::ParamSpec& spec, sim::sweep::Axis& axis) {
    const auto* array = node.as_array();
    if (array == nullptr || array->empty()) {
      fail(node.source(), spec.path, "values must be a non-empty array");
      return false;
    }
    bool ok = true;
    for (const auto& element : *array) {
      auto value = scalar_of(element);
      std::optional<std::string> problem;
      if (!value) problem = "expected a number, boolean or string";
      if (!problem) problem = sim::config::check_value(schema_, spec.path, *value);
      if (!problem && std::find(axis.values.begin(), axis.values.end(), *value) != axis.values.end()) {
        problem = sim::sweep::scalar_text(*value) + " is listed twice";
      }
      if (problem) {
        fail(element.source(), spec.path, *problem);
        ok = false;
        continue;
      }
      axis.values.push_back(*value);
    }
    return ok;
  }

  std::optional<double> bound(const toml::table& table, const char* key, const sim::config::ParamSpec& spec,
                              const std::string& prefix) {
    const auto* node = required(table, key, prefix + key, table.source());
    if (node == nullptr) return std::nullopt;
    auto value = scalar_of(*node);
    std::optional<std::string> problem = "expected a number";
    if (value && !std::holds_alternative<bool>(*value)) problem = sim::config::check_value(schema_, spec.path, *value);
    if (problem) {
      fail(node->source(), spec.path, std::string(key) + ": " + *problem);
      return std::nullopt;
    }
    if (const auto* integer_value = std::get_if<std::int64_t>(&*value)) return static_cast<double>(*integer_value);
    return std::get<double>(*value);
  }

  std::optional<bool> flag(const toml::table& table, const char* key, bool fallback, const std::string& prefix) {
    const auto* node = table.get(key);
    if (node == nullptr) return fallback;
    if (const auto* value = node->as_boolean()) return value->get();
    fail(node->source(), prefix + key, "expected true or false");
    return std::nullopt;
  }

  bool parse_range(const toml::table& table, const sim::config::ParamSpec& spec, const std::string& prefix,
                   sim::sweep::Axis& axis) {
    if (spec.type != ParamType::Real && spec.type != ParamType::Integer) {
      fail(table.source(), spec.path, "a range needs a real or integer parameter; list the values instead");
      return false;
    }
    const auto min = bound(table, "min", spec, prefix);
    const auto max = bound(table, "max", spec, prefix);
    const auto log = flag(table, "log", false, prefix);
    const auto integer = flag(table, "integer", spec.type == ParamType::Integer, prefix);
    if (!min || !max || !log || !integer) return false;
    axis.min = *min;
    axis.max = *max;
    axis.log = *log;
    axis.integer = *integer;
    std::string problem;
    if (spec.type == ParamType::Integer && !axis.integer) {
      problem = "an integer parameter's range cannot set integer = false";
    } else if (!(axis.min < axis.max)) {
      problem = "min must be below max";
    } else if (axis.log && !(axis.min > 0)) {
      problem = "a log-scale range needs min > 0";
    }
    if (problem.empty()) return true;
    fail(table.source(), spec.path, problem);
    return false;
  }

  const sim::config::Schema& schema_;
  std::string display_;
  std::vector<ConfigError>& errors_;
};

}  // namespace

const char* reserved_reason(const std::string& path, bool axis) {
  if (path == "run.replicates") return "set by [sweep] replicates, not here";
  if (path == "run.seed") return "set by [sweep] seed (every point uses it: common random numbers)";
  if (axis && path == "run.weeks") return "cannot be swept: every point must have the same weeks (set it in [set])";
  return nullptr;
}

ParsedSweep parse_sweep_text(const sim::config::Schema& schema, const std::string& text, const std::string& display,
                             std::vector<ConfigError>& errors) {
  toml::table root;
  try {
    root = toml::parse(text, display);
  } catch (const toml::parse_error& error) {
    const auto& region = error.source();
    errors.push_back({{display, static_cast<int>(region.begin.line), static_cast<int>(region.begin.column)},
                      "",
                      std::string(error.description())});
    return {};
  }
  return Parser(schema, display, errors).run(root);
}

}  // namespace coachsim::app::sweep_detail
