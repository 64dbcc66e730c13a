#pragma once
// The model's parameters as typed values for the hot loops. Each key is declared once in schema.cpp,
// bound to the member here that holds it (sim/config/binding.hpp); read_params() fills these structs
// from validated scenario values through those bindings.
//
// Members are named exactly as their keys' leaves ("program.hours_per_phone_contact" is
// ProgramParams::hours_per_phone_contact), and carry no default values of their own: they
// value-initialise to zero (or the first enumerator) until filled. The schema's default is the only
// default; a ModelParams comes from read_params() (defaults included), never from its initialisers.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "sim/config/binding.hpp"
#include "sim/config/parameter.hpp"

namespace coachsim {

enum class StyleMix { Diverse, Standardized };
enum class Matching { Random, Language, Similarity, Style, Sex, AgeBand, RaceEthnicity };
enum class Randomization { Individual, Clinic };
enum class Reassignment { Reassign, Release };
// What an arm's patients receive: nothing beyond usual care (which an arm may still change through
// its own parameters, e.g. nurse care management as more frequent visits and intensification), a
// peer coach from the arm's trained pool, or a fellow patient of the arm as a reciprocal peer.
enum class Intervention { UsualCare, PeerCoaching, ReciprocalPeer };

// Each enum's scenario strings, written once: the schema's choice lists and read_params() use them.
inline constexpr sim::config::Choice<StyleMix> kStyleMixChoices[] = {
    {"diverse", StyleMix::Diverse}, {"standardized", StyleMix::Standardized}};
inline constexpr sim::config::Choice<Matching> kMatchingChoices[] = {
    {"random", Matching::Random}, {"language", Matching::Language}, {"similarity", Matching::Similarity},
    {"style", Matching::Style}, {"sex", Matching::Sex}, {"age_band", Matching::AgeBand},
    {"race_ethnicity", Matching::RaceEthnicity}};
inline constexpr sim::config::Choice<Randomization> kRandomizationChoices[] = {
    {"individual", Randomization::Individual}, {"clinic", Randomization::Clinic}};
inline constexpr sim::config::Choice<Reassignment> kReassignmentChoices[] = {
    {"reassign", Reassignment::Reassign}, {"release", Reassignment::Release}};
inline constexpr sim::config::Choice<Intervention> kInterventionChoices[] = {
    {"usual_care", Intervention::UsualCare},
    {"peer_coaching", Intervention::PeerCoaching},
    {"reciprocal_peer", Intervention::ReciprocalPeer}};

struct ArmParams {
  std::string name;
  double share{};
  Intervention intervention{};
  // The arm's own values of scenario parameters (validated keys and values): the arm's patients,
  // coaches and program run on the scenario's parameters with these replaced (arm_params()).
  std::map<std::string, sim::config::Scalar> set;

