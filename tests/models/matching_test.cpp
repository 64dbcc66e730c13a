// Matching of coached patients to coaches (models/matching.cpp).
#include "models/matching.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "tests/models/model_test_support.hpp"

namespace coachsim {
namespace {

using namespace coachsim::testing;

// Undoes the initial matching so a test can set up coaches by hand and match again.
void unmatch_all(World& w) {
  std::fill(w.patients.records.coach.begin(), w.patients.records.coach.end(), kNoCoach);
  std::fill(w.coaches.caseload.begin(), w.coaches.caseload.end(), 0u);
}

std::vector<std::uint32_t> assigned_counts(const World& w) {
  std::vector<std::uint32_t> counts(w.coaches.size(), 0);
  for (auto k : w.patients.records.coach) {  // the last row, of patients without a record: kNoCoach
    if (k >= 0) ++counts[static_cast<std::size_t>(k)];
  }
  return counts;
}

TEST(Matching, SimilarityScoresLanguageSexAndAge) {
  People a, b;
  a.resize(1);
  b.resize(3);
  a.set_traits(0, {.female = true, .language = Language::Spanish}), a.age[0] = 50;
  b.set_traits(0, {.female = true, .language = Language::Spanish}), b.age[0] = 50;  // identical
  b.set_traits(1, {.female = false, .language = Language::Chinese}),
      b.age[1] = 85;  // different in everything, 35 years apart
  b.set_traits(2, {.female = false, .language = Language::Spanish}),
      b.age[2] = 65;  // same language, 15 years apart
  EXPECT_DOUBLE_EQ(similarity(a, 0, b, 0), 1.0);
  EXPECT_DOUBLE_EQ(similarity(a, 0, b, 1), 0.0);
  EXPECT_DOUBLE_EQ(similarity(a, 0, b, 2), (1.0 + 0.0 + 0.5) / 3.0);
}

TEST(Matching, EveryCoachedPatientGetsAnActiveCoachAndUsualCareNone) {
  auto t = make_test_world({"population.enrolled=400", kArmsTrial, "coaches.count=25", "program.caseload=10"});
  const auto& w = t.world;
  for (std::size_t i = 0; i < w.patients.size(); ++i) {
    if (w.arm_coached[w.patients.arm[i]]) {
      ASSERT_GE(w.patients.records.coach[w.patients.record(i)], 0) << i;
      EXPECT_TRUE(w.coaches.active[static_cast<std::size_t>(w.patients.records.coach[w.patients.record(i)])]);
    } else {
      EXPECT_EQ(w.patients.records.coach[w.patients.record(i)], kNoCoach) << i;
    }
  }
  EXPECT_EQ(assigned_counts(w), w.coaches.caseload);
}

TEST(Matching, CaseloadIsNeverExceededAndOverflowWaitsInEnrolmentOrder) {
  for (const char* policy : {"random", "language", "similarity"}) {
    auto params = make_params({"population.enrolled=300", kArmsCoachedOnly, "coaches.count=30",
                               "program.caseload=10", std::string("program.matching=") + policy});
    params.program.caseload = 4;  // below what the validator accepts: 30 x 4 = 120 places for 300
    auto t = make_test_world(params);
    const auto& w = t.world;
    const auto counts = assigned_counts(w);
    for (std::size_t k = 0; k < counts.size(); ++k) {
      EXPECT_EQ(counts[k], 4u) << policy << " coach " << k;
      EXPECT_EQ(w.coaches.caseload[k], 4u);
    }
    // The first 120 in enrolment order are matched, the rest wait.
    for (std::size_t i = 0; i < w.patients.size(); ++i) {
      EXPECT_EQ(w.patients.records.coach[w.patients.record(i)] >= 0, i < 120) << policy << " patient " << i;
    }
  }
}

TEST(Matching, FullCoachesTakeNoOneWhenPatientsAreMatchedAgain) {
  for (const char* policy : {"random", "language", "similarity"}) {
    // 100 patients fill 10 coaches; coach 0 leaves and its patients wait, with no room anywhere.
    auto t = make_test_world({"population.enrolled=100", kArmsCoachedOnly, "coaches.count=10", "program.caseload=10",
                              std::string("program.matching=") + policy});
    auto& w = t.world;
    for (auto n : w.coaches.caseload) ASSERT_EQ(n, 10u) << policy;
    w.coaches.active[0] = 0;
    w.coaches.caseload[0] = 0;
    std::vector<std::size_t> waiting;
    for (std::size_t i = 0; i < w.patients.size(); ++i) {
      if (w.patients.records.coach[w.patients.record(i)] == 0) {
        w.patients.records.coach[w.patients.record(i)] = kNoCoach;
        waiting.push_back(i);
      }
    }
    match_unassigned(w, 4);
    for (auto i : waiting)
      EXPECT_EQ(w.patients.records.coach[w.patients.record(i)], kNoCoach) << policy << " patient " << i;
    for (std::size_t k = 1; k < w.coaches.size(); ++k) EXPECT_EQ(w.coaches.caseload[k], 10u) << policy << " coach " << k;
    EXPECT_EQ(assigned_counts(w), w.coaches.caseload) << policy;
  }
}

TEST(Matching, LanguageMatchingPairsSameLanguageWhenPossibleAndBalancesLoads) {
  auto t = make_test_world({"population.enrolled=600", kArmsCoachedOnly, "coaches.count=9", "program.caseload=400",
                            "program.matching=language"});
  auto& w = t.world;
  // Three coaches per language.
  for (std::size_t k = 0; k < w.coaches.size(); ++k)
    w.coaches.founders.people.set_traits(k, {.language = static_cast<Language>(k % 3)});
  unmatch_all(w);
  match_unassigned(w, 0);
  std::vector<std::vector<std::uint32_t>> by_language(3);
  for (std::size_t i = 0; i < w.patients.size(); ++i) {
    const auto k = static_cast<std::size_t>(w.patients.records.coach[w.patients.record(i)]);
    EXPECT_EQ(w.coaches.founders.people.language(k), w.patients.people.language(i)) << i;
  }
  for (std::size_t k = 0; k < w.coaches.size(); ++k) by_language[k % 3].push_back(w.coaches.caseload[k]);
  for (const auto& loads : by_language) {
    // Ties go to the coach with the fewest patients: same-language coaches differ by at most one.
    EXPECT_LE(*std::max_element(loads.begin(), loads.end()) - *std::min_element(loads.begin(), loads.end()), 1u);
  }
}

TEST(Matching, LanguageMatchingFallsBackWhenNoSameLanguageCoachHasRoom) {
  auto params = make_params({"population.enrolled=200", kArmsCoachedOnly, "coaches.count=20", "program.caseload=10",
                             "program.matching=language"});
  auto t = make_test_world(params);
  auto& w = t.world;
  for (std::size_t k = 0; k < w.coaches.size(); ++k)
    w.coaches.founders.people.set_traits(k, {.language = Language::English});  // English only
  unmatch_all(w);
  match_unassigned(w, 0);
  std::size_t non_english = 0;
  for (std::size_t i = 0; i < w.patients.size(); ++i) {
    ASSERT_GE(w.patients.records.coach[w.patients.record(i)], 0) << "everyone is matched when places suffice";
    non_english += w.patients.people.language(i) != 0;
  }
  EXPECT_GT(non_english, 0u);
}

TEST(Matching, LanguageMatchingBeatsRandomMatching) {
  auto share_same_language = [](const char* policy) {
    auto t = make_test_world({"population.enrolled=1000", kArmsCoachedOnly, "coaches.count=60",
                              "program.caseload=100", std::string("program.matching=") + policy});
    const auto& w = t.world;
    double same = 0;
    for (std::size_t i = 0; i < w.patients.size(); ++i) {
      const auto k = static_cast<std::size_t>(w.patients.records.coach[w.patients.record(i)]);
      same += w.coaches.founders.people.language(k) == w.patients.people.language(i);
    }
    return same / static_cast<double>(w.patients.size());
  };
  const double language = share_same_language("language");
  const double random = share_same_language("random");
  EXPECT_GT(language, 0.99);  // 60 coaches with room cover every language
  // Random: about 0.5^2 + 0.3^2 + 0.2^2 = 0.38 of pairs share a language by chance.
  EXPECT_LT(random, 0.6);
}

TEST(Matching, SimilarityMatchingPicksTheBestScoringCoachWithRoom) {
  auto t = make_test_world({"population.enrolled=500", kArmsCoachedOnly, "coaches.count=15", "program.caseload=1000",
                            "program.matching=similarity"});
  const auto& w = t.world;
  for (std::size_t i = 0; i < w.patients.size(); ++i) {
    const auto chosen = static_cast<std::size_t>(w.patients.records.coach[w.patients.record(i)]);
    double best = -1;
    for (std::size_t k = 0; k < w.coaches.size(); ++k) {
      best = std::max(best, similarity(w.patients.people, i, w.coaches.founders.people, k));
    }
    EXPECT_DOUBLE_EQ(similarity(w.patients.people, i, w.coaches.founders.people, chosen), best) << i;
  }
}

TEST(Matching, RandomMatchingSpreadsPatientsOverCoaches) {
  const std::uint32_t n = 3000, coaches = 10;
  auto t = make_test_world({"population.enrolled=" + std::to_string(n), kArmsCoachedOnly,
                            "coaches.count=" + std::to_string(coaches), "program.caseload=1000",
                            "program.matching=random"});
  const auto counts = assigned_counts(t.world);
  for (std::size_t k = 0; k < coaches; ++k) {
    expect_binomial(counts[k], n, 1.0 / coaches, "coach " + std::to_string(k));
  }
}

TEST(Matching, DroppedAndReleasedPatientsAreNotMatched) {
  auto t = make_test_world({"population.enrolled=100", kArmsCoachedOnly, "coaches.count=10", "program.caseload=10"});
  auto& w = t.world;
  unmatch_all(w);
  w.patients.set_engagement(3, Engagement::Dropped);
  w.patients.records.coach[w.patients.record(5)] = kReleasedFromCoaching;
  match_unassigned(w, 0);
  EXPECT_EQ(w.patients.records.coach[w.patients.record(3)], kNoCoach);
  EXPECT_EQ(w.patients.records.coach[w.patients.record(5)], kReleasedFromCoaching);
  EXPECT_GE(w.patients.records.coach[w.patients.record(4)], 0);
}

TEST(Matching, InactiveCoachesGetNoPatients) {
  auto t = make_test_world({"population.enrolled=100", kArmsCoachedOnly, "coaches.count=20", "program.caseload=10"});
  auto& w = t.world;
  unmatch_all(w);
  for (std::size_t k = 0; k < w.coaches.size(); k += 2) w.coaches.active[k] = 0;
  match_unassigned(w, 3);
  for (std::size_t i = 0; i < w.patients.size(); ++i) {
    const auto k = w.patients.records.coach[w.patients.record(i)];
    ASSERT_GE(k, 0);
    EXPECT_TRUE(w.coaches.active[static_cast<std::size_t>(k)]);
  }
}

}  // namespace
}  // namespace coachsim

