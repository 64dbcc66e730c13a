// Model-level invariants: properties that must hold whatever the calibration, each checked on
// whole replicates (models/simulation.cpp running the weekly schedule).
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "models/simulation.hpp"
#include "tests/models/model_test_support.hpp"

namespace coachsim {
namespace {

using namespace coachsim::testing;

// Coaching that does nothing: every effect of a contact is zero.
const std::vector<std::string> kNoCoachingEffects = {
    "coaching.advisor_effect=0",           "coaching.supporter_trust_effect=0",
    "coaching.supporter_adherence_effect=0", "coaching.role_model_effect=0",
    "coaching.autonomy_rate=0",            "coaching.resource_seeking_probability=0",
    "coaching.patient_initiated_per_week=0", "engagement.contact_reengagement=0"};

std::vector<std::string> join(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// A busy scenario: attrition with replacement, resource seeking, provider care, lapses and dropout.
std::vector<std::string> busy(std::vector<std::string> extra = {}) {
  return join({"population.enrolled=400", "coaches.count=30", "program.caseload=10", "run.weeks=30",
               "run.followup_week=26", "program.weeks=26", "coaches.quit_hazard_base=0.01",
               "coaches.replace_quitters=true", "engagement.lapse_per_week=0.05", "engagement.dropout_per_week=0.005",
               "providers.intensification_probability=0.3", "program.group_sessions_per_month=1"},
              extra);
}

// Patients of `trial` whose trajectories differ from their twin (same id) in `reference`.
// Every patient of `reference` must exist in `trial`.
std::size_t count_differing(const Trajectories& trial, const Trajectories& reference) {
  std::size_t differing = 0;
  for (const auto& [id, path] : reference) {
    const auto it = trial.find(id);
    EXPECT_NE(it, trial.end()) << "patient " << id << " missing";
    if (it != trial.end() && it->second != path) ++differing;
  }
  return differing;
}

// Ids of the patients randomized to a coached arm.
std::vector<std::uint32_t> coached_ids(const ModelParams& params) {
  std::vector<std::uint32_t> ids;
  run_replicate(params, 0, serial_executor(), [&](const World& w, std::uint32_t week) {
    if (week != 0) return;
    for (std::size_t i = 0; i < w.patients.size(); ++i) {
      if (w.arm_coached[w.patients.arm[i]]) ids.push_back(w.patients.id[i]);
    }
  });
  return ids;
}

double total_contacts(const ModelParams& params) {
  const auto r = run_replicate(params, 0, serial_executor());
  double n = 0;
  for (std::size_t s : {kContactsPhone, kContactsInPerson, kContactsGroup}) {
    for (double v : r.arm_week[s]) n += v;
  }
  return n;
}

// (1) With every coaching effect zero, a person's trajectory does not depend on their arm.
TEST(Invariants, ZeroCoachingEffectsMakeTheArmIrrelevant) {
  const auto trial = make_params(busy(join({kArmsTrial}, kNoCoachingEffects)));
  const auto usual = make_params(busy(join({kArmsUsualCareOnly}, kNoCoachingEffects)));
  ASSERT_GT(total_contacts(trial), 1000.0) << "coaches do contact their patients";
  const auto a = record_trajectories(trial);
  const auto b = record_trajectories(usual);
  ASSERT_EQ(a.size(), b.size());
  EXPECT_EQ(count_differing(a, b), 0u);
  EXPECT_GT(coached_ids(trial).size(), 150u);

  // The comparison has teeth: with one effect switched back on, coached patients differ.
  const auto advised = make_params(busy(join(join({kArmsTrial}, kNoCoachingEffects), {"coaching.advisor_effect=0.06"})));
  EXPECT_GT(count_differing(record_trajectories(advised), b), 100u);
}

// (2) A coach who makes no contact changes nothing, whatever the coaching effects.
TEST(Invariants, CoachesWithoutContactsChangeNothing) {
  const auto usual = record_trajectories(make_params(busy({kArmsUsualCareOnly})));
  // Training and supervision would raise a fidelity of 0; here they do not.
  const char* fidelity_stays = "coaching.training_fidelity_gain=0";
  const char* no_supervision_pull = "coaching.supervision_style_pull=0";
  for (const char* no_contact : {"coaches.fidelity_mean=0", "coaches.weekly_hours=0"}) {
    const auto params = make_params(
        busy({kArmsTrial, no_contact, "coaching.patient_initiated_per_week=0", fidelity_stays, no_supervision_pull}));
    EXPECT_EQ(total_contacts(params), 0.0) << no_contact;
    EXPECT_EQ(count_differing(record_trajectories(params), usual), 0u) << no_contact;
  }
  // Patient-initiated calls need trust, and trust needs a contact first: without scheduled
  // contacts nothing changes even when patients could call.
  const auto params = make_params(busy(
      {kArmsTrial, "coaches.fidelity_mean=0", "coaching.patient_initiated_per_week=1", fidelity_stays, no_supervision_pull}));
  EXPECT_EQ(count_differing(record_trajectories(params), usual), 0u);
}

// Mean paired change of true and measured HbA1c between two weeks over all patients, with its SE.
struct Change {
  double true_mean = 0, true_se = 0, measured_mean = 0, measured_se = 0, level_max_drift = 0;
};

Change change_between(const ModelParams& params, std::uint32_t from, std::uint32_t to) {
  std::vector<double> true_at_from, measured_at_from, true_change, measured_change;
  Change c;
  run_replicate(params, 0, serial_executor(), [&](const World& w, std::uint32_t week) {
    const auto& pp = w.patients.people;
    if (week == from) {
      true_at_from.assign(pp.hba1c_true.begin(), pp.hba1c_true.end());
      measured_at_from.assign(pp.hba1c_measured.begin(), pp.hba1c_measured.end());
    }
    if (week == to) {
      for (std::size_t i = 0; i < pp.size(); ++i) {
        true_change.push_back(pp.hba1c_true[i] - true_at_from[i]);
        measured_change.push_back(pp.hba1c_measured[i] - measured_at_from[i]);
        c.level_max_drift = std::max(c.level_max_drift, static_cast<double>(std::abs(pp.hba1c_level[i] - pp.hba1c_set[i])));
      }
    }
  });
  const double n = static_cast<double>(true_change.size());
  c.true_mean = mean(true_change);
  c.true_se = sample_sd(true_change) / std::sqrt(n);
  c.measured_mean = mean(measured_change);
  c.measured_se = sample_sd(measured_change) / std::sqrt(n);
  return c;
}

// No progression, no intervention, no treatment intensification.
std::vector<std::string> natural_history(std::vector<std::string> extra) {
  return join({kArmsUsualCareOnly, "population.enrolled=20000", "run.weeks=52", "run.followup_week=52",
               "clinical.progression_per_year=0", "providers.intensification_probability=0",
               "clinical.fluctuation_sd=0.9", "clinical.fluctuation_weeks=26", "clinical.measurement_sd=0.4",
               "eligibility.screening_lead_weeks=8"},
              extra);
}

// (3) Without progression or intervention true HbA1c is stationary in expectation.
// The program's records have a row for the patients without one (usual care), which every phase may
// read and none may write: after a busy run of a coached and a usual-care arm it holds its initial
// values in every column, and the usual-care patients' trust, contacts and waits read as none.
TEST(Invariants, NoPhaseWritesTheRecordRowOfPatientsOutsideTheProgram) {
  const auto params = make_params(busy({kArmsTrial, "output.patient_table=true"}));
  bool checked = false;
  run_replicate(params, 0, serial_executor(), [&](const World& world, std::uint32_t week) {
    if (week != 30) return;
    auto records = world.patients.records;  // a copy: for_each_column hands out mutable columns
    ASSERT_GT(records.size(), 0u);
    ASSERT_LT(records.size(), world.patients.size()) << "both arms enrolled";
    records.for_each_column([&](auto& column, auto initial) {
      ASSERT_EQ(column.size(), records.size() + 1);
      EXPECT_EQ(column.back(), initial);
    });
    checked = true;
  });
  EXPECT_TRUE(checked);
}

TEST(Invariants, NaturalHistoryWithoutProgressionIsStationary) {
  const auto unselected = make_params(natural_history({"eligibility.hba1c_min=4", "eligibility.hba1c_max=25"}));
  const auto c = change_between(unselected, 0, 52);
  EXPECT_NEAR(c.true_mean, 0.0, kSigmas * c.true_se);
  EXPECT_NEAR(c.measured_mean, 0.0, kSigmas * c.measured_se);
  EXPECT_EQ(c.level_max_drift, 0.0) << "nothing moves a person's underlying level";
  // Teeth: progression of 0.5 points a year is detected.
  const auto progressing = make_params(natural_history({"eligibility.hba1c_min=4", "eligibility.hba1c_max=25",
                                                        "clinical.progression_per_year=0.5"}));
  EXPECT_GT(change_between(progressing, 0, 52).true_mean, 0.3);
}

// (4) Enrolment on a high measured value: the measured mean falls with no intervention (regression
// to the mean), while the population's true mean does not move and no one's underlying level changes.
TEST(Invariants, SelectionOnAHighMeasuredValueRegressesToTheMean) {
  const auto selected = make_params(natural_history({"eligibility.hba1c_min=8.0", "eligibility.hba1c_max=25"}));
  const auto unselected = make_params(natural_history({"eligibility.hba1c_min=4", "eligibility.hba1c_max=25"}));
  const auto s = change_between(selected, 0, 26);
  const auto u = change_between(unselected, 0, 26);
  EXPECT_LT(s.measured_mean, -kSigmas * s.measured_se);
  EXPECT_LT(s.measured_mean, -0.1) << "a visible regression to the mean";
  EXPECT_LT(s.true_mean, 0.0) << "the selected high fluctuations revert";
  EXPECT_EQ(s.level_max_drift, 0.0) << "the fall is not a change in anyone's underlying level";
  EXPECT_NEAR(u.true_mean, 0.0, kSigmas * u.true_se);
  EXPECT_NEAR(u.measured_mean, 0.0, kSigmas * u.measured_se);
}

// Per-patient values (coached arm) and per-coach values of one replicate.
struct Observed {
  std::map<std::uint32_t, std::vector<double>> patient;  // by id: one value per recorded week
  std::vector<double> coach_load_mean;                  // by coach index: mean load over weeks 1..
};

template <class PatientValue>
Observed observe(const ModelParams& params, PatientValue value) {
  Observed o;
  std::vector<double> load_sum;
  std::uint32_t weeks = 0;
  run_replicate(params, 0, serial_executor(), [&](const World& w, std::uint32_t week) {
    const auto& pts = w.patients;
    for (std::size_t i = 0; i < pts.size(); ++i) {
      if (w.arm_coached[pts.arm[i]]) o.patient[pts.id[i]].push_back(value(w, i));
    }
    if (week == 0) return;
    load_sum.resize(w.coaches.size(), 0.0);
    for (std::size_t k = 0; k < w.coaches.size(); ++k) load_sum[k] += w.coaches.load[k];
    ++weeks;
  });
  for (double s : load_sum) o.coach_load_mean.push_back(s / weeks);
  return o;
}

// Paired differences a - b and the mean's standard error.
struct Paired {
  double mean = 0, se = 0;
};
Paired paired(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<double> d;
  for (std::size_t i = 0; i < a.size(); ++i) d.push_back(a[i] - b[i]);
  return {coachsim::testing::mean(d), sample_sd(d) / std::sqrt(static_cast<double>(d.size()))};
}

// (5) Open boundaries give more trust and more coach load than firm ones, other things equal.
TEST(Invariants, OpenBoundariesGiveMoreTrustAndMoreLoad) {
  auto run = [](const char* openness) {
    const auto params = make_params({kArmsTrial, "population.enrolled=800", "coaches.count=40", "program.caseload=20",
                                     "coaches.style_mix=standardized", openness, "coaches.quit_hazard_base=0",
                                     "coaching.openness_trust_gain=1.0", "coaching.openness_availability_gain=0.3",
                                     "coaching.patient_initiated_per_week=0.3", "coaches.openness_load_factor=1.0",
                                     "run.weeks=26", "program.weeks=26"});
    return observe(params, [](const World& w, std::size_t i) {
      return static_cast<double>(w.patients.records.trust[w.patients.record(i)]);
    });
  };
  const auto open = run("coaches.boundary_openness_mean=0.9");
  const auto firm = run("coaches.boundary_openness_mean=0.1");
  ASSERT_EQ(open.patient.size(), firm.patient.size());
  std::vector<double> trust_open, trust_firm;
  for (const auto& [id, values] : open.patient) {
    trust_open.push_back(values.back());
    trust_firm.push_back(firm.patient.at(id).back());
  }
  const auto trust = paired(trust_open, trust_firm);
  EXPECT_GT(trust.mean, kSigmas * trust.se);
  EXPECT_GT(trust.mean, 0.05);
  ASSERT_EQ(open.coach_load_mean.size(), firm.coach_load_mean.size());
  const auto load = paired(open.coach_load_mean, firm.coach_load_mean);
  EXPECT_GT(load.mean, kSigmas * load.se);
}

// (6) Coach-owned responsibility: faster early change in self-management, faster decay after the program.
TEST(Invariants, CoachOwnedChangeIsFasterEarlyAndDecaysFasterAfterTheProgram) {
  auto run = [](const char* responsibility) {
    const auto params = make_params({kArmsTrial, "population.enrolled=800", "coaches.count=40", "program.caseload=20",
                                     "coaches.style_mix=standardized", responsibility, "coaches.quit_hazard_base=0",
                                     "coaching.ownership_speedup=1.0", "coaching.autonomy_rate=0.1",
                                     "coaching.behaviour_decay=0.04", "coaching.advisor_effect=0.06",
                                     "run.weeks=78", "run.followup_week=26", "program.weeks=26"});
    return observe(params, [](const World& w, std::size_t i) {
      return static_cast<double>(w.patients.people.self_management[i]);
    });
  };
  const auto owned = run("coaches.responsibility_mean=0.9");
  const auto facilitated = run("coaches.responsibility_mean=0.1");
  std::vector<double> early_owned, early_facilitated;
  double gain26[2] = {0, 0}, gain78[2] = {0, 0};
  for (const auto& [id, o] : owned.patient) {
    const auto& f = facilitated.patient.at(id);
    early_owned.push_back(o[6] - o[0]);
    early_facilitated.push_back(f[6] - f[0]);
    gain26[0] += o[26] - o[0], gain78[0] += o[78] - o[0];
    gain26[1] += f[26] - f[0], gain78[1] += f[78] - f[0];
  }
  const auto early = paired(early_owned, early_facilitated);
  EXPECT_GT(early.mean, kSigmas * early.se) << "coach-owned change is faster early on";
  ASSERT_GT(gain26[0], 0.0);
  ASSERT_GT(gain26[1], 0.0);
  const double kept_owned = gain78[0] / gain26[0], kept_facilitated = gain78[1] / gain26[1];
  EXPECT_LT(kept_owned, kept_facilitated) << "coach-owned gains decay faster once the program ends";
  EXPECT_LT(kept_owned, 0.8 * kept_facilitated);
}

// (7) Adding one patient changes no other patient's trajectory.
TEST(Invariants, AddingAPatientChangesNoOneElseInUsualCare) {
  const auto n = make_params(busy({kArmsUsualCareOnly, "population.enrolled=300"}));
  const auto n1 = make_params(busy({kArmsUsualCareOnly, "population.enrolled=301"}));
  const auto a = record_trajectories(n);
  const auto b = record_trajectories(n1);
  ASSERT_EQ(b.size(), 301u);
  EXPECT_EQ(count_differing(b, a), 0u);
}

// Each coached patient's coach (by id), as matched at enrolment.
std::map<std::uint32_t, std::int32_t> coach_of(const ModelParams& params) {
  std::map<std::uint32_t, std::int32_t> coach;
  run_replicate(params, 0, serial_executor(), [&](const World& w, std::uint32_t week) {
    if (week != 0) return;
    for (std::size_t i = 0; i < w.patients.size(); ++i)
      coach[w.patients.id[i]] = w.patients.records.coach[w.patients.record(i)];
  });
  return coach;
}

TEST(Invariants, AddingAPatientChangesNoOneElseWhenCoachingHasRoom) {
  // Ample places and hours, no attrition: a patient's coach has time for everyone, whoever else they hold.
  // Attrition is off because it legitimately couples patients: the extra patient's contacts add to
  // their coach's load, which can change the week that coach quits, and reassignment then moves the
  // coach's other patients (and through caseloads, others again).
  const std::vector<std::string> ample = {kArmsTrial, "coaches.count=20", "program.caseload=100",
                                          "coaches.weekly_hours=60", "coaches.quit_hazard_base=0"};
  // The coach's own gains from coaching (mechanism 9) make a coach more credible as a role model
  // (mechanism 4): one more patient means more contacts given, so the coach's own HbA1c, and with it
  // the role-model effect on the coach's other patients, changes. Without those gains no one else changes.
  const std::vector<std::string> no_coach_gains = {"coaching.coach_self_management_gain=0",
                                                   "coaching.coach_activation_gain=0"};
  for (const char* matching : {"program.matching=random", "program.matching=language", "program.matching=similarity"}) {
    const auto n = make_params(busy(join(join(ample, no_coach_gains), {"population.enrolled=300", matching})));
    const auto n1 = make_params(busy(join(join(ample, no_coach_gains), {"population.enrolled=301", matching})));
    EXPECT_EQ(count_differing(record_trajectories(n1), record_trajectories(n)), 0u) << matching;
  }
  // With the coach's gains on, only the new patient's coach-mates can change.
  const auto n = make_params(busy(join(ample, {"population.enrolled=300", "coaching.coach_self_management_gain=0.05",
                                               "coaching.role_model_effect=0.2"})));
  const auto n1 = make_params(busy(join(ample, {"population.enrolled=301", "coaching.coach_self_management_gain=0.05",
                                                "coaching.role_model_effect=0.2"})));
  const auto a = record_trajectories(n);
  const auto b = record_trajectories(n1);
  const auto coaches = coach_of(n1);
  const std::uint32_t newcomer = std::prev(b.end())->first;
  ASSERT_EQ(a.count(newcomer), 0u);
  const std::int32_t shared = coaches.at(newcomer);
  std::size_t differing = 0;
  for (const auto& [id, path] : a) {
    if (b.at(id) == path) continue;
    ++differing;
    EXPECT_GE(shared, 0);
    EXPECT_EQ(coaches.at(id), shared) << "patient " << id << " changed but does not share the new patient's coach";
  }
  EXPECT_GT(differing, 0u) << "the coupling through the coach exists";
}

// (8) Every coach's uncoached twin equals the coach exactly when coaching gains are zero, and
// differs (lower HbA1c for the coach) when they are not.
TEST(Invariants, ACoachsTwinEqualsTheCoachWhenCoachingGainsAreZero) {
  auto differences = [](const std::vector<std::string>& gains) {
    const auto params = make_params(join({kArmsTrial, "population.enrolled=300", "coaches.count=30", "run.weeks=52",
                                          "run.followup_week=26", "program.weeks=26", "coaches.quit_hazard_base=0.01",
                                          "providers.visit_interval_weeks=4"},
                                         gains));
    std::size_t differing = 0;
    double effect = 0;
    run_replicate(params, 0, serial_executor(), [&](const World& w, std::uint32_t week) {
      const auto& c = w.coaches.founders;
      for (std::size_t k = 0; k < c.size(); ++k) {
        differing += c.people.hba1c_true[k] != c.twin.hba1c_true[k] ||
                     c.people.treatment_step(k) != c.twin.treatment_step(k) ||
                     c.people.self_management[k] != c.twin.self_management[k];
        if (week == 26) effect += c.people.hba1c_true[k] - c.twin.hba1c_true[k];
      }
    });
    return std::pair(differing, effect);
  };
  EXPECT_EQ(differences({"coaching.coach_self_management_gain=0", "coaching.coach_activation_gain=0"}).first, 0u);
  const auto [differing, effect] =
      differences({"coaching.coach_self_management_gain=0.02", "coaching.coach_activation_gain=0.02"});
  EXPECT_GT(differing, 0u);
  EXPECT_LT(effect, 0.0) << "coaching lowers the coaches' own HbA1c against their twins";
}

// (9) With no intervention, no progression, no provider intensification and no exits, intention-to-
// treat true HbA1c is stationary over 20 years.
TEST(Invariants, NoInterventionAndNoProgressionKeepIttHba1cStationaryForTwentyYears) {
  const auto params = make_params({kArmsUsualCareOnly, "population.enrolled=3000", "run.weeks=1040",
                                   "run.followup_week=1040", "clinical.progression_per_year=0",
                                   "providers.intensification_probability=0", "care.mortality_at_55=0",
                                   "care.moves_per_year=0", "eligibility.hba1c_min=4", "eligibility.hba1c_max=25"});
  const auto r = run_replicate(params, 0, serial_executor());
  const double start = r.arm_week[kHba1cTrueMean][0], end = r.arm_week[kHba1cTrueMean][1040];
  // The person-level change is the difference of two fluctuations (SD sqrt(2) x fluctuation_sd).
  const double se = std::sqrt(2.0) * params.clinical.fluctuation_sd / std::sqrt(3000.0);
  EXPECT_NEAR(end - start, 0.0, kSigmas * se);
  EXPECT_FALSE(std::isnan(r.arm_summary[kIttChangeTrue][0]));
}

}  // namespace
}  // namespace coachsim

namespace coachsim {
namespace {

using namespace coachsim::testing;

void expect_same_replicate(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  const std::vector<std::string> busy = {"population.enrolled=400", "coaches.count=30", "program.caseload=10",
                                         "run.weeks=30", "run.followup_week=26", "program.weeks=26",
                                         "coaches.quit_hazard_base=0.01", "coaches.replace_quitters=true",
                                         "program.group_sessions_per_month=1"};
  auto with = [&](const std::vector<std::string>& extra) {
    auto o = busy;
    o.insert(o.end(), extra.begin(), extra.end());
    return run_replicate(make_params(o), 0, serial_executor());
  };
  std::string difference;
  EXPECT_TRUE(identical(with(a), with(b), &difference)) << difference;
}

// Threshold 0 is today's unconditional stipend: the incentive of a conditional one has no effect.
TEST(Invariants, AnUnconditionalStipendIgnoresTheConditionalIncentive) {
  expect_same_replicate({"program.stipend_per_month=150", "coaching.conditional_stipend_fidelity_gain=0"},
                        {"program.stipend_per_month=150", "coaching.conditional_stipend_fidelity_gain=0.9"});
}

TEST(Invariants, AContactMinimumWithoutAStipendChangesNothing) {
  expect_same_replicate({"program.stipend_per_month=0", "program.stipend_min_contacts_per_month=0"},
                        {"program.stipend_per_month=0", "program.stipend_min_contacts_per_month=20"});
}

// One phase over the whole program at the program's rates is the schedule without phases, bit for bit.
TEST(Invariants, OnePhaseAtTheProgramRatesIsTheScheduleWithoutPhases) {
  const std::vector<std::string> rates = {"program.phone_contacts_per_month=2",
                                          "program.in_person_contacts_per_month=0.34"};
  auto phased = rates;
  phased.push_back(
      "program.phases=[{from_week=0, to_week=26, phone_contacts_per_month=2, in_person_contacts_per_month=0.34, "
      "group_sessions_per_month=1}]");
  expect_same_replicate(rates, phased);
}

}  // namespace
}  // namespace coachsim
