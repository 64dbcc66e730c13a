#include "sim/random/philox.hpp"

#include <gtest/gtest.h>

namespace sim::random {
namespace {

// Known-answer vectors published with Random123 (kat_vectors, philox4x32 with 10 rounds).
TEST(Philox4x32_10, MatchesPublishedKnownAnswers) {
  EXPECT_EQ(philox4x32_10({0, 0, 0, 0}, {0, 0}),
            (PhiloxCounter{0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u}));
  EXPECT_EQ(philox4x32_10({0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}, {0xffffffffu, 0xffffffffu}),
            (PhiloxCounter{0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu}));
  EXPECT_EQ(philox4x32_10({0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u}, {0xa4093822u, 0x299f31d0u}),
            (PhiloxCounter{0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u}));
}

TEST(Philox4x32_10, IsUsableAtCompileTime) {
  constexpr PhiloxCounter out = philox4x32_10({1, 2, 3, 4}, {5, 6});
  static_assert(out[0] != 0 || out[1] != 0);
  EXPECT_EQ(out, philox4x32_10({1, 2, 3, 4}, {5, 6}));
}

TEST(Philox4x32_10, OneBitOfCounterChangesAboutHalfTheOutputBits) {
  const PhiloxCounter a = philox4x32_10({0, 0, 0, 0}, {42, 0});
  const PhiloxCounter b = philox4x32_10({1, 0, 0, 0}, {42, 0});
  int differing = 0;
  for (int i = 0; i < 4; ++i) differing += __builtin_popcount(a[static_cast<std::size_t>(i)] ^ b[static_cast<std::size_t>(i)]);
  EXPECT_GT(differing, 40);  // 128 bits, expectation 64, SD 5.7
  EXPECT_LT(differing, 88);
}

}  // namespace
}  // namespace sim::random
