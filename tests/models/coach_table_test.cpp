// The coach and patient tables (output.coach_table, output.patient_table), and a within-trial
// regression on the coach table that reproduces the coach-trait directions of Rogers 2014.
#include <gtest/gtest.h>

#include <array>
#include <cmath>

#include "models/simulation.hpp"
#include "tests/models/model_test_support.hpp"

namespace coachsim {
namespace {

using namespace coachsim::testing;

// Ordinary least squares by the normal equations (a handful of columns).
template <std::size_t N>
std::array<double, N> least_squares(const std::vector<std::array<double, N>>& x, const std::vector<double>& y) {
  std::array<std::array<double, N + 1>, N> a{};
  for (std::size_t r = 0; r < x.size(); ++r) {
    for (std::size_t i = 0; i < N; ++i) {
      for (std::size_t j = 0; j < N; ++j) a[i][j] += x[r][i] * x[r][j];
      a[i][N] += x[r][i] * y[r];
    }
  }
  for (std::size_t i = 0; i < N; ++i) {  // Gauss-Jordan without pivoting: X'X is positive definite
    for (std::size_t k = 0; k < N; ++k) {
      if (k == i) continue;
      const double f = a[k][i] / a[i][i];
      for (std::size_t j = i; j <= N; ++j) a[k][j] -= f * a[i][j];
    }
  }
  std::array<double, N> beta{};
  for (std::size_t i = 0; i < N; ++i) beta[i] = a[i][N] / a[i][i];
  return beta;
}

ModelParams trial(std::uint32_t replicates) {
  return make_params({kArmsTrial, "population.enrolled=299", "coaches.count=23", "program.caseload=10",
                      "run.weeks=26", "run.followup_week=26", "program.weeks=26",
                      "run.replicates=" + std::to_string(replicates), "output.coach_table=true",
                      "output.patient_table=true", "coaching.distress_empathy_gain=1",
                      "coaching.self_efficacy_distance_gain=1", "coaching.depression_contact_factor=0.8"});
}

TEST(CoachTable, OneRowPerFoundingCoachAndPatientsPointToTheirFirstCoach) {
  const auto params = trial(2);
  const auto results = run_replicates(params, RunOptions{});
  for (const auto& r : results) {
    ASSERT_EQ(r.coaches.distress.size(), 23u);
    for (const auto& column : kCoachColumns) EXPECT_EQ((r.coaches.*column.member).size(), 23u) << column.name;
    ASSERT_EQ(r.patients.first_coach.size(), 299u);
    double patients = 0;
    for (double n : r.coaches.patients) patients += n;
    double coached = 0;
    for (std::size_t i = 0; i < r.patients.first_coach.size(); ++i) {
      EXPECT_EQ(r.patients.first_coach[i] >= 0, params.arms[static_cast<std::size_t>(r.patients.arm[i])].coached()) << i;
      coached += r.patients.first_coach[i] >= 0;
      EXPECT_GE(r.patients.coaches_had[i], r.patients.first_coach[i] >= 0 ? 1.0 : 0.0);
    }
    EXPECT_EQ(patients, coached);
  }
}

// Rogers 2014 (20 coaches, 109 patients of the Thom trial): patients improved more with coaches of
// higher diabetes distress, lower self-efficacy and no depression. The same regression on the
// model's coach table, pooled over replicates, gives the same signs.
TEST(CoachTable, WithinTrialRegressionReproducesTheCoachTraitDirectionsOfRogers2014) {
  const auto results = run_replicates(trial(300), RunOptions{});
  std::vector<std::array<double, 4>> x;
  std::vector<double> y;
  for (const auto& r : results) {
    const auto& t = r.coaches;
    for (std::size_t k = 0; k < t.distress.size(); ++k) {
      if (std::isnan(t.patients_change[k])) continue;
      x.push_back({1.0, t.distress[k], t.self_efficacy[k], t.depressed[k]});
      y.push_back(t.patients_change[k]);  // negative: improvement
    }
  }
  ASSERT_GT(x.size(), 5000u);
  const auto beta = least_squares(x, y);
  EXPECT_LT(beta[1], 0.0) << "higher coach distress: patients improve more";
  EXPECT_GT(beta[2], 0.0) << "higher coach self-efficacy: patients improve less";
  EXPECT_GT(beta[3], 0.0) << "depressed coach: patients improve less";
}

}  // namespace
}  // namespace coachsim
