#pragma once
// Resource limits, checked before any work: every command estimates the work and the memory a
// validated input implies and refuses (sim::config::ConfigErrors, exit 2) beyond the documented
// limits (docs/limits.md), naming the estimate and the key that drives it, unless --allow-large.
//
//   patient-weeks  patients x replicates x weeks, summed over every run of the command
//                  (run, check: one scenario's replicates; sweep: every run of the design;
//                  calibrate: every evaluation's replicates). About 3 million a second per core.
//   memory         what a run holds at once: the replicates' results and each worker's patients
//   sweep points   the design's points (each is held and validated before the first run)
//   sweep runs     points x replicates
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "app/commands/options.hpp"
#include "app/scenario_input.hpp"
#include "sim/config/scenario_loader.hpp"

namespace coachsim::app {

inline constexpr double kMaxPatientWeeks = 1e11;                  // about 10 core-hours
inline constexpr double kMaxMemoryBytes = 16.0 * 1024 * 1024 * 1024;  // 16 GiB
inline constexpr double kMaxSweepPoints = 1e5;  // validating a point takes about 0.1 ms
inline constexpr double kMaxSweepRuns = 1e7;

// The memory estimate's parts: bytes per patient a worker simulates, per arm-week of a replicate's
// results (every output series and quantile), and per replicate besides.
inline constexpr double kBytesPerPatient = 512;
inline constexpr double kBytesPerArmWeek = 320;
inline constexpr double kBytesPerReplicate = 2048;

// One factor of an estimate: "50,000,000 patients" from the key population.enrolled.
struct Factor {
  double value = 0;
  std::string unit;   // "patients", "replicates", "weeks", "runs", "evaluations", ...
  std::string key;    // the key (or flag) that sets it; "" when none does
  sim::config::SourceLocation where;  // where that key is given; file "" when unknown
  double typical = 1;  // its default: the factor farthest above it drives the estimate
};

// An estimate against its limit, and the factor that drives it.
struct Estimate {
  std::string what;     // "this run", "the sweep", "the calibration"
  std::string measure;  // "patient-weeks", "runs", "points"; empty for memory (bytes)
  double amount = 0;
  std::string detail;  // "50,000,000 patients x 1,000,000 replicates x 26 weeks"
  double limit = 0;
  Factor driver;
};

// The product of `factors` (saturating, never overflowing), driven by the factor farthest above
// its typical value.
Estimate product_estimate(const std::string& what, const std::string& measure, const std::vector<Factor>& factors,
                          double limit);
// A run's memory: its replicates' results (replicates x arms x weeks) and each worker's patients.
Estimate memory_estimate(const std::string& what, const Factor& patients, const Factor& replicates,
                         double arms, double weeks, int threads);

// Throws ConfigErrors located at the driving factor's key when the estimate exceeds its limit,
// unless `allow_large`: "<where>: <key>: <what> is <amount> <measure> (<detail>), above the
// limit of <limit>; lower <key> or pass --allow-large".
void enforce(const Estimate& estimate, bool allow_large, const std::string& fallback_file);

// run, check and explain: one scenario's patient-weeks and memory, located at the key that drives
// them (in `file`, or the --set / --replicates that gave it); `repeats`, when given, is how many
// times the command runs the scenario's replicates (explain: one run per design of pathways).
void check_scenario_limits(const Scenario& scenario, const std::filesystem::path& file,
                           const ScenarioOverrides& overrides, int threads, bool allow_large,
                           const Factor& repeats = {1, "", "", {}, 1});

// A count for people: "50,000,000"; sizes as "3.2 GiB"; from 10^18 on as "1.3e+18".
std::string people_number(double value);

// Where `key` (a dotted path) is written in the TOML file `file`, or {file, 0, 0}.
sim::config::SourceLocation locate_key(const std::string& file, const std::string& key);

}  // namespace coachsim::app
