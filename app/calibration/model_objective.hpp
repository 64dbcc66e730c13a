#pragma once
// The calibration objective for coachsim: set the free parameters, run the scenario's
// replicates (in parallel), summarize, and score each target's simulated mean against its
// observation (sim::calibration::target_loss plus the priors). Every candidate runs with the
// same seed and replicate count (common random numbers), so the loss changes smoothly with the
// parameters rather than jumping with fresh noise.
#include <vector>

#include "app/calibration/calibration_file.hpp"
#include "app/calibration/targets.hpp"
#include "models/params.hpp"
#include "sim/config/parameter.hpp"

namespace coachsim::app {

class ModelObjective {
 public:
  // `base` is the scenario's resolved values; `threads` 0 means all cores.
  ModelObjective(sim::config::ParamValues base, TargetsFile targets, const CalibrationSpec& spec,
                 int threads);

  // The scenario at x (one value per free parameter), with the calibration's replicates and seed.
  ModelParams params_at(const std::vector<double>& x) const;
  // Simulated mean of every target at x, in the targets file's order.
  std::vector<double> simulate(const std::vector<double>& x) const;
  // The loss at x; fills `simulated` with every target's simulated mean.
  double operator()(const std::vector<double>& x, std::vector<double>& simulated) const;

  const TargetsFile& targets() const { return targets_; }
  const std::vector<sim::calibration::Observation>& observations() const { return observations_; }

 private:
  sim::config::ParamValues base_;
  TargetsFile targets_;
  std::vector<std::string> names_;
  std::vector<std::optional<sim::calibration::NormalPrior>> priors_;
  std::vector<sim::calibration::Observation> observations_;
  std::string file_;
  std::uint32_t replicates_;
  std::uint64_t seed_;
  int threads_;
};

}  // namespace coachsim::app
