// Mechanism 6 and usual provider care (models/mechanisms/resources.cpp): coaches' requests to
// providers, scheduled visits with clinical inertia, and clinics answering requests within capacity.
#include <gtest/gtest.h>

#include <cmath>

#include "models/mechanisms/mechanisms.hpp"
#include "models/population.hpp"
#include "tests/models/model_test_support.hpp"

namespace coachsim {
namespace {

using namespace coachsim::testing;
namespace m = coachsim::mechanisms;

std::vector<std::string> provider_params(std::vector<std::string> extra = {}) {
  std::vector<std::string> o = {"population.enrolled=4000",
                                kArmsCoachedOnly,
                                "coaches.count=40",
                                "program.caseload=100",
                                "population.clinics=3",
                                "providers.visit_interval_weeks=12",
                                "providers.intensification_threshold=7.5",
                                "providers.intensification_probability=0.4",
                                "providers.request_capacity_per_1000=100",
                                "providers.request_intensification_probability=0.5",
                                "providers.request_adherence_gain=0.2",
                                "clinical.max_treatment_step=4",
                                "clinical.measurement_sd=0.3",
                                "coaching.resource_seeking_probability=0.3"};
  o.insert(o.end(), extra.begin(), extra.end());
  return o;
}

TEST(ResourceSeeking, RequestsOnlyForContactedPatientsAtOrAboveTheThreshold) {
  auto t = make_test_world(provider_params({"coaching.resource_seeking_probability=1"}));
  auto& w = t.world;
  for (auto& r : w.coaches.resource_seeking) r = 1.0f;
  auto& pts = w.patients;
  const float values[4] = {7.5f, 7.49f, 10.0f, 6.0f};
  for (std::size_t i = 0; i < pts.size(); ++i) {
    pts.people.clinic_hba1c[i] = values[i % 4];
    set_phone_contact(w, i, i % 8 < 4);
  }
  m::resource_seeking(w, context(0), all_patients(w));
  for (std::size_t i = 0; i < pts.size(); ++i) {
    const bool eligible = pts.people.clinic_hba1c[i] >= 7.5f && i % 8 < 4;
    EXPECT_EQ(pts.flag(i, PatientFlag::RequestPending), eligible) << i;
  }
}

TEST(ResourceSeeking, RequestRateIsProbabilityTimesPropensityTimesDose) {
  auto t = make_test_world(provider_params());
  auto& w = t.world;
  for (std::size_t k = 0; k < w.coaches.size(); ++k) w.coaches.resource_seeking[k] = 0.5f;
  auto& pts = w.patients;
  double full = 0, full_trials = 0, group = 0, group_trials = 0;
  for (std::uint32_t s = 0; s < 5; ++s) {
    for (std::size_t i = 0; i < pts.size(); ++i) {
      pts.people.clinic_hba1c[i] = 9.0f;
      pts.set_flag(i, PatientFlag::RequestPending, false);
      set_phone_contact(w, i, true);
      if (i % 2 == 1) {  // a group session only: dose 0.7
        pts.records.phone[pts.record(i)] = 0;
        pts.records.group[pts.record(i)] = 1;
      }
    }
    m::resource_seeking(w, context(s), all_patients(w));
    for (std::size_t i = 0; i < pts.size(); ++i) {
      (i % 2 == 0 ? full : group) += pts.flag(i, PatientFlag::RequestPending);
      (i % 2 == 0 ? full_trials : group_trials) += 1;
    }
  }
  expect_binomial(full, full_trials, 0.3 * 0.5, "phone contact");
  expect_binomial(group, group_trials, 0.3 * 0.5 * 0.7, "group session");
}

// Marks every patient's clinic value so that a visit (which overwrites it) is visible.
constexpr float kNoVisit = -100.0f;

TEST(ProviderVisits, EveryoneAliveIsSeenWhateverTheirEngagementAndTheDeadAreNot) {
  auto t = make_test_world(provider_params({kArmsUsualCareOnly, "population.enrolled=6000"}));
  auto& w = t.world;
  auto& pts = w.patients;
  for (std::size_t i = 0; i < pts.size(); ++i) {
    pts.set_engagement(i, static_cast<Engagement>(i % 3));  // active, lapsed, dropped from the program
    pts.set_flag(i, PatientFlag::Followed, i % 2 != 0);     // the study's follow-up does not matter either
    pts.set_care(i, i % 5 == 4 ? Care::Died : i % 5 == 3 ? Care::Moved : Care::InClinic);
  }
  double visits[2] = {0, 0}, trials[2] = {0, 0};
  for (std::uint32_t s = 0; s < 6; ++s) {
    for (auto& v : pts.people.clinic_hba1c) v = kNoVisit;
    m::provider_visits(w, context(s), all_patients(w));
    for (std::size_t i = 0; i < pts.size(); ++i) {
      const int dead = i % 5 == 4;
      visits[dead] += pts.people.clinic_hba1c[i] != kNoVisit;
      trials[dead] += 1;
    }
  }
  expect_binomial(visits[0], trials[0], 1.0 / 12, "alive");
  EXPECT_EQ(visits[1], 0.0) << "the dead are not seen";
}

TEST(CoachProviderVisits, ACoachIsSeenWhileCoachingAndAReplacementWhoQuitIsNot) {
  auto t = make_test_world(provider_params({"providers.visit_interval_weeks=1", "providers.intensification_probability=1"}));
  auto& w = t.world;
  auto& c = w.coaches;
  const std::size_t quit = recruit_coach(w, 0, 5), coaching = recruit_coach(w, 0, 5);  // two replacements
  c.active[quit] = 0;
  for (const std::size_t k : {quit, coaching}) {
    c.people.hba1c_true[k] = c.people.clinic_hba1c[k] = 9.5f;
    c.people.set_treatment_step(k, 0);
  }
  m::coach_provider_visits(w, context(0), {0, c.size()});
  EXPECT_EQ(c.people.treatment_step(coaching), 1) << "seen and intensified at 9.5%";
  EXPECT_EQ(c.people.treatment_step(quit), 0) << "no longer simulated";
  EXPECT_EQ(c.people.clinic_hba1c[quit], 9.5f);
}

TEST(FounderProviderVisits, TheTwinSeesTheSameVisitsAndDiffersOnlyByHba1c) {
  auto t = make_test_world(
      provider_params({"providers.visit_interval_weeks=1", "providers.intensification_probability=1"}));
  auto& w = t.world;
  auto& c = w.coaches.founders;
  ASSERT_GT(c.size(), 0u);
  for (std::size_t k = 0; k < c.size(); ++k) {
    c.people.hba1c_true[k] = c.twin.hba1c_true[k] = 9.5f;
    c.people.set_treatment_step(k, 0);
    c.twin.set_treatment_step(k, 0);
  }
  c.people.hba1c_true[0] = 5.0f;  // the coached person is well controlled, the twin is not
  m::founder_provider_visits(w, context(0), {0, c.size()});
  EXPECT_EQ(c.people.treatment_step(0), 0) << "no intensification below the threshold";
  EXPECT_EQ(c.twin.treatment_step(0), 1) << "the twin at 9.5% is intensified";
  for (std::size_t k = 1; k < c.size(); ++k) {
    EXPECT_EQ(c.people.treatment_step(k), c.twin.treatment_step(k));
    EXPECT_EQ(c.people.clinic_hba1c[k], c.twin.clinic_hba1c[k]);
  }
}

TEST(ProviderVisits, AVisitMeasuresTheTrueValueWithMeasurementError) {
  auto t = make_test_world(provider_params({kArmsUsualCareOnly, "population.enrolled=6000",
                                            "providers.visit_interval_weeks=1", "clinical.measurement_sd=0.4"}));
  auto& w = t.world;
  m::provider_visits(w, context(0), all_patients(w));
  std::vector<double> error;
  for (std::size_t i = 0; i < w.patients.size(); ++i) {
    error.push_back(w.patients.people.clinic_hba1c[i] - w.patients.people.hba1c_true[i]);
  }
  const double n = static_cast<double>(error.size());
  EXPECT_NEAR(mean(error), 0.0, kSigmas * 0.4 / std::sqrt(n));
  EXPECT_NEAR(sample_sd(error), 0.4, kSigmas * 0.4 / std::sqrt(2 * n));
}

TEST(ProviderVisits, IntensificationOnlyAtOrAboveTheThresholdWithTheGivenProbability) {
  auto t = make_test_world(provider_params({kArmsUsualCareOnly, "population.enrolled=6000",
                                            "providers.visit_interval_weeks=1", "clinical.measurement_sd=0",
                                            "clinical.max_treatment_step=10"}));
  auto& w = t.world;
  auto& pp = w.patients.people;
  const float values[3] = {7.5f, 9.0f, 7.4f};
  double intensified[3] = {0, 0, 0}, trials[3] = {0, 0, 0};
  for (std::uint32_t s = 0; s < 4; ++s) {
    for (std::size_t i = 0; i < w.patients.size(); ++i) {
      pp.hba1c_true[i] = values[i % 3];
      pp.set_treatment_step(i, 2);
    }
    m::provider_visits(w, context(s), all_patients(w));
    for (std::size_t i = 0; i < w.patients.size(); ++i) {
      ASSERT_LE(pp.treatment_step(i), 3) << "at most one step per visit";
      intensified[i % 3] += pp.treatment_step(i) - 2;
      trials[i % 3] += 1;
    }
  }
  expect_binomial(intensified[0], trials[0], 0.4, "at the threshold");
  expect_binomial(intensified[1], trials[1], 0.4, "above the threshold");
  EXPECT_EQ(intensified[2], 0.0) << "below the threshold";
}

TEST(ProviderVisits, TherapyNeverExceedsTheHighestStep) {
  auto t = make_test_world(provider_params({kArmsUsualCareOnly, "providers.visit_interval_weeks=1",
                                            "providers.intensification_probability=1", "clinical.max_treatment_step=3"}));
  auto& w = t.world;
  for (auto& h : w.patients.people.hba1c_true) h = 12.0f;
  for (std::uint32_t s = 0; s < 10; ++s) m::provider_visits(w, context(s), all_patients(w));
  for (std::size_t i = 0; i < w.patients.size(); ++i) EXPECT_EQ(w.patients.people.treatment_step(i), 3);
}

TEST(ProviderRequests, EachClinicAnswersUpToItsCapacityInEnrolmentOrder) {
  auto t = make_test_world(provider_params({"population.enrolled=200", "coaches.count=20", "program.caseload=10",
                                            "providers.request_capacity_per_1000=50",
                                            "providers.request_intensification_probability=1"}));
  auto& w = t.world;
  auto& pts = w.patients;
  auto& pp = pts.people;
  for (std::size_t i = 0; i < pts.size(); ++i) {
    pts.set_flag(i, PatientFlag::RequestPending, i % 5 != 0);  // every fifth patient has no request
    pp.clinic_hba1c[i] = i % 2 == 0 ? 9.0f : 7.0f;
    pp.set_treatment_step(i, 1);
    pp.adherence[i] = 0.5f;
  }
  // Capacity per clinic and week: floor(50 n (week + 1) / 1000) - floor(50 n week / 1000), n its patients.
  std::vector<double> in_clinic(3, 0.0);
  for (auto c : pts.clinic) in_clinic[c] += 1;
  for (std::uint32_t week = 0; week < 3; ++week) {
    std::vector<int> cap(3);
    for (std::size_t c = 0; c < 3; ++c) {
      cap[c] = static_cast<int>(std::floor(0.05 * in_clinic[c] * (week + 1)) - std::floor(0.05 * in_clinic[c] * week));
    }
    std::vector<bool> before(pts.size());
    for (std::size_t i = 0; i < pts.size(); ++i) before[i] = pts.flag(i, PatientFlag::RequestPending);
    m::provider_requests(w, context(week));
    std::vector<int> answered_in_clinic(3, 0);
    std::vector<bool> clinic_full(3, false);
    for (std::size_t c = 0; c < 3; ++c) clinic_full[c] = cap[c] == 0;
    for (std::size_t i = 0; i < pts.size(); ++i) {
      const auto clinic = pts.clinic[i];
      const bool answered = before[i] && !pts.flag(i, PatientFlag::RequestPending);
      EXPECT_FALSE(!before[i] && pts.flag(i, PatientFlag::RequestPending)) << "no new requests here";
      if (before[i]) {
        // Enrolment order: a pending request is answered exactly when its clinic still has room.
        EXPECT_EQ(answered, !clinic_full[clinic]) << "week " << week << " patient " << i;
      }
      if (answered) {
        ++answered_in_clinic[clinic];
        clinic_full[clinic] = answered_in_clinic[clinic] == cap[clinic];
      }
    }
    for (std::size_t c = 0; c < 3; ++c) EXPECT_EQ(answered_in_clinic[c], cap[c]) << "week " << week;
  }
  // Answered requests: intensification when control is poor, and an adherence gain for everyone.
  for (std::size_t i = 0; i < pts.size(); ++i) {
    if (pts.flag(i, PatientFlag::RequestPending) || i % 5 == 0) {
      EXPECT_EQ(pp.treatment_step(i), 1);
      EXPECT_EQ(pp.adherence[i], 0.5f);
      continue;
    }
    EXPECT_EQ(pp.treatment_step(i), i % 2 == 0 ? 2 : 1) << i;
    EXPECT_NEAR(pp.adherence[i], 0.5 + 0.2 * 0.5, 1e-6) << i;
  }
}

TEST(ProviderRequests, IntensificationFollowsTheRequestProbability) {
  auto t = make_test_world(provider_params({"providers.request_capacity_per_1000=1000",
                                            "clinical.max_treatment_step=10"}));
  auto& w = t.world;
  auto& pts = w.patients;
  double intensified = 0, trials = 0;
  for (std::uint32_t s = 0; s < 3; ++s) {
    for (std::size_t i = 0; i < pts.size(); ++i) {
      pts.set_flag(i, PatientFlag::RequestPending, true);
      pts.people.clinic_hba1c[i] = 8.0f;
      pts.people.set_treatment_step(i, 0);
    }
    m::provider_requests(w, context(s));
    for (std::size_t i = 0; i < pts.size(); ++i) {
      intensified += pts.people.treatment_step(i);
      trials += 1;
    }
  }
  expect_binomial(intensified, trials, 0.5, "answered requests");
}

}  // namespace
}  // namespace coachsim
