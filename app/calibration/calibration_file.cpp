#include "app/calibration/calibration_file.hpp"

#include <limits>
#include <set>
#include <sstream>

#include "sim/config/document.hpp"

namespace coachsim::app {
namespace {

using sim::config::ConfigError;
using sim::config::Document;
using sim::config::ParamType;
using sim::config::ParamValues;

constexpr std::int64_t kMaxCount = 1'000'000;
constexpr std::int64_t kMaxSeed = 9'007'199'254'740'991;  // 2^53 - 1
constexpr double kInf = std::numeric_limits<double>::infinity();

std::string number(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

// The scenario parameters a calibration may fit: declared real ones, their values checked by the declaration.
std::shared_ptr<const sim::config::KeyDomain> real_parameters(const sim::config::Schema& scenario) {
  auto domain = sim::config::parameter_domain(scenario);
  domain->refuse = [&scenario](const std::string& key) -> std::optional<std::string> {
    if (scenario.params.find(key)->type == ParamType::Real) return std::nullopt;
    return "only real-valued parameters can be calibrated; " + key + " is not one";
  };
  return domain;
}

// What one [[parameters]] item says beyond its declarations; keys with problems have no value.
void check_parameter(const Document& doc, const std::string& key, const ParamValues& item,
                     std::vector<ConfigError>& errors) {
  if (item.has("min") && item.has("max") && !(item.real("min") < item.real("max"))) {
    errors.push_back(doc.error(key + "max", "max must be greater than min"));
  }
  const bool mean = doc.where.contains(key + "prior_mean"), sd = doc.where.contains(key + "prior_sd");
  if (mean != sd) {
    errors.push_back(
        doc.error(key + (mean ? "prior_mean" : "prior_sd"), "a prior needs both prior_mean and prior_sd"));
  }
  if (item.has("prior_sd") && !(item.real("prior_sd") > 0)) {
    errors.push_back(
        doc.error(key + "prior_sd", "expected a positive number, got " + number(item.real("prior_sd"))));
  }
}

std::size_t count(const ParamValues& values, const char* key) {
  return static_cast<std::size_t>(values.integer(key));
}

}  // namespace

sim::config::Schema calibration_schema(const sim::config::Schema& scenario) {
  sim::config::ParamTable parameter;
  parameter.key_of("name", real_parameters(scenario), "A real parameter declared in the scenario schema")
      .required()
      .value_of("min", "name", false, "Lower end of the search box, inside the parameter's declared range")
      .required()
      .value_of("max", "name", false, "Upper end of the search box, inside the parameter's declared range")
      .required()
      .real("prior_mean", "", 0, -kInf, kInf, "Mean of an optional normal prior: adds ((x - mean) / sd)^2",
            "")
      .optional()
      .real("prior_sd", "", 0, -kInf, kInf, "Its standard deviation (positive); give both or neither", "")
      .optional();
  sim::config::Schema schema;
  schema.schema_version = 1;
  schema.params.path("scenario", "The scenario to calibrate")
      .required()
      .path("targets", "The targets file it is fitted to")
      .required()
      .table_array("parameters", parameter, 1, 1000, {}, "One free parameter and its search range")
      .required()
      .integer("search.global_points", "", 0, 1, kMaxCount, "Sobol points over the box", "")
      .required()
      .integer("search.local_starts", "", 0, 0, kMaxCount, "NLopt searches from the best global points", "")
      .required()
      .integer("search.local_evaluations", "", 0, 0, kMaxCount, "NLopt budget per search", "")
      .required()
      .choice("search.algorithm", "bobyqa", {"bobyqa", "neldermead"}, "The local search algorithm", "")
      .required()
      .integer("search.replicates", "", 0, 1, kMaxCount, "Replicates per evaluation", "")
      .required()
      .integer("search.seed", "", 0, 0, kMaxSeed, "The seed of every candidate (common random numbers)", "")
      .required();
  return schema;
}

CalibrationSpec load_calibration_text(std::string_view text, const std::string& display_name,
                                      const sim::config::Schema& schema) {
  std::vector<ConfigError> errors;
  const Document doc = sim::config::read_document(calibration_schema(schema), text, display_name, errors);
  const ParamValues& v = doc.values;
  CalibrationSpec spec;
  spec.file = display_name;
  spec.text = std::string(text);
  if (v.has("scenario")) spec.scenario = v.choice("scenario");
  if (v.has("targets")) spec.targets = v.choice("targets");
  if (v.has("parameters")) {
    std::set<std::string> seen;
    const auto& items = v.items("parameters");
    for (std::size_t i = 0; i < items.size(); ++i) {
      const std::string key = "parameters[" + std::to_string(i) + "].";
      const ParamValues& item = items[i];
      const std::size_t before = errors.size();
      check_parameter(doc, key, item, errors);
      if (!item.has("name") || !item.has("min") || !item.has("max") || errors.size() != before) continue;
      if (!seen.insert(item.choice("name")).second) {
        errors.push_back(doc.error(key + "name", "parameter " + item.choice("name") + " is listed twice"));
        continue;
      }
      FreeParameter parameter{item.choice("name"), item.real("min"), item.real("max"), std::nullopt};
      if (item.has("prior_mean") && item.has("prior_sd")) {
        parameter.prior = sim::calibration::NormalPrior{item.real("prior_mean"), item.real("prior_sd")};
      }
      spec.parameters.push_back(std::move(parameter));
    }
  }
  auto& s = spec.search;
  if (v.has("search.global_points")) s.global_points = count(v, "search.global_points");
  if (v.has("search.local_starts")) s.local_starts = count(v, "search.local_starts");
  if (v.has("search.local_evaluations")) s.local_evaluations = count(v, "search.local_evaluations");
  if (v.has("search.algorithm")) {
    s.algorithm = v.choice("search.algorithm") == "bobyqa" ? sim::calibration::LocalAlgorithm::Bobyqa
                                                           : sim::calibration::LocalAlgorithm::NelderMead;
  }
  if (v.has("search.replicates"))
    spec.replicates = static_cast<std::uint32_t>(v.integer("search.replicates"));
  if (v.has("search.seed")) spec.seed = static_cast<std::uint64_t>(v.integer("search.seed"));
  sim::config::throw_if_errors(std::move(errors), display_name);
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
  return load_calibration_text(sim::config::read_input_file(file, "calibration file"), file.string(), schema);
}

}  // namespace coachsim::app
