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
      {"arms=[{name=\"a\", share=0.5, intervention=\"peer_coaching\"}, {name=\"b\", share=0.5, intervention=\"peer_coaching\"}]",
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

TEST(RunReplicate, AReciprocalPeerArmsCoachGainsReachItsTrialPatients) {
  // The same patients and draws with and without the helper-therapy gain: with it, the arm's own
  // patients (who coach each other) end with more self-management and lower HbA1c.
  auto with_gain = [](double gain) {
    return make_params({"arms=[{name=\"peers\", share=1.0, intervention=\"reciprocal_peer\"}]",
                        "population.enrolled=400", "run.weeks=26", "program.weeks=26",
                        "coaching.coach_self_management_gain=" + std::to_string(gain),
                        "coaching.coach_activation_gain=" + std::to_string(gain)});
  };
  const auto none = run_replicate(with_gain(0.0), 0, serial_executor());
  const auto some = run_replicate(with_gain(0.05), 0, serial_executor());
  const std::size_t last = none.weeks - 1;
  EXPECT_GT(some.arm_week[kSelfManagementMean][last], none.arm_week[kSelfManagementMean][last] + 0.01);
  EXPECT_GT(some.arm_week[kActivationMean][last], none.arm_week[kActivationMean][last]);
  EXPECT_LT(some.arm_week[kHba1cTrueMean][last], none.arm_week[kHba1cTrueMean][last]);
  EXPECT_EQ(some.arm_week[kHba1cTrueMean][0], none.arm_week[kHba1cTrueMean][0]);
}

TEST(RunReplicate, EachArmsUsualCareCounterfactualIsTheSameWhateverTheOtherArmIs) {
  // An arm's usual-care projection comes from its own run when the arm is usual care, and from the
  // counterfactual of the coached arms' patients when it is coached: both give the same numbers, and
  // neither depends on the other arm.
  auto trial = [](const std::string& first_intervention) {
    return make_params({"arms=[{name=\"a\", share=0.5, intervention=\"" + first_intervention +
                            "\"}, {name=\"b\", share=0.5, intervention=\"peer_coaching\"}]",
                        "population.enrolled=300", "coaches.count=20", "run.weeks=26", "run.followup_week=26"});
  };
  const auto one_coached = run_replicate(trial("usual_care"), 0, serial_executor());
  const auto both_coached = run_replicate(trial("peer_coaching"), 0, serial_executor());
  ASSERT_EQ(one_coached.usual_care.size(), 2u);
  ASSERT_EQ(both_coached.usual_care.size(), 2u);
  for (std::size_t a = 0; a < 2; ++a) {
    EXPECT_EQ(one_coached.usual_care[a].qalys_discounted, both_coached.usual_care[a].qalys_discounted) << a;
    EXPECT_EQ(one_coached.usual_care[a].cost_total, both_coached.usual_care[a].cost_total) << a;
    EXPECT_EQ(one_coached.usual_care[a].life_years, both_coached.usual_care[a].life_years) << a;
  }
  EXPECT_NE(both_coached.projection[0].qalys_discounted, both_coached.usual_care[0].qalys_discounted);
}

}  // namespace
}  // namespace coachsim
