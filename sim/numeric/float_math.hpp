#pragma once
// exp and expm1 in float without a branch or a library call, so that a loop of them over a tile of
// agents vectorizes (libm's are scalar calls). Each reduces x = n ln2 + r, |r| <= ln2 / 2 (Cody and
// Waite: ln2 in two parts, so r is exact to float), takes e^r - 1 from its Taylor series to r^8
// (truncation below 3e-9 relative) and scales by 2^n through the exponent bits. Accuracy over the
// range (tests/sim/numeric): within 2 ulp of the double function (at most 1.1 ulp for exp, 1.8 for
// expm1 in a sweep of 4 million arguments). Only +, *, a
// float-int conversion and a shift, so the same bits on every x86-64 or other IEEE machine (no
// fused multiply-add unless the build asks for one).
#include <algorithm>
#include <bit>
#include <cstdint>

namespace sim::numeric {

namespace detail {
// Beyond these e^x is outside float's normal range: arguments are clamped to them.
inline constexpr float kExpMin = -87.0f;
inline constexpr float kExpMax = 88.0f;
inline constexpr float kLog2e = 1.44269504088896341f;
inline constexpr float kLn2High = 0.693145751953125f;  // 15 significant bits: n * it is exact for |n| <= 127
inline constexpr float kLn2Low = 1.42860682030941723212e-6f;
inline constexpr float kRoundMagic = 12582912.0f;  // 1.5 * 2^23: x + it - it rounds x to an integer

// e^x = 2^n (1 + q): n and q = e^r - 1.
struct Reduced {
  float scale;  // 2^n
  float q;
};

inline Reduced reduce(float x) {
  x = std::min(std::max(x, kExpMin), kExpMax);
  const float n = (x * kLog2e + kRoundMagic) - kRoundMagic;
  const float r = (x - n * kLn2High) - n * kLn2Low;
  // e^r - 1 = r (1 + r/2 (1 + r/3 (1 + ... (1 + r/8))))
  float p = 1.0f + r * (1.0f / 8.0f);
  p = 1.0f + r * (1.0f / 7.0f) * p;
  p = 1.0f + r * (1.0f / 6.0f) * p;
  p = 1.0f + r * (1.0f / 5.0f) * p;
  p = 1.0f + r * (1.0f / 4.0f) * p;
  p = 1.0f + r * (1.0f / 3.0f) * p;
  p = 1.0f + r * 0.5f * p;
  const auto exponent = static_cast<std::int32_t>(n) + 127;
  return {std::bit_cast<float>(static_cast<std::uint32_t>(exponent) << 23), r * p};
}
}  // namespace detail

// e^x for x not NaN; 0 below e^-87 is not given (the result stays at about 1.6e-38), +inf is not reached.
inline float exp(float x) {
  const detail::Reduced e = detail::reduce(x);
  return e.scale + e.scale * e.q;
}

// e^x - 1 without the cancellation of exp(x) - 1 near 0: for n = 0 it is q itself.
inline float expm1(float x) {
  const detail::Reduced e = detail::reduce(x);
  return e.scale * e.q + (e.scale - 1.0f);
}

}  // namespace sim::numeric
