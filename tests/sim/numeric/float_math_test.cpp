// sim/numeric/float_math.hpp: exp and expm1 in float against the double library functions.
#include "sim/numeric/float_math.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

namespace sim::numeric {
namespace {

// Distance in float ulps between a float and the double it approximates.
double ulps(float approx, double exact) {
  const auto rounded = static_cast<float>(exact);
  const double ulp = std::nextafter(std::fabs(rounded), INFINITY) - std::fabs(rounded);
  return std::fabs(static_cast<double>(approx) - exact) / ulp;
}

std::vector<float> arguments(float from, float to, int count) {
  std::vector<float> x;
  for (int k = 0; k <= count; ++k)
    x.push_back(from + (to - from) * static_cast<float>(k) / static_cast<float>(count));
  return x;
}

TEST(FloatExp, WithinTwoUlpOfTheDoubleExpOverFloatsNormalRange) {
  double worst = 0;
  for (float x : arguments(-87.0f, 88.0f, 400000)) {
    worst = std::max(worst, ulps(exp(x), std::exp(static_cast<double>(x))));
  }
  EXPECT_LE(worst, 2.0);
  EXPECT_EQ(exp(0.0f), 1.0f);
  EXPECT_EQ(exp(1.0f), static_cast<float>(std::exp(1.0)));
}

TEST(FloatExp, ArgumentsBeyondTheRangeAreClampedNotOverflowed) {
  EXPECT_EQ(exp(-1000.0f), exp(-87.0f));
  EXPECT_GT(exp(-1000.0f), 0.0f);
  EXPECT_EQ(exp(1000.0f), exp(88.0f));
  EXPECT_TRUE(std::isfinite(exp(1000.0f)));
}

TEST(FloatExpm1, WithinTwoUlpOfTheDoubleExpm1IncludingNearZero) {
  double worst = 0;
  for (float x : arguments(-87.0f, 88.0f, 400000)) {
    worst = std::max(worst, ulps(expm1(x), std::expm1(static_cast<double>(x))));
  }
  for (float x : arguments(-1.0f, 1.0f, 200001)) {  // no cancellation where e^x is near 1
    if (x != 0.0f) worst = std::max(worst, ulps(expm1(x), std::expm1(static_cast<double>(x))));
  }
  for (float x = 1e-30f; x < 1e-2f; x *= 1.5f) {
    worst = std::max(worst, ulps(expm1(x), std::expm1(static_cast<double>(x))));
    worst = std::max(worst, ulps(expm1(-x), std::expm1(-static_cast<double>(x))));
  }
  EXPECT_LE(worst, 2.0);
  EXPECT_EQ(expm1(0.0f), 0.0f);
  EXPECT_EQ(expm1(-1000.0f), -1.0f);
}

}  // namespace
}  // namespace sim::numeric
