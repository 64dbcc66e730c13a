#pragma once
// A UniformRandomBitGenerator over one keyed Philox stream, so Boost.Random (and <random>)
// distributions can draw from it. The stream is a value: copying it copies its position,
// and two streams with the same key produce the same words.
#include <array>
#include <cstdint>
#include <limits>

#include "sim/random/stream_key.hpp"

namespace sim::random {

class KeyedStream {
 public:
  using result_type = std::uint32_t;

  constexpr explicit KeyedStream(const StreamKey& key) : key_(key) {}

  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }

  constexpr result_type operator()() {
    if (position_ == 4) {
      buffer_ = stream_block(key_, block_++);
      position_ = 0;
    }
    return buffer_[position_++];
  }

  // Skips `words` outputs without computing the blocks in between.
  constexpr void discard(std::uint64_t words) {
    const std::uint64_t absolute = (static_cast<std::uint64_t>(block_) * 4 - (4 - position_)) + words;
    block_ = static_cast<std::uint32_t>(absolute / 4);
    position_ = 4;
    const auto within = static_cast<unsigned>(absolute % 4);
    if (within != 0) {
      buffer_ = stream_block(key_, block_++);
      position_ = within;
    }
  }

  constexpr const StreamKey& key() const { return key_; }

 private:
  StreamKey key_;
  std::array<std::uint32_t, 4> buffer_{};
  std::uint32_t block_ = 0;
  unsigned position_ = 4;
};

}  // namespace sim::random
