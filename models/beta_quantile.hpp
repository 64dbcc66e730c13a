#pragma once
// Beta quantiles for the copula behaviours (self-management and adherence): the costliest step of
// building a population is Boost's inverse of the incomplete beta function, about 2 us a call.
// A behaviour is stored as a float, so what a draw needs is the float the quantile rounds to; for a
// large population BetaQuantiles finds it two to three times faster and to the same bits.
#include <optional>
#include <vector>

namespace coachsim {

// The Beta(mean, concentration) quantile at probability u (clamped to [1e-12, 1 - 1e-12]), in double
// (Boost's ibeta_inv without promotion to long double: the value is stored as a float).
double beta_quantile(double mean, double concentration, double u);

// One Beta(mean, concentration), for many quantiles: a table of the quantile against the normal z
// behind u (256 intervals, cubic in the log-odds) gives a guess, one Newton step on the CDF refines
// it, and the step's own size bounds the result's error. Where every value within that bound (and
// within Boost's own error of the exact quantile: its functions are accurate to a few ulps, the bound
// allows 64) rounds to one float, that float is the answer: the float beta_quantile's result rounds
// to. Elsewhere -- about one call in a million, |z| beyond the table, and shapes with a or b below 1,
// whose density is unbounded at an end -- it is beta_quantile's result itself. Building the table
// takes 257 of Boost's inverses (0.2-0.6 ms).
class BetaQuantiles {
 public:
  BetaQuantiles(double mean, double concentration);
  // static_cast<float>(beta_quantile(mean, concentration, u)) for u = Phi(z), the caller's value of it.
  float operator()(double z, double u) const;
  // That float where the table and Newton step certify it; nothing where beta_quantile must decide.
  std::optional<float> certified(double z, double u) const;
  double mean() const { return mean_; }
  double concentration() const { return concentration_; }

 private:
  double guess(double z) const;

  double mean_, concentration_, a_, b_;
  std::vector<double> log_odds_, slope_;  // at the knots: log(x / (1 - x)) and its derivative in z
};

// The two copula behaviours' quantiles of one population (PopulationParams' self-management and
// adherence means and concentrations).
struct BehaviourQuantiles {
  BetaQuantiles self_management, adherence;
};

}  // namespace coachsim
