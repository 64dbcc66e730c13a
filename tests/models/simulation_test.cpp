// Running replicates in batches (models/simulation.cpp): the same replicates, in replicate order,
// whatever the batching and threads, and a stop between batches propagates.
#include "models/simulation.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "models/summary.hpp"
#include "tests/models/model_test_support.hpp"

namespace coachsim {
namespace {

using namespace coachsim::testing;

void expect_batches_match_the_serial_reference(const std::vector<std::string>& overrides, int threads) {
  const auto params = make_params(overrides);
  const auto reference = run_replicates(params, RunOptions{1, true, {}, {}});
  RunOptions options;
  options.threads = threads;
  std::size_t next = 0, batches = 0;
  run_replicates(params, options, [&](std::span<const ReplicateResult> batch) {
    ++batches;
    for (const auto& r : batch) {
      ASSERT_LT(next, reference.size());
      std::string difference;
      EXPECT_TRUE(identical(r, reference[next], &difference)) << "replicate " << next << ": " << difference;
      ++next;
    }
  });
  EXPECT_EQ(next, reference.size());
  EXPECT_GT(batches, 1u) << "the test exercises more than one batch";
}

TEST(RunReplicates, BatchesGiveTheSerialReferenceReplicatesInOrder) {
  expect_batches_match_the_serial_reference(
      {kArmsTrial, "population.enrolled=120", "coaches.count=12", "run.replicates=37", "run.weeks=8",
       "run.followup_week=8"},
      2);
}

TEST(RunReplicates, OneThreadAndTwoCoachedArms) {
  expect_batches_match_the_serial_reference(
      {"arms=[{name=\"a\", share=0.5, coaching=true}, {name=\"b\", share=0.5, coaching=true}]",
       "population.enrolled=100", "coaches.count=10", "run.replicates=19", "run.weeks=6", "run.followup_week=6"},
      1);
}

TEST(RunReplicates, AStopBetweenBatchesPropagatesAndNoMoreRun) {
  const auto params = make_params({kArmsTrial, "population.enrolled=100", "coaches.count=10", "run.replicates=40",
                                   "run.weeks=4", "run.followup_week=4"});
  RunOptions options;
  options.threads = 1;
  int calls = 0;
  options.between_batches = [&] {
    if (++calls == 2) throw std::runtime_error("stop");
  };
  std::size_t seen = 0;
  EXPECT_THROW(run_replicates(params, options, [&](std::span<const ReplicateResult> batch) { seen += batch.size(); }),
               std::runtime_error);
  EXPECT_EQ(seen, 8u);  // one batch of 8 per thread
}

}  // namespace
}  // namespace coachsim
