// Health economics (models/economics.cpp and the economic outputs of models/simulation.cpp).
#include "models/economics.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "models/simulation.hpp"
#include "models/summary.hpp"
#include "tests/models/model_test_support.hpp"

namespace coachsim {
namespace {

using namespace coachsim::testing;

constexpr double kWeeksPerMonth = 52.0 / 12.0;

// A program whose every cost can be worked out by hand: 4 coaches for 20 patients, all eligible,
// all trained, nobody contacted (no coach hours), nobody lapses, quits, moves or dies, no provider
// visits are charged and therapy never changes; 78 weeks, so costs fall in two years.
std::vector<std::string> tiny(std::vector<std::string> extra = {}) {
  std::vector<std::string> o = {
      kArmsCoachedOnly, "population.enrolled=20", "coaches.count=4", "program.caseload=10", "run.weeks=78",
      "run.followup_week=78", "program.weeks=78", "eligibility.hba1c_min=4", "eligibility.hba1c_max=25",
      "coaches.own_hba1c_max=20", "coaches.training_dropout=0", "coaches.exam_pass_rate=1",
      "coaches.quit_hazard_base=0", "program.phone_contacts_per_month=0", "program.in_person_contacts_per_month=0",
      "program.group_sessions_per_month=0", "coaching.patient_initiated_per_week=0", "engagement.lapse_per_week=0",
      "engagement.dropout_per_week=0", "care.mortality_at_55=0", "care.moves_per_year=0",
      "providers.intensification_probability=0", "coaching.resource_seeking_probability=0", "costs.provider_visit=0",
      "program.stipend_per_month=100", "program.supervision_hours_per_month=2", "costs.supervisor_pay_per_hour=50",
      "costs.training_per_trainee=80", "costs.training_per_trainee_hour=20", "program.training_hours=36",
      "costs.screening_per_candidate=15", "costs.overhead_per_patient_week=2", "economics.discount_rate=0.03",
      "outcomes.horizon_years=2", "coaches.screening_max_distance=1"};
  o.insert(o.end(), extra.begin(), extra.end());
  return o;
}

TEST(Economics, CostTotalsEqualAHandComputation) {
  const auto params = make_params(tiny());
  const auto r = run_replicate(params, 0, serial_executor());
  ASSERT_EQ(r.arm_summary[kEnrolled][0], 20.0);
  ASSERT_EQ(r.costs.years(), 2u);
  const double stipend_week = 4 * 100 / kWeeksPerMonth, supervision_week = 4 * 2 / kWeeksPerMonth * 50;
  // year 0: screening (20 patients + 4 coaches), training and weeks 0-51; year 1: weeks 52-77
  EXPECT_NEAR(r.costs.at(0, kCostRecruitment, 0), 24 * 15.0, 1e-9);
  EXPECT_NEAR(r.costs.at(0, kCostTraining, 0), 4 * (80 + 20 * 36.0), 1e-9);
  EXPECT_NEAR(r.costs.at(0, kCostStipends, 0), 52 * stipend_week, 1e-9);
  EXPECT_NEAR(r.costs.at(0, kCostStipends, 1), 26 * stipend_week, 1e-9);
  EXPECT_NEAR(r.costs.at(0, kCostSupervision, 1), 26 * supervision_week, 1e-9);
  EXPECT_NEAR(r.costs.at(0, kCostOverhead, 0), 52 * 20 * 2.0, 1e-9);
  EXPECT_NEAR(r.costs.at(0, kCostOverhead, 1), 26 * 20 * 2.0, 1e-9);
  for (auto c : {kCostCoachPay, kCostProviderVisits, kCostProviderRequests, kCostAddedTherapy}) {
    EXPECT_EQ(r.costs.at(0, c, 0) + r.costs.at(0, c, 1), 0.0) << kCostCategories[c].name;
  }
  // Per patient, discounted at 3%: year 1 weighs 1 / 1.03.
  const double year0 = 24 * 15.0 + 4 * 800.0 + 52 * (stipend_week + supervision_week + 40);
  const double year1 = 26 * (stipend_week + supervision_week + 40);
  const double program = (year0 + year1 / 1.03) / 20;
  double program_outputs = 0;
  for (const auto& category : kCostCategories) {
    if (category.program) program_outputs += r.arm_summary[kArmCostRecruitment + static_cast<std::size_t>(category.id)][0];
  }
  EXPECT_NEAR(program_outputs, program, 1e-9);
  EXPECT_NEAR(r.arm_summary[kCostPerPatient][0], (year0 + year1) / 20, 1e-9);  // the program's own ledger
  // Against the same patients uncoached, only the program costs differ.
  EXPECT_NEAR(r.arm_summary[kIncrementalCost][0], program, 1e-9);
}

TEST(Economics, DiscountingMatchesTheClosedForm) {
  const double rate = 0.035, cost = 1000;
  for (std::size_t years : {1u, 5u, 30u}) {
    const std::vector<double> flat(years, cost);
    // An annuity due: the first year undiscounted.
    const double closed = cost * (1 - std::pow(1 + rate, -static_cast<double>(years))) / (1 - 1 / (1 + rate));
    EXPECT_NEAR(discounted_sum(flat, rate), closed, 1e-9 * closed) << years;
  }
  EXPECT_DOUBLE_EQ(discount_factor(0.03, 0), 1.0);
  EXPECT_DOUBLE_EQ(discount_factor(0.03, 2), 1 / (1.03 * 1.03));
}

// An arm held at `hba1c` for the whole horizon, with nothing booked.
ArmTrajectory flat_arm(double hba1c, std::size_t weeks) {
  ArmTrajectory t;
  t.hba1c.assign(weeks + 1, hba1c);
  t.enrolled = 100;
  return t;
}

TEST(Economics, LifeYearsAndQalysWithoutDeathOrComplicationsAreAnnuities) {
  std::vector<std::string> none = {"care.mortality_at_55=0", "outcomes.horizon_years=20", "economics.discount_rate=0.03",
                                   "outcomes.utility_no_complications=0.8"};
  for (const char* c : {"mi", "stroke", "heart_failure", "amputation", "blindness", "renal_failure"}) {
    none.push_back(std::string("outcomes.") + c + "_rate=0");
  }
  const auto params = make_params(none);
  const auto arm = flat_arm(9.0, 26);
  const auto p = project_arm(params, arm, arm);
  const double annuity = (1 - std::pow(1.03, -20.0)) / (1 - 1 / 1.03);
  EXPECT_NEAR(p.life_years_discounted, annuity, 1e-9);
  EXPECT_NEAR(p.qalys_discounted, 0.8 * annuity, 1e-9);
  EXPECT_NEAR(p.cost_total, 0.0, 1e-12);
}

TEST(Economics, FirstEventsFollowTheUkpds35Gradient) {
  // No deaths: the chance of a first myocardial infarction within T years at a constant HbA1c one
  // point above the reference is 1 - exp(-rate / (1 - rrr) x T) (UKPDS 35: 14% lower risk per point).
  const auto params = make_params({"care.mortality_at_55=0", "outcomes.horizon_years=10", "outcomes.mi_rate=12",
                                   "outcomes.mi_rrr=0.14", "outcomes.reference_hba1c=7.5"});
  const auto above = project_arm(params, flat_arm(8.5, 26), flat_arm(8.5, 26));
  EXPECT_NEAR(above.events[0], 1 - std::exp(-0.012 / 0.86 * 10), 1e-9);
  const auto at = project_arm(params, flat_arm(7.5, 26), flat_arm(7.5, 26));
  EXPECT_NEAR(at.events[0], 1 - std::exp(-0.012 * 10), 1e-9);
}

TEST(Economics, BeyondTheRunTheDifferenceWanes) {
  // Coached 1 point below usual care at the end of a 26-week run; afterwards the gap halves every
  // 13 weeks, so the complication-cost saving of year 3 is a sliver of year 1's.
  const auto params = make_params({"outcomes.horizon_years=3", "durability.waning_half_life_weeks=13"});
  const auto usual = flat_arm(9.0, 26);
  const auto coached = flat_arm(8.0, 26);
  const auto a = project_arm(params, coached, usual), b = project_arm(params, usual, usual);
  const double saved1 = b.cost[kCostComplications][0] - a.cost[kCostComplications][0];
  const double saved3 = b.cost[kCostComplications][2] - a.cost[kCostComplications][2];
  EXPECT_GT(saved1, 0.0);
  EXPECT_LT(saved3, 0.5 * saved1) << "prevalence keeps a little of the gain, the hazards none";
  EXPECT_GT(a.qalys_discounted, b.qalys_discounted);
}

// Coaching that does nothing (tests/models/invariants_test.cpp).
const std::vector<std::string> kNoCoachingEffects = {
    "coaching.advisor_effect=0",           "coaching.supporter_trust_effect=0",
    "coaching.supporter_adherence_effect=0", "coaching.role_model_effect=0",
    "coaching.autonomy_rate=0",            "coaching.resource_seeking_probability=0",
    "coaching.patient_initiated_per_week=0", "engagement.contact_reengagement=0"};

TEST(Economics, ZeroEffectMeansZeroIncrementalQalysAndNoRatio) {
  std::vector<std::string> o = {kArmsTrial, "population.enrolled=200", "coaches.count=12", "program.caseload=10",
                                "run.replicates=6", "output.min_replicates=1"};
  o.insert(o.end(), kNoCoachingEffects.begin(), kNoCoachingEffects.end());
  const auto params = make_params(o);
  const auto reps = run_replicates(params, RunOptions{1, true, {}, {}});
  for (const auto& r : reps) {
    EXPECT_EQ(r.arm_summary[kIncrementalQalys][0], 0.0);
    EXPECT_EQ(r.arm_summary[kIncrementalLifeYears][0], 0.0);
    EXPECT_EQ(r.arm_summary[kIncrementalQalys][1], 0.0);
    EXPECT_EQ(r.arm_summary[kIncrementalCost][1], 0.0);
    EXPECT_GT(r.arm_summary[kIncrementalCost][0], 0.0) << "the program still costs";
  }
  const auto s = summarize(params, reps);
  ASSERT_EQ(s.cost_effectiveness.size(), 1u);
  EXPECT_EQ(s.cost_effectiveness[0].verdict, Verdict::NotEstimable);
  EXPECT_TRUE(std::isnan(s.cost_effectiveness[0].icer.mean));
  EXPECT_EQ(s.cost_effectiveness[0].probability_cost_effective[0], 0.0);
}

TEST(Economics, ACoachingEffectGainsQalys) {
  const auto params = make_params({kArmsTrial, "population.enrolled=300", "coaches.count=20", "run.replicates=4",
                                   "output.min_replicates=1"});
  const auto s = summarize(params, run_replicates(params, RunOptions{}));
  ASSERT_EQ(s.cost_effectiveness.size(), 1u);
  EXPECT_GT(s.arms[0][Statistic::IncrementalQalys].lo, 0.0);
  EXPECT_EQ(s.arms[1][Statistic::IncrementalQalys].mean, 0.0);
  EXPECT_GT(s.arms[0][Statistic::CostTotal].mean, s.arms[0][Statistic::CostComplications].mean);
  ASSERT_EQ(s.by_year.arms.size(), 2u);
  EXPECT_EQ(s.by_year.arms[0].qalys.size(), 10u);
}

}  // namespace
}  // namespace coachsim
