// What a replicate reports (models/outputs.cpp): every recorded number is recomputed here from
// the world the observer sees at the same week.
#include "models/outputs.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <string>

#include "models/schedule.hpp"
#include "models/simulation.hpp"
#include "tests/models/model_test_support.hpp"

namespace coachsim {
namespace {

using namespace coachsim::testing;

std::vector<std::string> output_params(std::vector<std::string> extra = {}) {
  std::vector<std::string> o = {kArmsTrial,
                                "population.enrolled=600",
                                "coaches.count=40",
                                "program.caseload=10",
                                "run.weeks=12",
                                "run.followup_week=8",
                                "program.weeks=10",
                                "program.group_sessions_per_month=1",
                                "coaches.quit_hazard_base=0.02",
                                "coaches.replace_quitters=true",
                                "coaches.replacement_delay_weeks=2",
                                "engagement.lapse_per_week=0.1",
                                "engagement.dropout_per_week=0.02",
                                "followup.loss_per_week=0.05",
                                "care.mortality_at_55=0.2"};
  o.insert(o.end(), extra.begin(), extra.end());
  return o;
}

template <class T>
std::set<std::string> names_of(const T& table) {
  std::set<std::string> names;
  for (const auto& info : table) {
    EXPECT_NE(std::string(info.name), "");
    EXPECT_NE(std::string(info.long_name), "");
    names.insert(info.name);
  }
  EXPECT_EQ(names.size(), table.size()) << "output names are unique";
  return names;
}

TEST(Outputs, DeclaredNamesAreUniqueAndDescribed) {
  names_of(kArmWeekSeriesInfo);
  names_of(kWeekSeriesInfo);
  names_of(kArmSummaryInfo);
  names_of(kReplicateSummaryInfo);
}

TEST(Outputs, ShapesFollowArmsAndWeeks) {
  const auto params = make_params(output_params());
  const auto r = run_replicate(params, 0, serial_executor());
  EXPECT_EQ(r.arms, 2u);
  EXPECT_EQ(r.weeks, 13u);
  for (const auto& s : r.arm_week) EXPECT_EQ(s.size(), 26u);
  EXPECT_EQ(r.quantiles.size(), 26u * kQuantiles.size());
  for (const auto& s : r.week) EXPECT_EQ(s.size(), 13u);
  for (const auto& s : r.arm_summary) EXPECT_EQ(s.size(), 2u);
}

// Per arm, the statistics the recorder should report for the world as it is now.
struct Expected {
  std::array<double, kArmWeekSeriesCount> series{};
  std::vector<double> hba1c_true;  // of retained patients, sorted
};

// The schedule of the step that week `week` records (week 0, enrolment, records none).
ContactRates rates_recorded_at(const ModelParams& p, std::uint32_t week) {
  return week > 0 ? scheduled_rates(p.program, week - 1) : ContactRates{};
}

std::vector<Expected> expected_arms(const World& w, std::uint32_t week) {
  std::vector<Expected> out(w.p().arms.size());
  std::vector<double> enrolled(out.size(), 0), retained(out.size(), 0);
  const auto& pts = w.patients;
  const auto& pp = pts.people;
  for (std::size_t i = 0; i < pts.size(); ++i) {
    const std::size_t a = pts.arm[i];
    auto& s = out[a].series;
    enrolled[a] += 1;
    s[kContactsPhone] += pts.records.phone[pts.record(i)];
    s[kContactsInPerson] += pts.records.in_person[pts.record(i)];
    s[kContactsGroup] += pts.records.group[pts.record(i)];
    s[kPatientsInCoaching] += pts.flag(i, PatientFlag::Scheduled);
    s[kPatientsWaiting] += w.arm_coached[a] && week < w.arm_p(a).program.weeks && pts.entry(i) <= week &&
                           pts.engagement(i) != Engagement::Dropped && pts.care(i) == Care::InClinic &&
                           pts.records.coach[pts.record(i)] == kNoCoach;
    if (pts.care(i) == Care::Died) continue;
    retained[a] += 1;  // intention to treat: everyone alive
    const double measured = pp.hba1c_measured[i];
    s[kEngagedShare] += w.arm_coached[a] && pts.engagement(i) == Engagement::Active;
    s[kRetainedShare] += pts.flag(i, PatientFlag::Followed);
    s[kInClinicShare] += pts.care(i) == Care::InClinic;
    s[kHba1cTrueMean] += pp.hba1c_true[i];
    s[kHba1cMeasuredMean] += measured;
    s[kShareBelow70] += measured < 7.0;
    s[kShareBelow75] += measured < 7.5;
    s[kShareBelow80] += measured < 8.0;
    s[kShareAtOrAbove90] += measured >= 9.0;
    s[kShareDropGe1] += measured - pts.baseline_measured[i] <= -1.0;
    s[kSelfManagementMean] += pp.self_management[i];
    s[kAdherenceMean] += pp.adherence[i];
    s[kActivationMean] += pp.activation[i];
    s[kTrustMean] += pts.records.trust[pts.record(i)];
    s[kTreatmentStepMean] += pp.treatment_step(i);
    s[kShareNewCoach] += pts.records.coaches_had[pts.record(i)] > 1;
    out[a].hba1c_true.push_back(pp.hba1c_true[i]);
  }
  for (std::size_t a = 0; a < out.size(); ++a) {
    auto& s = out[a].series;
    for (auto k : {kHba1cTrueMean, kHba1cMeasuredMean, kShareBelow70, kShareBelow75, kShareBelow80,
                   kShareAtOrAbove90, kShareDropGe1, kSelfManagementMean, kAdherenceMean, kActivationMean,
                   kTrustMean, kTreatmentStepMean, kShareNewCoach}) {
      s[k] /= retained[a];
    }
    for (auto k : {kEngagedShare, kRetainedShare, kInClinicShare}) s[k] /= enrolled[a];
    s[kAliveShare] = retained[a] / enrolled[a];
    s[kCostCumulative] = w.ledger.cost_cumulative[a];
    const ContactRates rates = rates_recorded_at(w.arm_p(a), week);
    s[kContactsScheduledPhone] = s[kPatientsInCoaching] * rates.phone / kWeeksPerMonth;
    s[kContactsScheduledInPerson] = s[kPatientsInCoaching] * rates.in_person / kWeeksPerMonth;
    s[kContactsScheduledGroup] = s[kPatientsInCoaching] * rates.group / kWeeksPerMonth;
    std::sort(out[a].hba1c_true.begin(), out[a].hba1c_true.end());
  }
  return out;
}

TEST(Outputs, ArmWeekSeriesAndQuantilesDescribeTheWorldOfThatWeek) {
  const auto params = make_params(output_params());
  std::vector<std::vector<Expected>> by_week;
  const auto r = run_replicate(params, 0, serial_executor(),
                               [&](const World& w, std::uint32_t week) {
                                 EXPECT_EQ(week, by_week.size());
                                 by_week.push_back(expected_arms(w, week));
                               });
  ASSERT_EQ(by_week.size(), r.weeks);
  double contacts = 0;
  for (std::size_t week = 0; week < r.weeks; ++week) {
    for (std::size_t a = 0; a < r.arms; ++a) {
      const auto& e = by_week[week][a];
      const std::size_t at = a * r.weeks + week;
      for (std::size_t s = 0; s < kArmWeekSeriesCount; ++s) {
        EXPECT_NEAR(r.arm_week[s][at], e.series[s], 1e-9 * std::max(1.0, std::abs(e.series[s])))
            << kArmWeekSeriesInfo[s].name << " arm " << a << " week " << week;
      }
      for (std::size_t q = 0; q < kQuantiles.size(); ++q) {
        const auto& v = e.hba1c_true;
        const double rank = kQuantiles[q] * static_cast<double>(v.size());
        const auto lo = static_cast<std::size_t>(std::max(0.0, std::floor(rank) - 1));
        const auto hi = std::min(v.size() - 1, static_cast<std::size_t>(std::ceil(rank)));
        // Binned at 0.01 points: within a bin of the order statistics around the rank.
        EXPECT_GE(r.quantiles[at * kQuantiles.size() + q], v[lo] - 0.011) << "q " << kQuantiles[q] << " week " << week;
        EXPECT_LE(r.quantiles[at * kQuantiles.size() + q], v[hi] + 0.011) << "q " << kQuantiles[q] << " week " << week;
      }
    }
    contacts += r.arm_week[kContactsPhone][week];
    EXPECT_EQ(r.arm_week[kContactsPhone][r.weeks + week], 0.0) << "usual care has no contacts";
  }
  EXPECT_GT(contacts, 0.0);
}

TEST(Outputs, CoachSeriesDescribeTheCoaches) {
  const auto params = make_params(output_params());
  std::vector<std::array<double, kWeekSeriesCount>> expected;
  const auto r = run_replicate(params, 0, serial_executor(), [&](const World& w, std::uint32_t week) {
    const auto& c = w.coaches;
    double active = 0, load = 0, founders = 0, hba1c = 0, sm = 0, twin_hba1c = 0, twin_sm = 0;
    double hours = 0, working = 0, in_coaching = 0;
    const auto step = static_cast<std::int32_t>(week) - 1;
    for (std::size_t i = 0; i < w.patients.size(); ++i)
      in_coaching += w.patients.flag(i, PatientFlag::Scheduled);
    for (std::size_t k = 0; k < c.size(); ++k) {
      hours += c.hours[k];
      working += week > 0 && c.start_week[k] <= step && (c.active[k] || c.quit_week[k] == step);
      if (c.active[k]) active += 1, load += c.load[k];
    }
    const auto& cohort = c.founders;
    for (std::size_t f = 0; f < cohort.size(); ++f) {
      founders += 1, hba1c += cohort.people.hba1c_true[f], sm += cohort.people.self_management[f];
      twin_hba1c += cohort.twin.hba1c_true[f], twin_sm += cohort.twin.self_management[f];
    }
    const bool running = week > 0 && week - 1 < w.p().program.weeks;
    const double needed =
        in_coaching * scheduled_hours_per_patient_week(w.p().program, rates_recorded_at(w.p(), week));
    expected.push_back({active, load / active, static_cast<double>(w.ledger.quits), hba1c / founders, sm / founders,
                        twin_hba1c / founders, twin_sm / founders, hours, running ? needed : 0.0,
                        running ? working * w.p().coaches.weekly_hours : 0.0});
  });
  for (std::size_t week = 0; week < r.weeks; ++week) {
    for (std::size_t s = 0; s < kWeekSeriesCount; ++s) {
      EXPECT_NEAR(r.week[s][week], expected[week][s], 1e-9 * std::max(1.0, std::abs(expected[week][s])))
          << kWeekSeriesInfo[s].name << " week " << week;
    }
  }
  EXPECT_GT(r.week[kCoachQuitsCumulative][r.weeks - 1], 0.0) << "the scenario exercises attrition";
  EXPECT_GT(r.summary[kCoachesEver], 40.0) << "and replacement";
  EXPECT_EQ(r.summary[kCoachesQuit], r.week[kCoachQuitsCumulative][r.weeks - 1]);
}

TEST(Outputs, FollowUpSummaryIsTakenAtTheFollowUpWeek) {
  const auto params = make_params(output_params());
  struct Totals {
    double enrolled = 0, completed = 0, baseline = 0, change = 0, change_sq = 0, drop = 0, below = 0,
           below_baseline = 0, true_followup = 0;
  };
  std::vector<Totals> arms(2), itt(2);
  std::vector<float> coach_start;
  double coach_change = 0, twin_change = 0;
  const auto r = run_replicate(params, 0, serial_executor(), [&](const World& w, std::uint32_t week) {
    if (week == 0) coach_start = w.coaches.founders.people.hba1c_true;
    if (week != 8) return;
    const auto& pts = w.patients;
    for (std::size_t i = 0; i < pts.size(); ++i) {
      arms[pts.arm[i]].enrolled += 1;
      itt[pts.arm[i]].enrolled += 1;
      if (pts.care(i) == Care::Died) continue;
      const double change = static_cast<double>(pts.people.hba1c_measured[i]) - pts.baseline_measured[i];
      auto add = [&](Totals& t) {
        t.completed += 1;
        t.baseline += pts.baseline_measured[i];
        t.change += change;
        t.change_sq += change * change;
        t.drop += change <= -1.0;
        t.below += pts.people.hba1c_measured[i] < 7.5;
        t.below_baseline += pts.baseline_measured[i] < 7.5;
        t.true_followup += pts.people.hba1c_true[i] - pts.baseline_true[i];
      };
      add(itt[pts.arm[i]]);
      if (pts.flag(i, PatientFlag::Followed)) add(arms[pts.arm[i]]);
    }
    for (std::size_t k = 0; k < coach_start.size(); ++k) {
      coach_change += w.coaches.founders.people.hba1c_true[k] - coach_start[k];
      twin_change += w.coaches.founders.twin.hba1c_true[k] - coach_start[k];
    }
    coach_change /= static_cast<double>(coach_start.size());
    twin_change /= static_cast<double>(coach_start.size());
  });
  for (std::size_t a = 0; a < 2; ++a) {
    const auto& t = arms[a];
    const auto& s = r.arm_summary;
    const double mean_change = t.change / t.completed;
    EXPECT_EQ(s[kEnrolled][a], t.enrolled);
    EXPECT_EQ(s[kCompleted][a], t.completed);
    EXPECT_LT(t.completed, t.enrolled) << "the scenario has dropouts";
    EXPECT_NEAR(s[kRetention][a], t.completed / t.enrolled, 1e-12);
    EXPECT_NEAR(s[kBaselineMean][a], t.baseline / t.completed, 1e-9);
    EXPECT_NEAR(s[kChangeMean][a], mean_change, 1e-9);
    EXPECT_NEAR(s[kChangeSd][a], std::sqrt((t.change_sq - t.completed * mean_change * mean_change) / (t.completed - 1)),
                1e-9);
    EXPECT_NEAR(s[kShareDropGe1AtFollowup][a], t.drop / t.completed, 1e-12);
    EXPECT_NEAR(s[kShareBelow75AtFollowup][a], t.below / t.completed, 1e-12);
    EXPECT_NEAR(s[kShareBelow75AtBaseline][a], t.below_baseline / t.completed, 1e-12);
    const auto& i = itt[a];
    EXPECT_EQ(s[kAlive][a], i.completed);
    EXPECT_GE(i.completed, t.completed) << "completers are among the living";
    EXPECT_NEAR(s[kIttChangeMeasured][a], i.change / i.completed, 1e-9);
    EXPECT_NEAR(s[kIttChangeTrue][a], i.true_followup / i.completed, 1e-9);
    EXPECT_NEAR(s[kIttShareBelow75][a], i.below / i.completed, 1e-12);
    EXPECT_NEAR(s[kIttShareDropGe1][a], i.drop / i.completed, 1e-12);
    // Follow-up at week 8 is not the end of the run (week 12): the share drifts on afterwards.
    EXPECT_NE(r.arm_week[kRetainedShare][a * r.weeks + 12], s[kRetention][a]);
  }
  EXPECT_NEAR(r.summary[kCoachHba1cChange], coach_change, 1e-9);
  EXPECT_NEAR(r.summary[kCoachTwinHba1cChange], twin_change, 1e-9);
  EXPECT_NEAR(r.summary[kCoachEffectHba1c], coach_change - twin_change, 1e-9);
}

TEST(Outputs, DoseAndCoachHoursAreSummedOverTheWeeksUpToFollowUp) {
  const auto params = make_params(output_params());  // follow-up at week 8 of a 10-week program
  const auto r = run_replicate(params, 0, serial_executor());
  const auto& s = r.arm_week;
  for (std::size_t a = 0; a < r.arms; ++a) {
    double patient_weeks = 0, scheduled = 0, delivered = 0;
    for (std::size_t week = 1; week <= 8; ++week) {
      const std::size_t at = a * r.weeks + week;
      patient_weeks += s[kPatientsInCoaching][at];
      scheduled += s[kContactsScheduledPhone][at] + s[kContactsScheduledInPerson][at] + s[kContactsScheduledGroup][at];
      delivered += s[kContactsPhone][at] + s[kContactsInPerson][at] + s[kContactsGroup][at];
    }
    if (a == 1) {  // usual care: nobody in coaching, no ratio
      EXPECT_EQ(patient_weeks, 0.0);
      EXPECT_TRUE(std::isnan(r.arm_summary[kDeliveredShare][a]));
      continue;
    }
    EXPECT_GT(patient_weeks, 0.0);
    EXPECT_NEAR(r.arm_summary[kContactsScheduledPerPatientWeek][a], scheduled / patient_weeks, 1e-12);
    EXPECT_NEAR(r.arm_summary[kContactsDeliveredPerPatientWeek][a], delivered / patient_weeks, 1e-12);
    EXPECT_NEAR(r.arm_summary[kDeliveredShare][a], delivered / scheduled, 1e-12);
  }
  for (auto [summary, series] : {std::pair{kCoachHoursUsedPerWeek, kCoachHoursUsed},
                                 std::pair{kCoachHoursScheduledPerWeek, kCoachHoursScheduled},
                                 std::pair{kCoachHoursAvailablePerWeek, kCoachHoursAvailable}}) {
    double total = 0;
    for (std::size_t week = 1; week <= 8; ++week) total += r.week[series][week];
    EXPECT_NEAR(r.summary[summary], total / 8, 1e-9) << kReplicateSummaryInfo[summary].name;
    EXPECT_GT(r.summary[summary], 0.0) << kReplicateSummaryInfo[summary].name;
  }
  EXPECT_EQ(r.week[kCoachHoursAvailable][11], 0.0) << "no coaching hours once the program has ended";
}

}  // namespace
}  // namespace coachsim
