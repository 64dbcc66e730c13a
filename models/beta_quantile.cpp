#include "models/beta_quantile.hpp"

#include <algorithm>
#include <boost/math/special_functions/beta.hpp>
#include <cmath>
#include <limits>
#include <numbers>

namespace coachsim {
namespace {

using InDouble = boost::math::policies::policy<boost::math::policies::promote_double<false>>;
// The same, returning infinity where the density overflows (near 0 or 1 with a or b below 1): such
// values are left to beta_quantile instead of throwing.
using InDoubleUnchecked =
    boost::math::policies::policy<boost::math::policies::promote_double<false>,
                                  boost::math::policies::overflow_error<boost::math::policies::ignore_error>>;

// The table spans z in [-7, 7]: Phi(-7) = 1.3e-12, inside beta_quantile's clamp, so no knot is clamped.
constexpr double kZMin = -7.0, kZMax = 7.0;
constexpr std::size_t kIntervals = 256;
constexpr double kStep = (kZMax - kZMin) / kIntervals;
// Boost's incomplete beta, its derivative and its inverse are accurate to a few ulps; the error
// bound allows each 64.
constexpr double kBoostError = 64 * std::numeric_limits<double>::epsilon();
// A guess further than this (relative) from the Newton step's result is left to beta_quantile: the
// bound below assumes a step small enough for the density to be nearly constant over it.
constexpr double kLargestStep = 1e-6;

}  // namespace

double beta_quantile(double mean, double concentration, double u) {
  if (mean <= 0.0) return 0.0;
  if (mean >= 1.0) return 1.0;
  return boost::math::ibeta_inv(mean * concentration, (1.0 - mean) * concentration,
                                std::clamp(u, 1e-12, 1.0 - 1e-12), InDouble{});
}

BetaQuantiles::BetaQuantiles(double mean, double concentration)
    : mean_(mean), concentration_(concentration), a_(mean * concentration), b_((1.0 - mean) * concentration) {
  if (mean <= 0.0 || mean >= 1.0) return;  // a point mass: beta_quantile answers
  log_odds_.resize(kIntervals + 1);
  slope_.resize(kIntervals + 1);
  for (std::size_t j = 0; j <= kIntervals; ++j) {
    const double z = kZMin + static_cast<double>(j) * kStep;
    const double x = beta_quantile(mean, concentration, 0.5 * std::erfc(-z / std::numbers::sqrt2));
    const double density = boost::math::ibeta_derivative(a_, b_, x, InDoubleUnchecked{});
    const double normal_density = std::exp(-0.5 * z * z) / std::sqrt(2.0 * std::numbers::pi);
    log_odds_[j] = std::log(x) - std::log1p(-x);
    slope_[j] = normal_density / (density * x * (1.0 - x));  // d log-odds / dz
    if (!std::isfinite(log_odds_[j]) || !std::isfinite(slope_[j])) {
      log_odds_.clear();  // a shape the table cannot follow: beta_quantile answers every call
      slope_.clear();
      return;
    }
  }
}

double BetaQuantiles::guess(double z) const {
  const double t = (z - kZMin) / kStep;
  const auto at = std::min(static_cast<std::size_t>(std::max(t, 0.0)), kIntervals - 1);
  const double s = t - static_cast<double>(at), s2 = s * s, s3 = s2 * s;
  const double log_odds = (2 * s3 - 3 * s2 + 1) * log_odds_[at] + (s3 - 2 * s2 + s) * kStep * slope_[at] +
                          (3 * s2 - 2 * s3) * log_odds_[at + 1] + (s3 - s2) * kStep * slope_[at + 1];
  return 1.0 / (1.0 + std::exp(-log_odds));
}

std::optional<float> BetaQuantiles::certified(double z, double u) const {
  if (log_odds_.empty() || !(z >= kZMin && z <= kZMax)) return std::nullopt;
  const double x0 = guess(z);
  // The CDF's residual at the guess, on the side where double resolves it: u - I_x(a, b) below the
  // median, I^c_x(a, b) - (1 - u) above it (1 - u is exact there).
  const bool lower = u <= 0.5;
  const double cdf = lower ? boost::math::ibeta(a_, b_, x0, InDoubleUnchecked{})
                           : boost::math::ibetac(a_, b_, x0, InDoubleUnchecked{});
  const double residual = lower ? u - cdf : cdf - (1.0 - u);
  const double density = boost::math::ibeta_derivative(a_, b_, x0, InDoubleUnchecked{});
  if (!(density > 0.0 && std::isfinite(density))) return std::nullopt;
  const double step = residual / density;
  const double x1 = x0 + step;
  if (!(std::abs(step) <= kLargestStep * std::min(x0, 1.0 - x0))) return std::nullopt;
  // The exact quantile x* lies within `reach` of x0: the step, the CDF's own error over the density,
  // and the step's rounding, each doubled.
  const double cdf_error = kBoostError * (cdf + std::abs(residual));
  const double reach = 2.0 * (std::abs(step) + cdf_error / density + kBoostError * x0);
  const double low = x0 - reach, high = x0 + reach;
  if (!(low > 0.0 && high < 1.0)) return std::nullopt;
  // Over [low, high], |f'/f| = |(a - 1) / x - (b - 1) / (1 - x)| <= L, and (L reach <= 1/2) the density
  // varies by less than a factor e^(1/2) < 2, so Newton's remainder is at most L reach^2.
  const double log_slope = std::abs(a_ - 1.0) / low + std::abs(b_ - 1.0) / (1.0 - high);
  if (!(log_slope * reach <= 0.5)) return std::nullopt;
  // x1's distance from x*, and from Boost's inverse (within its few ulps of x*), and x1's rounding.
  const double error =
      log_slope * reach * reach + cdf_error / density + kBoostError * (std::abs(step) + 2.0 * x1);
  const auto rounded = static_cast<float>(x1 - error);
  if (rounded != static_cast<float>(x1 + error)) return std::nullopt;  // a float's rounding lies within reach
  return rounded;
}

float BetaQuantiles::operator()(double z, double u) const {
  if (const auto value = certified(z, u)) return *value;
  return static_cast<float>(beta_quantile(mean_, concentration_, u));
}

}  // namespace coachsim
