#pragma once
// Calibration files: which scenario parameters to fit to which targets, and the search budget
// (docs/validation.md, "Calibration files").
//
//   schema_version = 1
//   scenario = "thom2013.toml"          # relative to this file
//   targets = "thom2013.targets.toml"
//   [[parameters]]
//   name = "coaching.advisor_effect"    # a real parameter declared in the scenario schema
//   min = 0.02                          # inside the parameter's declared range
//   max = 0.15
//   prior_mean = 0.06                   # optional normal prior: adds ((x - mean) / sd)^2
//   prior_sd = 0.03
//   [search]
//   global_points = 64                  # Sobol points over the box
//   local_starts = 2                    # NLopt searches from the best global points
//   local_evaluations = 60              # NLopt budget per search
//   algorithm = "bobyqa"                # or "neldermead"
//   replicates = 64                     # per evaluation
//   seed = 20130101                     # the same for every candidate (common random numbers)
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/calibration/loss.hpp"
#include "sim/calibration/search.hpp"
#include "sim/config/parameter.hpp"
#include "sim/config/scenario_loader.hpp"

namespace coachsim::app {

struct FreeParameter {
  std::string name;
  double min = 0, max = 0;
  std::optional<sim::calibration::NormalPrior> prior;
};

struct CalibrationSpec {
  std::string file;                         // display name
  std::filesystem::path scenario, targets;  // resolved against the file's directory
  std::vector<FreeParameter> parameters;
  sim::calibration::SearchSettings search;
  std::uint32_t replicates = 0;
  std::uint64_t seed = 0;
  std::string text;  // the file as written (stored with the results)
};

// The search box: each free parameter's [min, max].
sim::calibration::Box box_of(const CalibrationSpec& spec);

// The declaration of calibration files (docs/calibration-file.md is generated from it): parameter
// names are keys of `scenario` (which must outlive the result), min and max values of them.
sim::config::Schema calibration_schema(const sim::config::Schema& scenario);

// Reads the file with the one front end (sim/config/document.hpp) and checks what the
// declarations cannot (min < max, priors, duplicates); throws sim::config::ConfigErrors.
CalibrationSpec load_calibration(const std::filesystem::path& file, const sim::config::Schema& schema);
CalibrationSpec load_calibration_text(std::string_view text, const std::string& display_name,
                                      const sim::config::Schema& schema);

}  // namespace coachsim::app
