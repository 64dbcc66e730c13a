// The trial-style summary across replicates (models/summary.cpp).
#include "models/summary.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "models/simulation.hpp"
#include "tests/models/model_test_support.hpp"

namespace coachsim {
namespace {

using namespace coachsim::testing;

TEST(AcrossReplicates, MeanAndPercentileInterval) {
  std::vector<double> values;
  for (int i = 100; i >= 0; --i) values.push_back(i);  // 0..100 in reverse
  const auto interval = across_replicates(values);
  EXPECT_DOUBLE_EQ(interval.mean, 50.0);
  EXPECT_DOUBLE_EQ(interval.lo, 2.5);
  EXPECT_DOUBLE_EQ(interval.hi, 97.5);
}

TEST(AcrossReplicates, IgnoresNanAndHandlesTinySamples) {
  const auto one = across_replicates({std::nan(""), 3.0});
  EXPECT_EQ(one.mean, 3.0);
  EXPECT_EQ(one.lo, 3.0);
  EXPECT_EQ(one.hi, 3.0);
  const auto none = across_replicates({std::nan("")});
  EXPECT_TRUE(std::isnan(none.mean) && std::isnan(none.lo) && std::isnan(none.hi));
  const auto two = across_replicates({1.0, 2.0});
  EXPECT_DOUBLE_EQ(two.lo, 1.025);
  EXPECT_DOUBLE_EQ(two.hi, 1.975);
}

// A replicate result with only the summary statistics filled: arm 0 coached, arm 1 usual care,
// and a true-HbA1c trajectory over `weeks` recorded weeks with a constant difference from week 1.
ReplicateResult synthetic(double change_coached, double change_usual, double cost_coached, double goal_coached,
                          double goal_usual, double true_coached, double true_usual, std::size_t weeks = 53) {
  ReplicateResult r;
  r.arms = 2;
  r.weeks = weeks;
  for (auto& s : r.arm_summary) s.assign(2, 0.0);
  r.arm_summary[kEnrolled] = {100, 100};
  r.arm_summary[kChangeMean] = {change_coached, change_usual};
  r.arm_summary[kIttChangeMeasured] = {change_coached, change_usual};
  r.arm_summary[kCostPerPatient] = {cost_coached, 0.0};
  r.arm_summary[kShareBelow75AtFollowup] = {goal_coached, goal_usual};
  r.arm_summary[kIttShareBelow75] = {goal_coached, goal_usual};
  r.arm_summary[kFollowupTrueMean] = {true_coached, true_usual};
  r.arm_week[kHba1cTrueMean].assign(2 * weeks, true_usual);
  for (std::size_t w = 1; w < weeks; ++w) r.arm_week[kHba1cTrueMean][w] = true_coached;
  r.summary.fill(0.0);
  r.summary[kCoachesEver] = 10.0;
  r.summary[kCoachesQuit] = 3.0;
  r.summary[kCoachHba1cChange] = -0.2;
  r.summary[kCoachTwinHba1cChange] = 0.1;
  r.summary[kCoachEffectHba1c] = -0.3;
  r.summary[kCoachEffectSelfManagement] = 0.05;
  return r;
}

std::vector<std::string> projection_params(const char* horizon) {
  return {kArmsTrial, horizon, "durability.waning_half_life_weeks=13", "output.min_replicates=1"};
}

TEST(Summarize, ContrastCostsAndCoachEffects) {
  const auto params = make_params(projection_params("outcomes.horizon_years=1"));
  const std::vector<ReplicateResult> reps = {synthetic(-1.0, -0.2, 300, 0.30, 0.20, 9.0, 9.6),
                                             synthetic(-1.2, -0.4, 500, 0.40, 0.20, 8.8, 9.6)};
  const auto s = summarize(params, reps);
  ASSERT_EQ(s.arms.size(), 2u);
  EXPECT_EQ(s.arms[0].name, "coached");
  EXPECT_TRUE(s.arms[0].coaching);
  EXPECT_FALSE(s.arms[1].coaching);
  EXPECT_TRUE(s.has_contrast);
  EXPECT_EQ(s.treated, 0u);
  EXPECT_EQ(s.reference, 1u);
  EXPECT_DOUBLE_EQ(s.arms[0][Statistic::ChangeMean].mean, -1.1);
  EXPECT_DOUBLE_EQ(s[Statistic::ChangeDifference].mean, -0.8);
  EXPECT_DOUBLE_EQ(s[Statistic::IttChangeDifference].mean, -0.8);
  EXPECT_EQ(s[Statistic::IttChangeDifference].replicates, 2u);
  EXPECT_DOUBLE_EQ(s.cost_per_point, 400 / 0.8);           // mean cost 400 per patient, 0.8 points each
  EXPECT_DOUBLE_EQ(s.cost_per_patient_to_goal, 400 / 0.15);  // 15 more in 100 below 7.5%
  EXPECT_DOUBLE_EQ(s[Statistic::CoachesN].mean, 10.0);
  EXPECT_DOUBLE_EQ(s[Statistic::CoachAttrition].mean, 0.3);
  EXPECT_DOUBLE_EQ(s[Statistic::CoachHba1cChange].mean, -0.2);
  EXPECT_DOUBLE_EQ(s[Statistic::CoachTwinHba1cChange].mean, 0.1);
  EXPECT_DOUBLE_EQ(s[Statistic::CoachEffectHba1c].mean, -0.3);
}

// Replicates whose coached arm has the given incremental costs and QALYs (usual care: zero).
std::vector<ReplicateResult> incremental(const std::vector<std::pair<double, double>>& cost_and_qalys) {
  std::vector<ReplicateResult> reps;
  for (const auto& [cost, qalys] : cost_and_qalys) {
    auto r = synthetic(-1.0, -0.2, 300, 0.3, 0.2, 9.0, 9.6);
    r.arm_summary[kIncrementalCost] = {cost, 0.0};
    r.arm_summary[kIncrementalQalys] = {qalys, 0.0};
    reps.push_back(r);
  }
  return reps;
}

Verdict verdict_for(const std::vector<std::pair<double, double>>& cost_and_qalys) {
  const auto s = summarize(make_params({kArmsTrial, "output.min_replicates=1"}), incremental(cost_and_qalys));
  EXPECT_EQ(s.cost_effectiveness.size(), 1u);
  return s.cost_effectiveness.at(0).verdict;
}

TEST(Summarize, IcerOnlyWhenTheQalyIntervalIsClearOfZero) {
  const auto params = make_params({kArmsTrial, "output.min_replicates=1", "economics.wtp_low=50000"});
  const auto s = summarize(params, incremental({{1000, 0.01}, {2000, 0.02}, {3000, 0.02}}));
  ASSERT_EQ(s.cost_effectiveness.size(), 1u);
  const auto& ce = s.cost_effectiveness[0];
  EXPECT_EQ(ce.verdict, Verdict::Ratio);
  EXPECT_DOUBLE_EQ(ce.icer.mean, 2000.0 / (0.05 / 3));  // mean cost / mean QALYs, not the mean of ratios
  EXPECT_DOUBLE_EQ(ce.icer.lo, 100000);  // replicate ratios 100,000, 100,000, 150,000
  EXPECT_NEAR(ce.icer.hi, 147500, 1e-6);
  // NMB at 50,000: -500, -1,000, -2,000; none cost-effective.
  EXPECT_NEAR(ce.net_monetary_benefit[0].mean, -3500.0 / 3, 1e-9);
  EXPECT_DOUBLE_EQ(ce.probability_cost_effective[0], 0.0);
  EXPECT_DOUBLE_EQ(ce.probability_cost_effective[1], 0.0);        // break-even at best
  EXPECT_DOUBLE_EQ(ce.probability_cost_effective[2], 2.0 / 3);  // 150,000 x QALYs - cost > 0 twice

  EXPECT_EQ(verdict_for({{1000, 0.0}, {1000, 0.0}}), Verdict::NotEstimable);   // zero effect
  EXPECT_EQ(verdict_for({{1000, -0.01}, {1000, 0.02}}), Verdict::NotEstimable);  // spans zero
  EXPECT_EQ(verdict_for({{-100, 0.01}, {-200, 0.02}}), Verdict::Dominant);
  EXPECT_EQ(verdict_for({{100, -0.01}, {200, -0.02}}), Verdict::Dominated);
  EXPECT_EQ(verdict_for({{-100, -0.01}, {-200, -0.02}}), Verdict::SavesAtLoss);
  EXPECT_EQ(verdict_for({{-100, 0.01}, {300, 0.02}}), Verdict::Ratio);  // the cost interval spans zero
  EXPECT_EQ(verdict_for({{-300, 0.01}, {100, 0.02}}), Verdict::CostSaving);  // ... around a saving
}

TEST(Summarize, NoEffectMeansNoCostPerPoint) {
  const auto params = make_params({kArmsTrial, "output.min_replicates=1"});
  const auto s = summarize(params, {synthetic(-0.2, -0.3, 300, 0.10, 0.20, 9.6, 9.6)});
  EXPECT_TRUE(s.has_contrast);
  EXPECT_TRUE(std::isnan(s.cost_per_point));
  EXPECT_TRUE(std::isnan(s.cost_per_patient_to_goal));
}

TEST(Summarize, FewerReplicatesThanTheMinimumGiveANoteNotANumber) {
  const auto params = make_params({kArmsTrial, "output.min_replicates=3"});
  auto lonely = synthetic(-1.0, -0.2, 300, 0.3, 0.2, 9.0, 9.6);
  auto empty = lonely;
  empty.arm_summary[kIttChangeMeasured] = {std::nan(""), std::nan("")};  // e.g. nobody left alive
  const auto s = summarize(params, {lonely, empty, empty});
  EXPECT_FALSE(s.arms[0][Statistic::IttChangeMean].estimable);
  EXPECT_EQ(s.arms[0][Statistic::IttChangeMean].replicates, 1u);
  EXPECT_TRUE(std::isnan(s.arms[0][Statistic::IttChangeMean].mean));
  EXPECT_FALSE(s[Statistic::IttChangeDifference].estimable);
  EXPECT_TRUE(std::isnan(s.cost_per_point));
  EXPECT_TRUE(s.arms[0][Statistic::NEnrolled].estimable) << "statistics every replicate gives are still reported";
}

TEST(Summarize, NoContrastWithoutBothKindsOfArm) {
  const auto params =
      make_params({kArmsUsualCareOnly, "population.enrolled=50", "run.replicates=2", "output.min_replicates=1"});
  const auto reps = run_replicates(params, RunOptions{1, true, {}, {}});
  const auto s = summarize(params, reps);
  EXPECT_FALSE(s.has_contrast);
  ASSERT_EQ(s.arms.size(), 1u);
  EXPECT_EQ(s.arms[0][Statistic::NEnrolled].mean, 50.0);
  EXPECT_TRUE(std::isnan(s.cost_per_point));
}

TEST(Summarize, RealReplicatesGiveAConsistentContrast) {
  const auto params = make_params({kArmsTrial, "population.enrolled=300", "coaches.count=20", "run.replicates=4",
                                   "run.weeks=12", "run.followup_week=12", "program.weeks=12",
                                   "output.min_replicates=1"});
  const auto reps = run_replicates(params, RunOptions{2, false, {}, {}});
  const auto s = summarize(params, reps);
  ASSERT_TRUE(s.has_contrast);
  double difference = 0;
  for (const auto& r : reps) difference += r.arm_summary[kChangeMean][0] - r.arm_summary[kChangeMean][1];
  EXPECT_NEAR(s[Statistic::ChangeDifference].mean, difference / 4, 1e-12);
  EXPECT_LE(s[Statistic::ChangeDifference].lo, s[Statistic::ChangeDifference].mean);
  EXPECT_GE(s[Statistic::ChangeDifference].hi, s[Statistic::ChangeDifference].mean);
  EXPECT_EQ(s.arms[0][Statistic::NEnrolled].mean + s.arms[1][Statistic::NEnrolled].mean, 300.0);
}

}  // namespace
}  // namespace coachsim
