// Clinical care and its exits, and the study's follow-up (models/mechanisms/care.cpp, followup.cpp).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "models/mechanisms/mechanisms.hpp"
#include "tests/models/model_test_support.hpp"

namespace coachsim {
namespace {

using namespace coachsim::testing;
namespace m = coachsim::mechanisms;

constexpr auto kInClinic = Care::InClinic;
constexpr auto kMoved = Care::Moved;
constexpr auto kDied = Care::Died;

TEST(CareExits, AnnualMortalityFollowsAgeAndHba1cAsDeclared) {
  const auto p = make_params();
  const auto& c = p.care;
  EXPECT_NEAR(m::annual_mortality(c, 55, c.mortality_reference_hba1c), c.mortality_at_55 * c.diabetes_mortality_ratio,
              1e-12);
  EXPECT_NEAR(m::annual_mortality(c, 65, 7.5) / m::annual_mortality(c, 55, 7.5), std::exp(10 * c.mortality_age_slope),
              1e-9);
  // One point higher HbA1c: risk divided by (1 - rrr), the UKPDS 35 gradient.
  EXPECT_NEAR(m::annual_mortality(c, 60, 9.5) / m::annual_mortality(c, 60, 8.5), 1.0 / (1.0 - c.mortality_rrr_per_point),
              1e-9);
  EXPECT_NEAR(1.0 - std::pow(1.0 - m::weekly_from_annual(0.2), 52), 0.2, 1e-12);
}

// care_exits computes the exact weekly hazard only for draws below this bound: it must never be
// below the exact hazard, and tight enough (a few times it) to spare nearly every draw the exact one.
TEST(CareExits, TheCheapMortalityBoundIsNeverBelowTheExactWeeklyHazard) {
  std::size_t tight = 0, points = 0;
  for (double log_annual = -60.0; log_annual <= 1.0; log_annual += 1e-4) {
    const double exact = m::weekly_from_annual(std::min(1.0, std::exp(log_annual)));
    const double bound = m::weekly_mortality_bound(log_annual);
    ASSERT_GE(bound, exact) << "log annual mortality " << log_annual;
    if (log_annual < -3.0) {
      ++points;
      tight += bound <= 5.5 * exact;
    }
  }
  EXPECT_EQ(tight, points);
}

TEST(CareExits, DeathAndMovesHappenAtTheirWeeklyRates) {
  auto t = make_test_world({kArmsUsualCareOnly, "population.enrolled=20000", "care.moves_per_year=0.3",
                            "care.mortality_at_55=0.2", "care.mortality_age_slope=0", "care.diabetes_mortality_ratio=1",
                            "care.mortality_rrr_per_point=0"});
  auto& w = t.world;
  auto& pts = w.patients;
  const double death = m::weekly_from_annual(0.2), move = m::weekly_from_annual(0.3);
  double died = 0, moved = 0, survivors = 0, trials = 0;
  for (std::uint32_t s = 0; s < 4; ++s) {
    for (std::size_t i = 0; i < pts.size(); ++i) pts.set_care(i, kInClinic);
    m::care_exits(w, context(s), all_patients(w));
    for (std::size_t i = 0; i < pts.size(); ++i) {
      died += pts.care(i) == kDied;
      moved += pts.care(i) == kMoved;
      trials += 1;
      survivors += pts.care(i) != kDied;
    }
  }
  expect_binomial(died, trials, death, "deaths");
  expect_binomial(moved, survivors, move, "moves among survivors");
}

TEST(CareExits, AnExitEndsTheProgramAndTheFollowUpButNotAMoversHba1c) {
  auto t = make_test_world({kArmsCoachedOnly, "population.enrolled=400", "coaches.count=40", "care.moves_per_year=1"});
  auto& w = t.world;
  auto& pts = w.patients;
  m::care_exits(w, context(0), all_patients(w));
  std::size_t movers = 0;
  for (std::size_t i = 0; i < pts.size(); ++i) {
    if (pts.care(i) == kInClinic) continue;
    EXPECT_EQ(pts.flag(i, PatientFlag::Followed), 0);
    EXPECT_EQ(pts.engagement(i), Engagement::Dropped);
    movers += pts.care(i) == kMoved;
  }
  ASSERT_GT(movers, 0u);
  const auto before = pts.people.hba1c_level;
  m::patient_clinical(w, context(1), all_patients(w));
  for (std::size_t i = 0; i < pts.size(); ++i) {
    if (pts.care(i) == kMoved) {
      EXPECT_NE(pts.people.hba1c_level[i], before[i]) << "a mover's HbA1c goes on";
    } else if (pts.care(i) == kDied) {
      EXPECT_EQ(pts.people.hba1c_level[i], before[i]) << "the dead keep their last values";
    }
  }
}

TEST(StudyFollowup, TrustAndResultsLowerTheLossHazard) {
  // A coached arm: trust is the program's, held in the records of the patients it serves.
  auto t = make_test_world({kArmsCoachedOnly, "population.enrolled=12000", "followup.loss_per_week=0.2",
                            "followup.trust_protection=1.0", "followup.result_protection=0.5"});
  auto& w = t.world;
  auto& pts = w.patients;
  double lost[3] = {0, 0, 0}, trials[3] = {0, 0, 0};
  for (std::uint32_t s = 0; s < 3; ++s) {
    for (std::size_t i = 0; i < pts.size(); ++i) {
      pts.set_flag(i, PatientFlag::Followed, true);
      pts.records.trust[pts.record(i)] = i % 3 == 1 ? 1.0f : 0.0f;
      pts.people.hba1c_true[i] = pts.baseline_true[i] - (i % 3 == 2 ? 2.0f : 0.0f);
    }
    m::study_followup(w, context(s), all_patients(w));
    for (std::size_t i = 0; i < pts.size(); ++i) {
      lost[i % 3] += !pts.flag(i, PatientFlag::Followed);
      trials[i % 3] += 1;
    }
  }
  expect_binomial(lost[0], trials[0], 0.2, "no trust, no improvement");
  expect_binomial(lost[1], trials[1], 0.2 * std::exp(-1.0), "full trust");
  expect_binomial(lost[2], trials[2], 0.2 * std::exp(-1.0), "two points better");
}

}  // namespace
}  // namespace coachsim
