// Statistical sanity of the generator and of Boost.Random distributions drawn through it.
// Each check allows k = 5 standard errors, so a correct generator fails with probability < 1e-6.
#include <boost/random/exponential_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/uniform_01.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <gtest/gtest.h>

#include <array>
#include <cmath>

#include "sim/random/keyed_stream.hpp"
#include "sim/random/variates.hpp"

namespace sim::random {
namespace {

constexpr double kSigmas = 5.0;

struct Moments {
  double n = 0, sum = 0, sum_sq = 0;
  void add(double x) { n += 1; sum += x; sum_sq += x * x; }
  double mean() const { return sum / n; }
  double variance() const { return sum_sq / n - mean() * mean(); }
};

// For a distribution with known mean, variance and fourth central moment mu4.
void expect_moments(const Moments& m, double mean, double variance, double mu4) {
  EXPECT_NEAR(m.mean(), mean, kSigmas * std::sqrt(variance / m.n));
  EXPECT_NEAR(m.variance(), variance, kSigmas * std::sqrt((mu4 - variance * variance) / m.n));
}

TEST(Distributions, UniformWordsHaveUniformMoments) {
  KeyedStream stream({11, 1, 0, 0});
  Moments m;
  for (int i = 0; i < 400000; ++i) m.add(to_open_unit(stream()));
  expect_moments(m, 0.5, 1.0 / 12.0, 1.0 / 80.0);
}

TEST(Distributions, ChiSquareUniformityOver64Bins) {
  KeyedStream stream({12, 1, 0, 0});
  constexpr int bins = 64;
  constexpr int n = 640000;
  std::array<int, bins> counts{};
  for (int i = 0; i < n; ++i) ++counts[stream() >> 26];
  double chi2 = 0;
  const double expected = static_cast<double>(n) / bins;
  for (int c : counts) chi2 += (c - expected) * (c - expected) / expected;
  // 63 degrees of freedom: mean 63, SD 11.2; the 1e-6 upper quantile is about 130.
  EXPECT_LT(chi2, 130.0);
  EXPECT_GT(chi2, 20.0);  // suspiciously even counts would also be a defect
}

TEST(Distributions, AcrossAgentsAtOneStepIsUniformToo) {
  // The typical access pattern: one block per agent, same step and purpose.
  Moments m;
  for (std::uint32_t agent = 0; agent < 200000; ++agent) m.add(to_open_unit(stream_block({13, 2, agent, 5})[0]));
  expect_moments(m, 0.5, 1.0 / 12.0, 1.0 / 80.0);
}

TEST(Distributions, BoostUniform01) {
  KeyedStream stream({14, 1, 0, 0});
  boost::random::uniform_01<double> uniform;
  Moments m;
  for (int i = 0; i < 200000; ++i) m.add(uniform(stream));
  expect_moments(m, 0.5, 1.0 / 12.0, 1.0 / 80.0);
}

TEST(Distributions, BoostNormal) {
  KeyedStream stream({15, 1, 0, 0});
  boost::random::normal_distribution<double> normal(2.0, 3.0);
  Moments m;
  for (int i = 0; i < 200000; ++i) m.add(normal(stream));
  expect_moments(m, 2.0, 9.0, 3.0 * 81.0);
}

TEST(Distributions, BoostExponential) {
  KeyedStream stream({16, 1, 0, 0});
  boost::random::exponential_distribution<double> exponential(0.5);
  Moments m;
  for (int i = 0; i < 200000; ++i) m.add(exponential(stream));
  expect_moments(m, 2.0, 4.0, 9.0 * 16.0);
}

TEST(Distributions, BoostUniformIntIsUnbiased) {
  KeyedStream stream({17, 1, 0, 0});
  boost::random::uniform_int_distribution<int> die(1, 6);
  Moments m;
  for (int i = 0; i < 300000; ++i) m.add(die(stream));
  expect_moments(m, 3.5, 35.0 / 12.0, 14.729166666666666);
}

TEST(Distributions, InverseCdfNormalHasNormalMoments) {
  Moments m;
  for (std::uint32_t agent = 0; agent < 400000; ++agent) m.add(to_standard_normal(stream_block({18, 3, agent, 0})[0]));
  expect_moments(m, 0.0, 1.0, 3.0);
}

TEST(Distributions, InverseCdfNormalMatchesKnownQuantiles) {
  // word w maps to p = (w + 0.5) / 2^32; pick words for p = 0.975, 0.5, 0.01 and 0.999.
  auto at = [](double p) { return to_standard_normal(static_cast<std::uint32_t>(p * 0x1p32 - 0.5)); };
  EXPECT_NEAR(at(0.975), 1.959963985, 1e-6);
  EXPECT_NEAR(at(0.5), 0.0, 1e-6);
  EXPECT_NEAR(at(0.01), -2.326347874, 1e-6);
  EXPECT_NEAR(at(0.999), 3.090232306, 1e-5);
}

TEST(Distributions, InverseCdfNormalTailShares) {
  // Shares beyond 1.96 and 3 SD: 5% and 0.27%, within 5 binomial standard errors.
  double beyond_196 = 0, beyond_3 = 0;
  const double n = 1e6;
  for (std::uint32_t i = 0; i < 1000000; ++i) {
    const double z = std::abs(to_standard_normal(stream_block({21, 1, i, 0})[1]));
    beyond_196 += z > 1.959963985;
    beyond_3 += z > 3.0;
  }
  EXPECT_NEAR(beyond_196 / n, 0.05, 5 * std::sqrt(0.05 * 0.95 / n));
  EXPECT_NEAR(beyond_3 / n, 0.0026998, 5 * std::sqrt(0.0027 / n));
}

TEST(Distributions, InverseCdfNormalTailWordsAreTheCentralFormulasLimits) {
  // A loop may take standard_normal_central for every word and patch the tail words after it: the
  // tail test marks exactly the words beyond p = 0.02425 on either side, the two branches meet there,
  // and the central formula alone is off beyond it (so skipping the patch would be seen).
  const auto word_at = [](double p) { return static_cast<std::uint32_t>(p * 0x1p32 - 0.5); };
  std::size_t boundaries = 0;
  for (const double p : {0.02425, 1.0 - 0.02425}) {
    const std::uint32_t w = word_at(p);
    for (std::uint32_t v = w - 3; v <= w + 3; ++v) {
      const double u = to_open_unit(v);
      EXPECT_EQ(in_normal_tail(v), u < 0.02425 || u > 1.0 - 0.02425) << v;
      const double z = in_normal_tail(v) ? standard_normal_tail(v) : standard_normal_central(v);
      EXPECT_EQ(to_standard_normal(v), z) << v;
      if (in_normal_tail(v) != in_normal_tail(v + 1)) {  // neighbours on either side of the boundary
        ++boundaries;
        const std::uint32_t tail_word = in_normal_tail(v) ? v : v + 1,
                            central_word = tail_word == v ? v + 1 : v;
        EXPECT_NEAR(standard_normal_tail(tail_word), standard_normal_central(central_word), 1e-6) << v;
      }
    }
  }
  EXPECT_EQ(boundaries, 2u);
  EXPECT_GT(std::abs(standard_normal_central(word_at(1e-6)) - to_standard_normal(word_at(1e-6))), 0.1);
  double tail = 0;
  for (std::uint32_t i = 0; i < 1000000; ++i) tail += in_normal_tail(stream_block({22, 1, i, 0})[0]);
  EXPECT_NEAR(tail / 1e6, 2 * 0.02425, 5 * std::sqrt(0.0485 * 0.9515 / 1e6));
}

TEST(Distributions, Unit53CoversTheUnitInterval) {
  KeyedStream stream({19, 1, 0, 0});
  Moments m;
  double lo = 1, hi = 0;
  for (int i = 0; i < 200000; ++i) {
    const double u = to_unit53(stream(), stream());
    lo = std::min(lo, u);
    hi = std::max(hi, u);
    m.add(u);
  }
  EXPECT_GE(lo, 0.0);
  EXPECT_LT(hi, 1.0);
  expect_moments(m, 0.5, 1.0 / 12.0, 1.0 / 80.0);
}

}  // namespace
}  // namespace sim::random
