// Mechanism 1, contact (models/mechanisms/contact.cpp): coach availability, contacts by mode,
// patient-initiated calls and the coaches' tally of hours and contacts.
#include <gtest/gtest.h>

#include <cmath>

#include "models/matching.hpp"
#include "models/mechanisms/mechanisms.hpp"
#include "tests/models/model_test_support.hpp"

namespace coachsim {
namespace {

using namespace coachsim::testing;
namespace m = coachsim::mechanisms;

constexpr double kWeeksPerMonth = 52.0 / 12.0;

// 4000 coached patients filling 80 coaches (50 each) with ample hours; the contact schedule and modifiers are explicit.
TestWorld contact_world(std::vector<std::string> extra = {}) {
  std::vector<std::string> o = {"population.enrolled=4000",
                                kArmsCoachedOnly,
                                "coaches.count=80",
                                "program.caseload=50",
                                "coaches.weekly_hours=60",
                                "program.weeks=26",
                                "program.phone_contacts_per_month=2",
                                "program.in_person_contacts_per_month=1",
                                "program.group_sessions_per_month=0.5",
                                "program.hours_per_phone_contact=0.5",
                                "program.hours_per_in_person_contact=1.5",
                                "program.hours_per_group_session=2",
                                "program.group_size=8",
                                "program.taper_after_weeks=1040",
                                "program.taper_factor=1",
                                "coaching.openness_availability_gain=0.3",
                                "coaching.patient_initiated_per_week=0",
                                "coaching.in_person_weight=1.5",
                                "coaching.group_weight=0.7",
                                "engagement.lapsed_reach=0.3",
                                // the base rates; need and depression act on top (tested below)
                                "coaching.need_fit=0",
                                "coaching.depression_contact_factor=1"};
  o.insert(o.end(), extra.begin(), extra.end());
  return make_test_world(o);
}

// Every coach gets this fidelity; even-numbered coaches `open_even`, odd ones `open_odd` openness.
void set_coaches(World& w, float fidelity, float open_even, float open_odd) {
  for (std::size_t k = 0; k < w.coaches.size(); ++k) {
    w.coaches.fidelity[k] = fidelity;
    w.coaches.openness[k] = k % 2 == 0 ? open_even : open_odd;
  }
}

struct ModeCounts {
  double phone = 0, in_person = 0, group = 0, trials = 0;
};

// Runs the contact phase for `weeks` weeks from `first_week` and counts contacts of the patients
// whose coach satisfies `which`.
template <class Which>
ModeCounts count_contacts(World& w, std::uint32_t first_week, std::uint32_t weeks, Which which) {
  ModeCounts n;
  for (std::uint32_t s = first_week; s < first_week + weeks; ++s) {
    m::coach_availability(w, context(s));
    m::contact(w, context(s), all_patients(w));
    for (std::size_t i = 0; i < w.patients.size(); ++i) {
      if (w.patients.records.coach[w.patients.record(i)] < 0 ||
          !which(static_cast<std::size_t>(w.patients.records.coach[w.patients.record(i)])))
        continue;
      n.trials += 1;
      n.phone += w.patients.records.phone[w.patients.record(i)];
      n.in_person += w.patients.records.in_person[w.patients.record(i)];
      n.group += w.patients.records.group[w.patients.record(i)];
    }
  }
  return n;
}

TEST(Contact, AvailabilityIsTheShareOfScheduledTimeTheCoachHas) {
  auto t = contact_world({"coaches.weekly_hours=10"});
  auto& w = t.world;
  m::coach_availability(w, context(0));
  const double per_patient_week = (2 * 0.5 + 1 * 1.5 + 0.5 * 2 / 8.0) / kWeeksPerMonth;
  for (std::size_t k = 0; k < w.coaches.size(); ++k) {
    const double scheduled = w.coaches.caseload[k] * per_patient_week;
    EXPECT_NEAR(w.coaches.time_factor[k], std::min(1.0, 10.0 / scheduled), 1e-6) << k;
  }
  auto ample = contact_world();
  m::coach_availability(ample.world, context(0));
  for (float f : ample.world.coaches.time_factor) EXPECT_EQ(f, 1.0f);
}

TEST(Contact, RatesByModeMatchTheScheduleAndOpennessRaisesThem) {
  auto t = contact_world();
  auto& w = t.world;
  set_coaches(w, 0.8f, 0.9f, 0.1f);
  const std::uint32_t weeks = 8;
  for (float openness : {0.9f, 0.1f}) {
    const bool even = openness > 0.5f;
    const auto n = count_contacts(w, 0, weeks, [&](std::size_t k) { return (k % 2 == 0) == even; });
    const double base = 0.8 * (1.0 + 0.3 * openness) / kWeeksPerMonth;
    const std::string tag = "openness " + std::to_string(openness);
    expect_binomial(n.phone, n.trials, 2 * base, tag + " phone");
    expect_binomial(n.in_person, n.trials, 1 * base, tag + " in person");
    expect_binomial(n.group, n.trials, 0.5 * base, tag + " group");
  }
  const auto open = count_contacts(w, 10, weeks, [](std::size_t k) { return k % 2 == 0; });
  const auto firm = count_contacts(w, 10, weeks, [](std::size_t k) { return k % 2 == 1; });
  EXPECT_GT(open.phone / open.trials, firm.phone / firm.trials);
}

TEST(Contact, FidelityAndAvailabilityScaleTheRates) {
  auto t = contact_world({"coaches.weekly_hours=10"});
  auto& w = t.world;
  set_coaches(w, 0.5f, 0.0f, 0.0f);
  m::coach_availability(w, context(0));
  const double time_factor = w.coaches.time_factor[0];
  ASSERT_LT(time_factor, 0.5);
  for (std::size_t k = 0; k < w.coaches.size(); ++k) ASSERT_EQ(w.coaches.caseload[k], 50u);
  const auto n = count_contacts(w, 0, 8, [](std::size_t) { return true; });
  expect_binomial(n.phone, n.trials, 2 * 0.5 * time_factor / kWeeksPerMonth, "phone");
}

TEST(Contact, PatientInitiatedCallsGrowWithOpennessAndTrust) {
  auto t = contact_world({"program.phone_contacts_per_month=0", "coaching.patient_initiated_per_week=0.5"});
  auto& w = t.world;
  set_coaches(w, 0.8f, 0.9f, 0.1f);
  for (std::size_t i = 0; i < w.patients.size(); ++i)
    w.patients.records.trust[w.patients.record(i)] = i % 4 == 0 ? 0.0f : 1.0f;
  for (float openness : {0.9f, 0.1f}) {
    const bool even = openness > 0.5f;
    ModeCounts trusting, distrustful;
    for (std::uint32_t s = 0; s < 8; ++s) {
      m::coach_availability(w, context(s));
      m::contact(w, context(s), all_patients(w));
      for (std::size_t i = 0; i < w.patients.size(); ++i) {
        if ((static_cast<std::size_t>(w.patients.records.coach[w.patients.record(i)]) % 2 == 0) != even)
          continue;
        auto& n = w.patients.records.trust[w.patients.record(i)] > 0 ? trusting : distrustful;
        n.trials += 1;
        n.phone += w.patients.records.phone[w.patients.record(i)];
      }
    }
    expect_binomial(trusting.phone, trusting.trials, 0.5 * openness, "patient-initiated, openness " +
                                                                         std::to_string(openness));
    EXPECT_EQ(distrustful.phone, 0.0) << "no trust, no patient-initiated calls";
  }
}

TEST(Contact, LapsedPatientsAreReachedLessOften) {
  auto t = contact_world();
  auto& w = t.world;
  set_coaches(w, 0.8f, 0.5f, 0.5f);
  for (std::size_t i = 0; i < w.patients.size(); ++i) w.patients.set_engagement(i, Engagement::Lapsed);
  const auto n = count_contacts(w, 0, 8, [](std::size_t) { return true; });
  expect_binomial(n.phone, n.trials, 2 * 0.8 * 1.15 * 0.3 / kWeeksPerMonth, "lapsed phone");
}

TEST(Contact, TaperLowersTheRatesFromItsWeek) {
  auto t = contact_world({"program.taper_after_weeks=4", "program.taper_factor=0.25"});
  auto& w = t.world;
  set_coaches(w, 0.8f, 0.5f, 0.5f);
  const auto before = count_contacts(w, 0, 4, [](std::size_t) { return true; });
  const auto after = count_contacts(w, 4, 8, [](std::size_t) { return true; });
  const double full = 2 * 0.8 * 1.15 / kWeeksPerMonth;
  expect_binomial(before.phone, before.trials, full, "before the taper");
  expect_binomial(after.phone, after.trials, 0.25 * full, "after the taper");
}

TEST(Contact, NoContactsAfterTheProgramForDroppedOrUncoachedPatients) {
  auto t = contact_world({"coaching.patient_initiated_per_week=1"});
  auto& w = t.world;
  set_coaches(w, 1.0f, 1.0f, 1.0f);
  for (std::size_t i = 0; i < w.patients.size(); ++i)
    w.patients.records.trust[w.patients.record(i)] = 1.0f;  // every reachable patient calls
  for (std::size_t i = 0; i < w.patients.size(); i += 3) w.patients.set_engagement(i, Engagement::Dropped);
  for (std::size_t i = 1; i < w.patients.size(); i += 3)
    w.patients.records.coach[w.patients.record(i)] = i % 2 == 0 ? kNoCoach : kReleasedFromCoaching;
  m::coach_availability(w, context(25));
  m::contact(w, context(25), all_patients(w));  // the program's last week
  for (std::size_t i = 0; i < w.patients.size(); ++i) {
    const bool reachable = i % 3 == 2;
    EXPECT_EQ(w.dose(i) > 0, reachable) << i;
  }
  for (std::uint32_t step : {26u, 27u, 100u}) {
    m::contact(w, context(step), all_patients(w));
    for (std::size_t i = 0; i < w.patients.size(); ++i) {
      ASSERT_EQ(w.dose(i), 0.0f) << "step " << step << " patient " << i;
      ASSERT_EQ(w.patients.records.phone[w.patients.record(i)] +
                    w.patients.records.in_person[w.patients.record(i)] +
                    w.patients.records.group[w.patients.record(i)],
                0)
          << i;
    }
  }
}

TEST(Contact, DoseWeighsTheModesAndTheCoachTallyAddsThemUp) {
  auto t = contact_world({"program.phone_contacts_per_month=3", "program.in_person_contacts_per_month=2",
                          "program.group_sessions_per_month=2"});
  auto& w = t.world;
  set_coaches(w, 1.0f, 0.5f, 0.5f);
  m::coach_availability(w, context(0));
  m::contact(w, context(0), all_patients(w));
  m::tally_coach_work(w, context(0));
  std::vector<double> hours(w.coaches.size(), 0.0), contacts(w.coaches.size(), 0.0);
  for (std::size_t i = 0; i < w.patients.size(); ++i) {
    const auto& p = w.patients.records;
    const std::size_t s = w.patients.record(i);
    EXPECT_FLOAT_EQ(w.dose(i), static_cast<float>(p.phone[s] + 1.5 * p.in_person[s] + 0.7 * p.group[s])) << i;
    const auto k = static_cast<std::size_t>(p.coach[s]);
    hours[k] += p.phone[s] * 0.5 + p.in_person[s] * 1.5 + p.group[s] * 2.0 / 8.0;
    contacts[k] += p.phone[s] + p.in_person[s] + p.group[s];
  }
  double total = 0;
  for (std::size_t k = 0; k < w.coaches.size(); ++k) {
    EXPECT_NEAR(w.coaches.hours[k], hours[k], 1e-3) << k;
    EXPECT_EQ(w.coaches.contacts[k], contacts[k]) << k;
    total += contacts[k];
  }
  EXPECT_GT(total, 0.0);
}

}  // namespace
}  // namespace coachsim

