// The replicate statistics store behind the summary (models/summary_input.cpp): columns come back
// in replicate order whether they stayed in memory or went to the temporary file.
#include "models/summary_input.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "models/summary.hpp"
#include "tests/models/model_test_support.hpp"

namespace coachsim {
namespace {

using namespace coachsim::testing;

// A replicate whose statistics are simple functions of `i` (arm 0 coached, arm 1 usual care).
ReplicateResult numbered(std::size_t i) {
  ReplicateResult r;
  r.arms = 2;
  r.weeks = 3;
  for (auto& s : r.arm_summary) s.assign(2, 0.0);
  const double x = static_cast<double>(i);
  r.arm_summary[kEnrolled] = {100 + x, 200 + x};
  r.arm_summary[kCompleted] = {90, 80};
  r.arm_summary[kChangeMean] = {-x, x};
  r.arm_summary[kChangeSd] = {1.5, 1.5};
  r.arm_summary[kIttChangeMeasured] = {-2 * x, 0.0};
  r.arm_week[kHba1cTrueMean] = {9.0, 8.0 - x, 8.0, 9.0, 9.0, 9.0};
  r.summary.fill(0.0);
  r.summary[kCoachesEver] = x;
  return r;
}

void expect_columns(std::size_t replicates) {
  const auto params = make_params({kArmsTrial, "output.min_replicates=1"});
  SummaryInput input(params);
  for (std::size_t i = 0; i < replicates; ++i) input.add(numbered(i));
  ASSERT_EQ(input.replicates(), replicates);
  const auto enrolled_usual = input.values(Statistic::NEnrolled, 1);
  const auto difference = input.values(Statistic::ChangeDifference);
  const auto itt_difference = input.values(Statistic::IttChangeDifference);
  const auto coaches = input.values(Statistic::CoachesN);
  const auto within_lo = input.within_trial(0, 1);
  ASSERT_EQ(enrolled_usual.size(), replicates);
  for (std::size_t i = 0; i < replicates; ++i) {
    const double x = static_cast<double>(i);
    ASSERT_EQ(enrolled_usual[i], 200 + x) << i;
    ASSERT_EQ(difference[i], -2 * x) << i;
    ASSERT_EQ(itt_difference[i], -2 * x) << i;
    ASSERT_EQ(coaches[i], x) << i;
    ASSERT_DOUBLE_EQ(within_lo[i], -x - 1.96 * 1.5 / std::sqrt(90.0)) << i;
  }
  // The path: week 1 differs by -x (mean over replicates), week 2 by -1.
  const auto path = input.difference_path();
  ASSERT_EQ(path.size(), 2u);
  EXPECT_DOUBLE_EQ(path[0], -(static_cast<double>(replicates) - 1) / 2 - 1);
  EXPECT_DOUBLE_EQ(path[1], -1.0);
  const auto s = summarize(params, input);
  EXPECT_DOUBLE_EQ(s[Statistic::CoachesN].mean, (static_cast<double>(replicates) - 1) / 2);
  EXPECT_EQ(s[Statistic::CoachesN].replicates, replicates);
}

TEST(SummaryInput, ColumnsComeBackInReplicateOrderFromMemory) { expect_columns(100); }

TEST(SummaryInput, ColumnsComeBackInReplicateOrderAcrossSpilledBlocks) { expect_columns(2 * 4096 + 123); }

}  // namespace
}  // namespace coachsim
