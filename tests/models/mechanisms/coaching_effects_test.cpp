// Mechanisms 2-5 (models/mechanisms/coaching_effects.cpp): advisor, supporter and role-model
// effects of a contact, and the allocation of responsibility.
#include <gtest/gtest.h>

#include <cmath>

#include "models/mechanisms/mechanisms.hpp"
#include "models/population.hpp"
#include "tests/models/model_test_support.hpp"

namespace coachsim {
namespace {

using namespace coachsim::testing;
namespace m = coachsim::mechanisms;

constexpr std::size_t kCoaches = 4;

std::vector<std::string> effect_params(std::vector<std::string> extra = {}) {
  std::vector<std::string> o = {"population.enrolled=40",
                                kArmsCoachedOnly,
                                "coaches.count=4",
                                "program.caseload=10",
                                "program.training_hours=36",
                                "coaching.training_half_hours=12",
                                "coaching.advisor_effect=0.06",
                                "coaching.language_mismatch_factor=0.5",
                                "coaching.low_literacy_factor=0.7",
                                "coaching.supporter_trust_effect=0.15",
                                "coaching.openness_trust_gain=1.0",
                                "coaching.supporter_adherence_effect=0.05",
                                "coaching.role_model_effect=0.08",
                                "coaching.credible_hba1c=7.5",
                                "coaching.activation_to_self_management=0.5",
                                "coaching.ownership_speedup=1.0",
                                "coaching.autonomy_rate=0.05",
                                "coaching.behaviour_decay=0.04",
                                "coaching.trust_decay=0.02",
                                "coaching.activation_decay=0.01",
                                // the base forms; needs, peer empathy and dependency act on top (tested below)
                                "coaching.need_fit=0",
                                "coaching.distress_empathy_gain=0",
                                "coaching.self_efficacy_distance_gain=0",
                                "coaching.openness_dependency=0"};
  o.insert(o.end(), extra.begin(), extra.end());
  return o;
}

// A controlled world: identical, balanced coaches and identical patients, patient i with coach i % 4,
// every patient contacted once (dose 1) this week.
// responsibility() reads who is in coaching this week from the contact phase (the Scheduled flag,
// set before it in the same pass): set as contact() sets it, then the phase.
void responsibility_in_week(World& w, std::uint32_t step) {
  for (std::size_t i = 0; i < w.patients.size(); ++i) {
    w.patients.set_flag(i, PatientFlag::Scheduled, w.in_coaching(i, step));
  }
  m::responsibility(w, context(step), all_patients(w));
}

TestWorld effect_world(std::vector<std::string> extra = {}) {
  auto t = make_test_world(effect_params(std::move(extra)));
  auto& w = t.world;
  auto& c = w.coaches;
  EXPECT_EQ(c.size(), kCoaches);
  for (std::size_t k = 0; k < c.size(); ++k) {
    c.advisor[k] = c.supporter[k] = c.role_model[k] = 1.0f / 3.0f;
    c.self_efficacy[k] = 0.5f;
    c.responsibility[k] = 0.4f;
    c.openness[k] = 0.5f;
    c.founders.people.hba1c_true[k] = 7.0f;  // every coach here a founder: their own diabetes
    c.founders.people.set_traits(k, {});
    c.founders.people.age[k] = 50.0f;
  }
  auto& pts = w.patients;
  auto& pp = pts.people;
  for (std::size_t i = 0; i < pts.size(); ++i) {
    pts.records.coach[pts.record(i)] = static_cast<std::int32_t>(i % kCoaches);
    pp.set_traits(i, {});
    pp.age[i] = 50.0f;
    pp.self_management[i] = pp.self_management0[i] = 0.3f;
    pp.adherence[i] = pp.adherence0[i] = 0.5f;
    pp.activation[i] = pp.activation0[i] = 0.4f;
    pp.autonomy[i] = 0.5f;
    pts.records.trust[pts.record(i)] = 0.0f;
    set_phone_contact(w, i, true);
  }
  return t;
}

// The share of the gap to 1 that a phase closed: (after - before) / (1 - before).
double closed(float before, float after) { return (static_cast<double>(after) - before) / (1.0 - before); }

TEST(Advisor, AContactRaisesSelfManagementAndNoContactChangesNothing) {
  auto t = effect_world();
  auto& w = t.world;
  for (std::size_t i = 1; i < w.patients.size(); i += 2) set_phone_contact(w, i, false);
  m::advisor(w, context(0), all_patients(w));
  for (std::size_t i = 0; i < w.patients.size(); ++i) {
    if (i % 2 == 0) {
      EXPECT_GT(w.patients.people.self_management[i], 0.3f) << i;
    } else {
      EXPECT_EQ(w.patients.people.self_management[i], 0.3f) << i;
    }
  }
}

TEST(Advisor, MoreTrainingHoursGiveALargerEffect) {
  auto gain_with = [](double hours) {
    auto t = effect_world({"program.training_hours=" + std::to_string(hours)});
    m::advisor(t.world, context(0), all_patients(t.world));
    return closed(0.3f, t.world.patients.people.self_management[0]);
  };
  const double few = gain_with(6), many = gain_with(36);
  EXPECT_GT(many, few);
  // The effect scales with skill from training: 1 - 2^(-hours / half_hours).
  EXPECT_NEAR(many / few, training_skill(36, 12) / training_skill(6, 12), 1e-3);
}

TEST(Advisor, LanguageMatchAndLiteracyRaiseTheEffect) {
  auto t = effect_world();
  auto& w = t.world;
  auto& pp = w.patients.people;
  pp.set_traits(1, {.language = Language::Spanish});  // coach speaks English
  pp.set_traits(2, {.low_literacy = true});
  m::advisor(w, context(0), all_patients(w));
  const double matched = closed(0.3f, pp.self_management[0]);
  EXPECT_NEAR(closed(0.3f, pp.self_management[1]) / matched, 0.5, 1e-3);  // language_mismatch_factor
  EXPECT_NEAR(closed(0.3f, pp.self_management[2]) / matched, 0.7, 1e-3);  // low_literacy_factor
}

TEST(Advisor, CoachOwnedChangeIsFaster) {
  auto t = effect_world();
  auto& w = t.world;
  w.coaches.responsibility[0] = 0.9f;
  w.coaches.responsibility[1] = 0.1f;
  m::advisor(w, context(0), all_patients(w));
  const double owned = closed(0.3f, w.patients.people.self_management[0]);
  const double facilitated = closed(0.3f, w.patients.people.self_management[1]);
  EXPECT_NEAR(owned / facilitated, (1 + 0.9) / (1 + 0.1), 1e-3);  // 1 + ownership_speedup x responsibility
}

TEST(Advisor, ALargerDoseClosesMoreOfTheGapButNeverOvershoots) {
  auto t = effect_world({"coaching.advisor_effect=1"});
  auto& w = t.world;
  w.patients.records.phone[w.patients.record(1)] = 100;  // a dose of 100
  m::advisor(w, context(0), all_patients(w));
  EXPECT_GT(w.patients.people.self_management[0], 0.3f);
  EXPECT_FLOAT_EQ(w.patients.people.self_management[1], 1.0f);  // capped at the gap
}

TEST(Supporter, TrustRisesWithContactAndFasterWithOpenBoundaries) {
  auto t = effect_world();
  auto& w = t.world;
  w.coaches.openness[0] = 0.9f;
  w.coaches.openness[1] = 0.1f;
  set_phone_contact(w, 2, false);
  m::supporter(w, context(0), all_patients(w));
  auto trust = [&w](std::size_t i) { return w.patients.records.trust[w.patients.record(i)]; };
  EXPECT_GT(trust(0), 0.0f);
  EXPECT_GT(trust(1), 0.0f);
  EXPECT_EQ(trust(2), 0.0f) << "no contact, no trust";
  EXPECT_GT(trust(0), trust(1));
  EXPECT_NEAR(trust(0) / trust(1), (1 + 0.9) / (1 + 0.1), 1e-3);  // 1 + openness_trust_gain x openness
  // Repeated contacts keep raising trust toward 1.
  float previous = trust(0);
  for (std::uint32_t s = 1; s < 10; ++s) {
    m::supporter(w, context(s), all_patients(w));
    EXPECT_GT(trust(0), previous);
    EXPECT_LE(trust(0), 1.0f);
    previous = trust(0);
  }
}

TEST(Supporter, AdherenceFollowsTrust) {
  auto t = effect_world({"coaching.supporter_trust_effect=0"});  // trust stays where it is set
  auto& w = t.world;
  w.patients.records.trust[w.patients.record(0)] = 0.8f;
  w.patients.records.trust[w.patients.record(1)] = 0.2f;
  w.patients.records.trust[w.patients.record(2)] = 0.0f;
  m::supporter(w, context(0), all_patients(w));
  const auto& adherence = w.patients.people.adherence;
  EXPECT_EQ(adherence[2], 0.5f) << "no trust, no adherence gain";
  EXPECT_GT(adherence[0], adherence[1]);
  EXPECT_GT(adherence[1], 0.5f);
  EXPECT_NEAR(closed(0.5f, adherence[0]) / closed(0.5f, adherence[1]), 4.0, 1e-3);  // proportional to trust
}

TEST(RoleModel, ActivationRisesMoreForACredibleSimilarCoach) {
  auto t = effect_world();
  auto& w = t.world;
  auto& c = w.coaches;
  c.founders.people.hba1c_true[0] = 6.5f;  // well controlled: credible
  c.founders.people.hba1c_true[1] = 9.5f;  // poorly controlled: not credible
  // Coach 2 is like its patients; coach 3 differs in language and sex and is 20 years older
  // (similarity 1/9 instead of 1).
  c.founders.people.set_traits(3, {.female = true, .language = Language::Chinese});
  c.founders.people.age[3] = 70.0f;
  set_phone_contact(w, 4, false);  // patient 4 has coach 0 but no contact this week
  m::role_model(w, context(0), all_patients(w));
  const auto& activation = w.patients.people.activation;
  for (std::size_t i = 0; i < 4; ++i) EXPECT_GT(activation[i], 0.4f) << i;
  EXPECT_EQ(activation[4], 0.4f);
  EXPECT_GT(activation[0], activation[1]);
  EXPECT_GT(closed(0.4f, activation[0]) / closed(0.4f, activation[1]), 5.0);
  EXPECT_GT(activation[2], activation[3]);
  EXPECT_GT(closed(0.4f, activation[2]), 5 * closed(0.4f, activation[3]));
}

TEST(Responsibility, AutonomyMovesTowardOneMinusResponsibility) {
  auto t = effect_world({"coaching.autonomy_rate=0.2"});
  auto& w = t.world;
  w.coaches.responsibility[0] = 0.9f;  // coach-owned change
  w.coaches.responsibility[1] = 0.1f;  // patient-owned change
  responsibility_in_week(w, 0);
  const auto& autonomy = w.patients.people.autonomy;
  EXPECT_LT(autonomy[0], 0.5f);
  EXPECT_GT(autonomy[1], 0.5f);
  EXPECT_NEAR(autonomy[0], 0.5 + 0.2 * (0.1 - 0.5), 1e-6);
  for (std::uint32_t s = 1; s < 200; ++s) responsibility_in_week(w, s);
  EXPECT_NEAR(autonomy[0], 0.1, 1e-4);
  EXPECT_NEAR(autonomy[1], 0.9, 1e-4);
  // Without contact autonomy stays.
  auto quiet = effect_world({"coaching.autonomy_rate=0.2"});
  set_phone_contact(quiet.world, 0, false);
  responsibility_in_week(quiet.world, 0);
  EXPECT_EQ(quiet.world.patients.people.autonomy[0], 0.5f);
}

TEST(Responsibility, GainsDecayFasterAtLowAutonomy) {
  auto t = effect_world();
  auto& w = t.world;
  auto& pp = w.patients.people;
  for (std::size_t i = 0; i < w.patients.size(); ++i) {
    set_phone_contact(w, i, false);
    pp.self_management[i] = 0.7f;  // well above what the patient's own activation supports (0.3)
    pp.adherence[i] = 0.9f;        // above the enrolment value 0.5
    pp.autonomy[i] = i % 2 == 0 ? 0.1f : 0.9f;
  }
  responsibility_in_week(w, 10);  // while coached
  const double drop_low = 0.7 - pp.self_management[0], drop_high = 0.7 - pp.self_management[1];
  EXPECT_GT(drop_low, 0.0);
  EXPECT_GT(drop_high, 0.0);
  EXPECT_NEAR(drop_low / drop_high, 0.9 / 0.1, 1e-2);  // rate behaviour_decay x (1 - autonomy)
  EXPECT_NEAR(drop_low, 0.04 * 0.9 * 0.4, 1e-5);
  const double adherence_low = 0.9 - pp.adherence[0], adherence_high = 0.9 - pp.adherence[1];
  EXPECT_NEAR(adherence_low / adherence_high, 9.0, 1e-2);
  // Gains decay toward, never below, the enrolment behaviour.
  for (std::uint32_t s = 11; s < 1000; ++s) responsibility_in_week(w, s);
  EXPECT_NEAR(pp.self_management[0], 0.3, 1e-4);
  EXPECT_NEAR(pp.adherence[0], 0.5, 1e-4);
  EXPECT_GE(pp.self_management[0], 0.3f - 1e-6f);
}

TEST(Responsibility, ActivationSupportsBehaviourAndBuildsItFasterAtHighAutonomy) {
  auto t = effect_world();
  auto& w = t.world;
  auto& pp = w.patients.people;
  for (std::size_t i = 0; i < w.patients.size(); ++i) {
    set_phone_contact(w, i, false);
    pp.activation[i] = 0.8f;  // 0.4 above enrolment: supports self-management 0.3 + 0.5 x 0.4 = 0.5
    pp.autonomy[i] = i % 2 == 0 ? 0.1f : 0.9f;
  }
  responsibility_in_week(w, 0);
  const double rise_low = pp.self_management[0] - 0.3, rise_high = pp.self_management[1] - 0.3;
  EXPECT_GT(rise_low, 0.0);
  EXPECT_NEAR(rise_high / rise_low, 9.0, 1e-2);  // rate behaviour_decay x autonomy
  // Activation gains decay toward the enrolment value.
  EXPECT_NEAR(pp.activation[0], 0.8 - 0.01 * 0.4, 1e-6);
}

TEST(Responsibility, TrustDecaysOnlyWithoutContact) {
  auto t = effect_world();
  auto& w = t.world;
  w.patients.records.trust[w.patients.record(0)] = 0.6f;
  w.patients.records.trust[w.patients.record(1)] = 0.6f;
  set_phone_contact(w, 1, false);
  responsibility_in_week(w, 0);
  EXPECT_EQ(w.patients.records.trust[w.patients.record(0)], 0.6f);
  EXPECT_NEAR(w.patients.records.trust[w.patients.record(1)], 0.6 * (1 - 0.02), 1e-6);
}

TEST(Durability, OnceCoachingEndsGainsWaneAtTheHalfLifeSlowedByAutonomy) {
  auto t = make_test_world({kArmsCoachedOnly, "population.enrolled=200", "coaches.count=20", "program.caseload=10",
                            "program.weeks=26", "durability.waning_half_life_weeks=13",
                            "durability.autonomy_shield=0.5"});
  auto& w = t.world;
  auto& pp = w.patients.people;
  for (std::size_t i = 0; i < w.patients.size(); ++i) {
    set_phone_contact(w, i, false);
    pp.self_management[i] = pp.self_management0[i] + 0.2f;
    pp.adherence[i] = pp.adherence0[i] + 0.2f;
    pp.activation[i] = pp.activation0[i] + 0.2f;
    pp.autonomy[i] = i % 2 == 0 ? 0.0f : 1.0f;
  }
  const double full = 1.0 - std::exp2(-1.0 / 13.0);
  responsibility_in_week(w, 26);  // the program has ended
  for (std::size_t i = 0; i < 2; ++i) {
    const double rate = full * (i == 0 ? 1.0 : 0.5);
    EXPECT_NEAR(pp.self_management[i] - pp.self_management0[i], 0.2 * (1 - rate), 1e-5);
    EXPECT_NEAR(pp.adherence[i] - pp.adherence0[i], 0.2 * (1 - rate), 1e-5);
    EXPECT_NEAR(pp.activation[i] - pp.activation0[i], 0.2 * (1 - rate), 1e-5);
  }
  // After one half-life at zero autonomy half of the gain is left.
  for (std::uint32_t s = 27; s < 39; ++s) responsibility_in_week(w, s);
  EXPECT_NEAR(pp.self_management[0] - pp.self_management0[0], 0.1, 1e-4);
}

TEST(Durability, WhileCoachedTheGainsDoNotWane) {
  auto t = make_test_world({kArmsCoachedOnly, "population.enrolled=200", "coaches.count=20", "program.caseload=10",
                            "program.weeks=26", "coaching.behaviour_decay=0", "coaching.activation_decay=0"});
  auto& w = t.world;
  auto& pp = w.patients.people;
  ASSERT_GE(w.patients.records.coach[w.patients.record(0)], 0);
  pp.adherence[0] = pp.adherence0[0] + 0.2f;
  responsibility_in_week(w, 5);
  EXPECT_FLOAT_EQ(pp.adherence[0], pp.adherence0[0] + 0.2f);
}

}  // namespace
}  // namespace coachsim

