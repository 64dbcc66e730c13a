#include "tests/models/model_test_support.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <sstream>

#include "models/population.hpp"
#include "models/simulation.hpp"
#include "sim/config/scenario_loader.hpp"

namespace coachsim::testing {

const std::vector<std::string>& base_overrides() {
  static const std::vector<std::string> base = {
      // run
      "run.weeks=26", "run.replicates=1", "run.seed=424242", "run.followup_week=26",
      // population
      "population.enrolled=200", "population.hba1c_mean=8.9", "population.hba1c_sd=2.0", "population.age_mean=55",
      "population.age_sd=10", "population.share_female=0.5", "population.share_spanish=0.3",
      "population.share_chinese=0.2", "population.share_low_literacy=0.4", "population.self_management_mean=0.35",
      "population.self_management_concentration=10", "population.adherence_mean=0.6",
      "population.adherence_concentration=8", "population.activation_mean=0.4",
      "population.activation_concentration=10", "population.autonomy_mean=0.5",
      "population.autonomy_concentration=10", "population.treatment_step_mean=1.8", "population.clinics=4",
      // eligibility
      "eligibility.hba1c_min=8.0", "eligibility.hba1c_max=20", "eligibility.screening_lead_weeks=8",
      // arms
      kArmsTrial,
      // coaches
      "coaches.count=20", "coaches.own_hba1c_max=8.5", "coaches.weekly_hours=3", "coaches.training_dropout=0.1",
      "coaches.exam_pass_rate=0.8", "coaches.style_mix=diverse", "coaches.advisor_share=0.34",
      "coaches.supporter_share=0.33", "coaches.role_model_share=0.33", "coaches.role_concentration=6",
      "coaches.boundary_openness_mean=0.5", "coaches.boundary_openness_concentration=4",
      "coaches.responsibility_mean=0.4", "coaches.responsibility_concentration=4",
      "coaches.resource_seeking_mean=0.8", "coaches.resource_seeking_concentration=20",
      "coaches.fidelity_mean=0.75", "coaches.fidelity_concentration=8", "coaches.self_efficacy_mean=0.6",
      "coaches.self_efficacy_concentration=8", "coaches.distress_mean=0.3", "coaches.distress_concentration=8",
      "coaches.share_depressed=0.2", "coaches.replace_quitters=false", "coaches.replacement_delay_weeks=6",
      "coaches.reassignment=reassign", "coaches.load_per_hour=0.1", "coaches.load_recovery_weeks=4",
      "coaches.supervision_relief=0.25", "coaches.openness_load_factor=1.0", "coaches.distress_load_factor=1.0",
      "coaches.quit_hazard_base=0.008", "coaches.quit_load_sensitivity=0.8", "coaches.stipend_retention=0.2",
      "coaches.depression_quit_factor=1.5",
      // program
      "program.weeks=26", "program.training_hours=36", "program.caseload=10",
      "program.phone_contacts_per_month=2", "program.in_person_contacts_per_month=0.34",
      "program.group_sessions_per_month=0", "program.taper_after_weeks=1040", "program.taper_factor=1",
      "program.supervision_hours_per_month=2", "program.matching=language", "program.stipend_per_month=0",
      "program.hours_per_phone_contact=0.5", "program.hours_per_in_person_contact=1.5",
      "program.hours_per_group_session=2", "program.group_size=8",
      // providers
      "providers.visit_interval_weeks=12", "providers.intensification_threshold=7.5",
      "providers.intensification_probability=0.25", "providers.request_capacity_per_week=5",
      "providers.request_intensification_probability=0.5", "providers.request_adherence_gain=0.15",
      // clinical
      "clinical.progression_per_year=0.1", "clinical.lag_weeks=6", "clinical.measurement_sd=0.3",
      "clinical.fluctuation_sd=0.9", "clinical.fluctuation_weeks=26", "clinical.self_management_effect=2.0",
      "clinical.adherence_effect=1.0", "clinical.treatment_step_effect=1.0", "clinical.max_treatment_step=4",
      "clinical.hba1c_floor=4.0",
      // coaching
      "coaching.advisor_effect=0.06", "coaching.training_half_hours=12", "coaching.language_mismatch_factor=0.5",
      "coaching.low_literacy_factor=0.7", "coaching.supporter_trust_effect=0.15", "coaching.openness_trust_gain=1.0",
      "coaching.supporter_adherence_effect=0.05", "coaching.role_model_effect=0.08", "coaching.credible_hba1c=7.5",
      "coaching.activation_to_self_management=0.5", "coaching.ownership_speedup=1.0", "coaching.autonomy_rate=0.05",
      "coaching.behaviour_decay=0.04", "coaching.trust_decay=0.02", "coaching.activation_decay=0.01",
      "coaching.in_person_weight=1.5", "coaching.group_weight=0.7", "coaching.patient_initiated_per_week=0.3",
      "coaching.openness_availability_gain=0.3", "coaching.resource_seeking_probability=0.3",
      "coaching.coach_self_management_gain=0.01", "coaching.coach_activation_gain=0.01",
      // engagement
      "engagement.lapse_per_week=0.03", "engagement.trust_protection=2.0", "engagement.result_protection=0.5",
      "engagement.return_per_week=0.1", "engagement.contact_reengagement=0.3", "engagement.dropout_from_lapsed=0.04",
      "engagement.dropout_per_week=0.002", "engagement.lapsed_reach=0.3",
      // care, the study's follow-up and durability
      "care.mortality_at_55=0.0076", "care.mortality_age_slope=0.072", "care.diabetes_mortality_ratio=1.8",
      "care.mortality_rrr_per_point=0.14", "care.mortality_reference_hba1c=7.5", "care.moves_per_year=0.04",
      "followup.loss_per_week=0.01", "followup.trust_protection=0.6", "followup.result_protection=0.5",
      "durability.waning_half_life_weeks=13", "durability.autonomy_shield=0.5",
      // costs and outcomes
      "costs.coach_pay_per_hour=20", "costs.training_per_trainee=800", "costs.supervisor_pay_per_hour=50",
      "costs.overhead_per_patient_week=2", "outcomes.horizon_years=10", "outcomes.death_rate=10",
      "outcomes.death_rrr=0.21", "outcomes.microvascular_rate=10", "outcomes.microvascular_rrr=0.37",
      "outcomes.mi_rate=15", "outcomes.mi_rrr=0.14", "output.patient_table=false",
      "output.min_replicates=5"};
  return base;
}

ModelParams make_params(const std::vector<std::string>& overrides) {
  std::vector<std::string> all = base_overrides();
  all.insert(all.end(), overrides.begin(), overrides.end());
  const auto loaded = sim::config::load_scenario_text(scenario_schema(), "schema_version = 1\n", "test", all);
  return read_params(loaded.values);
}

TestWorld make_test_world(const std::vector<std::string>& overrides, std::uint64_t seed) {
  return make_test_world(make_params(overrides), seed);
}

TestWorld make_test_world(const ModelParams& params, std::uint64_t seed) {
  TestWorld t;
  t.params = std::make_unique<ModelParams>(params);
  t.world = make_world(*t.params, seed);
  return t;
}

const sim::Executor& serial_executor() {
  static const sim::Executor executor(sim::ExecutionMode::Serial);
  return executor;
}

sim::StepContext context(std::uint32_t step) { return sim::StepContext{step, &serial_executor()}; }

sim::AgentRange all_patients(const World& w) { return {0, w.patients.size()}; }
sim::AgentRange all_coaches(const World& w) { return {0, w.coaches.size()}; }

void set_phone_contact(World& w, std::size_t i, bool contacted) {
  auto& pts = w.patients;
  pts.phone[i] = contacted ? 1 : 0;
  pts.in_person[i] = 0;
  pts.group[i] = 0;
  pts.dose[i] = contacted ? 1.0f : 0.0f;
}

double mean(const std::vector<double>& values) {
  double sum = 0;
  for (double v : values) sum += v;
  return values.empty() ? std::nan("") : sum / static_cast<double>(values.size());
}

double sample_sd(const std::vector<double>& values) {
  const double m = mean(values);
  double ss = 0;
  for (double v : values) ss += (v - m) * (v - m);
  return values.size() > 1 ? std::sqrt(ss / static_cast<double>(values.size() - 1)) : std::nan("");
}

void expect_binomial(double successes, double trials, double p, const std::string& what) {
  const double expected = trials * p;
  const double se = std::sqrt(trials * p * (1.0 - p));
  EXPECT_LE(std::abs(successes - expected), kSigmas * se + 1e-9)
      << what << ": " << successes << " of " << trials << ", expected " << expected << " (SE " << se << ")";
}

Trajectories record_trajectories(const ModelParams& params, std::uint32_t replicate) {
  Trajectories out;
  const sim::Executor& executor = serial_executor();
  run_replicate(params, replicate, executor, [&](const World& w, std::uint32_t) {
    const auto& pts = w.patients;
    const auto& people = pts.people;
    for (std::size_t i = 0; i < pts.size(); ++i) {
      out[pts.id[i]].push_back({people.hba1c_true[i], people.hba1c_measured[i], people.self_management[i],
                                people.adherence[i], people.activation[i], pts.followed[i], pts.care[i],
                                people.treatment_step[i]});
    }
  });
  return out;
}

namespace {

bool same_bits(double a, double b) { return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b); }

bool same_vector(const std::vector<double>& a, const std::vector<double>& b, const std::string& name,
                 std::string* first_difference) {
  if (a.size() != b.size()) {
    if (first_difference != nullptr) *first_difference = name + ": sizes differ";
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!same_bits(a[i], b[i])) {
      if (first_difference != nullptr) {
        std::ostringstream text;
        text << name << "[" << i << "]: " << a[i] << " vs " << b[i];
        *first_difference = text.str();
      }
      return false;
    }
  }
  return true;
}

}  // namespace

bool identical(const ReplicateResult& a, const ReplicateResult& b, std::string* first_difference) {
  if (a.arms != b.arms || a.weeks != b.weeks) {
    if (first_difference != nullptr) *first_difference = "dimensions differ";
    return false;
  }
  for (std::size_t s = 0; s < kArmWeekSeriesCount; ++s) {
    if (!same_vector(a.arm_week[s], b.arm_week[s], kArmWeekSeriesInfo[s].name, first_difference)) return false;
  }
  if (!same_vector(a.quantiles, b.quantiles, "quantiles", first_difference)) return false;
  for (std::size_t s = 0; s < kWeekSeriesCount; ++s) {
    if (!same_vector(a.week[s], b.week[s], kWeekSeriesInfo[s].name, first_difference)) return false;
  }
  for (std::size_t s = 0; s < kArmSummaryCount; ++s) {
    if (!same_vector(a.arm_summary[s], b.arm_summary[s], kArmSummaryInfo[s].name, first_difference)) return false;
  }
  const std::vector<double> sa(a.summary.begin(), a.summary.end()), sb(b.summary.begin(), b.summary.end());
  return same_vector(sa, sb, "summary", first_difference);
}

}  // namespace coachsim::testing