namespace coachsim {
namespace {

// Rogers 2014: patients of less depressed coaches improved more; a depressed coach delivers fewer contacts.
TEST(Contact, DepressedCoachesDeliverFewerContacts) {
  auto t = contact_world({"coaching.depression_contact_factor=0.5"});
  auto& w = t.world;
  set_coaches(w, 0.8f, 0.5f, 0.5f);
  for (std::size_t k = 0; k < w.coaches.size(); ++k) w.coaches.depressed[k] = k % 2 == 0;
  const auto depressed = count_contacts(w, 0, 8, [](std::size_t k) { return k % 2 == 0; });
  const auto well = count_contacts(w, 0, 8, [](std::size_t k) { return k % 2 == 1; });
  const double full = 2 * 0.8 * 1.15 / kWeeksPerMonth;
  expect_binomial(well.phone, well.trials, full, "phone, coach not depressed");
  expect_binomial(depressed.phone, depressed.trials, 0.5 * full, "phone, depressed coach");
}

}  // namespace
}  // namespace coachsim

namespace coachsim {
namespace {

// More than one contact a week: the count is the expected count's whole part plus a Bernoulli draw of
// its fraction, so its mean is the expected count and it takes only the two values around it.
TEST(Contact, SeveralContactsOfAModeInAWeekWhenTheScheduleAsksForMoreThanOne) {
  auto t = contact_world({"program.phone_contacts_per_month=26", "program.hours_per_phone_contact=0.01"});
  auto& w = t.world;
  set_coaches(w, 0.9f, 0.0f, 0.0f);
  m::coach_availability(w, context(0));
  ASSERT_EQ(w.coaches.time_factor[0], 1.0f);
  const double expected = 26 / kWeeksPerMonth * 0.9;  // 5.4 calls a week
  double trials = 0, sixes = 0, total = 0;
  for (std::uint32_t s = 0; s < 4; ++s) {
    m::contact(w, context(s), all_patients(w));
    for (std::size_t i = 0; i < w.patients.size(); ++i) {
      const int calls = w.patients.records.phone[w.patients.record(i)];
      ASSERT_TRUE(calls == 5 || calls == 6) << calls;
      trials += 1;
      sixes += calls == 6;
      total += calls;
    }
  }
  expect_binomial(sixes, trials, expected - 5, "a sixth call");
  EXPECT_NEAR(total / trials, expected, 0.02);
  m::tally_coach_work(w, context(3));
  double contacts = 0;
  for (float c : w.coaches.contacts) contacts += c;
  EXPECT_GT(contacts / static_cast<double>(w.patients.size()), 5.0) << "coaches count every contact";
}

TEST(Contact, AWeeksCountIsCappedAtOneContactADay) {
  auto t = contact_world({"program.phone_contacts_per_month=30", "program.hours_per_phone_contact=0.01",
                          "coaching.openness_availability_gain=1"});
  auto& w = t.world;
  set_coaches(w, 1.0f, 1.0f, 1.0f);  // 30/(52/12) x 2 = 13.8 expected calls a week
  m::coach_availability(w, context(0));
  m::contact(w, context(0), all_patients(w));
  for (std::size_t i = 0; i < w.patients.size(); ++i)
    ASSERT_EQ(w.patients.records.phone[w.patients.record(i)], kMaxContactsPerWeek) << i;
}

TEST(Contact, SchedulePhasesSetTheRatesWeekByWeek) {
  // Weekly calls for weeks 0-7, then monthly to the end of the program; no other mode.
  auto t = contact_world({"program.phases=[{from_week=0, to_week=8, phone_contacts_per_month=4.333333333333333}, "
                          "{from_week=8, to_week=26, phone_contacts_per_month=1}]"});
  auto& w = t.world;
  set_coaches(w, 0.8f, 0.5f, 0.5f);
  const auto weekly = count_contacts(w, 0, 8, [](std::size_t) { return true; });
  const auto monthly = count_contacts(w, 8, 8, [](std::size_t) { return true; });
  const double base = 0.8 * 1.15;
  expect_binomial(weekly.phone, weekly.trials, base, "weekly phase");
  expect_binomial(monthly.phone, monthly.trials, base / kWeeksPerMonth, "monthly phase");
  EXPECT_EQ(weekly.in_person + weekly.group + monthly.in_person + monthly.group, 0.0)
      << "the phases are the whole schedule: program.*_per_month no longer apply";
}

TEST(Contact, AConditionalStipendClosesPartOfEachCoachsFidelityGap) {
  const std::vector<std::string> stipend = {"program.stipend_per_month=100",
                                            "coaching.conditional_stipend_fidelity_gain=0.25"};
  auto conditional = [&](const char* minimum) {
    auto o = stipend;
    o.push_back(std::string("program.stipend_min_contacts_per_month=") + minimum);
    return o;
  };
  auto unconditional = contact_world(conditional("0"));
  auto paid_for_contacts = contact_world(conditional("4"));
  set_coaches(unconditional.world, 0.6f, 0.5f, 0.5f);
  set_coaches(paid_for_contacts.world, 0.6f, 0.5f, 0.5f);
  const auto plain = count_contacts(unconditional.world, 0, 8, [](std::size_t) { return true; });
  const auto incentive = count_contacts(paid_for_contacts.world, 0, 8, [](std::size_t) { return true; });
  const double per_fidelity = 2 * 1.15 / kWeeksPerMonth;
  expect_binomial(plain.phone, plain.trials, 0.6 * per_fidelity, "unconditional stipend");
  expect_binomial(incentive.phone, incentive.trials, (0.6 + 0.25 * 0.4) * per_fidelity, "conditional stipend");
}

}  // namespace
}  // namespace coachsim
