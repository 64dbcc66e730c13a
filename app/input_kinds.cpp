#include "app/input_kinds.hpp"

#include <toml++/toml.h>

#include <array>

#include "app/calibration/calibration_file.hpp"
#include "app/calibration/targets.hpp"
#include "app/scenario_input.hpp"
#include "app/sweep/sweep.hpp"
#include "app/sweep/sweep_parse.hpp"
#include "sim/config/document.hpp"

namespace coachsim::app {
namespace {

constexpr std::array<std::pair<InputKind, const char*>, 4> kKinds = {{
    {InputKind::Scenario, "scenario"},
    {InputKind::Sweep, "sweep"},
    {InputKind::Targets, "targets"},
    {InputKind::Calibration, "calibration"},
}};

const char* const kSweepIntro =
    "A sweep file (docs/sweeps.md) runs a base scenario at many points: fixed values in `[set]`, a design in "
    "`[sweep]`, and one `[[axes]]` table per swept parameter. Check one with `coachsim validate FILE` (the "
    "base "
    "scenario and every point are validated like scenario files).\n\n"
    "Beyond the keys below: `sweep.points` is required by the sampled methods (`latin_hypercube`, `sobol`, "
    "`saltelli`) and refused by `grid`; an axis gives either `values` or `min` and `max` (a range, sampled "
    "methods "
    "only); a parameter is swept once and not also set in `[set]`; `run.replicates` and `run.seed` come from "
    "`[sweep]`, and `run.weeks` cannot be swept.\n";

const char* const kTargetsIntro =
    "A targets file (docs/validation.md) lists published results a scenario must reproduce, for `coachsim "
    "check` "
    "and `coachsim calibrate`. Check one with `coachsim validate FILE`.\n\n"
    "Beyond the keys below: each target gives `ci95` or `se` (not both), and `observed` lies inside `ci95`; "
    "share "
    "statistics (all but `change_mean` and `change_difference`) are in [0, 1]; per-arm statistics (all but "
    "`change_difference` and `coach_attrition`) name an `arm`, the others must not; `threshold` belongs to "
    "`share_below` and `share_below_baseline` only; target names are unique.\n";

const char* const kCalibrationIntro =
    "A calibration file (docs/validation.md) names the scenario parameters to fit to a targets file, with "
    "their "
    "search box and the search budget, for `coachsim calibrate`. Check one with `coachsim validate FILE` "
    "(its "
    "scenario and targets are checked too).\n\n"
    "Beyond the keys below: `min` < `max`, both inside the parameter's declared range; a prior gives both "
    "`prior_mean` and `prior_sd`; a parameter is listed once.\n";

}  // namespace

std::string kind_name(InputKind kind) { return kKinds[static_cast<std::size_t>(kind)].second; }

std::optional<InputKind> kind_from_name(std::string_view name) {
  for (const auto& [kind, text] : kKinds) {
    if (name == text) return kind;
  }
  return std::nullopt;
}

std::vector<std::string> kind_names() {
  std::vector<std::string> names;
  for (const auto& [kind, text] : kKinds) names.emplace_back(text);
  return names;
}

InputKind detect_kind(const std::filesystem::path& file) {
  const auto text = sim::config::read_text_file(file);
  if (!text || sim::config::toml_hazard(*text, file.string())) return InputKind::Scenario;  // its reader says why
  toml::table table;
  try {
    table = toml::parse(*text, file.string());
  } catch (const toml::parse_error&) {
    return InputKind::Scenario;  // the scenario reader reports the syntax error
  }
  if (table.contains("sweep") || table.contains("axes") || table.contains("base")) return InputKind::Sweep;
  if (const auto* targets = table.get_as<toml::array>("targets"); targets != nullptr)
    return InputKind::Targets;
  if (table.contains("parameters") || table.contains("search")) return InputKind::Calibration;
  return InputKind::Scenario;
}

void validate_file(InputKind kind, const std::filesystem::path& file) {
  switch (kind) {
    case InputKind::Scenario:
      static_cast<void>(load_scenario(file, {}));
      return;
    case InputKind::Sweep:
      static_cast<void>(load_sweep(file));
      return;
    case InputKind::Targets:
      static_cast<void>(load_targets(file));
      return;
    case InputKind::Calibration: {
      const CalibrationSpec spec = load_calibration(file, scenario_schema());
      const Scenario scenario = load_scenario(spec.scenario, {});
      check_targets_apply(load_targets(spec.targets), scenario.params, spec.scenario.string());
      return;
    }
  }
}

std::string kind_reference(InputKind kind, bool markdown) {
  const auto& scenario = scenario_schema();
  switch (kind) {
    case InputKind::Scenario:
      return markdown ? sim::config::parameter_reference_markdown(scenario)
                      : sim::config::parameter_reference_text(scenario);
    case InputKind::Sweep: {
      const auto schema = sweep_detail::sweep_schema(scenario);
      return markdown ? sim::config::file_reference_markdown(schema, "Sweep files", kSweepIntro)
                      : sim::config::file_reference_text(schema, "Sweep files");
    }
    case InputKind::Targets:
      return markdown ? sim::config::file_reference_markdown(targets_schema(), "Targets files", kTargetsIntro)
                      : sim::config::file_reference_text(targets_schema(), "Targets files");
    case InputKind::Calibration: {
      const auto schema = calibration_schema(scenario);
      return markdown ? sim::config::file_reference_markdown(schema, "Calibration files", kCalibrationIntro)
                      : sim::config::file_reference_text(schema, "Calibration files");
    }
  }
  return "";
}

}  // namespace coachsim::app
