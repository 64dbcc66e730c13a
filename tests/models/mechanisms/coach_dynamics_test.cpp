// Mechanisms 8 and 9 (models/mechanisms/coach_dynamics.cpp): coaches' emotional load, attrition
// with reassignment or release and replacement, and the coach's own self-management gains.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "models/matching.hpp"
#include "models/mechanisms/mechanisms.hpp"
#include "models/population.hpp"
#include "models/weekly_step.hpp"
#include "tests/models/model_test_support.hpp"

namespace coachsim {
namespace {

using namespace coachsim::testing;
namespace m = coachsim::mechanisms;

std::vector<std::string> coach_params(std::vector<std::string> extra = {}) {
  std::vector<std::string> o = {kArmsCoachedOnly,
                                "population.enrolled=100",
                                "coaches.count=20",
                                "program.caseload=10",
                                "program.weeks=26",
                                "program.supervision_hours_per_month=2",
                                "program.stipend_per_month=0",
                                "coaches.load_per_hour=0.1",
                                "coaches.load_recovery_weeks=4",
                                "coaches.supervision_relief=0.25",
                                "coaches.openness_load_factor=1.0",
                                "coaches.distress_load_factor=1.0",
                                "coaches.quit_hazard_base=1e-9",
                                "coaches.quit_load_sensitivity=20",
                                "coaches.stipend_retention=0.2",
                                "coaches.depression_quit_factor=1.5",
                                "coaches.replace_quitters=false",
                                "coaches.replacement_delay_weeks=3",
                                "coaches.reassignment=reassign",
                                "coaching.coach_self_management_gain=0.01",
                                "coaching.coach_activation_gain=0.01"};
  o.insert(o.end(), extra.begin(), extra.end());
  return o;
}

void set_uniform_coaches(World& w) {
  auto& c = w.coaches;
  for (std::size_t k = 0; k < c.size(); ++k) {
    c.openness[k] = 0.5f;
    c.distress[k] = 0.0f;
    c.depressed[k] = 0;
    c.load[k] = 0.0f;
    c.hours[k] = 0.0f;
    c.contacts[k] = 0.0f;
  }
}

TEST(CoachLoad, OpenBoundariesAddMoreLoadThanFirmOnes) {
  auto t = make_test_world(coach_params());
  auto& w = t.world;
  set_uniform_coaches(w);
  auto& c = w.coaches;
  c.openness[0] = 0.9f;
  c.openness[1] = 0.1f;
  for (std::uint32_t s = 0; s < 6; ++s) {
    for (auto& h : c.hours) h = 4.0f;
    m::coach_load(w, context(s), all_coaches(w));
  }
  EXPECT_GT(c.load[0], c.load[1]);
  EXPECT_NEAR(c.load[0] / c.load[1], (1 + 0.9) / (1 + 0.1), 1e-4);
  // Distress adds load the same way.
  c.distress[2] = 0.8f;
  const float before2 = c.load[2], before3 = c.load[3];
  m::coach_load(w, context(6), all_coaches(w));
  EXPECT_GT(c.load[2] - before2, c.load[3] - before3);
}

TEST(CoachLoad, LoadRecoversAndSupervisionSpeedsRecovery) {
  auto load_after = [](double supervision) {
    auto t = make_test_world(coach_params({"program.supervision_hours_per_month=" + std::to_string(supervision)}));
    auto& w = t.world;
    set_uniform_coaches(w);
    for (std::uint32_t s = 0; s < 20; ++s) {
      for (auto& h : w.coaches.hours) h = 4.0f;
      m::coach_load(w, context(s), all_coaches(w));
    }
    return static_cast<double>(w.coaches.load[0]);
  };
  const double none = load_after(0), some = load_after(4);
  EXPECT_GT(none, 0.0);
  EXPECT_LT(some, none);
  // Without hours, load recovers by exp(-(1 + relief x supervision) / recovery_weeks) per week.
  auto t = make_test_world(coach_params());
  auto& w = t.world;
  set_uniform_coaches(w);
  w.coaches.load[0] = 1.0f;
  m::coach_load(w, context(0), all_coaches(w));
  EXPECT_NEAR(w.coaches.load[0], std::exp(-(1 + 0.25 * 2) / 4.0), 1e-6);
}

TEST(CoachLoad, InactiveCoachesKeepTheirLoad) {
  auto t = make_test_world(coach_params());
  auto& w = t.world;
  set_uniform_coaches(w);
  w.coaches.active[0] = 0;
  w.coaches.load[0] = 0.5f;
  w.coaches.hours[0] = 3.0f;
  m::coach_load(w, context(0), all_coaches(w));
  EXPECT_EQ(w.coaches.load[0], 0.5f);
}

TEST(CoachAttrition, QuitRateRisesWithLoadDepressionAndFallsWithStipend) {
  // 3000 coaches in three groups: no load, load 1.25 (hazard x e), depressed (hazard x 1.5).
  auto t = make_test_world(coach_params({"coaches.count=3000", "coaches.quit_hazard_base=0.02",
                                         "coaches.quit_load_sensitivity=0.8"}));
  auto& w = t.world;
  set_uniform_coaches(w);
  auto& c = w.coaches;
  double quits[3] = {0, 0, 0}, trials[3] = {0, 0, 0};
  for (std::uint32_t s = 0; s < 5; ++s) {
    for (std::size_t k = 0; k < c.size(); ++k) {
      c.active[k] = 1;
      c.load[k] = k % 3 == 1 ? 1.25f : 0.0f;
      c.depressed[k] = k % 3 == 2;
    }
    m::coach_attrition(w, context(s));
    for (std::size_t k = 0; k < c.size(); ++k) {
      quits[k % 3] += !c.active[k];
      trials[k % 3] += 1;
    }
  }
  expect_binomial(quits[0], trials[0], 0.02, "no load");
  expect_binomial(quits[1], trials[1], 0.02 * std::exp(0.8 * 1.25f), "load");
  expect_binomial(quits[2], trials[2], 0.02 * 1.5, "depressed");
  EXPECT_GT(quits[1], quits[0]);

  auto paid = make_test_world(coach_params({"coaches.count=3000", "coaches.quit_hazard_base=0.02",
                                            "program.stipend_per_month=250", "coaches.stipend_retention=0.4"}));
  set_uniform_coaches(paid.world);
  double paid_quits = 0;
  for (std::uint32_t s = 0; s < 5; ++s) {
    for (auto& a : paid.world.coaches.active) a = 1;
    m::coach_attrition(paid.world, context(s));
    for (auto a : paid.world.coaches.active) paid_quits += !a;
  }
  expect_binomial(paid_quits, 5 * 3000.0, 0.02 * std::exp(-0.4 * 2.5), "stipend");
}

// Makes coach 0 quit for certain in the next attrition phase (hazard 1e-9 x exp(20 x 10)).
void overload_first_coach(World& w) { w.coaches.load[0] = 10.0f; }

TEST(CoachAttrition, AQuittersPatientsAreReassignedToCoachesWithRoom) {
  auto t = make_test_world(coach_params({"coaches.reassignment=reassign"}));
  auto& w = t.world;
  set_uniform_coaches(w);
  overload_first_coach(w);
  std::vector<std::size_t> theirs;
  for (std::size_t i = 0; i < w.patients.size(); ++i) {
    if (w.patients.records.coach[w.patients.record(i)] == 0) theirs.push_back(i);
  }
  ASSERT_FALSE(theirs.empty());
  m::coach_attrition(w, context(3));
  EXPECT_FALSE(w.coaches.active[0]);
  EXPECT_EQ(w.coaches.quit_week[0], 3);
  EXPECT_EQ(w.ledger.quits, 1u);
  for (std::size_t k = 1; k < w.coaches.size(); ++k) EXPECT_TRUE(w.coaches.active[k]) << k;
  for (auto i : theirs) {
    ASSERT_GE(w.patients.records.coach[w.patients.record(i)], 1) << i;
    EXPECT_TRUE(w.coaches.active[static_cast<std::size_t>(w.patients.records.coach[w.patients.record(i)])]);
  }
  std::vector<std::uint32_t> counts(w.coaches.size(), 0);
  for (std::size_t i = 0; i < w.patients.size(); ++i) {
    ++counts.at(static_cast<std::size_t>(w.patients.records.coach[w.patients.record(i)]));
  }
  EXPECT_EQ(counts, w.coaches.caseload);
  for (auto n : counts) EXPECT_LE(n, 10u);
}

TEST(CoachAttrition, UnderTheReleasePolicyAQuittersPatientsLoseCoaching) {
  auto t = make_test_world(coach_params({"coaches.reassignment=release"}));
  auto& w = t.world;
  set_uniform_coaches(w);
  overload_first_coach(w);
  std::vector<std::size_t> theirs;
  for (std::size_t i = 0; i < w.patients.size(); ++i) {
    if (w.patients.records.coach[w.patients.record(i)] == 0) theirs.push_back(i);
  }
  m::coach_attrition(w, context(3));
  for (std::uint32_t s = 4; s < 8; ++s) m::coach_attrition(w, context(s));
  for (auto i : theirs) EXPECT_EQ(w.patients.records.coach[w.patients.record(i)], kReleasedFromCoaching) << i;
  // Released patients get no contacts even from coaches with room.
  m::coach_availability(w, context(8));
  m::contact(w, context(8), all_patients(w));
  for (auto i : theirs) EXPECT_EQ(w.dose(i), 0.0f);
}

TEST(CoachAttrition, AReplacementArrivesAfterTheDelayAndTakesTheWaitingPatients) {
  // 100 patients fill 10 coaches: a quitter's patients wait for the replacement.
  auto t = make_test_world(coach_params({"coaches.count=10", "coaches.replace_quitters=true",
                                         "coaches.replacement_delay_weeks=3", "coaches.reassignment=reassign"}));
  auto& w = t.world;
  set_uniform_coaches(w);
  std::vector<std::size_t> theirs;
  for (std::size_t i = 0; i < w.patients.size(); ++i) {
    if (w.patients.records.coach[w.patients.record(i)] == 0) theirs.push_back(i);
  }
  ASSERT_EQ(theirs.size(), 10u);
  overload_first_coach(w);
  m::coach_attrition(w, context(2));
  ASSERT_FALSE(w.coaches.active[0]);
  for (std::uint32_t s = 3; s < 5; ++s) {
    m::coach_attrition(w, context(s));
    EXPECT_EQ(w.coaches.size(), 10u) << "no replacement yet at week " << s;
    for (auto i : theirs)
      EXPECT_EQ(w.patients.records.coach[w.patients.record(i)], kNoCoach) << "waiting at week " << s;
  }
  m::coach_attrition(w, context(5));  // 2 + delay 3
  ASSERT_EQ(w.coaches.size(), 11u);
  EXPECT_TRUE(w.coaches.active[10]);
  EXPECT_EQ(w.coaches.start_week[10], 6);
  EXPECT_TRUE(w.ledger.replacements_due.empty());
  for (auto i : theirs) EXPECT_EQ(w.patients.records.coach[w.patients.record(i)], 10) << i;
  EXPECT_EQ(w.coaches.caseload[10], 10u);
}

TEST(CoachAttrition, NoQuitsOnceTheProgramHasEnded) {
  auto t = make_test_world(coach_params({"program.weeks=10"}));
  auto& w = t.world;
  set_uniform_coaches(w);
  for (auto& l : w.coaches.load) l = 10.0f;
  m::coach_attrition(w, context(10));
  for (auto a : w.coaches.active) EXPECT_TRUE(a);
  m::coach_attrition(w, context(9));
  for (auto a : w.coaches.active) EXPECT_FALSE(a);
}

TEST(CoachGains, CoachSelfManagementRisesWithContactsGiven) {
  auto t = make_test_world(coach_params());
  auto& w = t.world;
  auto& c = w.coaches;
  auto& cp = c.founders.people;  // every coach here a founder: their own diabetes
  for (std::size_t k = 0; k < c.size(); ++k) {
    c.advisor[k] = c.supporter[k] = c.role_model[k] = 1.0f / 3.0f;
    cp.self_management[k] = 0.4f;
    cp.activation[k] = 0.4f;
  }
  c.contacts[0] = 0.0f;
  c.contacts[1] = 1.0f;
  c.contacts[2] = 5.0f;
  c.contacts[3] = 5.0f;
  c.advisor[3] = 0.5f, c.supporter[3] = 0.5f, c.role_model[3] = 0.0f;  // not a role model
  for (std::size_t k = 4; k < c.size(); ++k) c.contacts[k] = 0.0f;
  m::coach_gains(w, context(0), all_coaches(w));
  EXPECT_EQ(cp.self_management[0], 0.4f);
  EXPECT_EQ(cp.activation[0], 0.4f);
  EXPECT_GT(cp.self_management[1], 0.4f);
  EXPECT_GT(cp.self_management[2], cp.self_management[1]);
  EXPECT_GT(cp.activation[2], cp.activation[1]);
  EXPECT_GT(cp.activation[1], 0.4f);
  EXPECT_EQ(cp.activation[3], 0.4f) << "activation gains come from being a role model";
  EXPECT_GT(cp.self_management[3], 0.4f) << "teaching consolidates self-management";
}

TEST(CoachWaning, APractisingCoachKeepsTheGainsAndOneWhoStoppedLosesThem) {
  auto t = make_test_world({kArmsTrial, "population.enrolled=100", "coaches.count=4", "program.caseload=50",
                            "program.weeks=26", "durability.waning_half_life_weeks=13",
                            "durability.autonomy_shield=0"});
  auto& w = t.world;
  auto& c = w.coaches;
  // Founders 0 (practising) and 1 (quit), their own diabetes held apart; replacements 4 (coaching)
  // and 5 (quit).
  ASSERT_EQ(recruit_coach(w, 0, 5), 4u);
  ASSERT_EQ(recruit_coach(w, 0, 5), 5u);
  for (std::size_t k = 0; k < c.size(); ++k) {
    auto [people, at] = w.coach_person(k);
    people.self_management[at] = people.self_management0[at] + 0.2f;
  }
  c.active[1] = c.active[5] = 0;  // quit
  c.founders.practising[1] = 0;
  auto gain = [&w](std::size_t k) {
    const auto [people, at] = w.coach_person(k);
    return people.self_management[at] - people.self_management0[at];
  };
  auto wane = [&](std::uint32_t step) {
    m::coach_waning(w, context(step), all_coaches(w));
    m::founder_waning(w, context(step), {0, c.founders.size()});
  };
  wane(10);
  const double rate = 1.0 - std::exp2(-1.0 / 13.0);
  for (std::size_t k : {0u, 4u}) EXPECT_NEAR(gain(k), 0.2, 1e-6) << k;
  EXPECT_NEAR(gain(1), 0.2 * (1 - rate), 1e-5) << "a founder who quit";
  EXPECT_NEAR(gain(5), 0.2, 1e-6) << "a replacement who quit is no longer simulated";
  wane(26);  // the program has ended: everyone wanes
  for (std::size_t k : {0u, 4u}) EXPECT_LT(gain(k), 0.2) << k;
}

}  // namespace
}  // namespace coachsim

