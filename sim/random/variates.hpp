#pragma once
// Fast conversions of raw 32-bit words into variates, for hot loops that take one Philox block
// per agent and step. Code that needs general distributions uses Boost.Random on KeyedStream.
#include <cmath>
#include <cstdint>
#include <numbers>

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

// Standard normal by Box-Muller from two words (the cosine branch only, so each pair of
// words gives exactly one normal and a draw never depends on whether another was taken).
inline double to_standard_normal(std::uint32_t word_a, std::uint32_t word_b) {
  const double radius = std::sqrt(-2.0 * std::log(to_open_unit(word_a)));
  return radius * std::cos(2.0 * std::numbers::pi * to_open_unit(word_b));
}

// True with probability p (p outside [0, 1] is clamped by the comparison itself).
constexpr bool bernoulli(std::uint32_t word, double p) { return to_open_unit(word) < p; }

}  // namespace sim::random
