// Building designs from axes, and the design hash.
#include "sim/sweep/design.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "sim/input_error.hpp"
#include "sim/sweep/fnv_hash.hpp"

namespace sim::sweep {
namespace {

using config::Scalar;

Axis list(std::string parameter, std::vector<Scalar> values) {
  Axis axis;
  axis.parameter = std::move(parameter);
  axis.values = std::move(values);
  return axis;
}

Axis range(std::string parameter, double min, double max, bool log = false, bool integer = false) {
  Axis axis;
  axis.parameter = std::move(parameter);
  axis.min = min;
  axis.max = max;
  axis.log = log;
  axis.integer = integer;
  return axis;
}

TEST(BuildDesign, GridCrossesListsInOrder) {
  DesignSpec spec;
  spec.axes = {list("a", {std::int64_t{1}, std::int64_t{2}}), list("b", {std::string("x"), std::string("y"), std::string("z")})};
  const Design design = build_design(spec);
  ASSERT_EQ(design.points, 6u);
  EXPECT_EQ(design.parameters, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(design.value(0, 0), Scalar(std::int64_t{1}));
  EXPECT_EQ(design.value(2, 1), Scalar(std::string("z")));
  EXPECT_EQ(design.value(3, 0), Scalar(std::int64_t{2}));
  EXPECT_EQ(design.value(3, 1), Scalar(std::string("x")));
}

TEST(BuildDesign, SampledDesignsScaleRangesAndPickListValues) {
  DesignSpec spec;
  spec.method = Method::LatinHypercube;
  spec.samples = 40;
  spec.seed = 3;
  spec.axes = {range("x", 1, 1000, true), range("n", 5, 8, false, true), list("c", {std::string("p"), std::string("q")})};
  const Design design = build_design(spec);
  ASSERT_EQ(design.points, 40u);
  std::set<std::int64_t> integers;
  std::size_t p_count = 0;
  for (std::size_t p = 0; p < design.points; ++p) {
    const double x = std::get<double>(design.value(p, 0));
    EXPECT_GE(x, 1.0);
    EXPECT_LE(x, 1000.0);
    integers.insert(std::get<std::int64_t>(design.value(p, 1)));
    p_count += std::get<std::string>(design.value(p, 2)) == "p";
  }
  EXPECT_EQ(integers, (std::set<std::int64_t>{5, 6, 7, 8}));
  EXPECT_EQ(p_count, 20u);  // a Latin hypercube balances a two-value list exactly
}

// The mean and SD of many quantiles at evenly spread probabilities: the distribution's own.
void expect_moments(config::Distribution distribution, double mean, double sd) {
  const int n = 20000;
  double sum = 0, sum_sq = 0;
  for (int i = 0; i < n; ++i) {
    const double x = distribution_quantile(distribution, mean, sd, (i + 0.5) / n);
    sum += x;
    sum_sq += x * x;
  }
  const double m = sum / n, s = std::sqrt(sum_sq / n - m * m);
  EXPECT_NEAR(m, mean, 1e-3 * mean) << config::kDistributionNames[static_cast<int>(distribution)];
  EXPECT_NEAR(s, sd, 2e-2 * sd) << config::kDistributionNames[static_cast<int>(distribution)];
}

TEST(DistributionQuantile, MatchesTheDeclaredMeanAndSd) {
  using config::Distribution;
  expect_moments(Distribution::Normal, 10, 2);
  expect_moments(Distribution::LogNormal, 13, 3.9);
  expect_moments(Distribution::Gamma, 50000, 12500);
  expect_moments(Distribution::Beta, 0.184, 0.0368);
  EXPECT_EQ(distribution_quantile(Distribution::Gamma, 20, 0, 0.99), 20.0) << "no spread: the mean itself";
  EXPECT_THROW(distribution_quantile(Distribution::Beta, 1.5, 0.1, 0.5), InputError);
  EXPECT_THROW(distribution_quantile(Distribution::Gamma, 0, 1, 0.5), InputError);
}

TEST(BuildDesign, DistributionAxesDrawWithinTheRange) {
  Axis axis;
  axis.parameter = "p";
  axis.distribution = config::Distribution::Normal;
  axis.mean = 0.5;
  axis.sd = 10;  // far wider than the range: values are kept within it
  axis.min = 0;
  axis.max = 1;
  DesignSpec spec;
  spec.method = Method::LatinHypercube;
  spec.samples = 50;
  spec.axes = {axis};
  const Design design = build_design(spec);
  std::size_t at_bounds = 0;
  for (std::size_t p = 0; p < design.points; ++p) {
    const double x = std::get<double>(design.value(p, 0));
    EXPECT_GE(x, 0.0);
    EXPECT_LE(x, 1.0);
    at_bounds += x == 0.0 || x == 1.0;
  }
  EXPECT_GT(at_bounds, 40u);
  spec.method = Method::Grid;
  EXPECT_THROW(build_design(spec), InputError);
}

TEST(BuildDesign, SaltelliHasNTimesKPlusTwoPoints) {
  DesignSpec spec;
  spec.method = Method::Saltelli;
  spec.samples = 16;
  spec.axes = {range("a", 0, 1), range("b", 0, 1), range("c", 0, 1)};
  const Design design = build_design(spec);
  EXPECT_EQ(design.points, 16u * 5u);
  EXPECT_EQ(design.saltelli_base, 16u);
  EXPECT_EQ(design.saltelli_block.size(), design.points);
}

TEST(BuildDesign, RefusesSpecsWithoutPoints) {
  DesignSpec grid;
  grid.axes = {range("a", 0, 1)};
  EXPECT_THROW(build_design(grid), InputError);
  DesignSpec no_samples;
  no_samples.method = Method::Sobol;
  no_samples.axes = {range("a", 0, 1)};
  EXPECT_THROW(build_design(no_samples), InputError);
  EXPECT_THROW(build_design(DesignSpec{}), InputError);
}

TEST(MethodNames, RoundTrip) {
  for (Method m : {Method::Grid, Method::LatinHypercube, Method::Sobol, Method::Saltelli}) {
    EXPECT_EQ(method_from_name(method_name(m)), m);
  }
  EXPECT_FALSE(method_from_name("latin-hypercube").has_value());
}

Design small_grid() {
  DesignSpec spec;
  spec.axes = {list("program.caseload", {std::int64_t{8}, std::int64_t{14}}), list("program.rate", {1.0, 4.0})};
  return build_design(spec);
}

TEST(DesignHash, IsStableAcrossBuildsAndPlatforms) {
  // A change here changes every journal's and shard's identity: only on purpose.
  EXPECT_EQ(design_hash(small_grid(), "schema_version = 1\n", 5, 2024), "f0245ae52ce3c584");
  EXPECT_EQ(Fnv1a64().text("").hex(), "a8c7f832281a39c5");  // FNV-1a 64 of eight zero bytes (the length)
}

TEST(DesignHash, ChangesWithAnyPartOfTheDesign) {
  const Design design = small_grid();
  const std::string base = design_hash(design, "schema_version = 1\n", 5, 2024);
  EXPECT_EQ(base, design_hash(small_grid(), "schema_version = 1\n", 5, 2024));
  EXPECT_NE(base, design_hash(design, "schema_version = 1\n# changed\n", 5, 2024));
  EXPECT_NE(base, design_hash(design, "schema_version = 1\n", 6, 2024));
  EXPECT_NE(base, design_hash(design, "schema_version = 1\n", 5, 2025));
  Design other = design;
  other.values[3] = 4.000000000000001;
  EXPECT_NE(base, design_hash(other, "schema_version = 1\n", 5, 2024));
  Design retyped = design;
  retyped.values[0] = 8.0;  // the same number as a real is a different design
  EXPECT_NE(base, design_hash(retyped, "schema_version = 1\n", 5, 2024));
}

TEST(ScalarText, ShortestRoundTripAndChoiceIndices) {
  EXPECT_EQ(scalar_text(0.1), "0.1");
  EXPECT_EQ(scalar_text(std::int64_t{12}), "12");
  EXPECT_EQ(scalar_text(true), "true");
  EXPECT_EQ(scalar_text(std::string("language")), "language");
  const std::vector<Scalar> choices = {std::string("random"), std::string("language")};
  EXPECT_EQ(scalar_number(std::string("language"), choices), 1.0);
  EXPECT_TRUE(std::isnan(scalar_number(std::string("similarity"), choices)));
  EXPECT_EQ(scalar_number(false, {}), 0.0);
}

}  // namespace
}  // namespace sim::sweep