namespace coachsim {
namespace {

// Trust and autonomy belong to the coach-patient pair: a patient reassigned after their coach quits
// starts a new relationship, keeping only coaching.relationship_carryover of the gains.
TEST(Relationships, ANewCoachStartsANewRelationship) {
  for (double carry : {0.0, 0.25}) {
    auto t = make_test_world(
        coach_params({"coaches.reassignment=reassign", "coaching.relationship_carryover=" + std::to_string(carry)}));
    auto& w = t.world;
    set_uniform_coaches(w);
    overload_first_coach(w);
    std::vector<std::size_t> theirs, others;
    for (std::size_t i = 0; i < w.patients.size(); ++i) {
      (w.patients.records.coach[w.patients.record(i)] == 0 ? theirs : others).push_back(i);
      w.patients.records.trust[w.patients.record(i)] = 0.8f;
      w.patients.records.autonomy0[w.patients.record(i)] = 0.5f;
      w.patients.people.autonomy[i] = 0.9f;
      EXPECT_EQ(w.patients.records.coaches_had[w.patients.record(i)],
                w.patients.records.coach[w.patients.record(i)] >= 0 ? 1 : 0);
    }
    ASSERT_FALSE(theirs.empty());
    m::coach_attrition(w, context(3));
    for (auto i : theirs) {
      ASSERT_GE(w.patients.records.coach[w.patients.record(i)], 1) << i;
      EXPECT_EQ(w.patients.records.coaches_had[w.patients.record(i)], 2) << i;
      EXPECT_NEAR(w.patients.records.trust[w.patients.record(i)], 0.8 * carry, 1e-6) << i;
      EXPECT_NEAR(w.patients.people.autonomy[i], 0.5 + carry * 0.4, 1e-6) << i;
    }
    for (auto i : others) {  // their relationship goes on
      EXPECT_EQ(w.patients.records.trust[w.patients.record(i)], 0.8f) << i;
      EXPECT_EQ(w.patients.people.autonomy[i], 0.9f) << i;
    }
  }
}

}  // namespace
}  // namespace coachsim

