// Open programs (models/mechanisms/open_program.cpp, with enrolment in models/population.cpp and
// matching in coach_attrition): rolling enrolment, the waitlist, hiring, graduation and mentors.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "models/matching.hpp"
#include "models/mechanisms/mechanisms.hpp"
#include "models/population.hpp"
#include "models/simulation.hpp"
#include "tests/models/model_test_support.hpp"

namespace coachsim {
namespace {

using namespace coachsim::testing;
namespace m = coachsim::mechanisms;

std::vector<std::string> open_params(std::vector<std::string> extra = {}) {
  std::vector<std::string> o = {kArmsCoachedOnly,           "population.enrolled=120",
                                "coaches.count=12",         "program.caseload=10",
                                "program.weeks=104",        "run.weeks=104",
                                "run.followup_week=104",    "coaches.quit_hazard_base=0",
                                "coaches.replace_quitters=false", "engagement.dropout_per_week=0",
                                "engagement.dropout_from_lapsed=0", "care.moves_per_year=0"};
  o.insert(o.end(), extra.begin(), extra.end());
  return o;
}

// Runs the population phases of weeks `from` .. `to` - 1 that move patients between coaches.
void run_flow(World& w, std::uint32_t from, std::uint32_t to) {
  for (std::uint32_t s = from; s < to; ++s) {
    m::coach_attrition(w, context(s));
    m::program_weeks(w, context(s), {0, w.patients.size()});
    m::open_program(w, context(s));
  }
}

TEST(OpenProgram, RollingEnrolmentSpreadsEntriesEvenlyAndNoOneIsCoachedBeforeEntering) {
  auto t = make_test_world(open_params({"program.enrolment_months=12"}));
  auto& w = t.world;
  const auto& pts = w.patients;
  const double weeks = 12 * 52.0 / 12.0;
  for (std::size_t i = 0; i < pts.size(); ++i) {
    EXPECT_EQ(pts.entry_week[i], static_cast<std::uint32_t>(weeks * static_cast<double>(i) / 120.0)) << i;
    EXPECT_EQ(pts.records.coach[pts.record(i)] >= 0, pts.entry_week[i] == 0) << i;
  }
  run_flow(w, 0, 30);
  for (std::size_t i = 0; i < pts.size(); ++i) {
    EXPECT_EQ(pts.records.coach[pts.record(i)] >= 0, pts.entry_week[i] <= 29) << i;
    EXPECT_EQ(pts.records.weeks_waited[pts.record(i)], 0) << "places enough for everyone: no one waits";
  }
}

TEST(OpenProgram, PatientsBeyondThePoolsPlacesWaitAndTheirWeeksAreCounted) {
  auto t = make_test_world(open_params({"coaches.count=5"}));  // 50 places for 120 patients
  auto& w = t.world;
  const auto& pts = w.patients;
  const auto& coach = pts.records.coach;
  EXPECT_EQ(std::count_if(coach.begin(), coach.end(), [](std::int32_t k) { return k >= 0; }), 50);
  run_flow(w, 0, 10);
  for (std::size_t i = 0; i < pts.size(); ++i)
    EXPECT_EQ(pts.records.weeks_waited[pts.record(i)], pts.records.coach[pts.record(i)] >= 0 ? 0 : 10) << i;
}

TEST(OpenProgram, AWaitlistMakesTheProgramHireEnoughCoachesAfterTheDelay) {
  auto t = make_test_world(open_params({"coaches.count=5", "coaches.hire_at_waitlist=20",
                                        "coaches.replacement_delay_weeks=4"}));
  auto& w = t.world;
  run_flow(w, 0, 1);
  ASSERT_EQ(w.ledger.replacements_due.size(), 7u) << "70 waiting, caseload 10";
  run_flow(w, 1, 4);
  EXPECT_EQ(w.ledger.replacements_due.size(), 7u) << "no second hiring for the same patients";
  EXPECT_EQ(w.coaches.size(), 5u);
  run_flow(w, 4, 6);
  EXPECT_EQ(w.coaches.size(), 12u);
  const auto& pts = w.patients;
  const auto& rec = pts.records;
  ASSERT_EQ(rec.size(), pts.size()) << "every patient in the program";
  EXPECT_TRUE(std::all_of(rec.coach.begin(), rec.coach.end() - 1, [](std::int32_t k) { return k >= 0; }));
  EXPECT_EQ(*std::max_element(rec.weeks_waited.begin(), rec.weeks_waited.end()), 4)
      << "weeks 0-3; matched at week 4";
}

TEST(OpenProgram, GraduatesLeaveCoachingAfterTheirMonthsAndFreeTheirPlace) {
  auto t = make_test_world(open_params({"coaches.count=6", "program.graduation_months=3"}));
  auto& w = t.world;
  const auto& pts = w.patients;
  const auto graduation_week = static_cast<std::uint32_t>(std::ceil(3 * 52.0 / 12.0));
  run_flow(w, 0, graduation_week);
  std::size_t graduated = 0;
  for (std::size_t i = 0; i < pts.size(); ++i) {
    graduated += pts.records.coach[pts.record(i)] == kGraduated;
    if (pts.records.coach[pts.record(i)] == kGraduated) {
      EXPECT_GE(pts.weeks_coached[i], 3 * 52.0 / 12.0);
    }
  }
  EXPECT_EQ(graduated, 60u) << "the first 60 coached from week 0 graduate together";
  run_flow(w, graduation_week, graduation_week + 1);
  for (std::size_t i = 0; i < pts.size(); ++i) {
    EXPECT_NE(pts.records.coach[pts.record(i)], kNoCoach) << "the freed places take the waiting patients";
  }
  EXPECT_EQ(w.ledger.mentors, 0u);
}

TEST(OpenProgram, GraduatesWhoBecomeMentorsJoinTheirArmsPool) {
  auto t = make_test_world(open_params({"coaches.count=12", "program.graduation_months=3",
                                        "program.graduate_mentor_share=1"}));
  auto& w = t.world;
  run_flow(w, 0, 20);
  EXPECT_EQ(w.ledger.mentors, 120u);
  ASSERT_EQ(w.coaches.size(), 132u);
  for (std::size_t k = 12; k < w.coaches.size(); ++k) {
    ASSERT_GE(w.coaches.patient[k], 0) << k;
    EXPECT_EQ(w.patients.records.coach[w.patients.record(static_cast<std::size_t>(w.coaches.patient[k]))],
              kGraduated);
    EXPECT_TRUE(w.coaches.active[k]);
  }
}

TEST(OpenProgram, TheWaitlistReachesTheSummaryOutputs) {
  const auto r = run_replicate(make_params(open_params({"coaches.count=5", "run.weeks=20", "program.weeks=20",
                                                        "run.followup_week=20"})),
                               0, serial_executor());
  EXPECT_NEAR(r.arm_summary[kShareWaited][0], 70.0 / 120.0, 1e-12);
  EXPECT_NEAR(r.arm_summary[kWeeksWaitedMean][0], 70.0 * 20 / 120.0, 1e-12);
  EXPECT_EQ(r.arm_summary[kShareGraduated][0], 0.0);
  EXPECT_EQ(r.summary[kMentors], 0.0);
}

TEST(OpenProgram, GraduationAndMentorsReachTheSummaryOutputs) {
  const auto r = run_replicate(make_params(open_params({"program.graduation_months=3", "program.graduate_mentor_share=1",
                                                        "run.weeks=30", "program.weeks=30", "run.followup_week=30"})),
                               0, serial_executor());
  EXPECT_GT(r.arm_summary[kShareGraduated][0], 0.5);
  EXPECT_NEAR(r.summary[kMentors], r.arm_summary[kShareGraduated][0] * 120, 1e-9) << "every graduate mentors";
  EXPECT_EQ(r.summary[kCoachesEver], 12 + r.summary[kMentors]);
}

}  // namespace
}  // namespace coachsim