namespace coachsim {
namespace {

using namespace coachsim::testing;
namespace m = coachsim::mechanisms;

// Style x patient need (models/needs.hpp): each role acts on the patients who need it.
TEST(StyleFit, TheAdvisorServesPatientsWithLowSelfManagementMore) {
  auto t = effect_world({"coaching.need_fit=0.5"});
  auto& w = t.world;
  auto& pp = w.patients.people;
  pp.self_management[1] = pp.self_management0[1] = 0.7f;  // needs less advice than patient 0 (0.3)
  m::advisor(w, context(0), all_patients(w));
  const double needy = closed(0.3f, pp.self_management[0]), able = closed(0.7f, pp.self_management[1]);
  // advice need 0.35 vs 0.15: multipliers 1 - 0.5 + 0.35 = 0.85 and 0.65
  EXPECT_NEAR(needy / able, 0.85 / 0.65, 1e-3);
}

TEST(StyleFit, TheSupporterServesLowActivationPatientsMore) {
  auto t = effect_world({"coaching.need_fit=1"});
  auto& w = t.world;
  auto& pp = w.patients.people;
  pp.activation[1] = pp.activation0[1] = 0.8f;  // support need 0.2 against 0.6
  m::supporter(w, context(0), all_patients(w));
  EXPECT_NEAR(closed(0.0f, w.patients.records.trust[w.patients.record(0)]) /
                  closed(0.0f, w.patients.records.trust[w.patients.record(1)]),
              0.6 / 0.2, 1e-3);
}

TEST(StyleFit, CoachOwnedChangeSpeedsLowActivationPatientsOnly) {
  // Coach 0 takes charge (responsibility 0.9); patient 0 (activation 0.4) needs it, patient 4 of the
  // same coach (activation 1) can carry change alone and gains no speed from it.
  auto t = effect_world({"coaching.need_fit=1"});
  auto& w = t.world;
  auto& pp = w.patients.people;
  w.coaches.responsibility[0] = 0.9f;
  pp.activation[4] = pp.activation0[4] = 1.0f;
  pp.self_management[4] = pp.self_management0[4] = 0.3f;
  m::advisor(w, context(0), all_patients(w));
  const double needy = closed(0.3f, pp.self_management[0]), able = closed(0.3f, pp.self_management[4]);
  // speed 1 + 0.9 x 2 x 0.6 = 2.08 and 1 + 0.9 x 0 = 1
  EXPECT_NEAR(needy / able, 2.08, 1e-3);
}

TEST(StyleFit, AStyleSuitsSomePatientsAndNotOthers) {
  // An advisor-heavy and a supporter-heavy coach; a patient needing advice (low self-management,
  // high activation) and one needing support (high self-management, low activation). Each coach's
  // gain in HbA1c-lowering behaviour is larger for the patient their style serves.
  auto lowering = [](bool advisor_heavy, bool needs_advice) {
    auto t = effect_world({"coaching.need_fit=1"});
    auto& w = t.world;
    auto& c = w.coaches;
    c.advisor[0] = advisor_heavy ? 0.8f : 0.1f;
    c.supporter[0] = advisor_heavy ? 0.1f : 0.8f;
    c.role_model[0] = 0.1f;
    auto& pp = w.patients.people;
    pp.self_management[0] = pp.self_management0[0] = needs_advice ? 0.1f : 0.8f;
    pp.activation[0] = pp.activation0[0] = needs_advice ? 0.9f : 0.1f;
    w.patients.records.trust[w.patients.record(0)] = 0.5f;
    m::advisor(w, context(0), all_patients(w));
    m::supporter(w, context(0), all_patients(w));
    const auto& cl = w.p().clinical;
    return cl.self_management_effect * (pp.self_management[0] - pp.self_management0[0]) +
           cl.adherence_effect * (pp.adherence[0] - pp.adherence0[0]);
  };
  EXPECT_GT(lowering(true, true), lowering(false, true));
  EXPECT_GT(lowering(false, false), lowering(true, false));
}

TEST(StyleFit, OpenBoundariesInviteDependency) {
  auto t = effect_world({"coaching.autonomy_rate=1", "coaching.openness_dependency=0.5"});
  auto& w = t.world;
  w.coaches.responsibility[0] = w.coaches.responsibility[1] = 0.2f;
  w.coaches.openness[0] = 1.0f;
  w.coaches.openness[1] = 0.0f;
  responsibility_in_week(w, 0);
  EXPECT_NEAR(w.patients.people.autonomy[0], 1.0 - 0.2 - 0.5, 1e-6);
  EXPECT_NEAR(w.patients.people.autonomy[1], 1.0 - 0.2, 1e-6);
}

// Coach traits as Rogers 2014 found them: a coach with more diabetes distress and less
// self-efficacy is the more empathic, credible peer.
TEST(CoachTraits, DistressedLessConfidentCoachesSupportAndModelBetter) {
  auto t = effect_world({"coaching.distress_empathy_gain=1", "coaching.self_efficacy_distance_gain=1"});
  auto& w = t.world;
  auto& c = w.coaches;
  c.distress[0] = 0.8f;
  c.self_efficacy[0] = 0.2f;
  c.distress[1] = 0.1f;
  c.self_efficacy[1] = 0.9f;
  c.founders.people.hba1c_true[0] = c.founders.people.hba1c_true[1] = 7.0f;
  m::supporter(w, context(0), all_patients(w));
  m::role_model(w, context(0), all_patients(w));
  const double ratio = (1.8 * 1.8) / (1.1 * 1.1);
  EXPECT_NEAR(closed(0.0f, w.patients.records.trust[w.patients.record(0)]) /
                  closed(0.0f, w.patients.records.trust[w.patients.record(1)]),
              ratio, 1e-3);
  const auto& activation = w.patients.people.activation;
  EXPECT_NEAR(closed(0.4f, activation[0]) / closed(0.4f, activation[1]), ratio, 1e-3);
}

TEST(CoachTraits, SelfEfficacyNoLongerScalesTheAdvisor) {
  auto t = effect_world();
  auto& w = t.world;
  w.coaches.self_efficacy[0] = 0.1f;
  w.coaches.self_efficacy[1] = 0.9f;
  m::advisor(w, context(0), all_patients(w));
  EXPECT_FLOAT_EQ(w.patients.people.self_management[0], w.patients.people.self_management[1]);
}

}  // namespace
}  // namespace coachsim
