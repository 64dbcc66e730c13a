// Clinics: allocation of whole clinics to arms and what varies between clinics (models/clinics.cpp).
#include "models/clinics.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <vector>

#include "tests/models/model_test_support.hpp"

namespace coachsim {
namespace {

using namespace coachsim::testing;

std::vector<ArmParams> arms_of(const std::vector<double>& shares) {
  std::vector<ArmParams> arms;
  for (double share : shares) arms.push_back({"arm", share, Intervention::PeerCoaching, {}});
  return arms;
}

TEST(Clinics, EachArmGetsItsShareOfClinicsRounded) {
  using Counts = std::vector<std::uint32_t>;
  EXPECT_EQ(clinics_per_arm(arms_of({0.5, 0.5}), 6), (Counts{3, 3}));
  EXPECT_EQ(clinics_per_arm(arms_of({0.5, 0.5}), 5), (Counts{3, 2}));
  EXPECT_EQ(clinics_per_arm(arms_of({1.0 / 3, 1.0 / 3, 1.0 / 3}), 7), (Counts{2, 3, 2}));
  EXPECT_EQ(clinics_per_arm(arms_of({0.25, 0.75}), 4), (Counts{1, 3}));
  EXPECT_EQ(clinics_per_arm(arms_of({0.5, 0.5}), 1), (Counts{1, 0}));  // refused by the validator
}

TEST(Clinics, ClinicRandomizationPutsWholeClinicsInArms) {
  auto t = make_test_world({kArmsTrial, "population.enrolled=600", "population.clinics=10",
                            "coaches.count=40", "run.randomization=\"clinic\""});
  const auto& pts = t.world.patients;
  std::map<std::uint16_t, std::uint8_t> arm_of_clinic;
  for (std::size_t i = 0; i < pts.size(); ++i) {
    const auto [at, fresh] = arm_of_clinic.emplace(pts.clinic[i], pts.arm[i]);
    ASSERT_EQ(at->second, pts.arm[i]) << "clinic " << pts.clinic[i] << " is split between arms";
  }
  const auto expected = allocate_clinics(*t.params, t.world.seed);
  std::vector<std::uint32_t> per_arm(2, 0);
  for (std::uint8_t arm : expected) ++per_arm[arm];
  EXPECT_EQ(per_arm, clinics_per_arm(t.params->arms, 10));
  for (const auto& [clinic, arm] : arm_of_clinic) EXPECT_EQ(arm, expected[clinic]);
  // A new seed deals the clinics anew.
  EXPECT_NE(allocate_clinics(*t.params, 1), allocate_clinics(*t.params, 2));
}

TEST(Clinics, ClinicsShiftTheirPatientsHba1cWithoutChangingThePopulationSd) {
  auto t = make_test_world({kArmsUsualCareOnly, "population.enrolled=20000", "population.clinics=40",
                            "population.hba1c_sd=2.0", "population.between_clinic_sd=0.5",
                            "eligibility.hba1c_min=4", "eligibility.hba1c_max=25"});
  const auto& pts = t.world.patients;
  std::vector<double> all, clinic_sum(40, 0.0), clinic_n(40, 0.0);
  for (std::size_t i = 0; i < pts.size(); ++i) {
    all.push_back(pts.people.hba1c_true[i]);
    clinic_sum[pts.clinic[i]] += pts.people.hba1c_true[i];
    clinic_n[pts.clinic[i]] += 1;
  }
  EXPECT_NEAR(sample_sd(all), 2.0, 0.05);
  std::vector<double> clinic_means;
  for (std::size_t c = 0; c < 40; ++c) clinic_means.push_back(clinic_sum[c] / clinic_n[c]);
  // SD of 40 clinic means: the shift's 0.5 plus the sampling noise of about 2 / sqrt(500).
  const double expected = std::sqrt(0.25 + 4.0 / 500.0);
  EXPECT_NEAR(sample_sd(clinic_means), expected, kSigmas * expected / std::sqrt(2.0 * 39));
}

TEST(Clinics, ProvidersOfAClinicShareOneInertia) {
  const auto common = make_params({"providers.intensification_probability=0.2"});
  for (std::uint32_t c = 0; c < 5; ++c) EXPECT_EQ(clinic_intensification_probability(common, 3, c), 0.2);
  const auto varied = make_params(
      {"providers.intensification_probability=0.2", "providers.between_clinic_intensification_sd=1.0"});
  std::vector<double> log_odds;
  for (std::uint32_t c = 0; c < 2000; ++c) {
    const double q = clinic_intensification_probability(varied, 3, c);
    log_odds.push_back(std::log(q / (1 - q)));
  }
  const double se = 1.0 / std::sqrt(2000.0);
  EXPECT_NEAR(mean(log_odds), std::log(0.25), kSigmas * se);
  EXPECT_NEAR(sample_sd(log_odds), 1.0, kSigmas * se / std::sqrt(2.0));
  EXPECT_EQ(clinic_intensification_probability(varied, 3, 7),
            clinic_intensification_probability(varied, 3, 7));
}

}  // namespace
}  // namespace coachsim
