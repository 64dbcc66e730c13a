#pragma once
// Fast conversions of raw 32-bit words into variates, for hot loops that take one Philox block
// per agent and step. Code that needs general distributions uses Boost.Random on KeyedStream.
#include <cmath>
#include <cstdint>

namespace sim::random {

// Uniform on the open interval (0, 1) with 32-bit resolution: never 0, never 1.
constexpr double to_open_unit(std::uint32_t word) {
  return (static_cast<double>(word) + 0.5) * 0x1p-32;
}

// Uniform on [0, 1) with 53-bit resolution from two words.
constexpr double to_unit53(std::uint32_t high, std::uint32_t low) {
  const std::uint64_t bits = (static_cast<std::uint64_t>(high) << 21) ^ (low >> 11);
  return static_cast<double>(bits & ((1ull << 53) - 1)) * 0x1p-53;
}

// Standard normal from one word by inverting the normal CDF (Acklam's rational approximation,
// relative error < 1.2e-9): one word per normal, and no log or cosine except in the 5% tails,
// which makes it several times cheaper than Box-Muller in the hot loops.
inline double to_standard_normal(std::uint32_t word) {
  constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                          1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                          6.680131188771972e+01,  -1.328068155288572e+01};
  constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                          -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                          3.754408661907416e+00};
  constexpr double kTail = 0.02425;
  const double p = to_open_unit(word);
  if (p < kTail || p > 1.0 - kTail) {
    const double q = std::sqrt(-2.0 * std::log(p < kTail ? p : 1.0 - p));
    const double x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
                     ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
    return p < kTail ? x : -x;
  }
  const double q = p - 0.5;
  const double r = q * q;
  return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
         (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
}

// True with probability p (p outside [0, 1] is clamped by the comparison itself).
constexpr bool bernoulli(std::uint32_t word, double p) { return to_open_unit(word) < p; }

}  // namespace sim::random
