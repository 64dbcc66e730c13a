// What a cluster trial reports: ICC, cluster size, design effect, adjusted interval
// (models/cluster_analysis.cpp).
#include "models/cluster_analysis.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "models/simulation.hpp"
#include "tests/models/model_test_support.hpp"

namespace coachsim {
namespace {

using namespace coachsim::testing;

// A clinic-randomized world whose changes are set by hand: change = clinic effect (SD
// `between`) + person noise (SD `within`), so the true ICC is between^2 / (between^2 + within^2).
TestWorld world_with_clustered_changes(double between, double within) {
  auto t = make_test_world({kArmsTrial, "population.enrolled=20000", "population.clinics=200",
                            "run.randomization=\"clinic\"", "coaches.count=1000", "program.caseload=20"});
  std::mt19937_64 engine(11);
  std::normal_distribution<double> normal;
  std::vector<double> clinic_effect(200);
  for (double& e : clinic_effect) e = between * normal(engine);
  auto& pts = t.world.patients;
  for (std::size_t i = 0; i < pts.size(); ++i) {
    pts.people.hba1c_measured[i] =
        static_cast<float>(pts.baseline_measured[i] + clinic_effect[pts.clinic[i]] + within * normal(engine));
  }
  return t;
}

TEST(ClusterAnalysis, TheAnovaEstimatorRecoversTheIcc) {
  const auto clustered = world_with_clustered_changes(0.5, std::sqrt(0.75));
  const ClusterAnalysis c = analyse_clusters(clustered.world, 0, 1);
  EXPECT_NEAR(c.icc, 0.25, 0.06);
  EXPECT_NEAR(c.mean_cluster_size, 100.0, 0.5);
  EXPECT_DOUBLE_EQ(c.design_effect, 1 + (c.mean_cluster_size - 1) * c.icc);
  EXPECT_LT(c.difference_lo, c.difference_hi);

  const auto independent = world_with_clustered_changes(0.0, 1.0);
  const ClusterAnalysis i = analyse_clusters(independent.world, 0, 1);
  EXPECT_NEAR(i.icc, 0.0, 0.02);
  // Clustering widens the interval by the square root of the design effect.
  const double width_c = c.difference_hi - c.difference_lo, width_i = i.difference_hi - i.difference_lo;
  EXPECT_GT(width_c / width_i, 0.8 * std::sqrt(c.design_effect / i.design_effect));
}

TEST(ClusterAnalysis, AClinicTrialWithClinicVariationHasADesignEffectAboveOne) {
  const auto params =
      make_params({kArmsTrial, "population.enrolled=600", "population.clinics=12", "coaches.count=40",
                   "run.randomization=\"clinic\"", "providers.intensification_probability=0.4",
                   "providers.between_clinic_intensification_sd=2.5"});
  std::vector<double> icc, design_effect;
  for (std::uint32_t r = 0; r < 30; ++r) {
    const auto result = run_replicate(params, r, serial_executor(), {}, false);
    icc.push_back(result.summary[kClusterIcc]);
    design_effect.push_back(result.summary[kDesignEffect]);
    EXPECT_DOUBLE_EQ(result.summary[kClusterSizeMean],
                     (result.arm_summary[kAlive][0] + result.arm_summary[kAlive][1]) / 12.0);
  }
  EXPECT_GT(mean(icc), kSigmas * sample_sd(icc) / std::sqrt(30.0));
  EXPECT_GT(mean(design_effect), 1.0);
}

TEST(ClusterAnalysis, IndividualRandomizationReportsNone) {
  const auto params = make_params({kArmsTrial, "population.enrolled=300", "coaches.count=30",
                                   "providers.between_clinic_intensification_sd=2.5"});
  const auto result = run_replicate(params, 0, serial_executor(), {}, false);
  for (auto id : {kClusterIcc, kClusterSizeMean, kDesignEffect, kClusterDifferenceLo, kClusterDifferenceHi}) {
    EXPECT_TRUE(std::isnan(result.summary[id])) << kReplicateSummaryInfo[id].name;
  }
}

}  // namespace
}  // namespace coachsim