namespace coachsim {
namespace {

// Practice: trained style wanes toward the coach's own, supervision pulls it toward the norms and
// raises fidelity, experience adds skill.
TEST(CoachPractice, StyleWanesWithoutSupervisionAndSupervisionHoldsItAtTheNorms) {
  auto practise = [](double supervision, std::uint32_t weeks) {
    auto t = make_test_world(coach_params({"program.weeks=1040", "program.supervision_hours_per_month=" + std::to_string(supervision),
                                           "coaching.practice_waning_per_week=0.05",
                                           "coaching.supervision_style_pull=0.02", "program.norm_openness=0.2",
                                           "program.norm_responsibility=0.1", "coaching.experience_hours_per_week=1",
                                           "program.training_hours=12", "coaching.training_half_hours=12"}));
    auto& w = t.world;
    auto& c = w.coaches;
    for (std::size_t k = 0; k < c.size(); ++k) {
      c.natural_openness[k] = 0.9f, c.openness[k] = 0.2f;
      c.natural_responsibility[k] = 0.8f, c.responsibility[k] = 0.1f;
      c.natural_fidelity[k] = 0.5f, c.fidelity[k] = 0.8f;
    }
    for (std::uint32_t s = 0; s < weeks; ++s) m::coach_practice(w, context(s), all_coaches(w));
    return t;
  };
  const auto alone = practise(0, 200);
  EXPECT_NEAR(alone.world.coaches.openness[0], 0.9, 1e-3);  // back to the coach's own
  EXPECT_NEAR(alone.world.coaches.fidelity[0], 0.5, 1e-3);
  // With supervision s the steady state is (waning x natural + pull s x norm) / (waning + pull s).
  const auto supervised = practise(5, 400);
  EXPECT_NEAR(supervised.world.coaches.openness[0], (0.05 * 0.9 + 0.1 * 0.2) / 0.15, 1e-3);
  EXPECT_NEAR(supervised.world.coaches.responsibility[0], (0.05 * 0.8 + 0.1 * 0.1) / 0.15, 1e-3);
  EXPECT_NEAR(supervised.world.coaches.fidelity[0], (0.05 * 0.5 + 0.1 * 1.0) / 0.15, 1e-3);
  // Experience: after 12 weeks a coach trained 12 hours has the skill of 24 hours of training.
  const auto twelve = practise(0, 12);
  EXPECT_NEAR(twelve.world.coaches.skill[0], training_skill(24, 12), 1e-6);
}

TEST(CoachGains, AReciprocalPeersGainsReachTheirOwnPatientRecord) {
  auto t = make_test_world({"arms=[{name=\"peers\", share=1.0, intervention=\"reciprocal_peer\"}]",
                            "population.enrolled=40", "coaching.coach_self_management_gain=0.05",
                            "coaching.coach_activation_gain=0.05"});
  auto& w = t.world;
  auto& c = w.coaches;
  ASSERT_EQ(c.size(), 40u);
  const auto before = w.patients.people.self_management;
  const auto coach_side = c.people.self_management;
  for (std::size_t k = 0; k < c.size(); ++k) c.contacts[k] = k % 2 == 0 ? 2.0f : 0.0f;
  m::coach_gains(w, context(0), all_coaches(w));
  for (std::size_t k = 0; k < c.size(); ++k) {
    const auto i = static_cast<std::size_t>(c.patient[k]);
    if (k % 2 == 0) {
      EXPECT_GT(w.patients.people.self_management[i], before[i]) << k;
    } else {
      EXPECT_EQ(w.patients.people.self_management[i], before[i]) << k;
    }
  }
  EXPECT_EQ(c.people.self_management, coach_side) << "a peer's coach row holds no diabetes";
}

// A founder who quits leaves the coach table like anyone else -- their own diabetes and their twin's,
// which the coach outputs follow, are held apart and go on -- unless the coach table is asked for.
TEST(CoachRelease, AFounderWhoQuitsLeavesTheCoachTableUnlessTheCoachTableReadsTheirRow) {
  for (const bool table : {false, true}) {
    const auto params = make_params(coach_params(
        {"population.enrolled=300", "run.weeks=104", "program.weeks=104", "coaches.quit_hazard_base=0.05",
         "coaches.replace_quitters=true", table ? "output.coach_table=true" : "output.coach_table=false"}));
    auto t = make_test_world(params);
    auto& w = t.world;
    const std::size_t founders = w.coaches.founders.size();
    const auto start = w.coaches.founders.people.hba1c_true;
    const auto schedule = weekly_schedule();
    for (std::uint32_t week = 0; week < 104; ++week)
      schedule.step(w, sim::StepContext{week}, serial_executor());
    std::size_t in_table = 0;
    for (std::size_t k = 0; k < w.coaches.size(); ++k) in_table += w.coaches.is_founder(k);
    const auto quit = static_cast<std::size_t>(
        std::count(w.coaches.founders.practising.begin(), w.coaches.founders.practising.end(), 0));
    ASSERT_GT(quit, 0u) << table;
    if (table) {
      EXPECT_EQ(in_table, founders);
    } else {
      EXPECT_LT(in_table, founders) << "founders who quit released";
      EXPECT_GE(in_table, founders - quit);
    }
    EXPECT_EQ(w.coaches.founders.size(), founders);
    std::size_t moved = 0;
    for (std::size_t f = 0; f < founders; ++f) moved += w.coaches.founders.people.hba1c_true[f] != start[f];
    EXPECT_EQ(moved, founders) << "every founder's own diabetes goes on";
  }
}

// Former coaches (quit, owed nothing) are released as the run goes, so they do not
// accumulate; releasing every one of them each week instead moves no one's state or costs.
TEST(CoachRelease, FormerCoachesDoNotAccumulateAndReleasingThemMovesNoResult) {
  const auto params =
      make_params(coach_params({"population.enrolled=300", "run.weeks=104", "program.weeks=104",
                                "coaches.quit_hazard_base=0.05", "coaches.replace_quitters=true",
                                "program.stipend_per_month=50", "program.stipend_min_contacts_per_month=2",
                                "output.coach_table=true"}));
  auto a = make_test_world(params);
  auto b = make_test_world(params);
  const auto schedule = weekly_schedule();
  const std::size_t founders = a.world.coaches.size();
  std::size_t released_by_b = 0;
  for (std::uint32_t week = 0; week < 104; ++week) {
    schedule.step(a.world, sim::StepContext{week}, serial_executor());
    schedule.step(b.world, sim::StepContext{week}, serial_executor());
    std::vector<std::uint8_t> keep(b.world.coaches.size());
    for (std::size_t k = 0; k < keep.size(); ++k) keep[k] = !b.world.former_coach(k, week + 1);
    released_by_b += static_cast<std::size_t>(std::count(keep.begin(), keep.end(), 0));
    b.world.release_coaches(keep);

    const auto& pa = a.world.patients;
    const auto& pb = b.world.patients;
    ASSERT_EQ(pa.people.hba1c_true, pb.people.hba1c_true) << "week " << week;
    ASSERT_EQ(pa.records.trust, pb.records.trust) << "week " << week;
    ASSERT_EQ(pa.records.first_coach, pb.records.first_coach) << "week " << week;
    for (std::size_t s = 0; s < pa.records.size(); ++s) {
      const auto ka = pa.records.coach[s], kb = pb.records.coach[s];
      ASSERT_EQ(ka < 0, kb < 0) << s;
      if (ka < 0) continue;
      ASSERT_EQ(a.world.coaches.number[static_cast<std::size_t>(ka)],
                b.world.coaches.number[static_cast<std::size_t>(kb)])
          << "record " << s << ", week " << week;
    }
    ASSERT_EQ(a.world.ledger.cost_cumulative, b.world.ledger.cost_cumulative) << "week " << week;
    // The founders are never released: their position is their number.
    for (std::size_t k = 0; k < founders; ++k) ASSERT_EQ(a.world.coaches.number[k], k);
  }
  EXPECT_GT(released_by_b, 20u);
  EXPECT_EQ(a.world.ledger.coaches_recruited, b.world.ledger.coaches_recruited);
  EXPECT_LT(a.world.coaches.size(), a.world.ledger.coaches_recruited) << "former coaches were released";
  const auto& numbers = a.world.coaches.number;
  EXPECT_TRUE(std::is_sorted(numbers.begin(), numbers.end())) << "released in order";
}

}  // namespace
}  // namespace coachsim
