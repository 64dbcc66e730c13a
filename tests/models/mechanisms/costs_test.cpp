// Program costs (models/mechanisms/costs.cpp and training costs booked at recruitment).
#include <gtest/gtest.h>

#include <cmath>

#include "models/mechanisms/mechanisms.hpp"
#include "models/simulation.hpp"
#include "tests/models/model_test_support.hpp"

namespace coachsim {
namespace {

using namespace coachsim::testing;
namespace m = coachsim::mechanisms;

constexpr double kWeeksPerMonth = 52.0 / 12.0;

std::vector<std::string> cost_params(std::vector<std::string> extra = {}) {
  std::vector<std::string> o = {kArmsTrial,
                                "population.enrolled=400",
                                "coaches.count=25",
                                "program.caseload=10",
                                "program.weeks=26",
                                "program.stipend_per_month=100",
                                "program.supervision_hours_per_month=2",
                                "coaches.training_dropout=0",
                                "coaches.exam_pass_rate=1",
                                "costs.coach_pay_per_hour=20",
                                "costs.training_per_trainee=800",
                                "costs.training_per_trainee_hour=0",
                                "costs.screening_per_candidate=0",
                                "coaches.screening_max_distance=1",
                                "costs.supervisor_pay_per_hour=50",
                                "costs.overhead_per_patient_week=2"};
  o.insert(o.end(), extra.begin(), extra.end());
  return o;
}

TEST(Costs, WeeklyCostsAreBookedToTheCoachedArmOnly) {
  auto t = make_test_world(cost_params());
  auto& w = t.world;
  ASSERT_TRUE(w.arm_coached[0]);
  ASSERT_FALSE(w.arm_coached[1]);
  m::coach_availability(w, context(0));
  m::contact(w, context(0), all_patients(w));
  m::tally_coach_work(w, context(0));
  const auto before = w.ledger.cost_cumulative;
  m::costs(w, context(0));
  EXPECT_EQ(w.ledger.cost_cumulative[1], before[1]);
  EXPECT_EQ(before[1], 0.0);

  // Expected: every active coach with patients costs pay x hours + stipend + supervision; plus overhead.
  const double fixed = 100 / kWeeksPerMonth + 2 / kWeeksPerMonth * 50;
  double expected = 0, coached_patients = 0, hours = 0;
  for (std::size_t k = 0; k < w.coaches.size(); ++k) {
    if (w.coaches.active[k] && w.coaches.caseload[k] > 0) expected += w.coaches.hours[k] * 20.0 + fixed;
    hours += w.coaches.hours[k];
  }
  for (std::size_t i = 0; i < w.patients.size(); ++i)
    coached_patients += w.patients.records.coach[w.patients.record(i)] >= 0;
  expected += 2 * coached_patients;
  EXPECT_GT(hours, 0.0);
  EXPECT_NEAR(w.ledger.cost_cumulative[0] - before[0], expected, 1e-6 * expected);
}

TEST(Costs, ActiveCoachesWithoutPatientsStillCostTheirStipendAndSupervision) {
  // 20 coaches for about 10 coached patients: about half the coaches hold no one this week, yet
  // each active coach is paid the stipend and supervised (coaches.* and program.* declarations).
  auto t = make_test_world(cost_params({"population.enrolled=20", "coaches.count=20", "program.caseload=10",
                                        "costs.overhead_per_patient_week=0"}));
  auto& w = t.world;
  for (auto& h : w.coaches.hours) h = 0.0f;
  std::size_t idle = 0;
  for (std::size_t k = 0; k < w.coaches.size(); ++k) idle += w.coaches.caseload[k] == 0;
  ASSERT_GT(idle, 0u);
  const auto before = w.ledger.cost_cumulative;
  m::costs(w, context(0));
  const double fixed = 100 / kWeeksPerMonth + 2 / kWeeksPerMonth * 50;
  EXPECT_NEAR(w.ledger.cost_cumulative[0] - before[0], 20 * fixed, 1e-9);
  EXPECT_EQ(w.ledger.cost_cumulative[1], before[1]);
  // Inactive coaches cost nothing.
  for (std::size_t k = 0; k < w.coaches.size(); ++k) {
    if (w.coaches.caseload[k] == 0) w.coaches.active[k] = 0;
  }
  const auto again = w.ledger.cost_cumulative;
  m::costs(w, context(1));
  EXPECT_NEAR(w.ledger.cost_cumulative[0] - again[0], static_cast<double>(20 - idle) * fixed, 1e-9);
}

TEST(Costs, NothingIsBookedOnceTheProgramHasEnded) {
  auto t = make_test_world(cost_params());
  auto& w = t.world;
  m::coach_availability(w, context(26));
  m::contact(w, context(26), all_patients(w));
  m::tally_coach_work(w, context(26));
  const auto before = w.ledger.cost_cumulative;
  m::costs(w, context(26));
  EXPECT_EQ(w.ledger.cost_cumulative, before);
}

TEST(Costs, EachCoachedArmTrainsItsOwnPool) {
  auto t = make_test_world(cost_params({"arms=[{name=\"a\", share=0.2, intervention=\"peer_coaching\"}, "
                                        "{name=\"b\", share=0.3, intervention=\"peer_coaching\"}, "
                                        "{name=\"usual\", share=0.5, intervention=\"usual_care\"}]",
                                        "program.caseload=20"}));
  const auto& cost = t.world.ledger.cost_cumulative;
  const double pool = 25 * 800.0;  // every trainee qualifies
  EXPECT_NEAR(cost[0], pool, 1e-6);
  EXPECT_NEAR(cost[1], pool, 1e-6);
  EXPECT_EQ(cost[2], 0.0);
}

TEST(Costs, AWholeRunChargesUsualCareNothing) {
  const auto params = make_params(cost_params({"coaches.quit_hazard_base=0.05", "coaches.replace_quitters=true",
                                               "run.weeks=30", "program.weeks=20"}));
  const auto result = run_replicate(params, 0, serial_executor());
  double previous = 0;
  for (std::size_t week = 0; week < result.weeks; ++week) {
    EXPECT_EQ(result.arm_week[kCostCumulative][1 * result.weeks + week], 0.0) << week;
    const double coached = result.arm_week[kCostCumulative][0 * result.weeks + week];
    EXPECT_GE(coached, previous) << week;
    if (week > 20) {
      EXPECT_EQ(coached, previous) << "no program costs after the program, week " << week;
    }
    previous = coached;
  }
  EXPECT_GT(previous, 25 * 800.0);
  EXPECT_EQ(result.arm_summary[kCostPerPatient][1], 0.0);
  EXPECT_NEAR(result.arm_summary[kCostPerPatient][0], previous / result.arm_summary[kEnrolled][0], 1e-9);
}

// Stipend cost booked in one week, all arms.
double stipends_booked(World& w, std::uint32_t week) {
  double before = 0, after = 0;
  for (std::size_t a = 0; a < w.p().arms.size(); ++a) before += w.ledger.costs.at(a, kCostStipends, 0);
  m::costs(w, context(week));
  for (std::size_t a = 0; a < w.p().arms.size(); ++a) after += w.ledger.costs.at(a, kCostStipends, 0);
  return after - before;
}

TEST(Costs, AConditionalStipendIsPaidAtTheMonthsEndOnlyForEnoughContacts) {
  // Month 0 is weeks 0-4. Even coaches deliver 6 contacts a week (30 in the month), odd ones 4 (20);
  // the minimum of 24 a month pro-rated to 5 weeks is 24 x 5 / (52/12) = 27.7.
  auto t = make_test_world(cost_params({"program.stipend_min_contacts_per_month=24"}));
  auto& w = t.world;
  auto& c = w.coaches;
  std::size_t active = 0, earning = 0;
  for (std::size_t k = 0; k < c.size(); ++k) {
    active += c.active[k];
    earning += c.active[k] && k % 2 == 0;
  }
  ASSERT_GT(earning, 0u);
  ASSERT_LT(earning, active);
  for (std::uint32_t week = 0; week < 5; ++week) {
    for (std::size_t k = 0; k < c.size(); ++k) c.contacts[k] = k % 2 == 0 ? 6.0f : 4.0f;
    const double booked = stipends_booked(w, week);
    if (week < 4) {
      EXPECT_EQ(booked, 0.0) << "nothing is paid before the month closes, week " << week;
    } else {
      EXPECT_NEAR(booked, static_cast<double>(earning) * 100 / kWeeksPerMonth * 5, 1e-9) << "paid for 5 weeks";
    }
  }
  for (std::size_t k = 0; k < c.size(); ++k) {
    if (!c.active[k]) continue;
    EXPECT_EQ(c.stipend_withheld[k], k % 2 == 0 ? 0 : 1) << k;
    EXPECT_EQ(c.month_weeks[k], 0) << "a new month starts";
  }
}

TEST(Costs, AStipendWithheldNoLongerHoldsTheCoach) {
  auto t = make_test_world(cost_params({"coaches.stipend_retention=2", "coaches.quit_hazard_base=0.2",
                                        "coaches.quit_load_sensitivity=0", "coaches.experience_quit_reduction=0",
                                        "coaches.depression_quit_factor=1", "coaches.count=400",
                                        "population.enrolled=20"}));
  auto& w = t.world;
  auto& c = w.coaches;
  for (std::size_t k = 0; k < c.size(); ++k) c.stipend_withheld[k] = k % 2;
  m::coach_attrition(w, context(1));
  double quits[2] = {0, 0}, coaches[2] = {0, 0};  // [withheld]
  for (std::size_t k = 0; k < 400; ++k) {
    coaches[k % 2] += 1;
    quits[k % 2] += !c.active[k];
  }
  expect_binomial(quits[0], coaches[0], 0.2 * std::exp(-2.0), "stipend paid");
  expect_binomial(quits[1], coaches[1], 0.2, "stipend withheld");
}

TEST(Costs, AConditionalStipendRaisesDeliveredContactsAndCostsOnlyWhatIsPaid) {
  const auto run = [](const char* minimum) {
    return run_replicate(make_params(cost_params({"program.stipend_min_contacts_per_month=" + std::string(minimum),
                                                  "coaching.conditional_stipend_fidelity_gain=0.5"})),
                         0, serial_executor());
  };
  const auto unconditional = run("0");
  const auto conditional = run("15");  // about 19 contacts a month are scheduled for a coach of 8
  const auto stipends = [](const ReplicateResult& r) { return r.costs.at(0, kCostStipends, 0); };
  EXPECT_GT(conditional.arm_summary[kDeliveredShare][0], unconditional.arm_summary[kDeliveredShare][0] + 0.05);
  EXPECT_GT(stipends(conditional), 0.0) << "most coaches earn it";
  EXPECT_LT(stipends(conditional), stipends(unconditional)) << "some months are withheld";
}

}  // namespace
}  // namespace coachsim
