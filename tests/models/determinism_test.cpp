// Every number is a pure function of the scenario and the seed: identical for serial and parallel
// execution at any thread count, and for any way of running the replicates.
#include <gtest/gtest.h>

#include "models/population.hpp"
#include "models/simulation.hpp"
#include "tests/models/model_test_support.hpp"

namespace coachsim {
namespace {

using namespace coachsim::testing;

// Every mechanism active: attrition with replacement and reassignment, resource seeking with a
// binding clinic capacity, lapses and dropout, group sessions, a taper and a follow-up after the program.
std::vector<std::string> everything_on(std::uint32_t enrolled, std::vector<std::string> extra = {}) {
  std::vector<std::string> o = {kArmsTrial,
                                "population.enrolled=" + std::to_string(enrolled),
                                "coaches.count=" + std::to_string(enrolled / 16 + 1),
                                "program.caseload=10",
                                "coaches.style_mix=diverse",
                                "coaches.quit_hazard_base=0.01",
                                "coaches.replace_quitters=true",
                                "coaches.replacement_delay_weeks=2",
                                "coaches.reassignment=reassign",
                                "program.group_sessions_per_month=1",
                                "program.taper_after_weeks=8",
                                "program.taper_factor=0.5",
                                "program.weeks=12",
                                "run.weeks=16",
                                "run.followup_week=12",
                                "providers.request_capacity_per_1000=60",
                                "engagement.lapse_per_week=0.05",
                                "engagement.dropout_per_week=0.005"};
  o.insert(o.end(), extra.begin(), extra.end());
  return o;
}

void expect_identical(const ReplicateResult& a, const ReplicateResult& b, const std::string& what) {
  std::string difference;
  EXPECT_TRUE(identical(a, b, &difference)) << what << ": " << difference;
}

TEST(Determinism, SerialAndParallelPhasesGiveBitIdenticalReplicates) {
  // 24000 patients: each per-agent phase is split into many ranges, and the recorder into chunks.
  const auto params = make_params(everything_on(24000));
  const auto serial = run_replicate(params, 0, sim::Executor(sim::ExecutionMode::Serial));
  ASSERT_GT(serial.summary[kCoachesQuit], 0.0) << "the scenario exercises attrition";
  for (int threads : {1, 2, 8}) {
    const auto parallel = run_replicate(params, 0, sim::Executor(sim::ExecutionMode::Parallel, threads));
    expect_identical(serial, parallel, std::to_string(threads) + " threads");
  }
}

TEST(Determinism, RunReplicatesIsIdenticalForAnyWayOfRunning) {
  const auto params = make_params(everything_on(400, {"run.replicates=4"}));
  const auto reference = run_replicates(params, RunOptions{1, true, {}, {}});
  ASSERT_EQ(reference.size(), 4u);
  for (const auto& options : {RunOptions{1, false, {}, {}}, RunOptions{2, false, {}, {}}}) {
    const auto results = run_replicates(params, options);
    ASSERT_EQ(results.size(), 4u);
    for (std::size_t r = 0; r < 4; ++r) {
      expect_identical(reference[r], results[r], std::to_string(options.threads) + " threads, replicate " +
                                                     std::to_string(r));
    }
  }
  // Each replicate is run_replicate with its own index.
  expect_identical(reference[2], run_replicate(params, 2, serial_executor()), "replicate 2 alone");
  // Replicates differ from one another (they draw different populations).
  std::string difference;
  EXPECT_FALSE(identical(reference[0], reference[1], &difference));
}

TEST(Determinism, LargePopulationReplicatesAreIdenticalForAnyWayOfRunning) {
  // Above the parallel-phases threshold run_replicates parallelizes within each replicate instead.
  const auto params = make_params(everything_on(20000, {"run.replicates=2", "run.weeks=6", "run.followup_week=6"}));
  const auto reference = run_replicates(params, RunOptions{1, true, {}, {}});
  for (const auto& options : {RunOptions{1, false, {}, {}}, RunOptions{2, false, {}, {}}}) {
    const auto results = run_replicates(params, options);
    for (std::size_t r = 0; r < 2; ++r) {
      expect_identical(reference[r], results[r], std::to_string(options.threads) + " threads, replicate " +
                                                     std::to_string(r));
    }
  }
}

TEST(Determinism, ProgressIsReportedOncePerReplicate) {
  const auto params = make_params(everything_on(100, {"run.replicates=5"}));
  std::vector<std::size_t> seen;
  run_replicates(params, RunOptions{2, false, [&](std::size_t finished) { seen.push_back(finished); }, {}});
  EXPECT_EQ(seen, (std::vector<std::size_t>{1, 2, 3, 4, 5}));
}

TEST(Determinism, TheSeedChangesTheResultAndOnlyTheSeed) {
  const auto a = make_params(everything_on(300, {"run.seed=1"}));
  const auto b = make_params(everything_on(300, {"run.seed=2"}));
  expect_identical(run_replicate(a, 0, serial_executor()), run_replicate(a, 0, serial_executor()), "same seed");
  EXPECT_FALSE(identical(run_replicate(a, 0, serial_executor()), run_replicate(b, 0, serial_executor())));
  EXPECT_NE(replicate_seed(1, 0), replicate_seed(1, 1));
  EXPECT_NE(replicate_seed(1, 0), replicate_seed(2, 0));
}

}  // namespace
}  // namespace coachsim
