// BetaQuantiles (models/beta_quantile.cpp): the float of Boost's Beta quantile, found from a table
// and one Newton step where its error bound allows, and by Boost's inverse elsewhere.
#include "models/beta_quantile.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>

#include "sim/random/stream_key.hpp"
#include "sim/random/variates.hpp"

namespace coachsim {
namespace {

double normal_of(std::uint32_t i) {
  return sim::random::to_standard_normal(sim::random::stream_block({5, 9, i, 0})[0]);
}
double probability_of(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

TEST(BetaQuantiles, CertifiesNearlyEveryDrawAndEachIsBoostsFloat) {
  // The scenario defaults and shapes around them: a certified value is always the float of Boost's
  // double, and nearly every draw is certified (else the table gains nothing).
  for (const auto& [mean, concentration] :
       {std::pair{0.35, 10.0}, {0.6, 8.0}, {0.05, 40.0}, {0.9, 30.0}, {0.5, 2.0}}) {
    const BetaQuantiles quantiles(mean, concentration);
    constexpr std::uint32_t kDraws = 20000;
    std::uint32_t certified = 0;
    for (std::uint32_t i = 0; i < kDraws; ++i) {
      const double z = normal_of(i), u = probability_of(z);
      const auto expected = static_cast<float>(beta_quantile(mean, concentration, u));
      if (const auto value = quantiles.certified(z, u)) {
        ++certified;
        ASSERT_EQ(*value, expected) << "mean " << mean << " concentration " << concentration << " z " << z;
      }
      ASSERT_EQ(quantiles(z, u), expected)
          << "mean " << mean << " concentration " << concentration << " z " << z;
    }
    EXPECT_GE(certified, kDraws - 20) << "mean " << mean << " concentration " << concentration;
  }
}

TEST(BetaQuantiles, TheTailsAndTheTablesEdgesAreBoostsFloatToo) {
  const BetaQuantiles quantiles(0.35, 10.0);
  for (const double z : {-7.5, -7.0, -6.999, -5.2, -1e-9, 0.0, 3.7, 6.999, 7.0, 7.5}) {
    const double u = probability_of(z);
    EXPECT_EQ(quantiles(z, u), static_cast<float>(beta_quantile(0.35, 10.0, u))) << z;
  }
  EXPECT_FALSE(quantiles.certified(7.5, probability_of(7.5))) << "beyond the table: Boost's inverse";
  // A shape whose density is unbounded at 0 (a < 1) is left to Boost's inverse, with the same values.
  const BetaQuantiles steep(0.05, 2.0);
  for (std::uint32_t i = 0; i < 200; ++i) {
    const double z = normal_of(i), u = probability_of(z);
    EXPECT_EQ(steep(z, u), static_cast<float>(beta_quantile(0.05, 2.0, u))) << z;
  }
}

}  // namespace
}  // namespace coachsim
