#pragma once
// The key of a random stream: every draw in coachsim is a pure function of
// (seed, purpose, agent, step, position). Nothing else -- no thread, no order of execution --
// can change a number, so results are identical for any thread count, rank count or sweep split.
#include <cstdint>
#include <type_traits>

#include "sim/random/philox.hpp"

namespace sim::random {

// Purposes are stable integer constants chosen by the caller (a model declares its own
// enum); they are never derived from std::hash or addresses, which vary between builds.
using Purpose = std::uint32_t;

struct StreamKey {
  std::uint64_t seed = 0;
  Purpose purpose = 0;
  std::uint32_t agent = 0;
  std::uint32_t step = 0;

  friend constexpr bool operator==(const StreamKey&, const StreamKey&) = default;
};

// The 128-bit Philox counter of block `block` of a stream; the 64-bit seed is the Philox key.
constexpr PhiloxCounter counter_of(const StreamKey& key, std::uint32_t block) {
  return {key.agent, key.step, key.purpose, block};
}
constexpr PhiloxKey philox_key_of(const StreamKey& key) {
  return {static_cast<std::uint32_t>(key.seed), static_cast<std::uint32_t>(key.seed >> 32)};
}

// Philox blocks this thread has computed: what the benchmarks divide by to report draws per
// patient-week and the random-number floor (one thread-local increment; never read by the model).
inline std::uint64_t& blocks_drawn() {
  thread_local std::uint64_t count = 0;
  return count;
}

// Block `block` (four 32-bit words) of the stream with this key.
constexpr PhiloxCounter stream_block(const StreamKey& key, std::uint32_t block = 0) {
  if (!std::is_constant_evaluated()) ++blocks_drawn();
  return philox4x32_10(counter_of(key, block), philox_key_of(key));
}

// SplitMix64 finaliser (Steele et al. 2014): derives well-separated child seeds,
// e.g. one per replicate or per sweep point, from a parent seed.
constexpr std::uint64_t mix_seed(std::uint64_t parent, std::uint64_t child) {
  std::uint64_t z = parent + 0x9E3779B97F4A7C15ull * (child + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

}  // namespace sim::random
