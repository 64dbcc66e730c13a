#pragma once
// FNV-1a, 64 bit (Fowler, Noll, Vo): a small, stable, platform-independent hash for design
// hashes and journal checksums. Not cryptographic: it detects accidental change, not tampering.
#include <bit>
#include <cstdint>
#include <cstdio>
#include <span>
#include <string>
#include <string_view>

namespace sim::sweep {

class Fnv1a64 {
 public:
  static constexpr std::uint64_t kOffsetBasis = 0xcbf29ce484222325ull;
  static constexpr std::uint64_t kPrime = 0x100000001b3ull;

  constexpr Fnv1a64& bytes(std::span<const unsigned char> data) {
    for (unsigned char byte : data) {
      state_ ^= byte;
      state_ *= kPrime;
    }
    return *this;
  }
  Fnv1a64& text(std::string_view s) {
    u64(s.size());  // length first, so ("ab","c") and ("a","bc") differ
    for (char c : s) {
      state_ ^= static_cast<unsigned char>(c);
      state_ *= kPrime;
    }
    return *this;
  }
  // Little-endian bytes of the value, whatever the host's byte order.
  constexpr Fnv1a64& u64(std::uint64_t value) {
    for (int i = 0; i < 8; ++i) {
      state_ ^= static_cast<unsigned char>(value >> (8 * i));
      state_ *= kPrime;
    }
    return *this;
  }
  // The IEEE 754 bits: 0.1 and 0.1000000000000001 differ, -0.0 and 0.0 differ.
  Fnv1a64& f64(double value) { return u64(std::bit_cast<std::uint64_t>(value)); }

  constexpr std::uint64_t value() const { return state_; }
  // 16 lowercase hex digits.
  std::string hex() const {
    char buffer[17];
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(state_));
    return buffer;
  }

 private:
  std::uint64_t state_ = kOffsetBasis;
};

}  // namespace sim::sweep
