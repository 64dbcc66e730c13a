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

TEST(People, TheTreatmentStepAndTheStepAtEnrolmentShareAByteWithoutTouchingEachOther) {
  People p;
  p.resize(1);
  for (std::uint8_t step0 = 0; step0 <= 10; ++step0) {
    for (std::uint8_t step = 0; step <= 10; ++step) {
      p.set_treatment_step0(0, step0);
      p.set_treatment_step(0, step);
      EXPECT_EQ(p.treatment_step(0), step);
      EXPECT_EQ(p.treatment_step0(0), step0);
      p.set_treatment_step0(0, static_cast<std::uint8_t>(10 - step0));
      EXPECT_EQ(p.treatment_step(0), step) << "the step kept";
    }
  }
}

TEST(Coaches, AppendingGrowsEveryColumnTogetherByASixteenthAtATime) {
  Coaches c;
  for (std::size_t n = 0; n < 5000; ++n) {
    ASSERT_EQ(c.append(), n);
    c.id[n] = static_cast<std::uint32_t>(n);
  }
  EXPECT_EQ(c.patient.back(), kNotAPatient) << "initial values";
  EXPECT_EQ(c.quit_week.back(), -1);
  c.for_each_column([&](const auto& column, auto) {
    EXPECT_EQ(column.size(), 5000u);
    EXPECT_LE(column.capacity(), 5000u + 5000u / 16 + 16) << "grown by a sixteenth, not doubled";
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

TEST(Coaches, KeepOnlyReturnsRoomBeyondASixteenthMoreThanTheKept) {
  Coaches c;
  for (std::uint32_t n = 0; n < 4000; ++n) c.id[c.append()] = n;
  std::vector<std::uint8_t> keep(4000, 0);
  for (std::size_t k = 0; k < 4000; k += 4) keep[k] = 1;  // 1,000 kept
  c.keep_only(keep);
  ASSERT_EQ(c.size(), 1000u);
  EXPECT_EQ(c.id[999], 3996u);
  c.for_each_column([](const auto& column, auto) {
    EXPECT_EQ(column.size(), 1000u);
    EXPECT_LE(column.capacity(), 1000u + 1000u / 16 + 16) << "no more room than recruitment would give";
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

// 100 patients, arm i % 3 (arm 1 usual care), autonomy i / 100.
Patients patients_of_three_arms(bool first_coach) {
  Patients p;
  p.records.has_first_coach = first_coach;
  p.resize(100);
  for (std::size_t i = 0; i < 100; ++i) {
    p.arm[i] = static_cast<std::uint8_t>(i % 3);
    p.people.autonomy[i] = static_cast<float>(i) / 100.0f;
  }
  p.hold_records({1, 0, 1});
  return p;
}

TEST(Patients, TheProgramHoldsRecordsOfTheCoachedArmsPatientsOnlyInPatientOrder) {
  const Patients p = patients_of_three_arms(false);
  const auto& rec = p.records;
  ASSERT_EQ(rec.size(), 67u);
  std::size_t row = 0;
  for (std::size_t i = 0; i < 100; ++i) {
    EXPECT_EQ(p.records.held.contains(i), i % 3 != 1) << i;
    EXPECT_EQ(p.record(i), p.records.held.contains(i) ? row++ : rec.size()) << i;
    EXPECT_EQ(rec.autonomy0[p.record(i)], p.records.held.contains(i) ? p.people.autonomy[i] : 0.0f)
        << "autonomy at enrolment";
  }
  // Every column has a row per record and the row every other patient reads: no coach, no contacts.
  ProgramRecords copy = rec;
  copy.for_each_column([&](auto& column, auto initial) {
    EXPECT_EQ(column.size(), rec.size() + 1);
    EXPECT_EQ(column.back(), initial);
  });
  EXPECT_EQ(rec.coach.back(), kNoCoach);
}

TEST(Patients, TheFirstCoachIsHeldOnlyWhereATableReadsIt) {
  EXPECT_TRUE(patients_of_three_arms(false).records.first_coach.empty());
  EXPECT_EQ(patients_of_three_arms(true).records.first_coach, std::vector<std::int32_t>(68, kNoCoach));
}

TEST(Patients, KeepingSomePatientsKeepsTheirRecordsInOrder) {
  Patients p = patients_of_three_arms(true);
  for (std::size_t i = 0; i < 100; ++i) {
    if (p.records.held.contains(i)) p.records.trust[p.record(i)] = static_cast<float>(i);
  }
  std::vector<std::uint8_t> keep(100);
  for (std::size_t i = 0; i < 100; ++i) keep[i] = i % 4 != 0;
  p.keep_only(keep);
  ASSERT_EQ(p.size(), 75u);
  std::size_t records = 0;
  for (std::size_t i = 0, kept = 0; i < 100; ++i) {
    if (!keep[i]) continue;
    EXPECT_EQ(p.records.held.contains(kept), i % 3 != 1) << i;
    EXPECT_EQ(p.records.trust[p.record(kept)], i % 3 != 1 ? static_cast<float>(i) : 0.0f) << i;
    records += i % 3 != 1;
    ++kept;
  }
  EXPECT_EQ(p.records.size(), records);
  EXPECT_EQ(p.records.first_coach.size(), records + 1);
}

TEST(Patients, OpenProgramColumnsAreHeldOnlyWhereAnArmUsesThem) {
  Patients closed;
  closed.resize(100);
  EXPECT_TRUE(closed.entry_week.empty());
  EXPECT_TRUE(closed.weeks_coached.empty());
  EXPECT_EQ(closed.entry(99), 0u) << "everyone enters at week 0";

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
