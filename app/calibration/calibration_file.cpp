#include "app/calibration/calibration_file.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

#include "sim/calibration/toml_reader.hpp"

namespace coachsim::app {
namespace {

using sim::calibration::TableReader;
using sim::config::ConfigError;
using sim::config::ConfigErrors;
using sim::config::ParamType;

constexpr std::int64_t kSchemaVersion = 1;
constexpr std::int64_t kMaxCount = 1'000'000;

std::string number(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

std::string declared_range(const sim::config::ParamSpec& spec) {
  return "the declared range of " + spec.path + " [" + number(spec.min) + ", " + number(spec.max) + "]";
}

std::vector<std::string> real_parameter_names(const sim::config::Schema& schema) {
  std::vector<std::string> names;
  for (const auto& spec : schema.params.specs()) {
    if (spec.type == ParamType::Real) names.push_back(spec.path);
  }
  return names;
}

std::optional<FreeParameter> read_parameter(TableReader& item, const sim::config::Schema& schema) {
  FreeParameter parameter;
  const auto name = item.string("name", true);
  const auto min = item.real("min", true);
  const auto max = item.real("max", true);
  const auto prior_mean = item.real("prior_mean", false);
  const auto prior_sd = item.real("prior_sd", false);
  const sim::config::ParamSpec* spec = name ? schema.params.find(*name) : nullptr;
  if (name && spec == nullptr) {
    std::string message = "not a scenario parameter";
    if (const auto close = sim::config::suggest(*name, real_parameter_names(schema)); !close.empty()) {
      message += " (did you mean '" + close.front() + "'?)";
    }
    item.error("name", std::move(message));
  } else if (spec != nullptr && spec->type != ParamType::Real) {
    item.error("name", "only real-valued parameters can be calibrated; " + *name + " is not one");
    spec = nullptr;
  }
  if (min && max && !(*min < *max)) item.error("max", "max must be greater than min");
  if (spec != nullptr && min && *min < spec->min) {
    item.error("min", "below " + declared_range(*spec));
  }
  if (spec != nullptr && max && *max > spec->max) {
    item.error("max", "above " + declared_range(*spec));
  }
  if (item.has("prior_mean") != item.has("prior_sd")) {
    item.error(item.has("prior_mean") ? "prior_mean" : "prior_sd",
               "a prior needs both prior_mean and prior_sd");
  }
  if (prior_sd && *prior_sd <= 0) item.error("prior_sd", "must be positive");
  item.finish();
  if (!name || spec == nullptr || !min || !max) return std::nullopt;
  parameter.name = *name;
  parameter.min = *min;
  parameter.max = *max;
  if (prior_mean && prior_sd && *prior_sd > 0)
    parameter.prior = sim::calibration::NormalPrior{*prior_mean, *prior_sd};
  return parameter;
}

void read_search(TableReader& search, CalibrationSpec& spec) {
  auto& s = spec.search;
  const auto global = search.integer("global_points", true, 1, kMaxCount);
  const auto starts = search.integer("local_starts", true, 0, kMaxCount);
  const auto evaluations = search.integer("local_evaluations", true, 0, kMaxCount);
  const auto algorithm = search.choice("algorithm", {"bobyqa", "neldermead"}, true);
  const auto replicates = search.integer("replicates", true, 1, kMaxCount);
  const auto seed = search.integer("seed", true, 0, 9'007'199'254'740'991);
  search.finish();
  if (global) s.global_points = static_cast<std::size_t>(*global);
  if (starts) s.local_starts = static_cast<std::size_t>(*starts);
  if (evaluations) s.local_evaluations = static_cast<std::size_t>(*evaluations);
  if (algorithm) {
    s.algorithm = *algorithm == "bobyqa" ? sim::calibration::LocalAlgorithm::Bobyqa
                                         : sim::calibration::LocalAlgorithm::NelderMead;
  }
  if (replicates) spec.replicates = static_cast<std::uint32_t>(*replicates);
  if (seed) spec.seed = static_cast<std::uint64_t>(*seed);
}

void read_parameters(TableReader& top, const sim::config::Schema& schema, const std::string& display,
                     std::vector<ConfigError>& errors, CalibrationSpec& spec) {
  const auto* items = top.table_array("parameters", true);
  if (items == nullptr) return;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < items->size(); ++i) {
    TableReader item(*items->get(i)->as_table(), display, "parameters[" + std::to_string(i) + "].", errors);
    auto parameter = read_parameter(item, schema);
    if (!parameter) continue;
    if (!seen.insert(parameter->name).second) {
      item.error("name", "parameter " + parameter->name + " is listed twice");
      continue;
    }
    spec.parameters.push_back(std::move(*parameter));
  }
}

}  // namespace

CalibrationSpec load_calibration_text(std::string_view text, const std::string& display_name,
                                      const sim::config::Schema& schema) {
  std::vector<ConfigError> errors;
  CalibrationSpec spec;
  spec.file = display_name;
  spec.text = std::string(text);
  if (const auto document = sim::calibration::parse_toml(text, display_name, errors)) {
    TableReader top(*document, display_name, "", errors);
    if (const auto version = top.integer("schema_version", true, 0, kMaxCount);
        version && *version != kSchemaVersion) {
      top.error("schema_version", "schema_version " + std::to_string(*version) +
                                      " is not supported; this build reads calibration schema_version 1");
    }
    const std::filesystem::path base = std::filesystem::path(display_name).parent_path();
    if (const auto scenario = top.string("scenario", true))
      spec.scenario = (base / *scenario).lexically_normal();
    if (const auto targets = top.string("targets", true)) spec.targets = (base / *targets).lexically_normal();
    read_parameters(top, schema, display_name, errors, spec);
    if (const auto* search = top.table("search", true)) {
      TableReader reader(*search, display_name, "search.", errors);
      read_search(reader, spec);
    }
    top.finish();
  }
  if (!errors.empty()) {
    std::stable_sort(errors.begin(), errors.end(), [](const ConfigError& a, const ConfigError& b) {
      return std::pair(a.where.line, a.where.column) < std::pair(b.where.line, b.where.column);
    });
    throw ConfigErrors(std::move(errors));
  }
  return spec;
}

sim::calibration::Box box_of(const CalibrationSpec& spec) {
  sim::calibration::Box box;
  for (const auto& p : spec.parameters) {
    box.lower.push_back(p.min);
    box.upper.push_back(p.max);
  }
  return box;
}

CalibrationSpec load_calibration(const std::filesystem::path& file, const sim::config::Schema& schema) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::vector<ConfigError> errors(1);
    errors.front().where = {file.string(), 0, 0};
    errors.front().message = std::string("cannot read calibration file: ") + std::strerror(errno);
    throw ConfigErrors(std::move(errors));
  }
  std::ostringstream text;
  text << in.rdbuf();
  return load_calibration_text(text.str(), file.string(), schema);
}

}  // namespace coachsim::app
