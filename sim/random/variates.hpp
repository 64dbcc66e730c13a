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

namespace detail {
// Acklam's rational approximation of the inverse normal CDF: a central branch and two tails.
inline constexpr double kNormalTail = 0.02425;
inline constexpr double kNormalA[] = {-3.969683028665376e+01, 2.209460984245205e+02,  -2.759285104469687e+02,
                                      1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
inline constexpr double kNormalB[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                                      6.680131188771972e+01, -1.328068155288572e+01};
inline constexpr double kNormalC[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                                      -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
inline constexpr double kNormalD[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                                      3.754408661907416e+00};
}  // namespace detail

// Whether to_standard_normal(word) falls in a tail of the approximation (about 4.9% of words).
constexpr bool in_normal_tail(std::uint32_t word) {
  const double p = to_open_unit(word);
  const bool low = p < detail::kNormalTail;
  const bool high = p > 1.0 - detail::kNormalTail;
  return low | high;
}

// to_standard_normal(word) for a word not in_normal_tail: the central rational function alone,
// without a branch, so that a loop of them over a tile vectorizes (the same operations, so the
// same bits). For a tail word its value is not the normal: take standard_normal_tail there.
constexpr double standard_normal_central(std::uint32_t word) {
  using detail::kNormalA, detail::kNormalB;
  const double q = to_open_unit(word) - 0.5;
  const double r = q * q;
  return (((((kNormalA[0] * r + kNormalA[1]) * r + kNormalA[2]) * r + kNormalA[3]) * r + kNormalA[4]) * r +
          kNormalA[5]) *
         q /
         (((((kNormalB[0] * r + kNormalB[1]) * r + kNormalB[2]) * r + kNormalB[3]) * r + kNormalB[4]) * r +
          1.0);
}

// to_standard_normal(word) for a word in_normal_tail.
inline double standard_normal_tail(std::uint32_t word) {
  using detail::kNormalC, detail::kNormalD;
  const double p = to_open_unit(word);
  const bool low = p < detail::kNormalTail;
  const double q = std::sqrt(-2.0 * std::log(low ? p : 1.0 - p));
  const double x =
      (((((kNormalC[0] * q + kNormalC[1]) * q + kNormalC[2]) * q + kNormalC[3]) * q + kNormalC[4]) * q +
       kNormalC[5]) /
      ((((kNormalD[0] * q + kNormalD[1]) * q + kNormalD[2]) * q + kNormalD[3]) * q + 1.0);
  return low ? x : -x;
}

// Standard normal from one word by inverting the normal CDF (Acklam's rational approximation,
// relative error < 1.2e-9): one word per normal, and no log or square root except in the 5% tails,
// which makes it several times cheaper than Box-Muller in the hot loops.
inline double to_standard_normal(std::uint32_t word) {
  return in_normal_tail(word) ? standard_normal_tail(word) : standard_normal_central(word);
}

// True with probability p (p outside [0, 1] is clamped by the comparison itself).
constexpr bool bernoulli(std::uint32_t word, double p) { return to_open_unit(word) < p; }

}  // namespace sim::random