  bool coached() const { return intervention != Intervention::UsualCare; }
};

struct RunParams {
  std::uint32_t weeks{};
  std::uint32_t replicates{};
  std::uint64_t seed{};
  std::uint32_t followup_week{};
  Randomization randomization{};
};

struct PopulationParams {
  std::uint32_t enrolled{};
  double hba1c_mean{}, hba1c_sd{};
  double age_mean{}, age_sd{};
  double share_female{}, share_spanish{}, share_chinese{}, share_low_literacy{};
  double share_latino{}, share_black{}, share_asian{}, share_white{};  // the rest: other
  double self_management_mean{}, self_management_concentration{};
  double adherence_mean{}, adherence_concentration{};
  double activation_mean{}, activation_concentration{};
  double autonomy_mean{}, autonomy_concentration{};
  double treatment_step_mean{};
  double behaviour_hba1c_correlation{};
  std::uint32_t clinics{};
  double between_clinic_sd{};
};

struct EligibilityParams {
  double hba1c_min{}, hba1c_max{};
  std::uint32_t screening_lead_weeks{};
  std::uint32_t measurements{}, measurement_interval_weeks{};
  double uptake{};
};

struct CoachParams {
  std::uint32_t count{};
  double own_hba1c_min{}, own_hba1c_max{};
  // selection on former poor control: the candidate's HbA1c former_hba1c_years ago (0 = not used)
  double former_hba1c_min{}, former_hba1c_years{}, hba1c_drift_sd{};
  double weekly_hours{};
  double training_dropout{}, exam_pass_rate{};
  StyleMix style_mix{};
  double advisor_share{}, supporter_share{}, role_model_share{}, role_concentration{};
  double boundary_openness_mean{}, boundary_openness_concentration{};
  double responsibility_mean{}, responsibility_concentration{};
  double resource_seeking_mean{}, resource_seeking_concentration{};
  double fidelity_mean{}, fidelity_concentration{};
  double self_efficacy_mean{}, self_efficacy_concentration{};
  double distress_mean{}, distress_concentration{};
  double share_depressed{};
  bool replace_quitters{};
  std::uint32_t replacement_delay_weeks{};
  Reassignment reassignment{};
  std::uint32_t hire_at_waitlist{};  // patients waiting that make the program hire; 0 = never
  // The population coach candidates come from, where it differs from the patients': population keys
  // without their section ("hba1c_mean") and their values (coach_candidate_params()).
  std::map<std::string, sim::config::Scalar> population;
  // load and attrition
  double load_per_hour{}, load_recovery_weeks{}, supervision_relief{};
  double openness_load_factor{}, distress_load_factor{};
  double quit_hazard_base{}, quit_load_sensitivity{}, stipend_retention{}, depression_quit_factor{};
  double experience_quit_reduction{};
  double screening_max_distance{};
};

// One phase of the contact schedule: rates per patient per month from `from_week` up to (not
// including) `to_week` (models/schedule.hpp).
struct SchedulePhase {
  std::uint32_t from_week{}, to_week{};
  double phone_contacts_per_month{}, in_person_contacts_per_month{}, group_sessions_per_month{};
};

struct ProgramParams {
  std::uint32_t weeks{};
  double training_hours{};
  std::uint32_t caseload{};
  double phone_contacts_per_month{}, in_person_contacts_per_month{}, group_sessions_per_month{};
  std::uint32_t taper_after_weeks{};
  double taper_factor{};
  // when not empty, the whole schedule (the rates and taper above are then unused)
  std::vector<SchedulePhase> phases;
  double supervision_hours_per_month{};
  Matching matching{};
  double stipend_per_month{};
  double stipend_min_contacts_per_month{};  // 0: unconditional
  double hours_per_phone_contact{}, hours_per_in_person_contact{}, hours_per_group_session{};
  double group_size{};
  // open programs: rolling enrolment, graduation, graduates who become mentors
  double enrolment_months{}, graduation_months{}, graduate_mentor_share{};
  // the program's style norms, toward which training and supervision pull coaches
  double norm_openness{}, norm_responsibility{};
};

struct ProviderParams {
  double visit_interval_weeks{};
  double intensification_threshold{}, intensification_probability{};
  double request_capacity_per_1000{};
  double between_clinic_intensification_sd{};
  double request_intensification_probability{}, request_adherence_gain{};
};

// Clinical care goes on for everyone alive; death (by age and HbA1c) and moving away are its exits.
struct CareParams {
  double mortality_at_55{}, mortality_age_slope{}, diabetes_mortality_ratio{};
  double mortality_rrr_per_point{}, mortality_reference_hba1c{};
  double moves_per_year{};
};

// Whether a trial would observe a patient's HbA1c at follow-up: a property of the study.
struct FollowupParams {
  double loss_per_week{}, trust_protection{}, result_protection{};
};

// Waning of coaching gains once a person is no longer coached (or no longer coaches).
struct DurabilityParams {
  double waning_half_life_weeks{}, autonomy_shield{};
};

struct ClinicalParams {
  double progression_per_year{}, lag_weeks{};
  double measurement_sd{}, fluctuation_sd{}, fluctuation_weeks{};
  double self_management_effect{}, adherence_effect{}, treatment_step_effect{};
  std::uint32_t max_treatment_step{};
  double hba1c_floor{};
};

struct CoachingParams {
  double advisor_effect{}, training_half_hours{}, language_mismatch_factor{}, low_literacy_factor{};
  double supporter_trust_effect{}, openness_trust_gain{}, supporter_adherence_effect{};
  double role_model_effect{}, credible_hba1c{};
  double activation_to_self_management{};
  double ownership_speedup{}, autonomy_rate{};
  double behaviour_decay{}, trust_decay{}, activation_decay{};
  double in_person_weight{}, group_weight{};
  double patient_initiated_per_week{}, openness_availability_gain{};
  double resource_seeking_probability{};
  double coach_self_management_gain{}, coach_activation_gain{};
  // coach traits (Rogers 2014), style x patient-need fit, and relationships
  double distress_empathy_gain{}, self_efficacy_distance_gain{}, depression_contact_factor{};
  double need_fit{}, openness_dependency{};
  double relationship_carryover{};
  // levers on style: training, its waning, supervision, experience
  double training_style_pull{}, training_fidelity_gain{}, practice_waning_per_week{};
  double supervision_style_pull{}, experience_hours_per_week{};
  // a stipend paid only for delivered contacts raises the contacts a coach delivers
  double conditional_stipend_fidelity_gain{};
};

struct EngagementParams {
  double lapse_per_week{}, trust_protection{}, result_protection{};
  double return_per_week{}, contact_reengagement{};
  double dropout_from_lapsed{}, dropout_per_week{}, lapsed_reach{};
};

// Unit costs (USD). Program costs are booked to coached arms; provider care, added therapy and
// complications to every arm (models/economics.hpp lists the categories).
struct CostParams {
  double coach_pay_per_hour{}, training_per_trainee{}, training_per_trainee_hour{}, supervisor_pay_per_hour{};
  double overhead_per_patient_week{}, screening_per_candidate{}, style_interview_per_candidate{};
  double provider_visit{}, provider_request{}, therapy_step_per_year{};
  // complications: the year of the first event, and each later year lived with it
  double mi_event{}, mi_annual{}, stroke_event{}, stroke_annual{}, heart_failure_event{}, heart_failure_annual{};
  double amputation_event{}, amputation_annual{}, blindness_event{}, blindness_annual{};
  double renal_failure_event{}, renal_failure_annual{};
};

// Long-term outcomes along the simulated HbA1c path: first-event incidence per 1,000 patient-years
// at the reference HbA1c, its relative risk reduction per point lower HbA1c, and the utility
// decrement of living with the complication.
struct OutcomeParams {
  double horizon_years{}, reference_hba1c{}, utility_no_complications{};
  double mi_rate{}, mi_rrr{}, mi_utility{};
  double stroke_rate{}, stroke_rrr{}, stroke_utility{};
  double heart_failure_rate{}, heart_failure_rrr{}, heart_failure_utility{};
  double amputation_rate{}, amputation_rrr{}, amputation_utility{};
  double blindness_rate{}, blindness_rrr{}, blindness_utility{};
  double renal_failure_rate{}, renal_failure_rrr{}, renal_failure_utility{};
};

// How costs and health are valued: discounting and willingness to pay per QALY.
struct EconomicsParams {
  double discount_rate{};
  double wtp_low{}, wtp_mid{}, wtp_high{};
};

struct OutputParams {
  bool patient_table{}, coach_table{};
  std::uint32_t min_replicates{};
  double delivery_warning_share{};
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
  EconomicsParams economics;
  OutputParams output;
};

// The scenario schema: every parameter with unit, default, range, description and source.
const sim::config::Schema& scenario_schema();
// Every parameter bound to its member (schema.cpp): scenario_schema() and read_params() come from it.
const sim::config::Bindings<ModelParams>& parameter_bindings();

// The typed parameters of validated scenario values.
ModelParams read_params(const sim::config::ParamValues& values);

// The parameters arm `arm`'s patients, coaches and program run on: the scenario's, with the arm's
// own values (ArmParams::set) in place.
ModelParams arm_params(const ModelParams& params, std::size_t arm);

// The parameters coach candidates are drawn with: `params` with its coaches.population in place.
ModelParams coach_candidate_params(const ModelParams& params);

}  // namespace coachsim