namespace coachsim {
namespace {

using namespace coachsim::testing;

// Style matching: same language first, then the coach whose style serves the patient's needs.
TEST(Matching, StyleMatchingSendsPatientsWhoNeedAdviceToAdvisors) {
  auto t = make_test_world({"population.enrolled=200", kArmsCoachedOnly, "coaches.count=20", "program.caseload=10",
                            "program.matching=style", "population.share_spanish=0", "population.share_chinese=0"});
  auto& w = t.world;
  auto& c = w.coaches;
  for (std::size_t k = 0; k < c.size(); ++k) {
    const bool advisor = k % 2 == 0;
    c.advisor[k] = advisor ? 0.8f : 0.1f;
    c.supporter[k] = advisor ? 0.1f : 0.8f;
    c.role_model[k] = 0.1f;
    c.openness[k] = c.responsibility[k] = 0.5f;
    c.founders.people.set_traits(k, {});
  }
  auto& pp = w.patients.people;
  for (std::size_t i = 0; i < w.patients.size(); ++i) {
    pp.set_traits(i, {});
    const bool needs_advice = i % 2 == 0;
    pp.self_management0[i] = needs_advice ? 0.1f : 0.8f;
    pp.activation0[i] = needs_advice ? 0.8f : 0.1f;
  }
  std::fill(w.patients.records.coaches_had.begin(), w.patients.records.coaches_had.end(), 0);
  std::fill(w.patients.records.coach.begin(), w.patients.records.coach.end(), kNoCoach);
  std::fill(c.caseload.begin(), c.caseload.end(), 0u);
  match_unassigned(w, 0);
  for (std::size_t i = 0; i < w.patients.size(); ++i) {
    ASSERT_GE(w.patients.records.coach[w.patients.record(i)], 0);
    EXPECT_EQ(w.patients.records.coach[w.patients.record(i)] % 2, static_cast<std::int32_t>(i % 2)) << i;
  }
}

}  // namespace
}  // namespace coachsim
