#include "sim/random/keyed_stream.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace sim::random {
namespace {

std::vector<std::uint32_t> take(KeyedStream stream, int n) {
  std::vector<std::uint32_t> words;
  for (int i = 0; i < n; ++i) words.push_back(stream());
  return words;
}

// Golden values: a refactor that changes any stream fails here. Change only on purpose.
TEST(KeyedStream, GoldenValues) {
  EXPECT_EQ(take(KeyedStream({20130101, 1, 0, 0}), 5),
            (std::vector<std::uint32_t>{0x6651c6b5u, 0x98a2d011u, 0x3cf5d32au, 0xf58f5bd7u, 0x43e5b0b7u}));
  EXPECT_EQ(take(KeyedStream({7, 3, 148, 25}), 2), (std::vector<std::uint32_t>{0x69c1c874u, 0x6a3d0551u}));
}

TEST(KeyedStream, SameKeySameWords) {
  const StreamKey key{99, 4, 12345, 7};
  EXPECT_EQ(take(KeyedStream(key), 37), take(KeyedStream(key), 37));
}

TEST(KeyedStream, EachKeyFieldSelectsADifferentStream) {
  const StreamKey base{99, 4, 12345, 7};
  const auto reference = take(KeyedStream(base), 8);
  for (StreamKey other : {StreamKey{100, 4, 12345, 7}, StreamKey{99, 5, 12345, 7},
                          StreamKey{99, 4, 12346, 7}, StreamKey{99, 4, 12345, 8}}) {
    EXPECT_NE(take(KeyedStream(other), 8), reference);
  }
}

TEST(KeyedStream, DiscardEqualsDrawing) {
  const StreamKey key{1, 2, 3, 4};
  for (std::uint64_t skip : {0u, 1u, 3u, 4u, 5u, 11u, 64u}) {
    for (std::uint64_t before : {0u, 1u, 2u, 3u, 6u}) {
      KeyedStream drawn(key);
      KeyedStream skipped(key);
      for (std::uint64_t i = 0; i < before; ++i) {
        drawn();
        skipped();
      }
      for (std::uint64_t i = 0; i < skip; ++i) drawn();
      skipped.discard(skip);
      EXPECT_EQ(take(drawn, 9), take(skipped, 9)) << "before=" << before << " skip=" << skip;
    }
  }
}

TEST(KeyedStream, StreamBlockIsTheFirstFourWords) {
  const StreamKey key{5, 6, 7, 8};
  const auto block = stream_block(key);
  EXPECT_EQ(take(KeyedStream(key), 4), std::vector<std::uint32_t>(block.begin(), block.end()));
}

// Two different keys give streams with no detectable correlation (|r| within 4 SE of 0).
TEST(KeyedStream, NeighbouringKeysAreUncorrelated) {
  const int n = 200000;
  for (StreamKey other : {StreamKey{1, 0, 1, 0}, StreamKey{1, 0, 0, 1}, StreamKey{1, 1, 0, 0}, StreamKey{2, 0, 0, 0}}) {
    KeyedStream a({1, 0, 0, 0});
    KeyedStream b(other);
    double sa = 0, sb = 0, sab = 0, saa = 0, sbb = 0;
    for (int i = 0; i < n; ++i) {
      const double x = a() * 0x1p-32;
      const double y = b() * 0x1p-32;
      sa += x; sb += y; sab += x * y; saa += x * x; sbb += y * y;
    }
    const double cov = sab / n - (sa / n) * (sb / n);
    const double r = cov / std::sqrt((saa / n - (sa / n) * (sa / n)) * (sbb / n - (sb / n) * (sb / n)));
    EXPECT_LT(std::abs(r), 4.0 / std::sqrt(n));
  }
}

TEST(MixSeed, ChildrenDifferAndAreStable) {
  EXPECT_NE(mix_seed(1, 0), mix_seed(1, 1));
  EXPECT_NE(mix_seed(1, 0), mix_seed(2, 0));
  EXPECT_EQ(mix_seed(20130101, 3), mix_seed(20130101, 3));
}

}  // namespace
}  // namespace sim::random
