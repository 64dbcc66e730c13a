#pragma once
// Targets files: published results a scenario must reproduce (docs/validation.md, "Targets files").
//
//   schema_version = 1
//   source = "Thom DH et al. Ann Fam Med 2013;11:137-144"
//   [[targets]]
//   name = "change_coached"
//   statistic = "change_mean"   # a name from kStatistics (models/statistics.hpp)
//   arm = "coached"
//   observed = -1.07
//   ci95 = [-1.57, -0.57]       # or se = 0.25
//   week = 26
//
// Loading reads the file with the one front end (sim/config/document.hpp: file:line:column errors,
// like scenario files), then checks what depends on the statistic; whether the targets fit a
// scenario (arms, follow-up week) is checked against its parameters.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "models/params.hpp"
#include "models/statistics.hpp"
#include "models/summary.hpp"
#include "sim/config/scenario_loader.hpp"

namespace coachsim::app {

// The statistic a target names: any of models/statistics.hpp, by its name.
using coachsim::Statistic;

std::string statistic_name(Statistic statistic);
bool is_share(Statistic statistic);  // a proportion in [0, 1]
bool needs_arm(Statistic statistic);

struct TargetSpec {
  std::string name;
  Statistic statistic = Statistic::ChangeMean;
  std::string arm;         // per-arm statistics only
  double threshold = 7.5;  // share_below, share_below_baseline
  double observed = 0;
  double lo = 0, hi = 0;  // 95% interval: as given, or observed -/+ 1.96 se
  double se = 0;          // as given, or (hi - lo) / 3.92
  bool interval_given = false;
  std::int64_t week = 0;
  sim::config::SourceLocation at, arm_at, week_at;  // the item, its arm and week values
};

struct TargetsFile {
  std::string file;    // display name, used in errors
  std::string source;  // the publication
  std::vector<TargetSpec> targets;
};

// The declaration of targets files (docs/targets-file.md is generated from it). The statistics a
// target may name come from one list (statistic_names in targets.cpp).
const sim::config::Schema& targets_schema();

// Throw sim::config::ConfigErrors listing every problem.
TargetsFile load_targets(const std::filesystem::path& file);
TargetsFile load_targets_text(std::string_view text, const std::string& display_name);

// Checks that a run of `params` yields every target: each arm exists, the week is the
// scenario's run.followup_week, an arm contrast exists where needed. Throws ConfigErrors
// located in the targets file.
void check_targets_apply(const TargetsFile& targets, const ModelParams& params,
                         const std::string& scenario_file);

// The target's statistic across the run's replicates (mean and 2.5-97.5 percentiles).
Interval simulated(const TargetSpec& target, const RunSummary& summary);

}  // namespace coachsim::app
