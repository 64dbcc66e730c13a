// Selection rules of screening and recruitment, uptake, and the spread of a drawn population
// (models/population.cpp).
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "models/population.hpp"
#include "models/simulation.hpp"
#include "tests/models/model_test_support.hpp"

namespace coachsim {
namespace {

using namespace coachsim::testing;

// Sample SD and its standard error from the fourth moment (no normality assumed).
struct SdEstimate {
  double sd, se;
};
SdEstimate sd_of(const std::vector<float>& values) {
  const double n = static_cast<double>(values.size());
  double sum = 0;
  for (float v : values) sum += v;
  const double mean = sum / n;
  double m2 = 0, m4 = 0;
  for (float v : values) {
    const double d = v - mean;
    m2 += d * d;
    m4 += d * d * d * d;
  }
  m2 /= n;
  m4 /= n;
  return {std::sqrt(m2), std::sqrt((m4 - m2 * m2) / (4 * n * m2))};
}

TEST(PopulationSpread, TheDrawnPopulationHasTheRequestedSd) {
  for (double requested : {0.3, 0.8, 2.0}) {
    // Everyone eligible: the enrolled are the clinic population as drawn.
    auto t =
        make_test_world({"population.enrolled=20000", kArmsUsualCareOnly, "population.hba1c_mean=9.5",
                         "population.hba1c_sd=" + std::to_string(requested), "clinical.fluctuation_sd=1.17",
                         "eligibility.hba1c_min=4", "eligibility.hba1c_max=25"});
    const SdEstimate drawn = sd_of(t.world.patients.people.hba1c_true);
    EXPECT_NEAR(drawn.sd, requested, kSigmas * drawn.se) << "requested SD " << requested;
    // A population narrower than the fluctuation fluctuates less: at most half its variance.
    const SdEstimate fluctuation = sd_of(t.world.patients.people.fluctuation);
    const double expected = std::min(1.17, requested / std::sqrt(2.0));
    EXPECT_NEAR(fluctuation.sd, expected, kSigmas * fluctuation.se) << "requested SD " << requested;
  }
}

TEST(PopulationSpread, TheWithinPersonSdIsCappedAtHalfThePopulationVariance) {
  EXPECT_EQ(within_person_sd(2.0, 1.17), 1.17);  // the default population: the fitted value, unchanged
  EXPECT_DOUBLE_EQ(within_person_sd(0.3, 1.17), 0.3 * std::sqrt(0.5));
  EXPECT_DOUBLE_EQ(within_person_sd(1.0, 0.2), 0.2);
}

TEST(Screening, RepeatedMeasurementsSelectPersistentlyPoorControl) {
  // All measurements must lie in the window: the enrolled are selected more on their set level than
  // on one high reading, so their set level is higher, fewer are below the threshold by baseline,
  // and more candidates are screened.
  auto enrol = [](int measurements, int lead) {
    return make_test_world({"population.enrolled=5000", kArmsUsualCareOnly, "eligibility.hba1c_min=9",
                            "eligibility.hba1c_max=25", "eligibility.measurement_interval_weeks=13",
                            "eligibility.screening_lead_weeks=" + std::to_string(lead),
                            "eligibility.measurements=" + std::to_string(measurements)});
  };
  const auto once = enrol(1, 8), thrice = enrol(3, 8);
  auto mean_of = [](const std::vector<float>& v) { return mean(std::vector<double>(v.begin(), v.end())); };
  auto share_below = [](const World& w) {
    double below = 0;
    for (float v : w.patients.baseline_measured) below += v < 9.0f;
    return below / static_cast<double>(w.patients.size());
  };
  EXPECT_GT(mean_of(thrice.world.patients.people.hba1c_set),
            mean_of(once.world.patients.people.hba1c_set) + 0.1);
  EXPECT_LT(share_below(thrice.world), share_below(once.world) - 0.03);
  EXPECT_GT(thrice.world.patients.id.back(), once.world.patients.id.back());
  // Without measurement error or lead time the last measurement is the baseline: it is in the window.
  const auto exact = make_test_world(
      {"population.enrolled=2000", kArmsUsualCareOnly, "eligibility.hba1c_min=9", "eligibility.hba1c_max=25",
       "eligibility.screening_lead_weeks=0", "clinical.measurement_sd=0", "eligibility.measurements=3"});
  for (float v : exact.world.patients.baseline_true) ASSERT_GE(v, 9.0f - 1e-4f);
}

TEST(CoachRecruitment, OwnHba1cMustLieBetweenTheBounds) {
  auto t = make_test_world({kArmsCoachedOnly, "population.enrolled=100", "coaches.count=40",
                            "program.caseload=10", "coaches.own_hba1c_min=7.0", "coaches.own_hba1c_max=8.5"});
  const auto& c = t.world.coaches;
  ASSERT_EQ(c.size(), 40u);
  for (std::size_t k = 0; k < c.size(); ++k) {
    EXPECT_GE(c.founders.people.clinic_hba1c[k], 7.0f) << k;  // the screening value
    EXPECT_LT(c.founders.people.clinic_hba1c[k], 8.5f) << k;
  }
}

TEST(CoachRecruitment, FormerPoorControlSelectsPeopleWhoseHba1cFell) {
  auto candidates = [](const std::string& former_min, const std::string& drift) {
    auto t = make_test_world({kArmsCoachedOnly, "population.enrolled=100", "coaches.count=100",
                              "program.caseload=10", "coaches.own_hba1c_max=8.0",
                              "coaches.former_hba1c_min=" + former_min, "coaches.former_hba1c_years=3",
                              "coaches.hba1c_drift_sd=" + drift});
    EXPECT_EQ(t.world.coaches.size(), 100u);
    return t.world.ledger.next_coach_candidate;
  };
  const auto unselected = candidates("0", "1.5");
  const auto selected = candidates("9.5", "1.5");
  EXPECT_GT(selected, 2 * unselected);
  // The wider a person's own course, the more of today's controlled candidates were once far above
  // it; without one, only a transient fluctuation then could have put them there.
  EXPECT_GT(candidates("9.5", "0"), 2 * selected);
}

// Total phone, in-person and group contacts of an arm over the run.
double contacts(const ReplicateResult& r, std::size_t arm) {
  double total = 0;
  for (auto series : {kContactsPhone, kContactsInPerson, kContactsGroup}) {
    for (std::size_t week = 0; week < r.weeks; ++week) {
      const double v = r.arm_week[series][arm * r.weeks + week];
      if (!std::isnan(v)) total += v;
    }
  }
  return total;
}

TEST(Uptake, HalfTheUptakeHalvesTheContactsAndLeavesUsualCareAsItWas) {
  // Coaches with time to spare who do not quit: a taker's contacts do not depend on how many others
  // take the program up. (Where coach time binds, fewer takers each get more of it.)
  const std::vector<std::string> design = {kArmsTrial,
                                           "population.enrolled=400",
                                           "coaches.count=30",
                                           "program.caseload=10",
                                           "coaches.weekly_hours=60",
                                           "coaches.quit_hazard_base=0"};
  const auto full = make_params(design);
  auto with_uptake = design;
  with_uptake.push_back("eligibility.uptake=0.5");
  const auto half = make_params(with_uptake);
  std::vector<double> ratios;
  for (std::uint32_t r = 0; r < 12; ++r) {
    const auto a = run_replicate(full, r, serial_executor(), {}, false);
    const auto b = run_replicate(half, r, serial_executor(), {}, false);
    ratios.push_back(contacts(b, 0) / contacts(a, 0));
    // The usual-care arm (index 1) is the same patients with the same draws: every series identical.
    for (std::size_t s = 0; s < kArmWeekSeriesCount; ++s) {
      for (std::size_t week = 0; week < a.weeks; ++week) {
        const double x = a.arm_week[s][a.weeks + week], y = b.arm_week[s][b.weeks + week];
        ASSERT_TRUE(x == y || (std::isnan(x) && std::isnan(y)))
            << kArmWeekSeriesInfo[s].name << " week " << week;
      }
    }
    for (std::size_t s = 0; s < kArmSummaryCount; ++s) {
      const double x = a.arm_summary[s][1], y = b.arm_summary[s][1];
      ASSERT_TRUE(x == y || (std::isnan(x) && std::isnan(y))) << kArmSummaryInfo[s].name;
    }
  }
  EXPECT_NEAR(mean(ratios), 0.5, kSigmas * sample_sd(ratios) / std::sqrt(static_cast<double>(ratios.size())));
}

TEST(Uptake, DeclinersStayInTheirArmWithoutACoach) {
  auto t = make_test_world({kArmsTrial, "population.enrolled=400", "coaches.count=30", "program.caseload=10",
                            "eligibility.uptake=0.6"});
  const auto& pts = t.world.patients;
  double coached = 0, declined = 0;
  for (std::size_t i = 0; i < pts.size(); ++i) {
    if (!t.world.arm_coached[pts.arm[i]]) continue;
    coached += 1;
    const bool dropped = pts.engagement(i) == Engagement::Dropped;
    declined += dropped;
    EXPECT_EQ(pts.records.coach[pts.record(i)] < 0, dropped) << i;
  }
  expect_binomial(declined, coached, 0.4, "declined");
}

}  // namespace
}  // namespace coachsim
