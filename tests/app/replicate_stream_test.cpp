// Streaming replicates (coachsim run): the same replicates, in order, and the same summary as
// running them all at once.
#include "app/replicate_stream.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "app/scenario_input.hpp"
#include "models/simulation.hpp"

namespace coachsim::app {
namespace {

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0 || (std::isnan(a) && std::isnan(b)); }

void expect_same(const Interval& a, const Interval& b, const std::string& what) {
  EXPECT_TRUE(same_bits(a.mean, b.mean) && same_bits(a.lo, b.lo) && same_bits(a.hi, b.hi)) << what;
}

void expect_same(const RunSummary& a, const RunSummary& b) {
  ASSERT_EQ(a.arms.size(), b.arms.size());
  for (std::size_t arm = 0; arm < a.arms.size(); ++arm) {
    for (std::size_t s = 0; s < kStatisticCount; ++s) expect_same(a.arms[arm].stat[s], b.arms[arm].stat[s], "arm stat");
    expect_same(a.arms[arm].change_within_trial, b.arms[arm].change_within_trial, "within trial");
  }
  for (std::size_t s = 0; s < kStatisticCount; ++s) expect_same(a.overall[s], b.overall[s], "overall");
  EXPECT_EQ(a.has_contrast, b.has_contrast);
  EXPECT_TRUE(same_bits(a.cost_per_point, b.cost_per_point));
  EXPECT_TRUE(same_bits(a.cost_per_patient_to_goal, b.cost_per_patient_to_goal));
  EXPECT_TRUE(same_bits(a.averted.death, b.averted.death));
  EXPECT_TRUE(same_bits(a.averted.microvascular, b.averted.microvascular));
  EXPECT_TRUE(same_bits(a.averted.myocardial_infarction, b.averted.myocardial_infarction));
}

void check_scenario(const std::string& toml, int threads) {
  const Scenario scenario = load_scenario_text(toml, "stream.toml");
  const ModelParams& p = scenario.params;
  RunOptions all_at_once;
  all_at_once.threads = threads;
  const auto expected = run_replicates(p, all_at_once);

  StreamOptions options;
  options.threads = threads;
  std::size_t next = 0, batches = 0;
  const SummaryRows rows = stream_replicates(p, options, [&](std::span<const ReplicateResult> batch) {
    ++batches;
    for (const auto& r : batch) {
      ASSERT_LT(next, expected.size());
      EXPECT_EQ(r.arm_week, expected[next].arm_week) << "replicate " << next;
      EXPECT_EQ(r.quantiles, expected[next].quantiles) << "replicate " << next;
      ++next;
    }
  });
  EXPECT_EQ(next, expected.size());
  EXPECT_EQ(rows.size(), expected.size());
  EXPECT_GT(batches, 1u);
  expect_same(summarize_rows(p, rows), summarize(p, expected));
}

TEST(ReplicateStream, SameReplicatesInOrderAndTheSameSummary) {
  check_scenario("schema_version = 1\n[run]\nreplicates = 37\nseed = 5\n[population]\nenrolled = 120\n", 2);
}

TEST(ReplicateStream, OneThreadAndArmsWithoutAContrast) {
  check_scenario(
      "schema_version = 1\n[run]\nreplicates = 19\nseed = 9\n[population]\nenrolled = 100\n"
      "[[arms]]\nname = \"a\"\ncoaching = true\nshare = 0.5\n[[arms]]\nname = \"b\"\ncoaching = true\nshare = 0.5\n",
      1);
}

TEST(ReplicateStream, AStopBetweenBatchesPropagates) {
  const Scenario scenario =
      load_scenario_text("schema_version = 1\n[run]\nreplicates = 40\n[population]\nenrolled = 100\n", "stop.toml");
  StreamOptions options;
  options.threads = 1;
  int calls = 0;
  options.between_batches = [&] {
    if (++calls == 2) throw std::runtime_error("stop");
  };
  std::size_t seen = 0;
  EXPECT_THROW(stream_replicates(scenario.params, options,
                                 [&](std::span<const ReplicateResult> batch) { seen += batch.size(); }),
               std::runtime_error);
  EXPECT_EQ(seen, 8u);  // one batch of 8 per thread
}

}  // namespace
}  // namespace coachsim::app
