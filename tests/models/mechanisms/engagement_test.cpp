// Mechanism 10, engagement and dropout (models/mechanisms/engagement.cpp).
#include <gtest/gtest.h>

#include <cmath>

#include "models/mechanisms/mechanisms.hpp"
#include "tests/models/model_test_support.hpp"

namespace coachsim {
namespace {

using namespace coachsim::testing;
namespace m = coachsim::mechanisms;

std::vector<std::string> engagement_params(std::vector<std::string> extra = {}) {
  std::vector<std::string> o = {kArmsCoachedOnly,
                                "population.enrolled=6000",
                                "coaches.count=60",
                                "program.caseload=100",
                                "engagement.lapse_per_week=0.2",
                                "engagement.trust_protection=1.5",
                                "engagement.result_protection=0.5",
                                "engagement.return_per_week=0.1",
                                "engagement.contact_reengagement=0.3",
                                "engagement.dropout_from_lapsed=0.05",
                                "engagement.dropout_per_week=0",
                                "engagement.lapsed_reach=0.3"};
  o.insert(o.end(), extra.begin(), extra.end());
  return o;
}

constexpr auto kActive = Engagement::Active;
constexpr auto kLapsed = Engagement::Lapsed;
constexpr auto kDropped = Engagement::Dropped;

// Runs the engagement phase `weeks` times, each time from the state `prepare` sets, and counts
// transitions to `target` per group (group = group_of(i)).
template <class Prepare, class GroupOf>
std::vector<double> transitions(World& w, Engagement target, std::size_t groups, std::uint32_t weeks,
                                Prepare prepare, GroupOf group_of, std::vector<double>& trials) {
  std::vector<double> hits(groups, 0.0);
  trials.assign(groups, 0.0);
  for (std::uint32_t s = 0; s < weeks; ++s) {
    for (std::size_t i = 0; i < w.patients.size(); ++i) prepare(i);
    m::engagement(w, context(s), all_patients(w));
    for (std::size_t i = 0; i < w.patients.size(); ++i) {
      hits[group_of(i)] += w.patients.engagement(i) == target;
      trials[group_of(i)] += 1;
    }
  }
  return hits;
}

TEST(Engagement, TrustAndResultsLowerTheLapseHazard) {
  auto t = make_test_world(engagement_params());
  auto& w = t.world;
  auto& pts = w.patients;
  auto prepare = [&](std::size_t i) {
    pts.set_engagement(i, kActive);
    pts.records.trust[pts.record(i)] = i % 3 == 1 ? 1.0f : 0.0f;
    // group 2 has improved by 1 point since baseline
    pts.people.hba1c_true[i] = pts.baseline_true[i] - (i % 3 == 2 ? 1.0f : 0.0f);
  };
  std::vector<double> trials;
  const auto lapses = transitions(w, kLapsed, 3, 4, prepare, [](std::size_t i) { return i % 3; }, trials);
  expect_binomial(lapses[0], trials[0], 0.2, "no trust, no improvement");
  expect_binomial(lapses[1], trials[1], 0.2 * std::exp(-1.5), "full trust");
  expect_binomial(lapses[2], trials[2], 0.2 * std::exp(-0.5 * 1.0), "improved by 1 point");
  EXPECT_LT(lapses[1], lapses[0]);
}

TEST(Engagement, WorseningDoesNotRaiseTheLapseHazard) {
  auto t = make_test_world(engagement_params());
  auto& w = t.world;
  auto& pts = w.patients;
  auto prepare = [&](std::size_t i) {
    pts.set_engagement(i, kActive);
    pts.records.trust[pts.record(i)] = 0.0f;
    pts.people.hba1c_true[i] = pts.baseline_true[i] + 2.0f;
  };
  std::vector<double> trials;
  const auto lapses = transitions(w, kLapsed, 1, 4, prepare, [](std::size_t) { return std::size_t{0}; }, trials);
  expect_binomial(lapses[0], trials[0], 0.2, "worse than baseline");
}

TEST(Engagement, LapsedPatientsDropOutOrReturnMoreOftenWhenContacted) {
  auto t = make_test_world(engagement_params());
  auto& w = t.world;
  auto& pts = w.patients;
  auto prepare = [&](std::size_t i) {
    pts.set_engagement(i, kLapsed);
    set_phone_contact(w, i, i % 2 == 1);
  };
  std::vector<double> trials;
  const auto group_of = [](std::size_t i) { return i % 2; };
  const auto returned = transitions(w, kActive, 2, 4, prepare, group_of, trials);
  // Return is decided only for those who did not drop out: P = (1 - 0.05) x rate.
  expect_binomial(returned[0], trials[0], 0.95 * 0.1, "no contact");
  expect_binomial(returned[1], trials[1], 0.95 * (0.1 + 0.3), "contacted");
  const auto dropped = transitions(w, kDropped, 2, 4, prepare, group_of, trials);
  expect_binomial(dropped[0] + dropped[1], trials[0] + trials[1], 0.05, "dropout from lapsed");
}

TEST(Engagement, DropoutFromAnyStateAndDroppedIsFinal) {
  auto t = make_test_world(engagement_params({"engagement.dropout_per_week=0.1", "engagement.lapse_per_week=0",
                                              "engagement.dropout_from_lapsed=0", "engagement.return_per_week=0",
                                              "engagement.contact_reengagement=0"}));
  auto& w = t.world;
  auto& pts = w.patients;
  auto prepare = [&](std::size_t i) { pts.set_engagement(i, i % 2 == 0 ? kActive : kLapsed); };
  std::vector<double> trials;
  const auto dropped = transitions(w, kDropped, 2, 4, prepare, [](std::size_t i) { return i % 2; }, trials);
  expect_binomial(dropped[0], trials[0], 0.1, "from active");
  expect_binomial(dropped[1], trials[1], 0.1, "from lapsed");
  // Once dropped, always dropped.
  auto everyone_back = make_test_world(engagement_params({"engagement.return_per_week=1",
                                                          "engagement.contact_reengagement=1"}));
  auto& v = everyone_back.world;
  for (std::size_t i = 0; i < v.patients.size(); ++i) v.patients.set_engagement(i, kDropped);
  for (std::uint32_t s = 0; s < 5; ++s) {
    m::engagement(v, context(s), all_patients(v));
    for (std::size_t i = 0; i < v.patients.size(); ++i) ASSERT_EQ(v.patients.engagement(i), kDropped);
  }
}

}  // namespace
}  // namespace coachsim
