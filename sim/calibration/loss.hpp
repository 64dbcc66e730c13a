#pragma once
// The calibration loss: how far simulated statistics are from observed ones, each weighted by
// the observation's uncertainty, plus optional normal priors on the free parameters.
//
//   loss = sum_t ((simulated_t - observed_t) / se_t)^2  +  sum_p ((x_p - mean_p) / sd_p)^2
//
// A simulated value that is NaN (the statistic is undefined for this run) makes the loss +inf.
#include <optional>
#include <span>
#include <vector>

namespace sim::calibration {

struct Observation {
  double observed = 0;
  double se = 1;  // standard error, > 0
};

// The standard error implied by a 95% interval: (hi - lo) / (2 x 1.96).
double se_from_interval95(double lo, double hi);

// Sum of squared standardized residuals; `simulated` has one value per observation.
double target_loss(std::span<const Observation> observations, std::span<const double> simulated);

struct NormalPrior {
  double mean = 0;
  double sd = 1;  // > 0
};

// Sum of ((x - mean) / sd)^2 over the parameters that have a prior.
double prior_penalty(std::span<const std::optional<NormalPrior>> priors, std::span<const double> x);

}  // namespace sim::calibration
