// Agent state (models/state.cpp): columns resized, appended and compacted together.
#include "models/state.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace coachsim {
namespace {

TEST(People, EveryCombinationOfTraitsIsKeptInItsByte) {
  People p;
  p.resize(2 * 3 * 2 * 5);
  std::size_t i = 0;
  for (bool female : {false, true}) {
    for (auto language : {Language::English, Language::Spanish, Language::Chinese}) {
      for (bool low_literacy : {false, true}) {
        for (std::uint8_t race = 0; race <= static_cast<std::uint8_t>(RaceEthnicity::Other); ++race) {
          p.set_traits(i++, {female, language, low_literacy, static_cast<RaceEthnicity>(race)});
        }
      }
    }
  }
  i = 0;
  for (bool female : {false, true}) {
    for (auto language : {Language::English, Language::Spanish, Language::Chinese}) {
      for (bool low_literacy : {false, true}) {
        for (std::uint8_t race = 0; race <= static_cast<std::uint8_t>(RaceEthnicity::Other); ++race, ++i) {
          EXPECT_EQ(p.female(i), female) << i;
          EXPECT_EQ(p.language(i), static_cast<std::uint8_t>(language)) << i;
          EXPECT_EQ(p.low_literacy(i), low_literacy) << i;
          EXPECT_EQ(p.race_ethnicity(i), race) << i;
          // The accessors read the layout Traits::packed writes.
          const Traits read{p.female(i), static_cast<Language>(p.language(i)), p.low_literacy(i),
                            static_cast<RaceEthnicity>(p.race_ethnicity(i))};
          EXPECT_EQ(read.packed(), p.traits[i]) << i;
        }
      }
    }
  }
}

TEST(Coaches, AppendingGrowsEveryColumnTogetherByAnEighthAtATime) {
  Coaches c;
  for (std::size_t n = 0; n < 5000; ++n) {
    ASSERT_EQ(c.append(), n);
    c.id[n] = static_cast<std::uint32_t>(n);
  }
  EXPECT_EQ(c.patient.back(), kNotAPatient) << "initial values";
  EXPECT_EQ(c.quit_week.back(), -1);
  c.for_each_column([&](const auto& column, auto) {
    EXPECT_EQ(column.size(), 5000u);
    EXPECT_LE(column.capacity(), 5000u + 5000u / 8 + 16) << "grown by an eighth, not doubled";
  });
}

TEST(Coaches, KeepOnlyKeepsTheRestInOrderAndItsCapacity) {
  Coaches c;
  for (std::uint32_t n = 0; n < 10; ++n) c.id[c.append()] = n;
  const std::size_t capacity = c.id.capacity();
  c.keep_only({1, 0, 1, 0, 0, 1, 1, 0, 0, 1});
  EXPECT_EQ(c.id, (std::vector<std::uint32_t>{0, 2, 5, 6, 9}));
  c.for_each_column([](const auto& column, auto) { EXPECT_EQ(column.size(), 5u); });
  EXPECT_EQ(c.id.capacity(), capacity) << "recruitment goes on into the room left";
}

TEST(Coaches, KeepOnlyReturnsRoomBeyondAnEighthMoreThanTheKept) {
  Coaches c;
  for (std::uint32_t n = 0; n < 4000; ++n) c.id[c.append()] = n;
  std::vector<std::uint8_t> keep(4000, 0);
  for (std::size_t k = 0; k < 4000; k += 4) keep[k] = 1;  // 1,000 kept
  c.keep_only(keep);
  ASSERT_EQ(c.size(), 1000u);
  EXPECT_EQ(c.id[999], 3996u);
  c.for_each_column([](const auto& column, auto) {
    EXPECT_EQ(column.size(), 1000u);
    EXPECT_LE(column.capacity(), 1000u + 1000u / 8 + 16) << "no more room than recruitment would give";
  });
}

TEST(Patients, EngagementCareAndEachFlagAreSetWithoutTouchingTheOthers) {
  constexpr PatientFlag kFlags[] = {PatientFlag::Followed, PatientFlag::Scheduled, PatientFlag::Visited,
                                    PatientFlag::RequestPending};
  Patients p;
  p.resize(1);
  for (unsigned bits = 0; bits < 16; ++bits) {
    for (auto e : {Engagement::Active, Engagement::Lapsed, Engagement::Dropped}) {
      for (auto c : {Care::InClinic, Care::Moved, Care::Died}) {
        for (std::size_t n = 0; n < 4; ++n) p.set_flag(0, kFlags[n], (bits >> n & 1u) != 0);
        p.set_engagement(0, e);
        p.set_care(0, c);
        EXPECT_EQ(p.engagement(0), e) << bits;
        EXPECT_EQ(p.care(0), c) << bits;
        for (std::size_t n = 0; n < 4; ++n)
          EXPECT_EQ(p.flag(0, kFlags[n]), (bits >> n & 1u) != 0) << bits << " " << n;
      }
    }
  }
}

TEST(Patients, TheFirstCoachIsHeldOnlyWhereATableReadsIt) {
  Patients untabled;
  untabled.resize(100);
  EXPECT_TRUE(untabled.first_coach.empty());
  Patients tabled;
  tabled.has_first_coach = true;
  tabled.resize(100);
  EXPECT_EQ(tabled.first_coach, std::vector<std::int32_t>(100, kNoCoach));
}

TEST(Patients, OpenProgramColumnsAreHeldOnlyWhereAnArmUsesThem) {
  Patients closed;
  closed.resize(100);
  EXPECT_TRUE(closed.entry_week.empty());
  EXPECT_TRUE(closed.weeks_coached.empty());
  EXPECT_EQ(closed.entry(99), 0u) << "everyone enters at week 0";
  EXPECT_EQ(closed.weeks_waited.size(), 100u);

  Patients rolling;
  rolling.has_entry_weeks = rolling.has_weeks_coached = true;
  rolling.resize(100);
  rolling.entry_week[7] = 12;
  EXPECT_EQ(rolling.entry(7), 12u);
  EXPECT_EQ(rolling.weeks_coached.size(), 100u);
  rolling.keep_only(std::vector<std::uint8_t>(100, 1));
  EXPECT_EQ(rolling.entry_week.size(), 100u) << "compacted with the rest";
}

}  // namespace
}  // namespace coachsim
