#pragma once
// `coachsim check`: simulated statistics against published targets, per target and (for several
// scenario/targets pairs) the Mount Hood style summary of fit.
#include <ostream>
#include <string>
#include <vector>

#include "app/calibration/targets.hpp"
#include "models/summary.hpp"

namespace coachsim::app {

struct TargetResult {
  std::string scenario;  // scenario file
  TargetSpec target;
  Interval simulated;  // mean and 2.5-97.5 percentiles across replicates
  bool pass = false;   // simulated mean inside the target's 95% interval
};

std::vector<TargetResult> compare(const std::string& scenario, const TargetsFile& targets,
                                  const RunSummary& summary);

// Regression of simulated means on observed values through every target (ordinary least squares
// with intercept) and the mean absolute percentage error |simulated - observed| / |observed|.
struct FitSummary {
  std::size_t targets = 0;
  double slope = 0, intercept = 0, r_squared = 0, mape_percent = 0;
};
FitSummary fit_summary(const std::vector<TargetResult>& results);

struct CheckHeader {
  std::string scenario, targets_file, source;
  std::uint64_t seed = 0;
  std::uint32_t replicates = 0;
  std::uint32_t followup_week = 0;
};

void print_check(std::ostream& out, const CheckHeader& header, const std::vector<TargetResult>& results);
void print_fit_summary(std::ostream& out, const FitSummary& fit);

// {"pairs": [{"scenario", "targets", "targets_source", "seed", "replicates", "results": [...]}],
//  "passed", "failed", "fit": {...} or null}
std::string check_json(const std::vector<CheckHeader>& headers,
                       const std::vector<std::vector<TargetResult>>& results, const FitSummary* fit);

}  // namespace coachsim::app
