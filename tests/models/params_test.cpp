// Arms as programs: each arm's own parameter values (models/params.cpp arm_params) and what they
// change in a run: only that arm, and each peer-coaching arm with its own coach pool.
#include <gtest/gtest.h>

#include <cmath>

#include "models/population.hpp"
#include "models/simulation.hpp"
#include "sim/config/scenario_loader.hpp"
#include "tests/models/model_test_support.hpp"

namespace coachsim {
namespace {

using namespace coachsim::testing;

TEST(ArmParams, AnArmRunsOnTheScenarioWithItsOwnValuesInPlace) {
  const auto params = make_params(
      {"arms=[{name=\"a\", share=0.5, intervention=\"peer_coaching\", set={program.caseload=6, "
       "providers.intensification_probability=0.9, program.matching=\"random\"}}, "
       "{name=\"b\", share=0.5, intervention=\"usual_care\"}]"});
  const ModelParams a = arm_params(params, 0);
  EXPECT_EQ(a.program.caseload, 6u);
  EXPECT_EQ(a.providers.intensification_probability, 0.9);
  EXPECT_EQ(a.program.matching, Matching::Random);
  EXPECT_EQ(a.clinical.lag_weeks, params.clinical.lag_weeks);  // everything else is the scenario's
  const ModelParams b = arm_params(params, 1);
  EXPECT_EQ(b.program.caseload, params.program.caseload);
  EXPECT_EQ(b.providers.intensification_probability, params.providers.intensification_probability);
}

TEST(ArmParams, AnArmsOwnValuesSurviveTheResolvedScenario) {
  const auto first = sim::config::load_scenario_text(
      scenario_schema(),
      "schema_version = 1\n[[arms]]\nname = \"a\"\nshare = 0.5\nintervention = \"reciprocal_peer\"\n"
      "[arms.set]\nprogram.matching = \"random\"\ncoaching.coach_self_management_gain = 0.05\n"
      "[[arms]]\nname = \"b\"\nshare = 0.5\n",
      "s.toml", {});
  const auto again = sim::config::load_scenario_text(scenario_schema(), first.resolved_toml, "resolved.toml", {});
  EXPECT_EQ(again.values, first.values);
  const ModelParams p = read_params(again.values);
  EXPECT_EQ(p.arms[0].set.size(), 2u);
  EXPECT_EQ(arm_params(p, 0).coaching.coach_self_management_gain, 0.05);
  EXPECT_TRUE(p.arms[1].set.empty());
}

TEST(ArmParams, AnArmsOwnValuesChangeThatArmAndNoOther) {
  // Draws are keyed by person, never by arm: arm "a" must come out bit for bit the same whatever arm
  // "b" is given.
  const std::string a = "{name=\"a\", share=0.5, intervention=\"usual_care\"}";
  const auto plain = make_params({"arms=[" + a + ", {name=\"b\", share=0.5, intervention=\"usual_care\"}]",
                                  "population.enrolled=300", "run.weeks=30", "run.followup_week=26"});
  const auto nurse = make_params({"arms=[" + a +
                                      ", {name=\"b\", share=0.5, intervention=\"usual_care\", "
                                      "set={providers.visit_interval_weeks=2, providers.intensification_probability=0.9}}]",
                                  "population.enrolled=300", "run.weeks=30", "run.followup_week=26"});
  const auto r0 = run_replicate(plain, 0, serial_executor());
  const auto r1 = run_replicate(nurse, 0, serial_executor());
  const std::size_t weeks = r0.weeks;
  for (std::size_t week = 0; week < weeks; ++week) {
    EXPECT_EQ(r0.arm_week[kHba1cTrueMean][week], r1.arm_week[kHba1cTrueMean][week]) << week;
  }
  EXPECT_GT(r1.arm_week[kTreatmentStepMean][weeks + weeks - 1], r0.arm_week[kTreatmentStepMean][weeks + weeks - 1])
      << "more frequent visits that intensify more often add therapy in arm b";
}

TEST(ArmParams, EachPeerCoachingArmHasItsOwnPoolAndProgram) {
  auto t = make_test_world({"arms=[{name=\"a\", share=0.5, intervention=\"peer_coaching\"}, "
                            "{name=\"b\", share=0.5, intervention=\"peer_coaching\", set={coaches.count=40, "
                            "program.caseload=4}}]",
                            "population.enrolled=300", "coaches.count=20", "program.caseload=10"});
  const auto& w = t.world;
  std::size_t pool[2] = {0, 0};
  for (std::size_t k = 0; k < w.coaches.size(); ++k) ++pool[w.coaches.arm[k]];
  EXPECT_EQ(pool[0], 20u);
  EXPECT_EQ(pool[1], 40u);
  std::vector<std::uint32_t> held(w.coaches.size(), 0);
  for (std::size_t i = 0; i < w.patients.size(); ++i) {
    ASSERT_GE(w.patients.records.coach[w.patients.record(i)], 0) << i;
    const auto k = static_cast<std::size_t>(w.patients.records.coach[w.patients.record(i)]);
    EXPECT_EQ(w.coaches.arm[k], w.patients.arm[i]) << "patients are matched within their arm";
    ++held[k];
  }
  for (std::size_t k = 0; k < w.coaches.size(); ++k) EXPECT_LE(held[k], w.coaches.arm[k] == 0 ? 10u : 4u) << k;
}

}  // namespace
}  // namespace coachsim
