#include "sim/calibration/loss.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace sim::calibration {

double se_from_interval95(double lo, double hi) { return (hi - lo) / (2.0 * 1.96); }

double target_loss(std::span<const Observation> observations, std::span<const double> simulated) {
  if (observations.size() != simulated.size()) {
    throw std::invalid_argument("target_loss: one simulated value per observation expected");
  }
  double loss = 0;
  for (std::size_t i = 0; i < observations.size(); ++i) {
    if (std::isnan(simulated[i])) return std::numeric_limits<double>::infinity();
    const double z = (simulated[i] - observations[i].observed) / observations[i].se;
    loss += z * z;
  }
  return loss;
}

double prior_penalty(std::span<const std::optional<NormalPrior>> priors, std::span<const double> x) {
  if (priors.size() != x.size())
    throw std::invalid_argument("prior_penalty: one prior slot per parameter expected");
  double penalty = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (!priors[i]) continue;
    const double z = (x[i] - priors[i]->mean) / priors[i]->sd;
    penalty += z * z;
  }
  return penalty;
}

}  // namespace sim::calibration
