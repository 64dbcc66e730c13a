// Loading a sweep: the file's own structure (sweep_parse.cpp), the base scenario, the fixed
// values, the design, and every point validated like a scenario file.
#include <algorithm>

#include "app/commands/limits.hpp"
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

// Before the design is built (which holds and validates every point): its points, runs and
// patient-weeks against the limits (app/commands/limits.hpp), located at the key that drives them.
void check_sweep_limits(const ParsedSweep& parsed, const Sweep& sweep) {
  const std::string& file = sweep.file;
  const auto at = [&](const std::string& key, const SourceLocation& fallback) {
    const SourceLocation where = locate_key(file, key);
    return where.line > 0 ? where : fallback;
  };
  Factor points{1, "points", "sweep.points", at("sweep.points", parsed.sweep_at), 100};
  if (parsed.method == sim::sweep::Method::Grid) {
    std::size_t widest = 0;
    for (std::size_t k = 0; k < parsed.axes.size(); ++k) {
      const double n = static_cast<double>(parsed.axes[k].axis.values.size());
      points.value = std::min(points.value * n, 1e300);  // saturates instead of overflowing
      if (n > static_cast<double>(parsed.axes[widest].axis.values.size())) widest = k;
    }
    if (!parsed.axes.empty()) {
      points.key = "axes[" + std::to_string(widest) + "].values";
      points.where = parsed.axes[widest].at;
    }
  } else {
    const double rows = parsed.method == sim::sweep::Method::Saltelli ? static_cast<double>(parsed.axes.size() + 2) : 1;
    points.value = static_cast<double>(parsed.points) * rows;
  }
  const Factor replicates{static_cast<double>(parsed.replicates), "replicates", "sweep.replicates",
                          at("sweep.replicates", parsed.sweep_at), 100};
  const auto integer = [&](const char* key) { return static_cast<double>(sweep.base_values.integer(key)); };
  const Factor patients{integer("population.enrolled"), "patients", "population.enrolled", parsed.base_at, 299};
  const Factor weeks{integer("run.weeks"), "weeks", "run.weeks", parsed.base_at, 26};
  const std::string what = "the sweep " + file;
  enforce(product_estimate(what, "points", {points}, kMaxSweepPoints), false, file);
  enforce(product_estimate(what, "runs", {points, replicates}, kMaxSweepRuns), false, file);
  enforce(product_estimate(what, "patient-weeks", {points, replicates, patients, weeks}, kMaxPatientWeeks), false,
          file);
}

Sweep finish(const ParsedSweep& parsed, const sim::config::LoadedScenario& base, Sweep sweep, bool allow_large) {
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
  if (!allow_large) check_sweep_limits(parsed, sweep);
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

Sweep load_sweep(const std::filesystem::path& file, bool allow_large) {
  const std::string display = file.string();
  const std::string text = sim::config::read_input_file(file, "sweep file");
  std::vector<ConfigError> errors;
  const ParsedSweep parsed = sweep_detail::parse_sweep_text(scenario_schema(), text, display, errors);
  std::optional<sim::config::LoadedScenario> base;
  if (parsed.base.empty()) {
    if (errors.empty()) errors.push_back({parsed.base_at, "base", "expected the path of the base scenario, got \"\""});
  } else {
    const std::filesystem::path base_path = parsed.base;
    std::string reason;
    const auto base_text = sim::config::read_text_file(base_path, &reason);
    if (!base_text) {
      errors.push_back({parsed.base_at, "base", "cannot read base scenario '" + base_path.string() + "': " + reason});
    } else {
      try {
        base = sim::config::load_scenario_text(scenario_schema(), *base_text, base_path.string());
      } catch (const ConfigErrors& base_errors) {
        errors.insert(errors.end(), base_errors.errors().begin(), base_errors.errors().end());
      }
    }
  }
  if (!base && errors.empty()) errors.push_back({parsed.base_at, "base", "no base scenario"});
  sim::config::throw_if_errors(std::move(errors), display);
  Sweep sweep{display, text, {}, {}, {}, 1, 0, {}, {}, {}, parsed.base};
  return finish(parsed, *base, std::move(sweep), allow_large);
}

Sweep load_recorded_sweep(const std::string& text, const std::string& display, const std::string& base_toml,
                          bool allow_large) {
  std::vector<ConfigError> errors;
  const ParsedSweep parsed = sweep_detail::parse_sweep_text(scenario_schema(), text, display, errors);
  sim::config::throw_if_errors(std::move(errors), display);
  const auto base = sim::config::load_scenario_text(scenario_schema(), base_toml, display + " (recorded base scenario)");
  return finish(parsed, base, Sweep{display, text, {}, {}, {}, 1, 0, {}, {}, {}, {}}, allow_large);
}

}  // namespace coachsim::app
