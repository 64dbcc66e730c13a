// The contact schedule (models/schedule.cpp): the program's rates with their taper, or the phases
// of [[program.phases]], and the coach hours they ask for.
#include "models/schedule.hpp"

#include <gtest/gtest.h>

#include "tests/models/model_test_support.hpp"

namespace coachsim {
namespace {

using namespace coachsim::testing;

constexpr const char* kWeekly = "4.333333333333333";  // 52/12 a month: one a week

// Weekly calls for 8 weeks then monthly, with an in-person session in week 0.
std::string weekly_then_monthly() {
  return std::string("program.phases=[{from_week=0, to_week=1, phone_contacts_per_month=") + kWeekly +
         ", in_person_contacts_per_month=" + kWeekly + "}, {from_week=1, to_week=8, phone_contacts_per_month=" +
         kWeekly + "}, {from_week=8, to_week=26, phone_contacts_per_month=1}]";
}

TEST(Schedule, WithoutPhasesTheProgramRatesApplyWithTheirTaper) {
  const auto p = make_params({"program.weeks=26", "program.phone_contacts_per_month=2",
                              "program.in_person_contacts_per_month=0.5", "program.group_sessions_per_month=1",
                              "program.taper_after_weeks=10", "program.taper_factor=0.5"});
  const ContactRates early = scheduled_rates(p.program, 9);
  EXPECT_EQ(early.phone, 2.0);
  EXPECT_EQ(early.in_person, 0.5);
  EXPECT_EQ(early.group, 1.0);
  const ContactRates late = scheduled_rates(p.program, 10);
  EXPECT_EQ(late.phone, 1.0);
  EXPECT_EQ(late.in_person, 0.25);
  EXPECT_EQ(late.group, 0.5);
  const ContactRates after = scheduled_rates(p.program, 26);
  EXPECT_EQ(after.phone + after.in_person + after.group, 0.0) << "no schedule once the program has ended";
}

TEST(Schedule, PhasesAreTheWholeSchedule) {
  const auto p = make_params({"program.weeks=40", "program.phone_contacts_per_month=2",
                              "program.in_person_contacts_per_month=0.34", weekly_then_monthly()});
  const ContactRates first = scheduled_rates(p.program, 0);
  EXPECT_NEAR(first.phone / kWeeksPerMonth, 1.0, 1e-12) << "a call a week";
  EXPECT_NEAR(first.in_person / kWeeksPerMonth, 1.0, 1e-12) << "the in-person session of week 0";
  for (std::uint32_t week = 1; week < 8; ++week) {
    const ContactRates r = scheduled_rates(p.program, week);
    EXPECT_NEAR(r.phone / kWeeksPerMonth, 1.0, 1e-12) << week;
    EXPECT_EQ(r.in_person, 0.0) << "phases replace program.in_person_contacts_per_month, week " << week;
  }
  for (std::uint32_t week = 8; week < 26; ++week) EXPECT_EQ(scheduled_rates(p.program, week).phone, 1.0) << week;
  for (std::uint32_t week = 26; week < 40; ++week) {
    const ContactRates r = scheduled_rates(p.program, week);
    EXPECT_EQ(r.phone + r.in_person + r.group, 0.0) << "no phase covers week " << week;
  }
}

TEST(Schedule, HoursPerPatientWeekWeighTheModesAndShareGroupSessions) {
  const auto p = make_params({"program.hours_per_phone_contact=0.5", "program.hours_per_in_person_contact=1.5",
                              "program.hours_per_group_session=2", "program.group_size=8"});
  const double hours = scheduled_hours_per_patient_week(p.program, {2, 1, 4});
  EXPECT_NEAR(hours, (2 * 0.5 + 1 * 1.5 + 4 * 2 / 8.0) / kWeeksPerMonth, 1e-12);
}

TEST(Schedule, OverlappingOrEmptyPhasesAreRefusedAtTheItemKey) {
  const auto message = [](const std::string& phases) {
    try {
      make_params({"program.phases=" + phases});
    } catch (const std::exception& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_NE(message("[{from_week=0, to_week=8}, {from_week=4, to_week=12}]").find("program.phases[1].from_week"),
            std::string::npos);
  EXPECT_NE(message("[{from_week=5, to_week=5}]").find("program.phases[0].to_week: empty phase"), std::string::npos);
  EXPECT_EQ(message("[{from_week=4, to_week=12}, {from_week=0, to_week=4}]"), "") << "any order, touching is fine";
}

}  // namespace
}  // namespace coachsim
