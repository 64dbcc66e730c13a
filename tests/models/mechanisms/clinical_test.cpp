// Mechanism 7, clinical dynamics (models/mechanisms/clinical.cpp): the lagged level, the slow
// fluctuation, measurement error, progression and the effects of behaviour and therapy.
#include <gtest/gtest.h>

#include <cmath>

#include "models/mechanisms/mechanisms.hpp"
#include "models/population.hpp"
#include "tests/models/model_test_support.hpp"

namespace coachsim {
namespace {

using namespace coachsim::testing;
namespace m = coachsim::mechanisms;

std::vector<std::string> clinical_params(std::vector<std::string> extra = {}) {
  std::vector<std::string> o = {kArmsUsualCareOnly,
                                "population.enrolled=1000",
                                "clinical.progression_per_year=0",
                                "clinical.lag_weeks=6",
                                "clinical.measurement_sd=0",
                                "clinical.fluctuation_sd=0",
                                "clinical.fluctuation_weeks=26",
                                "clinical.self_management_effect=2.0",
                                "clinical.adherence_effect=1.0",
                                "clinical.treatment_step_effect=1.0"};
  o.insert(o.end(), extra.begin(), extra.end());
  return o;
}

// Puts every person's level `gap` above their target (the set value: behaviour and therapy at enrolment).
void open_gap(People& people, float gap) {
  for (std::size_t i = 0; i < people.size(); ++i) {
    people.fluctuation[i] = 0.0f;
    people.hba1c_level[i] = people.hba1c_set[i] + gap;
  }
}

TEST(PatientClinical, TheLevelClosesOneMinusExpMinusOneOverLagOfTheGapPerWeek) {
  for (double lag : {1.0, 6.0, 13.0}) {
    auto t = make_test_world(clinical_params({"clinical.lag_weeks=" + std::to_string(lag)}));
    auto& w = t.world;
    auto& pp = w.patients.people;
    open_gap(pp, 3.0f);
    const double keep = std::exp(-1.0 / lag);
    for (std::uint32_t week = 0; week < 8; ++week) {
      m::patient_clinical(w, context(week), all_patients(w));
      for (std::size_t i = 0; i < pp.size(); ++i) {
        const double gap = pp.hba1c_level[i] - pp.hba1c_set[i];
        ASSERT_NEAR(gap, 3.0 * std::pow(keep, week + 1), 1e-4) << "lag " << lag << " week " << week;
        ASSERT_EQ(pp.hba1c_true[i], pp.hba1c_level[i]) << "no fluctuation";
        ASSERT_EQ(pp.hba1c_measured[i], pp.hba1c_true[i]) << "no measurement error";
      }
    }
  }
}

TEST(FounderClinical, TheFoundingCoachesFollowTheSameLag) {
  auto t = make_test_world(clinical_params({kArmsCoachedOnly, "coaches.count=20", "program.caseload=100"}));
  auto& w = t.world;
  auto& cp = w.coaches.founders.people;
  ASSERT_EQ(cp.size(), 20u);
  open_gap(cp, -2.0f);
  m::founder_clinical(w, context(0), {0, cp.size()});
  for (std::size_t k = 0; k < cp.size(); ++k) {
    EXPECT_NEAR(cp.hba1c_level[k] - cp.hba1c_set[k], -2.0 * std::exp(-1.0 / 6.0), 1e-5) << k;
  }
}

TEST(CoachClinical, AReplacementWhoQuitIsNoLongerSimulatedAFounderWhoQuitIs) {
  auto t = make_test_world(clinical_params({kArmsCoachedOnly, "coaches.count=1", "program.caseload=100"}));
  auto& w = t.world;
  auto& c = w.coaches;
  const std::size_t quit = recruit_coach(w, 0, 5), coaching = recruit_coach(w, 0, 5);  // two replacements
  ASSERT_TRUE(c.is_founder(0));
  ASSERT_FALSE(c.is_founder(quit));
  open_gap(c.people, -2.0f);
  open_gap(c.founders.people, -2.0f);
  open_gap(c.founders.twin, -2.0f);
  c.active[0] = 0;  // a founder who quit: the coach outputs follow them to the end
  c.founders.practising[0] = 0;
  c.active[quit] = 0;
  const auto before = c.people.hba1c_level;
  const auto founder_before = c.founders.people.hba1c_level;
  const auto twin_before = c.founders.twin.hba1c_level;
  m::coach_clinical(w, context(8), all_coaches(w));
  m::founder_clinical(w, context(8), {0, c.founders.size()});
  EXPECT_NE(c.founders.people.hba1c_level[0], founder_before[0]);
  EXPECT_NE(c.founders.twin.hba1c_level[0], twin_before[0]);
  EXPECT_EQ(c.people.hba1c_level[0], before[0]) << "a founder's row in the coach table holds no diabetes";
  EXPECT_EQ(c.people.hba1c_level[quit], before[quit]) << "keeps their last values";
  EXPECT_NE(c.people.hba1c_level[coaching], before[coaching]);
}

TEST(PatientClinical, BehaviourAdherenceAndTherapySetTheTarget) {
  // A short lag makes the level reach its target within a few weeks.
  auto t = make_test_world(clinical_params({"clinical.lag_weeks=0.1"}));
  auto& w = t.world;
  auto& pp = w.patients.people;
  for (std::size_t i = 0; i < pp.size(); ++i) {
    pp.self_management0[i] = 0.2f;
    pp.adherence0[i] = 0.5f;
    pp.set_treatment_step0(i, 1);
    pp.self_management[i] = 0.2f + (i % 4 == 1 ? 0.5f : 0.0f);  // -2.0 x 0.5 = -1.0
    pp.adherence[i] = 0.5f + (i % 4 == 2 ? 0.4f : 0.0f);        // -1.0 x 0.4 = -0.4
    pp.set_treatment_step(i, static_cast<std::uint8_t>(1 + (i % 4 == 3 ? 2 : 0)));  // -1.0 x 2 x 0.5 = -1.0
    pp.fluctuation[i] = 0.0f;
  }
  for (std::uint32_t week = 0; week < 3; ++week) m::patient_clinical(w, context(week), all_patients(w));
  // Linear lowering R, saturating toward the floor: room x (1 - exp(-R / room)), room = set - floor.
  const double lowering[4] = {0.0, 1.0, 0.4, 1.0};
  const double floor = w.p().clinical.hba1c_floor;
  for (std::size_t i = 0; i < pp.size(); ++i) {
    const double room = pp.hba1c_set[i] - floor;
    const double expected = i % 4 == 0 ? 0.0 : -room * -std::expm1(-lowering[i % 4] / room);
    EXPECT_NEAR(pp.hba1c_level[i] - pp.hba1c_set[i], expected, 1e-4) << i;
  }
}

TEST(PatientClinical, ProgressionRaisesTheTargetByItsYearlyRate) {
  auto t = make_test_world(clinical_params({"clinical.lag_weeks=0.1", "clinical.progression_per_year=0.5"}));
  auto& w = t.world;
  auto& pp = w.patients.people;
  for (std::uint32_t week = 0; week < 104; ++week) m::patient_clinical(w, context(week), all_patients(w));
  for (std::size_t i = 0; i < pp.size(); ++i) EXPECT_NEAR(pp.hba1c_level[i] - pp.hba1c_set[i], 1.0, 1e-3) << i;
}

TEST(PatientClinical, FluctuationIsStationaryWithTheGivenSdAndCorrelationTime) {
  const double sd = 0.8, tau = 10.0;
  auto t = make_test_world(clinical_params({"population.enrolled=20000", "clinical.fluctuation_sd=0.8",
                                            "clinical.fluctuation_weeks=10", "eligibility.hba1c_min=4",
                                            "eligibility.hba1c_max=25"}));
  auto& w = t.world;
  auto& pp = w.patients.people;
  auto fluctuations = [&] { return std::vector<double>(pp.fluctuation.begin(), pp.fluctuation.end()); };
  const double n = static_cast<double>(pp.size());
  const double sd_se = sd / std::sqrt(2 * n);
  // Unselected enrolment draws the fluctuation from its stationary law; it stays there.
  EXPECT_NEAR(sample_sd(fluctuations()), sd, kSigmas * sd_se);
  std::vector<double> start;
  for (std::uint32_t week = 0; week < 40; ++week) {
    if (week == 30) start = fluctuations();
    m::patient_clinical(w, context(week), all_patients(w));
  }
  const auto end = fluctuations();
  EXPECT_NEAR(mean(end), 0.0, kSigmas * sd / std::sqrt(n));
  EXPECT_NEAR(sample_sd(end), sd, kSigmas * sd_se);
  // Ten weeks apart the correlation is exp(-10 / tau).
  double cross = 0;
  for (std::size_t i = 0; i < end.size(); ++i) cross += start[i] * end[i];
  const double correlation = cross / n / (sd * sd);
  const double r = std::exp(-10.0 / tau);
  EXPECT_NEAR(correlation, r, kSigmas * (1 + r * r) / std::sqrt(n));
}

TEST(PatientClinical, FluctuationStartingAtZeroGrowsToItsStationarySd) {
  const double sd = 0.6, rho = std::exp(-1.0 / 5.0);
  auto t = make_test_world(clinical_params({"population.enrolled=20000", "clinical.fluctuation_sd=0.6",
                                            "clinical.fluctuation_weeks=5"}));
  auto& w = t.world;
  auto& pp = w.patients.people;
  for (auto& f : pp.fluctuation) f = 0.0f;
  const std::uint32_t weeks = 3;
  for (std::uint32_t week = 0; week < weeks; ++week) m::patient_clinical(w, context(week), all_patients(w));
  const double expected = sd * std::sqrt(1.0 - std::pow(rho, 2.0 * weeks));
  std::vector<double> f(pp.fluctuation.begin(), pp.fluctuation.end());
  EXPECT_NEAR(sample_sd(f), expected, kSigmas * expected / std::sqrt(2.0 * static_cast<double>(f.size())));
}

TEST(PatientClinical, MeasuredIsTrueValuePlusNoiseWithTheGivenSd) {
  auto t = make_test_world(clinical_params({"population.enrolled=20000", "clinical.measurement_sd=0.35",
                                            "clinical.fluctuation_sd=0.5"}));
  auto& w = t.world;
  auto& pp = w.patients.people;
  std::vector<double> error, error_next, innovation;
  const double rho = std::exp(-1.0 / 26.0);
  std::vector<double> before(pp.fluctuation.begin(), pp.fluctuation.end());
  m::patient_clinical(w, context(0), all_patients(w));
  for (std::size_t i = 0; i < pp.size(); ++i) {
    error.push_back(pp.hba1c_measured[i] - pp.hba1c_true[i]);
    innovation.push_back(pp.fluctuation[i] - rho * before[i]);
  }
  m::patient_clinical(w, context(1), all_patients(w));
  for (std::size_t i = 0; i < pp.size(); ++i) error_next.push_back(pp.hba1c_measured[i] - pp.hba1c_true[i]);
  const double n = static_cast<double>(error.size());
  // The error is independent of this week's change in the fluctuation.
  double error_innovation = 0;
  for (std::size_t i = 0; i < error.size(); ++i) error_innovation += error[i] * innovation[i];
  EXPECT_NEAR(error_innovation / n / (0.35 * sample_sd(innovation)), 0.0, kSigmas / std::sqrt(n));
  EXPECT_NEAR(mean(error), 0.0, kSigmas * 0.35 / std::sqrt(n));
  EXPECT_NEAR(sample_sd(error), 0.35, kSigmas * 0.35 / std::sqrt(2 * n));
  // Errors are independent from week to week.
  double cross = 0;
  for (std::size_t i = 0; i < error.size(); ++i) cross += error[i] * error_next[i];
  EXPECT_NEAR(cross / n / (0.35 * 0.35), 0.0, kSigmas / std::sqrt(n));
}

TEST(PatientClinical, DrawsAreKeyedByPersonAndWeek) {
  // The same person in the same week gets the same draws whatever else is in the world.
  auto t = make_test_world(clinical_params({"clinical.measurement_sd=0.3", "clinical.fluctuation_sd=0.9"}));
  const World initial = t.world;
  World whole = initial, split = initial, other_week = initial;
  m::patient_clinical(whole, context(5), all_patients(whole));
  m::patient_clinical(split, context(5), sim::AgentRange{500, 1000});
  m::patient_clinical(split, context(5), sim::AgentRange{0, 500});
  EXPECT_EQ(whole.patients.people.hba1c_measured, split.patients.people.hba1c_measured);
  EXPECT_EQ(whole.patients.people.fluctuation, split.patients.people.fluctuation);
  m::patient_clinical(other_week, context(6), all_patients(other_week));
  EXPECT_NE(whole.patients.people.hba1c_measured, other_week.patients.people.hba1c_measured);
}

TEST(PatientClinical, LoweringSaturatesNearTheFloorAndTrueHba1cNeverGoesBelowIt) {
  auto t = make_test_world({kArmsUsualCareOnly, "population.enrolled=2000", "clinical.fluctuation_sd=1.5",
                            "clinical.measurement_sd=0", "clinical.progression_per_year=0", "clinical.hba1c_floor=4.0",
                            "clinical.treatment_step_effect=5", "clinical.self_management_effect=10",
                            "eligibility.hba1c_min=4", "eligibility.hba1c_max=25"});
  auto& w = t.world;
  auto& people = w.patients.people;
  for (std::size_t i = 0; i < people.size(); ++i) {  // far more lowering than anyone has room for
    people.self_management[i] = 1.0f;
    people.adherence[i] = 1.0f;
    people.set_treatment_step(i, static_cast<std::uint8_t>(people.treatment_step0(i) + 4));
  }
  float lowest = 100.0f;
  for (std::uint32_t s = 0; s < 104; ++s) {
    m::patient_clinical(w, context(s), all_patients(w));
    for (std::size_t i = 0; i < people.size(); ++i) {
      lowest = std::min(lowest, people.hba1c_true[i]);
      ASSERT_GT(people.hba1c_level[i], 4.0f) << "the target saturates above the floor";
    }
  }
  EXPECT_GE(lowest, 4.0f) << "never below the floor";
  EXPECT_LT(lowest, 4.6f) << "the floor is approached, not a clamp far above it";
}

TEST(PatientClinical, SmallLoweringFarAboveTheFloorIsAlmostLinear) {
  auto t = make_test_world(clinical_params({"clinical.hba1c_floor=4.0"}));
  auto& w = t.world;
  auto& people = w.patients.people;
  for (std::size_t i = 0; i < people.size(); ++i) {
    people.hba1c_set[i] = 10.0f;
    people.hba1c_level[i] = 10.0f;
    people.self_management[i] = people.self_management0[i] + 0.1f;  // lowers the target by 0.2 (linear)
  }
  for (std::uint32_t s = 0; s < 200; ++s) m::patient_clinical(w, context(s), all_patients(w));
  // Saturating form: 6 * (1 - exp(-0.2 / 6)) = 0.1967 instead of 0.2.
  EXPECT_NEAR(people.hba1c_level[0], 10.0 - 6.0 * -std::expm1(-0.2 / 6.0), 1e-3);
}

TEST(PatientClinical, TrueHba1cIsTheSoftFloorOfLevelPlusFluctuationNearAndFarFromTheFloor) {
  // Levels at their targets stay put, so true HbA1c is the soft floor of the level: from 1 point below
  // the floor (log1p(exp(x)) itself) across floor + 2 (where the tile's arithmetic takes x + e^-x) to 8
  // above.
  auto t = make_test_world(clinical_params({"clinical.hba1c_floor=4.0"}));
  auto& w = t.world;
  auto& people = w.patients.people;
  const auto n = static_cast<double>(people.size());
  for (std::size_t i = 0; i < people.size(); ++i) {
    people.hba1c_set[i] = static_cast<float>(3.0 + 9.0 * static_cast<double>(i) / n);
    people.hba1c_level[i] = people.hba1c_set[i];
    people.fluctuation[i] = 0.0f;
  }
  m::patient_clinical(w, context(0), all_patients(w));
  for (std::size_t i = 0; i < people.size(); ++i) {
    const double level = people.hba1c_set[i];
    const double expected = 4.0 + 0.25 * std::log1p(std::exp((level - 4.0) / 0.25));
    ASSERT_EQ(people.hba1c_level[i], people.hba1c_set[i]) << "at its target";
    ASSERT_NEAR(people.hba1c_true[i], expected, 4e-6 * expected) << "level " << level;
  }
}

}  // namespace
}  // namespace coachsim
