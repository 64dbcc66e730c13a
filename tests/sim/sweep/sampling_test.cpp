// Design points: grids, Latin hypercubes, the published Sobol sequence, Saltelli blocks.
#include "sim/sweep/sampling.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <vector>

namespace sim::sweep {
namespace {

TEST(GridIndices, EnumeratesTheFullFactorialLastAxisFastest) {
  const auto points = grid_indices({2, 3});
  const std::vector<std::vector<std::size_t>> expected = {{0, 0}, {0, 1}, {0, 2}, {1, 0}, {1, 1}, {1, 2}};
  EXPECT_EQ(points, expected);
  EXPECT_EQ(grid_indices({3}).size(), 3u);
  EXPECT_EQ(grid_indices({2, 2, 2, 5}).size(), 40u);
  EXPECT_TRUE(grid_indices({2, 0}).empty());
}

TEST(LatinHypercube, EachStratumOfEachAxisHoldsExactlyOnePoint) {
  for (const std::size_t n : {1u, 7u, 50u, 333u}) {
    const auto samples = latin_hypercube(n, 4, 12345);
    ASSERT_EQ(samples.values.size(), n * 4);
    for (std::size_t j = 0; j < 4; ++j) {
      std::vector<int> hits(n, 0);
      for (std::size_t i = 0; i < n; ++i) {
        const double u = samples.at(i, j);
        ASSERT_GE(u, 0.0);
        ASSERT_LT(u, 1.0);
        ++hits[static_cast<std::size_t>(std::floor(u * static_cast<double>(n)))];
      }
      EXPECT_TRUE(std::all_of(hits.begin(), hits.end(), [](int h) { return h == 1; })) << "n=" << n << " axis " << j;
    }
  }
}

TEST(LatinHypercube, IsAPureFunctionOfTheSeed) {
  EXPECT_EQ(latin_hypercube(20, 3, 7).values, latin_hypercube(20, 3, 7).values);
  EXPECT_NE(latin_hypercube(20, 3, 7).values, latin_hypercube(20, 3, 8).values);
  // Axes are permuted independently: the columns are not the same permutation.
  const auto s = latin_hypercube(20, 2, 7);
  std::size_t same_stratum = 0;
  for (std::size_t i = 0; i < 20; ++i) same_stratum += std::floor(s.at(i, 0) * 20) == std::floor(s.at(i, 1) * 20);
  EXPECT_LT(same_stratum, 20u);
}

// Reference Sobol generator from the published Joe and Kuo (2008) direction numbers
// (file new-joe-kuo-6.21201, dimensions 2-10: s, a, m_1..m_s), Gray-code order, 32 bits.
struct JoeKuo {
  unsigned s, a;
  std::vector<std::uint32_t> m;
};
const std::array<JoeKuo, 9> kJoeKuo = {{{1, 0, {1}},
                                         {2, 1, {1, 3}},
                                         {3, 1, {1, 3, 1}},
                                         {3, 2, {1, 1, 1}},
                                         {4, 1, {1, 1, 3, 3}},
                                         {4, 4, {1, 3, 5, 13}},
                                         {5, 2, {1, 1, 5, 5, 17}},
                                         {5, 4, {1, 1, 5, 5, 5}},
                                         {5, 7, {1, 1, 7, 11, 19}}}};

std::vector<std::uint32_t> direction_numbers(std::size_t dim) {
  constexpr unsigned kBits = 32;
  std::vector<std::uint32_t> v(kBits);
  if (dim == 0) {
    for (unsigned i = 0; i < kBits; ++i) v[i] = 1u << (kBits - 1 - i);
    return v;
  }
  const JoeKuo& p = kJoeKuo[dim - 1];
  std::vector<std::uint32_t> m = p.m;
  for (unsigned i = p.s; i < kBits; ++i) {
    std::uint32_t value = m[i - p.s] ^ (m[i - p.s] << p.s);
    for (unsigned k = 1; k < p.s; ++k) value ^= ((p.a >> (p.s - 1 - k)) & 1u) * (m[i - k] << k);
    m.push_back(value);
  }
  for (unsigned i = 0; i < kBits; ++i) v[i] = m[i] << (kBits - 1 - i);
  return v;
}

TEST(Sobol, FirstPointsAreThePublishedSequence) {
  // Joe-Kuo dimensions 1-3 after the origin (e.g. Joe and Kuo 2008, Table; scipy's Sobol unscrambled).
  const std::vector<std::array<double, 3>> published = {
      {0.5, 0.5, 0.5},       {0.75, 0.25, 0.25},   {0.25, 0.75, 0.75},     {0.375, 0.375, 0.625},
      {0.875, 0.875, 0.125}, {0.625, 0.125, 0.875}, {0.125, 0.625, 0.375}, {0.1875, 0.3125, 0.9375}};
  const auto samples = sobol(published.size(), 3);
  for (std::size_t i = 0; i < published.size(); ++i) {
    for (std::size_t j = 0; j < 3; ++j) EXPECT_EQ(samples.at(i, j), published[i][j]) << "point " << i << " dim " << j;
  }
}

TEST(Sobol, MatchesTheJoeKuoDirectionNumbersInTenDimensions) {
  constexpr std::size_t kDims = 10, kPoints = 256;
  const auto samples = sobol(kPoints, kDims);
  std::vector<std::vector<std::uint32_t>> v;
  for (std::size_t d = 0; d < kDims; ++d) v.push_back(direction_numbers(d));
  std::vector<std::uint32_t> x(kDims, 0);
  for (std::size_t n = 1; n <= kPoints; ++n) {
    const auto bit = static_cast<std::size_t>(std::countr_one(n - 1));  // Gray code: lowest zero bit of n-1
    for (std::size_t d = 0; d < kDims; ++d) {
      x[d] ^= v[d][bit];
      ASSERT_EQ(samples.at(n - 1, d), std::ldexp(static_cast<double>(x[d]), -32)) << "point " << n << " dim " << d;
    }
  }
}

TEST(Saltelli, BlocksTakeColumnsFromAAndB) {
  constexpr std::size_t kBase = 8, kDims = 3;
  const auto s = saltelli(kBase, kDims);
  const auto ab = sobol(kBase, 2 * kDims);
  ASSERT_EQ(s.points.count, kBase * (kDims + 2));
  for (std::size_t p = 0; p < s.points.count; ++p) {
    const auto row = static_cast<std::size_t>(s.row[p]);
    const auto block = s.block[p];
    EXPECT_EQ(row, p / (kDims + 2));
    EXPECT_EQ(block, static_cast<std::int64_t>(p % (kDims + 2)));
    for (std::size_t j = 0; j < kDims; ++j) {
      const bool from_b = block == 1 || (block >= 2 && static_cast<std::size_t>(block - 2) == j);
      EXPECT_EQ(s.points.at(p, j), ab.at(row, from_b ? kDims + j : j));
    }
  }
}

TEST(ScaleUnit, MapsLinearlyGeometricallyAndOntoWholeNumbers) {
  EXPECT_DOUBLE_EQ(scale_unit(0.0, 2, 6, false, false), 2.0);
  EXPECT_DOUBLE_EQ(scale_unit(0.5, 2, 6, false, false), 4.0);
  EXPECT_DOUBLE_EQ(scale_unit(0.5, 1, 100, true, false), 10.0);
  // Integers 5..8: each takes a quarter of the unit interval.
  EXPECT_EQ(scale_unit(0.0, 5, 8, false, true), 5.0);
  EXPECT_EQ(scale_unit(0.24, 5, 8, false, true), 5.0);
  EXPECT_EQ(scale_unit(0.26, 5, 8, false, true), 6.0);
  EXPECT_EQ(scale_unit(0.9999, 5, 8, false, true), 8.0);
  EXPECT_THROW(scale_unit(0.5, 0, 8, true, false), std::invalid_argument);
}

}  // namespace
}  // namespace sim::sweep
