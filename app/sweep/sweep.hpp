#pragma once
// A loaded, validated parameter sweep (docs/sweeps.md): the base scenario with the sweep's fixed
// values, the design's points, and the hash that identifies it. Every point's values have been
// validated exactly like scenario-file values, so any run of the sweep can start.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "models/params.hpp"
#include "sim/config/scenario_loader.hpp"
#include "sim/sweep/design.hpp"

namespace coachsim::app {

struct SweepAxisInfo {
  std::string unit;
  sim::config::ParamType type = sim::config::ParamType::Real;
  std::vector<sim::config::Scalar> listed;  // the axis's values list (empty for a range)
  sim::config::SourceLocation at;           // its [[axes]] entry
};

struct Sweep {
  std::string file;  // as given (display name)
  std::string text;  // the sweep file's text, recorded in results and shards
  std::string title;
  sim::config::ParamValues base_values;  // base scenario + [set] + run.replicates and run.seed from [sweep]
  std::string base_toml;                 // the same, resolved
  std::uint64_t replicates = 1;
  std::uint64_t seed = 0;  // every point uses it: replicate r draws the same population everywhere
  sim::sweep::Design design;
  std::vector<SweepAxisInfo> axes;
  std::string hash;  // sim::sweep::design_hash
  std::filesystem::path base_file;  // the base scenario read (empty for a recorded sweep)

  std::uint64_t points() const { return design.points; }
  std::uint64_t runs() const { return design.points * replicates; }
  // One point's scenario values (base plus the point's axis values). Thread-safe.
  sim::config::ParamValues values_for(std::size_t point) const;
  ModelParams params_for(std::size_t point) const;
};

// Reads and validates a sweep file and its base scenario; throws sim::config::ConfigErrors
// (file:line:col) listing every problem, and -- unless `allow_large` -- when the design's points,
// runs or patient-weeks exceed the limits (app/commands/limits.hpp), before building it.
Sweep load_sweep(const std::filesystem::path& file, bool allow_large = false);

// A sweep as recorded in a shard or journal: the sweep file's text, with the base scenario given
// as its resolved TOML (the file named by `base` is not read, so shards merge anywhere).
// It ran (or was started) once, so the limits are waived unless `allow_large` is false.
Sweep load_recorded_sweep(const std::string& text, const std::string& display, const std::string& base_toml,
                          bool allow_large = true);

}  // namespace coachsim::app
