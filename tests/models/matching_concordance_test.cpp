// Concordance matching on a declared attribute, and race/ethnicity in the population
// (models/matching.cpp, models/population.cpp).
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "models/matching.hpp"
#include "tests/models/model_test_support.hpp"

namespace coachsim {
namespace {

using namespace coachsim::testing;

struct Concordance {
  double pairs = 0;  // coached patients whose coach shares their category
  double bound = 0;  // the most the pool allows: per category, min(patients, coaches x caseload)
};

Concordance concordance(const World& w, ConcordanceAttribute attribute) {
  std::array<double, kConcordanceCategories> patients{}, places{};
  Concordance result;
  const auto& pts = w.patients;
  for (std::size_t i = 0; i < pts.size(); ++i) {
    if (pts.records.coach[pts.record(i)] < 0) continue;
    const auto category = concordance_category(attribute, pts.people, i);
    patients[category] += 1;
    result.pairs +=
        category == concordance_category(attribute, w.coaches.founders.people,
                                         static_cast<std::size_t>(pts.records.coach[pts.record(i)]));
  }
  for (std::size_t k = 0; k < w.coaches.size(); ++k) {
    places[concordance_category(attribute, w.coaches.founders.people, k)] += w.p().program.caseload;
  }
  for (std::size_t c = 0; c < kConcordanceCategories; ++c) result.bound += std::min(patients[c], places[c]);
  return result;
}

// Matching is greedy in enrolment order: with room for every patient of a category among its coaches,
// everyone whose category the pool has is matched concordantly. (Where a category's coaches fill up, a
// patient placed with another category's coach can take a place a later patient of that category
// would have needed.)
TEST(ConcordanceMatching, AsManyConcordantPairsAsThePoolAllowsAndMoreThanByChance) {
  const std::vector<std::pair<const char*, ConcordanceAttribute>> policies = {
      {"race_ethnicity", ConcordanceAttribute::RaceEthnicity},
      {"sex", ConcordanceAttribute::Sex},
      {"age_band", ConcordanceAttribute::AgeBand},
      {"language", ConcordanceAttribute::Language}};
  for (const auto& entry : policies) {
    const char* policy = entry.first;  // named copies: lambdas below capture them
    const ConcordanceAttribute attribute = entry.second;
    for (const char* caseload : {"100", "400"}) {
      const std::vector<std::string> common = {kArmsCoachedOnly, "population.enrolled=400",
                                               "coaches.count=25",
                                               std::string("program.caseload=") + caseload};
      auto concordant = make_test_world([&] {
        auto o = common;
        o.push_back(std::string("program.matching=\"") + policy + "\"");
        return o;
      }());
      auto random = make_test_world([&] {
        auto o = common;
        o.push_back("program.matching=\"random\"");
        return o;
      }());
      const Concordance matched = concordance(concordant.world, attribute);
      const Concordance by_chance = concordance(random.world, attribute);
      EXPECT_EQ(matched.pairs, matched.bound) << policy << ", caseload " << caseload;
      EXPECT_GT(matched.pairs, by_chance.pairs + 20) << policy << ", caseload " << caseload;
    }
  }
}

TEST(ConcordanceMatching, AgeBandsAreDecadesOfAge) {
  People people;
  people.resize(3);
  people.age = {49.9f, 50.0f, 95.0f};
  EXPECT_EQ(concordance_category(ConcordanceAttribute::AgeBand, people, 0), 4);
  EXPECT_EQ(concordance_category(ConcordanceAttribute::AgeBand, people, 1), 5);
  EXPECT_EQ(concordance_category(ConcordanceAttribute::AgeBand, people, 2), 9);
}

TEST(RaceEthnicity, SharesAsDeclaredAndConsistentWithLanguage) {
  auto t = make_test_world({kArmsUsualCareOnly, "population.enrolled=20000", "eligibility.hba1c_min=4",
                            "population.share_spanish=0.3", "population.share_chinese=0.2",
                            "population.share_latino=0.35", "population.share_black=0.25",
                            "population.share_asian=0.25", "population.share_white=0.1"});
  const auto& people = t.world.patients.people;
  std::array<double, 5> count{};
  for (std::size_t i = 0; i < people.size(); ++i) {
    const auto race = static_cast<RaceEthnicity>(people.race_ethnicity(i));
    count[people.race_ethnicity(i)] += 1;
    if (people.language(i) == static_cast<std::uint8_t>(Language::Spanish)) {
      EXPECT_EQ(race, RaceEthnicity::Latino);
    }
    if (people.language(i) == static_cast<std::uint8_t>(Language::Chinese)) {
      EXPECT_EQ(race, RaceEthnicity::Asian);
    }
  }
  const double n = static_cast<double>(people.size());
  const std::array<double, 5> shares = {0.35, 0.25, 0.25, 0.1, 0.05};
  for (std::size_t r = 0; r < shares.size(); ++r)
    expect_binomial(count[r], n, shares[r], "race/ethnicity " + std::to_string(r));
  // Coaches carry it too, drawn the same way.
  auto c = make_test_world(
      {kArmsCoachedOnly, "population.enrolled=100", "coaches.count=300", "program.caseload=10"});
  std::array<double, 5> coach_count{};
  const auto& coaches = c.world.coaches.founders.people;
  for (std::size_t k = 0; k < coaches.size(); ++k) coach_count.at(coaches.race_ethnicity(k)) += 1;
  EXPECT_GT(*std::min_element(coach_count.begin(), coach_count.end() - 1), 0.0);
}

}  // namespace
}  // namespace coachsim
