// Loading a sweep: the file's own structure (sweep_parse.cpp), the base scenario, the fixed
// values, the design, and every point validated like a scenario file.
#include <algorithm>

#include "app/sweep/sweep.hpp"
#include "app/sweep/sweep_parse.hpp"
#include "sim/config/document.hpp"

namespace coachsim::app {
namespace {

using sim::config::ConfigError;
using sim::config::ConfigErrors;
using sim::config::Scalar;
using sim::config::SourceLocation;
using sweep_detail::ParsedSweep;

constexpr std::size_t kMaxPointErrors = 10;

using Overrides = std::vector<std::pair<std::string, Scalar>>;

Overrides point_overrides(const sim::sweep::Design& design, std::size_t point) {
  Overrides overrides;
  for (std::size_t k = 0; k < design.parameters.size(); ++k) {
    overrides.emplace_back(design.parameters[k], design.value(point, k));
  }
  return overrides;
}

std::string point_text(const sim::sweep::Design& design, std::size_t point) {
  std::string text = "point " + std::to_string(point) + " (";
  for (std::size_t k = 0; k < design.parameters.size(); ++k) {
    text += (k ? ", " : "") + design.parameters[k] + "=" + sim::sweep::scalar_text(design.value(point, k));
  }
  return text + ")";
}

// [set], replicates and seed on top of the base scenario; errors located at the sweep's keys.
sim::config::ParamValues apply_fixed(const sim::config::ParamValues& base, const ParsedSweep& parsed) {
  Overrides overrides;
  for (const auto& fixed : parsed.set) overrides.emplace_back(fixed.path, fixed.value);
  overrides.emplace_back("run.replicates", parsed.replicates);
  overrides.emplace_back("run.seed", parsed.seed);
  try {
    return sim::config::with_overrides(scenario_schema(), base, overrides, parsed.set_at);
  } catch (const ConfigErrors& errors) {
    std::vector<ConfigError> located = errors.errors();
    for (auto& error : located) {
      for (const auto& fixed : parsed.set) {
        if (fixed.path == error.key_path) error.where = fixed.at;
      }
      if (error.key_path.starts_with("run.")) error.where = parsed.sweep_at;
    }
    throw ConfigErrors(std::move(located));
  }
}

// Every point through with_overrides: types, ranges and cross-field rules, as in a scenario file.
void validate_points(const Sweep& sweep, std::vector<ConfigError>& errors) {
  std::size_t failing = 0;
  for (std::size_t p = 0; p < sweep.points(); ++p) {
    try {
      static_cast<void>(sweep.params_for(p));
    } catch (const ConfigErrors& point_errors) {
      if (++failing > kMaxPointErrors) continue;
      for (auto error : point_errors.errors()) {
        const auto& parameters = sweep.design.parameters;
        const auto axis = std::find(parameters.begin(), parameters.end(), error.key_path);
        error.where = sweep.axes[axis == parameters.end() ? 0 : static_cast<std::size_t>(axis - parameters.begin())].at;
        error.message = point_text(sweep.design, p) + ": " + error.message;
        errors.push_back(std::move(error));
      }
    }
  }
  if (failing > kMaxPointErrors) {
    errors.push_back({sweep.axes[0].at, "",
                      std::to_string(failing) + " of " + std::to_string(sweep.points()) +
                          " points are invalid (the first " + std::to_string(kMaxPointErrors) + " are shown)"});
  }
}

Sweep finish(const ParsedSweep& parsed, const sim::config::LoadedScenario& base, Sweep sweep) {
  const auto& schema = scenario_schema();
  sweep.base_values = apply_fixed(base.values, parsed);
  sweep.title = base.title;
  sweep.base_toml = sim::config::to_toml(schema, sweep.base_values, base.title, base.description);
  sweep.replicates = static_cast<std::uint64_t>(parsed.replicates);
  sweep.seed = static_cast<std::uint64_t>(parsed.seed);
  sim::sweep::DesignSpec spec{parsed.method, {}, static_cast<std::size_t>(parsed.points), sweep.seed};
  for (const auto& located : parsed.axes) {
    spec.axes.push_back(located.axis);
    const auto* param = schema.params.find(located.axis.parameter);
    sweep.axes.push_back({param->unit, param->type, located.axis.values, located.at});
  }
  try {
    sweep.design = sim::sweep::build_design(spec);
  } catch (const sim::InputError& e) {
    throw ConfigErrors({{parsed.sweep_at, "sweep", e.what()}});
  }
  std::vector<ConfigError> errors;
  validate_points(sweep, errors);
  if (!errors.empty()) throw ConfigErrors(std::move(errors));
  sweep.hash = sim::sweep::design_hash(sweep.design, sweep.base_toml, sweep.replicates, sweep.seed);
  return sweep;
}

}  // namespace

sim::config::ParamValues Sweep::values_for(std::size_t point) const {
  return sim::config::with_overrides(scenario_schema(), base_values, point_overrides(design, point),
                                     axes.empty() ? SourceLocation{file, 1, 1} : axes[0].at);
}

ModelParams Sweep::params_for(std::size_t point) const { return read_params(values_for(point)); }

Sweep load_sweep(const std::filesystem::path& file) {
  const std::string display = file.string();
  const std::string text = sim::config::read_input_file(file, "sweep file");
  std::vector<ConfigError> errors;
  const ParsedSweep parsed = sweep_detail::parse_sweep_text(scenario_schema(), text, display, errors);
  std::optional<sim::config::LoadedScenario> base;
  if (!parsed.base.empty()) {
    const std::filesystem::path base_path = parsed.base;
    if (!std::filesystem::is_regular_file(base_path)) {
      errors.push_back({parsed.base_at, "base", "cannot read base scenario '" + base_path.string() + "'"});
    } else {
      try {
        base = sim::config::load_scenario(scenario_schema(), base_path);
      } catch (const ConfigErrors& base_errors) {
        errors.insert(errors.end(), base_errors.errors().begin(), base_errors.errors().end());
      }
    }
  }
  sim::config::throw_if_errors(std::move(errors), display);
  return finish(parsed, *base, Sweep{display, text, {}, {}, {}, 1, 0, {}, {}, {}});
}

Sweep load_recorded_sweep(const std::string& text, const std::string& display, const std::string& base_toml) {
  std::vector<ConfigError> errors;
  const ParsedSweep parsed = sweep_detail::parse_sweep_text(scenario_schema(), text, display, errors);
  sim::config::throw_if_errors(std::move(errors), display);
  const auto base = sim::config::load_scenario_text(scenario_schema(), base_toml, display + " (recorded base scenario)");
  return finish(parsed, base, Sweep{display, text, {}, {}, {}, 1, 0, {}, {}, {}});
}

}  // namespace coachsim::app
