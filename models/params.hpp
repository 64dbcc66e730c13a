#pragma once
// The model's parameters as typed values for the hot loops. Declared (with units, ranges and
// sources) in schema.cpp; read from validated scenario values by read_params().
#include <cstdint>
#include <string>
#include <vector>

#include "sim/config/parameter.hpp"

namespace coachsim {

enum class StyleMix { Diverse, Standardized };
enum class Matching { Random, Language, Similarity };
enum class Reassignment { Reassign, Release };

struct ArmParams {
  std::string name;
  double share = 0.5;
  bool coaching = false;
};

struct RunParams {
  std::uint32_t weeks = 26;
  std::uint32_t replicates = 1;
  std::uint64_t seed = 0;
  std::uint32_t followup_week = 26;
};

struct PopulationParams {
  std::uint32_t enrolled = 0;
  double hba1c_mean = 0, hba1c_sd = 0;
  double age_mean = 0, age_sd = 0;
  double share_female = 0, share_spanish = 0, share_chinese = 0, share_low_literacy = 0;
  double self_management_mean = 0, self_management_concentration = 0;
  double adherence_mean = 0, adherence_concentration = 0;
  double activation_mean = 0, activation_concentration = 0;
  double autonomy_mean = 0, autonomy_concentration = 0;
  double treatment_step_mean = 0;
  std::uint32_t clinics = 1;
};

struct EligibilityParams {
  double hba1c_min = 0, hba1c_max = 0;
  std::uint32_t screening_lead_weeks = 0;
};

struct CoachParams {
  std::uint32_t count = 0;
  double own_hba1c_max = 0;
  double weekly_hours = 0;
  double training_dropout = 0, exam_pass_rate = 1;
  StyleMix style_mix = StyleMix::Diverse;
  double advisor_share = 0, supporter_share = 0, role_model_share = 0, role_concentration = 0;
  double boundary_openness_mean = 0, boundary_openness_concentration = 0;
  double responsibility_mean = 0, responsibility_concentration = 0;
  double resource_seeking_mean = 0, resource_seeking_concentration = 0;
  double fidelity_mean = 0, fidelity_concentration = 0;
  double self_efficacy_mean = 0, self_efficacy_concentration = 0;
  double distress_mean = 0, distress_concentration = 0;
  double share_depressed = 0;
  bool replace_quitters = false;
  std::uint32_t replacement_delay_weeks = 0;
  Reassignment reassignment = Reassignment::Reassign;
  // load and attrition
  double load_per_hour = 0, load_recovery_weeks = 1, supervision_relief = 0;
  double openness_load_factor = 0, distress_load_factor = 0;
  double quit_hazard_base = 0, quit_load_sensitivity = 0, stipend_retention = 0, depression_quit_factor = 1;
};

struct ProgramParams {
  std::uint32_t weeks = 0;
  double training_hours = 0;
  std::uint32_t caseload = 0;
  double phone_per_month = 0, in_person_per_month = 0, group_per_month = 0;
  std::uint32_t taper_after_weeks = 0;
  double taper_factor = 1;
  double supervision_hours_per_month = 0;
  Matching matching = Matching::Random;
  double stipend_per_month = 0;
  double hours_per_phone = 0, hours_per_in_person = 0, hours_per_group = 0;
  double group_size = 1;
};

struct ProviderParams {
  double visit_interval_weeks = 12;
  double intensification_threshold = 0, intensification_probability = 0;
  std::uint32_t request_capacity_per_week = 0;
  double request_intensification_probability = 0, request_adherence_gain = 0;
};

// Clinical care goes on for everyone alive; death (by age and HbA1c) and moving away are its exits.
struct CareParams {
  double mortality_at_55 = 0, mortality_age_slope = 0, diabetes_mortality_ratio = 1;
  double mortality_rrr_per_point = 0, mortality_reference_hba1c = 7.5;
  double moves_per_year = 0;
};

// Whether a trial would observe a patient's HbA1c at follow-up: a property of the study.
struct FollowupParams {
  double loss_per_week = 0, trust_protection = 0, result_protection = 0;
};

// Waning of coaching gains once a person is no longer coached (or no longer coaches).
struct DurabilityParams {
  double waning_half_life_weeks = 13, autonomy_shield = 0;
};

struct ClinicalParams {
  double progression_per_year = 0, lag_weeks = 1;
  double measurement_sd = 0, fluctuation_sd = 0, fluctuation_weeks = 1;
  double self_management_effect = 0, adherence_effect = 0, treatment_step_effect = 0;
  std::uint32_t max_treatment_step = 4;
  double hba1c_floor = 4.0;
};

struct CoachingParams {
  double advisor_effect = 0, training_half_hours = 1, language_mismatch_factor = 1, low_literacy_factor = 1;
  double supporter_trust_effect = 0, openness_trust_gain = 0, supporter_adherence_effect = 0;
  double role_model_effect = 0, credible_hba1c = 0;
  double activation_to_self_management = 0;
  double ownership_speedup = 0, autonomy_rate = 0;
  double behaviour_decay = 0, trust_decay = 0, activation_decay = 0;
  double in_person_weight = 1, group_weight = 1;
  double patient_initiated_per_week = 0, openness_availability_gain = 0;
  double resource_seeking_probability = 0;
  double coach_self_management_gain = 0, coach_activation_gain = 0;
};

struct EngagementParams {
  double lapse_per_week = 0, trust_protection = 0, result_protection = 0;
  double return_per_week = 0, contact_reengagement = 0;
  double dropout_from_lapsed = 0, dropout_per_week = 0, lapsed_reach = 0;
};

struct CostParams {
  double coach_pay_per_hour = 0, training_per_trainee = 0, supervisor_pay_per_hour = 0, overhead_per_patient_week = 0;
};

struct OutcomeParams {
  double horizon_years = 0;
  double death_rate = 0, death_rrr = 0;
  double microvascular_rate = 0, microvascular_rrr = 0;
  double mi_rate = 0, mi_rrr = 0;
};

struct ModelParams {
  RunParams run;
  PopulationParams population;
  EligibilityParams eligibility;
  std::vector<ArmParams> arms;
  CoachParams coaches;
  ProgramParams program;
  ProviderParams providers;
  ClinicalParams clinical;
  CoachingParams coaching;
  EngagementParams engagement;
  CareParams care;
  FollowupParams followup;
  DurabilityParams durability;
  CostParams costs;
  OutcomeParams outcomes;
  bool patient_table = false;
  std::uint32_t min_replicates = 5;
};

// The scenario schema: every parameter with unit, default, range, description and source.
const sim::config::Schema& scenario_schema();

ModelParams read_params(const sim::config::ParamValues& values);

}  // namespace coachsim
