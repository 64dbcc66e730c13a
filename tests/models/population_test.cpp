// Screening, enrolment, randomization, coach recruitment and training (models/population.cpp).
#include "models/population.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

#include "tests/models/model_test_support.hpp"

namespace coachsim {
namespace {

using namespace coachsim::testing;

TEST(TestSupport, TestValuesSetEveryScenarioParameter) {
  // The model tests must not depend on the schema's (calibrated, changing) defaults.
  const std::set<std::string> given = test_value_keys();
  for (const auto& spec : scenario_schema().params.specs()) {
    EXPECT_TRUE(given.count(spec.path)) << spec.path << " is not set by tests/models/test_values.toml";
  }
}

TEST(Population, EnrolsExactlyTheRequestedNumberInScreeningOrder) {
  for (std::uint32_t n : {1u, 37u, 500u}) {
    auto t = make_test_world({"population.enrolled=" + std::to_string(n), kArmsUsualCareOnly});
    const auto& pts = t.world.patients;
    ASSERT_EQ(pts.size(), n);
    EXPECT_TRUE(std::is_sorted(pts.id.begin(), pts.id.end()));
    EXPECT_EQ(std::adjacent_find(pts.id.begin(), pts.id.end()), pts.id.end()) << "ids are unique";
    for (std::size_t i = 0; i < n; ++i) {
      EXPECT_EQ(pts.engagement(i), Engagement::Active);
      EXPECT_EQ(pts.records.coach[pts.record(i)], kNoCoach);
      EXPECT_LT(pts.clinic[i], 4u);
    }
  }
}

TEST(Population, CandidatesScreenedInParallelBlocksGiveTheSameWorldAsOneAtATime) {
  // Strict eligibility: many candidates per patient, so enrolment takes several screened blocks.
  const auto params = make_params({"population.enrolled=3000", "eligibility.hba1c_min=9.5", kArmsTrial});
  const World serial = make_world(params, 11);
  for (int threads : {1, 2, 8}) {
    const World parallel = make_world(params, 11, sim::Executor(sim::ExecutionMode::Parallel, threads));
    EXPECT_EQ(parallel.patients.id, serial.patients.id) << threads << " threads";
    EXPECT_EQ(parallel.patients.people.hba1c_true, serial.patients.people.hba1c_true) << threads << " threads";
    EXPECT_EQ(parallel.patients.arm, serial.patients.arm) << threads << " threads";
  }
  EXPECT_GT(serial.patients.id.back(), 2u * 3000u) << "screening rejected most candidates";
}

TEST(Population, TabulatedBehavioursAreTheBehavioursComputedDirectly) {
  // A world of kTabulatedBehavioursFrom patients tabulates the behaviours' Beta quantiles; one a
  // patient smaller computes them directly. Its patients are the larger world's first ones, and the
  // coach pools are the same: their behaviours must be the same bits.
  auto world_of = [](std::uint32_t enrolled) {
    return make_world(make_params({"population.enrolled=" + std::to_string(enrolled), kArmsTrial}), 3);
  };
  const World direct = world_of(kTabulatedBehavioursFrom - 1), tabulated = world_of(kTabulatedBehavioursFrom);
  ASSERT_FALSE(direct.patient_behaviours.has_value());
  ASSERT_TRUE(tabulated.patient_behaviours.has_value());
  ASSERT_TRUE(tabulated.candidate_behaviours.at(0).has_value());
  const auto& d = direct.patients;
  const auto& t = tabulated.patients;
  for (std::size_t i = 0; i < d.size(); ++i) {
    ASSERT_EQ(d.id[i], t.id[i]);
    ASSERT_EQ(d.people.self_management0[i], t.people.self_management0[i]) << i;
    ASSERT_EQ(d.people.adherence0[i], t.people.adherence0[i]) << i;
  }
  ASSERT_GT(direct.coaches.size(), 0u);
  EXPECT_EQ(direct.coaches.founders.people.self_management0,
            tabulated.coaches.founders.people.self_management0);
  EXPECT_EQ(direct.coaches.founders.people.adherence0, tabulated.coaches.founders.people.adherence0);
}

// The usual-care counterfactual enrols from the main run's enrolment: the wanted arms' patients drawn
// again by candidate are the patients a full enrolment would give, column for column.
TEST(Population, AKnownEnrolmentGivesTheWantedArmsPatientsAsAFullEnrolmentWould) {
  const auto params = make_params({"population.enrolled=2000", "eligibility.uptake=0.8", kArmsTrial});
  Enrolment found;
  const World full = make_world(params, 5, serial_executor(), nullptr, nullptr, &found);
  ASSERT_EQ(found.candidate, full.patients.id);
  ASSERT_EQ(found.arm, full.patients.arm);
  auto usual = params;
  for (auto& arm : usual.arms) arm.intervention = Intervention::UsualCare;
  const std::vector<bool> wanted = {true, false};  // the coached arm's patients
  const World screened = make_world(usual, 5, serial_executor(), nullptr, &wanted);
  for (int threads : {1, 2}) {
    const World known =
        make_world(usual, 5, sim::Executor(sim::ExecutionMode::Parallel, threads), &found, &wanted);
    ASSERT_EQ(known.patients.size(), screened.patients.size());
    // Compare column by column through the one list of columns.
    const auto bytes_a = column_bytes(known.patients), bytes_b = column_bytes(screened.patients);
    ASSERT_EQ(bytes_a.size(), bytes_b.size());
    for (std::size_t column = 0; column < bytes_a.size(); ++column) {
      EXPECT_EQ(bytes_a[column], bytes_b[column]) << "column " << column << ", " << threads << " threads";
    }
    EXPECT_EQ(known.ledger.cost_cumulative, screened.ledger.cost_cumulative);
  }
}

TEST(Population, TheCoachesRecruitedAtWeekZeroAreTheFoundersNumberedFirst) {
  const auto t = make_test_world({"population.enrolled=200", "coaches.count=20"});
  const auto& c = t.world.coaches;
  ASSERT_EQ(c.founders.size(), c.size());
  for (std::size_t k = 0; k < c.size(); ++k) {
    EXPECT_EQ(c.number[k], k);
    EXPECT_TRUE(c.is_founder(k));
    EXPECT_EQ(c.founders.id[k], c.id[k]);
    EXPECT_EQ(c.founders.arm[k], c.arm[k]);
    EXPECT_TRUE(c.founders.practising[k]);
    EXPECT_EQ(c.founders.people.hba1c_true[k], c.founders.twin.hba1c_true[k])
        << "the twin starts as the founder";
  }
  EXPECT_EQ(c.founders.id.capacity(), c.founders.size()) << "no room kept for founders to come";
}

TEST(Population, PatientsFirstCoachesAreHeldWhenAPatientOrCoachTableIsAsked) {
  for (const std::string table : {"", "output.patient_table=true", "output.coach_table=true"}) {
    std::vector<std::string> overrides{"population.enrolled=200", "coaches.count=20", "output.patient_table=false",
                                       "output.coach_table=false"};
    if (!table.empty()) overrides.push_back(table);
    const auto t = make_test_world(overrides);
    const auto& records = t.world.patients.records;
    EXPECT_GT(records.size(), 0u);
    EXPECT_EQ(records.has_first_coach, !table.empty()) << table;
    EXPECT_EQ(records.first_coach.size(), table.empty() ? 0u : records.size() + 1) << table;
  }
}

TEST(Population, CoachesRecruitedTogetherOnThreadsAreThoseRecruitedOneByOne) {
  // Strict coach eligibility and training losses: most candidates are screened out, so the screened
  // blocks run out and are refilled; two arms' pools interleave.
  const auto params = make_params({kArmsTrial, "population.enrolled=50", "coaches.count=1", "coaches.own_hba1c_max=7.0",
                                   "coaches.training_dropout=0.3"});
  const std::vector<std::uint8_t> arms = {1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
  World one_by_one = make_world(params, 5);
  for (auto arm : arms) recruit_coach(one_by_one, arm, 3);
  for (int threads : {1, 2, 8}) {
    World together = make_world(params, 5);
    recruit_coaches(together, arms, 3, sim::Executor(sim::ExecutionMode::Parallel, threads));
    EXPECT_EQ(together.coaches.id, one_by_one.coaches.id) << threads << " threads";
    EXPECT_EQ(together.coaches.arm, one_by_one.coaches.arm) << threads << " threads";
    EXPECT_EQ(together.coaches.people.hba1c_true, one_by_one.coaches.people.hba1c_true) << threads << " threads";
    EXPECT_EQ(together.coaches.openness, one_by_one.coaches.openness) << threads << " threads";
    EXPECT_EQ(together.ledger.next_coach_candidate, one_by_one.ledger.next_coach_candidate) << threads << " threads";
    EXPECT_EQ(together.ledger.cost_cumulative, one_by_one.ledger.cost_cumulative) << threads << " threads";
  }
  EXPECT_GT(one_by_one.ledger.next_coach_candidate, 2 * one_by_one.coaches.size()) << "screening rejected most";
}

TEST(Population, ScreeningWithoutLeadOrErrorAdmitsOnlyTheEligibleRange) {
  // With no measurement error and no time between screening and baseline, the screened value is
  // the baseline true value, so the eligibility window is visible directly.
  auto t = make_test_world({"population.enrolled=2000", kArmsUsualCareOnly, "clinical.measurement_sd=0",
                            "eligibility.screening_lead_weeks=0", "eligibility.hba1c_min=8.0",
                            "eligibility.hba1c_max=9.0"});
  const auto& pts = t.world.patients;
  for (std::size_t i = 0; i < pts.size(); ++i) {
    ASSERT_GE(pts.baseline_true[i], 8.0f - 1e-5f) << i;
    ASSERT_LE(pts.baseline_true[i], 9.0f + 1e-5f) << i;
    ASSERT_EQ(pts.baseline_measured[i], pts.baseline_true[i]) << i;
  }
  // Screened candidates who were not eligible were skipped: the ids have gaps.
  EXPECT_GT(pts.id.back(), 2 * pts.size());
}

TEST(Population, TheFluctuationMovesOnBetweenScreeningAndBaseline) {
  // Without measurement error the screened value is the true value at screening; by baseline, weeks
  // later, the slow fluctuation has moved on, so some of the enrolled are already below the threshold.
  auto below_threshold = [](std::uint32_t lead) {
    auto t = make_test_world({"population.enrolled=2000", kArmsUsualCareOnly, "clinical.measurement_sd=0",
                              "clinical.fluctuation_sd=0.9", "clinical.fluctuation_weeks=26",
                              "eligibility.screening_lead_weeks=" + std::to_string(lead), "eligibility.hba1c_min=8.0",
                              "eligibility.hba1c_max=25"});
    double below = 0;
    for (float v : t.world.patients.baseline_true) below += v < 8.0f - 1e-5f;
    return below / 2000.0;
  };
  EXPECT_EQ(below_threshold(0), 0.0);
  EXPECT_GT(below_threshold(26), 0.05);
}

TEST(Population, EligibilityRaisesTheBaselineFarAboveThePopulationMean) {
  const std::vector<std::string> common = {"population.enrolled=20000", kArmsUsualCareOnly,
                                           "population.hba1c_mean=8.0", "population.hba1c_sd=1.8"};
  auto all = common;
  all.insert(all.end(), {"eligibility.hba1c_min=4.0", "eligibility.hba1c_max=25"});
  auto selected = common;
  selected.insert(selected.end(), {"eligibility.hba1c_min=9.0", "eligibility.hba1c_max=25"});
  auto unselected_world = make_test_world(all);
  auto selected_world = make_test_world(selected);

  std::vector<double> unselected_true, selected_measured;
  for (float v : unselected_world.world.patients.baseline_true) unselected_true.push_back(v);
  for (float v : selected_world.world.patients.baseline_measured) selected_measured.push_back(v);
  // Unselected: the clinic population itself, mean and SD as declared.
  const double n = static_cast<double>(unselected_true.size());
  EXPECT_NEAR(mean(unselected_true), 8.0, kSigmas * 1.8 / std::sqrt(n));
  EXPECT_NEAR(sample_sd(unselected_true), 1.8, 0.1);
  // Selected on screening >= 9.0: the baseline mean is far above the population mean.
  EXPECT_GT(mean(selected_measured), 9.5);
  EXPECT_EQ(selected_world.world.patients.size(), 20000u);
}

TEST(Population, AllocationSharesMatchTheArmsWithinStandardErrors) {
  const std::uint32_t n = 30000;
  auto t = make_test_world({"population.enrolled=" + std::to_string(n),
                            "arms=[{name=\"a\", share=0.2, intervention=\"usual_care\"}, {name=\"b\", share=0.3, intervention=\"usual_care\"}, "
                            "{name=\"c\", share=0.5, intervention=\"usual_care\"}]"});
  std::vector<double> counts(3, 0.0);
  for (auto arm : t.world.patients.arm) counts.at(arm) += 1;
  const double shares[3] = {0.2, 0.3, 0.5};
  for (std::size_t a = 0; a < 3; ++a) expect_binomial(counts[a], n, shares[a], "arm " + std::to_string(a));
}

TEST(Population, APersonIsTheSameWhicheverArmTheyAreIn) {
  auto trial = make_test_world({"population.enrolled=300", kArmsTrial, "coaches.count=20"});
  auto usual = make_test_world({"population.enrolled=300", kArmsUsualCareOnly});
  const auto& a = trial.world.patients;
  const auto& b = usual.world.patients;
  ASSERT_EQ(a.id, b.id);
  EXPECT_EQ(a.baseline_true, b.baseline_true);
  EXPECT_EQ(a.baseline_measured, b.baseline_measured);
  EXPECT_EQ(a.people.self_management, b.people.self_management);
  EXPECT_EQ(a.people.traits, b.people.traits);
  EXPECT_EQ(a.clinic, b.clinic);
  // Both arms are used in the trial world.
  EXPECT_TRUE(std::count(a.arm.begin(), a.arm.end(), 0) > 0 && std::count(a.arm.begin(), a.arm.end(), 1) > 0);
}

TEST(Population, CoachesAreRecruitedBelowTheirOwnHba1cThreshold) {
  for (double limit : {7.0, 8.5}) {
    auto t = make_test_world({"population.enrolled=100", kArmsCoachedOnly, "coaches.count=60",
                              "coaches.own_hba1c_max=" + std::to_string(limit)});
    const auto& c = t.world.coaches;
    ASSERT_EQ(c.size(), 60u);
    for (std::size_t k = 0; k < c.size(); ++k) {
      EXPECT_LT(c.founders.people.clinic_hba1c[k], limit) << "coach " << k;
      EXPECT_TRUE(c.active[k]);
      EXPECT_EQ(c.start_week[k], 0);
    }
    // The threshold binds: candidates above it were screened out (the pool's mean is 8.9).
    EXPECT_GT(t.world.ledger.next_coach_candidate, c.size());
  }
}

TEST(Population, NoCoachesWithoutACoachedArmOrWithoutAProgram) {
  EXPECT_EQ(make_test_world({kArmsUsualCareOnly}).world.coaches.size(), 0u);
  EXPECT_EQ(make_test_world({kArmsTrial, "program.weeks=0"}).world.coaches.size(), 0u);
}

TEST(Population, TrainingSkillFollowsTrainingHours) {
  EXPECT_DOUBLE_EQ(training_skill(12, 12), 0.5);
  EXPECT_DOUBLE_EQ(training_skill(36, 12), 0.875);
  EXPECT_DOUBLE_EQ(training_skill(0, 12), 0.0);
  auto t = make_test_world({kArmsCoachedOnly, "program.training_hours=24", "coaching.training_half_hours=8"});
  for (float s : t.world.coaches.skill) EXPECT_FLOAT_EQ(s, 0.875f);
}

TEST(Population, StandardizedStylesAreIdenticalAndDiverseStylesVary) {
  const std::vector<std::string> common = {kArmsCoachedOnly, "coaches.count=40", "coaches.advisor_share=0.5",
                                           "coaches.supporter_share=0.3", "coaches.role_model_share=0.2",
                                           "coaches.boundary_openness_mean=0.7", "coaches.responsibility_mean=0.2",
                                           "coaches.resource_seeking_mean=0.6", "coaching.training_style_pull=0"};
  auto standardized_params = common;
  standardized_params.push_back("coaches.style_mix=standardized");
  auto diverse_params = common;
  diverse_params.push_back("coaches.style_mix=diverse");
  auto standardized = make_test_world(standardized_params);
  auto diverse = make_test_world(diverse_params);
  const auto& s = standardized.world.coaches;
  const auto& d = diverse.world.coaches;
  ASSERT_EQ(s.size(), 40u);
  for (std::size_t k = 0; k < s.size(); ++k) {
    EXPECT_FLOAT_EQ(s.advisor[k], 0.5f);
    EXPECT_FLOAT_EQ(s.supporter[k], 0.3f);
    EXPECT_FLOAT_EQ(s.role_model[k], 0.2f);
    EXPECT_FLOAT_EQ(s.openness[k], 0.7f);
    EXPECT_FLOAT_EQ(s.responsibility[k], 0.2f);
    EXPECT_FLOAT_EQ(s.resource_seeking[k], 0.6f);
  }
  auto spread = [](const std::vector<float>& v) {
    std::vector<double> values(v.begin(), v.end());
    return sample_sd(values);
  };
  EXPECT_GT(spread(d.advisor), 0.05);
  EXPECT_GT(spread(d.openness), 0.05);
  EXPECT_GT(spread(d.responsibility), 0.05);
  for (std::size_t k = 0; k < d.size(); ++k) {
    EXPECT_NEAR(d.advisor[k] + d.supporter[k] + d.role_model[k], 1.0, 1e-5);
  }
  // The style draw keeps the streams aligned: the same candidates, with the same traits, qualify.
  EXPECT_EQ(s.id, d.id);
  EXPECT_EQ(s.fidelity, d.fidelity);
  EXPECT_EQ(s.people.hba1c_true, d.people.hba1c_true);
}

TEST(Population, TrainingCostCountsEveryEligibleTrainee) {
  // Without dropout or exam failure every eligible trainee qualifies: cost = coaches x price.
  auto certain = make_test_world({kArmsTrial, "coaches.count=20", "coaches.training_dropout=0",
                                  "coaches.exam_pass_rate=1", "costs.training_per_trainee=100",
                                  "costs.training_per_trainee_hour=0", "costs.screening_per_candidate=0",
                                  "coaches.screening_max_distance=1"});
  EXPECT_DOUBLE_EQ(certain.world.ledger.cost_cumulative[0], 20 * 100.0);
  EXPECT_DOUBLE_EQ(certain.world.ledger.cost_cumulative[1], 0.0);  // usual care pays nothing

  // With dropout d and pass rate q a coach takes a geometric number of trainees, mean 1 / ((1-d) q).
  const double d = 0.2, q = 0.5, success = (1 - d) * q;
  const std::uint32_t coaches = 2000;
  auto lossy = make_test_world({kArmsCoachedOnly, "population.enrolled=100", "program.caseload=10",
                                "coaches.count=" + std::to_string(coaches), "coaches.training_dropout=0.2",
                                "coaches.exam_pass_rate=0.5", "costs.training_per_trainee=1",
                                "costs.training_per_trainee_hour=0", "costs.screening_per_candidate=0",
                                "coaches.screening_max_distance=1"});
  const double trainees = lossy.world.ledger.cost_cumulative[0];
  const double expected = coaches / success;
  const double se = std::sqrt(coaches * (1 - success)) / success;
  EXPECT_NEAR(trainees, expected, kSigmas * se);
}

}  // namespace
}  // namespace coachsim

namespace coachsim {
namespace {

using namespace coachsim::testing;

double correlation(const std::vector<double>& x, const std::vector<double>& y) {
  const double mx = mean(x), my = mean(y);
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxy / std::sqrt(sxx * syy);
}

// Behaviour is part of why HbA1c is high: at enrolment self-management and adherence fall with the
// HbA1c set level, while their means stay as declared.
TEST(Population, BehaviourIsCorrelatedWithHba1cAtEnrolment) {
  for (double rho : {0.0, -0.5}) {
    auto t = make_test_world({"population.enrolled=20000", kArmsUsualCareOnly, "eligibility.hba1c_min=4.0",
                              "eligibility.hba1c_max=25", "population.self_management_mean=0.35",
                              "population.behaviour_hba1c_correlation=" + std::to_string(rho)});
    const auto& pp = t.world.patients.people;
    std::vector<double> set, sm, adh;
    for (std::size_t i = 0; i < pp.size(); ++i) {
      set.push_back(pp.hba1c_set[i]);
      sm.push_back(pp.self_management0[i]);
      adh.push_back(pp.adherence0[i]);
    }
    EXPECT_NEAR(mean(sm), 0.35, 0.01);
    if (rho == 0.0) {
      EXPECT_NEAR(correlation(set, sm), 0.0, 0.03);
    } else {
      EXPECT_LT(correlation(set, sm), -0.3);
      EXPECT_LT(correlation(set, adh), -0.3);
    }
  }
}

}  // namespace
}  // namespace coachsim

namespace coachsim {
namespace {

using namespace coachsim::testing;

// Training moves boundaries and responsibility toward the program's norms, and raises fidelity, in
// proportion to the skill it gives; it costs per hour.
TEST(Population, TrainingPullsStyleTowardTheNormsAndRaisesFidelity) {
  auto world_with = [](double hours) {
    return make_test_world({kArmsCoachedOnly, "population.enrolled=100", "program.caseload=10", "coaches.count=30",
                            "program.training_hours=" + std::to_string(hours), "coaching.training_half_hours=12",
                            "coaching.training_style_pull=0.5", "coaching.training_fidelity_gain=0.4",
                            "program.norm_openness=0.2", "program.norm_responsibility=0.1",
                            "coaches.training_dropout=0", "coaches.exam_pass_rate=1",
                            "costs.training_per_trainee=100", "costs.training_per_trainee_hour=10",
                            "costs.screening_per_candidate=0", "coaches.screening_max_distance=1"});
  };
  for (double hours : {12.0, 36.0}) {
    auto t = world_with(hours);
    const auto& c = t.world.coaches;
    const double pull = 0.5 * training_skill(hours, 12);
    for (std::size_t k = 0; k < c.size(); ++k) {
      EXPECT_NEAR(c.openness[k], c.natural_openness[k] + pull * (0.2 - c.natural_openness[k]), 1e-5);
      EXPECT_NEAR(c.responsibility[k], c.natural_responsibility[k] + pull * (0.1 - c.natural_responsibility[k]), 1e-5);
      EXPECT_NEAR(c.fidelity[k], c.natural_fidelity[k] + 0.4 * training_skill(hours, 12) * (1 - c.natural_fidelity[k]),
                  1e-5);
    }
    EXPECT_NEAR(t.world.ledger.cost_cumulative[0], 30 * (100 + 10 * hours), 1e-6);
  }
}

}  // namespace
}  // namespace coachsim

namespace coachsim {
namespace {

using namespace coachsim::testing;

// Screening by style: only candidates near the program's norms are trained; every eligible candidate
// screened costs the screening price, only those let through cost training.
TEST(Population, ScreeningByStyleTrainsOnlyCandidatesNearTheNorms) {
  auto world_with = [](double max_distance) {
    return make_test_world({kArmsCoachedOnly, "population.enrolled=100", "program.caseload=10", "coaches.count=30",
                            "coaches.screening_max_distance=" + std::to_string(max_distance),
                            "program.norm_openness=0.5", "program.norm_responsibility=0.4",
                            "coaches.training_dropout=0", "coaches.exam_pass_rate=1", "coaching.training_style_pull=0",
                            "costs.training_per_trainee=100", "costs.training_per_trainee_hour=0",
                            "costs.style_interview_per_candidate=10", "costs.screening_per_candidate=0",
                            "coaches.own_hba1c_max=20"});
  };
  const auto open = world_with(1.0);
  const auto strict = world_with(0.1);
  const auto& c = strict.world.coaches;
  ASSERT_EQ(c.size(), 30u);
  for (std::size_t k = 0; k < c.size(); ++k) EXPECT_LE(style_distance(c, k, strict.world.p().program), 0.1 + 1e-6);
  // Everyone eligible (own_hba1c_max 20): the open pool trains the first 30 candidates, the strict one screens
  // more, pays 10 for each and 100 for each of the 30 it trains.
  EXPECT_EQ(open.world.ledger.next_coach_candidate, 30u);
  const auto screened = strict.world.ledger.next_coach_candidate;
  EXPECT_GT(screened, 30u);
  EXPECT_NEAR(strict.world.ledger.cost_cumulative[0], 10.0 * screened + 100.0 * 30, 1e-6);
  EXPECT_NEAR(open.world.ledger.cost_cumulative[0], 100.0 * 30, 1e-6);
}

TEST(ReciprocalPeers, PartnersInTheArmCoachEachOther) {
  auto t = make_test_world({"arms=[{name=\"peers\", share=0.5, intervention=\"reciprocal_peer\"}, "
                            "{name=\"usual\", share=0.5, intervention=\"usual_care\"}]",
                            "population.enrolled=201"});
  const auto& w = t.world;
  const auto& pts = w.patients;
  std::size_t in_arm = 0, paired = 0;
  for (std::size_t i = 0; i < pts.size(); ++i) {
    if (pts.arm[i] != 0) {
      EXPECT_EQ(pts.records.coach[pts.record(i)], kNoCoach);
      continue;
    }
    ++in_arm;
    if (pts.records.coach[pts.record(i)] < 0) continue;  // the odd patient out
    ++paired;
    const auto k = static_cast<std::size_t>(pts.records.coach[pts.record(i)]);
    const auto partner = static_cast<std::size_t>(w.coaches.patient[k]);
    EXPECT_NE(partner, i);
    EXPECT_EQ(pts.arm[partner], 0);
    ASSERT_GE(pts.records.coach[pts.record(partner)], 0);
    EXPECT_EQ(w.coaches.patient[static_cast<std::size_t>(pts.records.coach[pts.record(partner)])],
              static_cast<std::int32_t>(i))
        << "the partner's coach is this patient";
    const auto coach = w.coach_person(k);  // the coach is the partner: their traits and own diabetes
    EXPECT_EQ(&coach.people, &pts.people);
    EXPECT_EQ(coach.index, partner);
  }
  EXPECT_EQ(paired, in_arm - in_arm % 2);
  EXPECT_EQ(w.coaches.size(), paired) << "no coach is recruited from outside the arm";
}

TEST(Population, CoachesMayComeFromAnotherPopulationThanThePatients) {
  const std::vector<std::string> base = {kArmsTrial, "population.enrolled=200", "coaches.count=200",
                                         "program.caseload=10", "coaches.own_hba1c_max=20"};
  auto same = make_test_world(base);
  auto other = base;
  other.push_back("coaches.population={hba1c_mean=6.8, age_mean=40}");
  auto practice = make_test_world(other);
  EXPECT_EQ(practice.world.patients.people.hba1c_true, same.world.patients.people.hba1c_true)
      << "the patients are the same people";
  auto mean = [](const std::vector<float>& v) { return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size()); };
  EXPECT_LT(mean(practice.world.coaches.founders.people.hba1c_set),
            mean(same.world.coaches.founders.people.hba1c_set) - 1.0);
  EXPECT_NEAR(mean(practice.world.coaches.founders.people.age), 40.0, 2.0);
  EXPECT_NEAR(mean(same.world.coaches.founders.people.age), mean(same.world.patients.people.age), 3.0);
}

TEST(ReciprocalPeers, SimilarityMatchingPairsPartnersOfOneLanguageSexAndAge) {
  auto age_gap = [](const char* matching) {
    auto t = make_test_world({"arms=[{name=\"peers\", share=1.0, intervention=\"reciprocal_peer\"}]",
                              "population.enrolled=400", std::string("program.matching=") + matching});
    const auto& pts = t.world.patients;
    double gap = 0, pairs = 0, same = 0;
    for (std::size_t i = 0; i < pts.size(); ++i) {
      if (pts.records.coach[pts.record(i)] < 0) continue;
      const auto j = static_cast<std::size_t>(
          t.world.coaches.patient[static_cast<std::size_t>(pts.records.coach[pts.record(i)])]);
      gap += std::abs(pts.people.age[i] - pts.people.age[j]);
      same +=
          pts.people.language(i) == pts.people.language(j) && pts.people.female(i) == pts.people.female(j);
      pairs += 1;
    }
    return std::pair(gap / pairs, same / pairs);
  };
  const auto [similar_gap, similar_same] = age_gap("\"similarity\"");
  const auto [random_gap, random_same] = age_gap("\"random\"");
  EXPECT_LT(similar_gap, 2.5);
  EXPECT_GT(random_gap, 8.0);
  EXPECT_GT(similar_same, 0.95);
  EXPECT_LT(random_same, 0.6);
}

}  // namespace
}  // namespace coachsim
