#include "models/params.hpp"

#include <stdexcept>

namespace coachsim {
namespace {

std::uint32_t u32(const sim::config::ParamValues& v, const std::string& path) {
  return static_cast<std::uint32_t>(v.integer(path));
}

template <class Enum>
Enum parse_choice(const std::string& value, std::initializer_list<std::pair<const char*, Enum>> options) {
  for (const auto& [name, e] : options) {
    if (value == name) return e;
  }
  throw std::invalid_argument("unexpected choice '" + value + "'");  // the validator prevents this
}

void read_population(const sim::config::ParamValues& v, ModelParams& p) {
  auto& q = p.population;
  q.enrolled = u32(v, "population.enrolled");
  q.hba1c_mean = v.real("population.hba1c_mean");
  q.hba1c_sd = v.real("population.hba1c_sd");
  q.age_mean = v.real("population.age_mean");
  q.age_sd = v.real("population.age_sd");
  q.share_female = v.real("population.share_female");
  q.share_spanish = v.real("population.share_spanish");
  q.share_chinese = v.real("population.share_chinese");
  q.share_low_literacy = v.real("population.share_low_literacy");
  q.self_management_mean = v.real("population.self_management_mean");
  q.self_management_concentration = v.real("population.self_management_concentration");
  q.adherence_mean = v.real("population.adherence_mean");
  q.adherence_concentration = v.real("population.adherence_concentration");
  q.activation_mean = v.real("population.activation_mean");
  q.activation_concentration = v.real("population.activation_concentration");
  q.autonomy_mean = v.real("population.autonomy_mean");
  q.autonomy_concentration = v.real("population.autonomy_concentration");
  q.treatment_step_mean = v.real("population.treatment_step_mean");
  q.clinics = u32(v, "population.clinics");
  p.eligibility = {v.real("eligibility.hba1c_min"), v.real("eligibility.hba1c_max"),
                   u32(v, "eligibility.screening_lead_weeks")};
  for (const auto& arm : v.items("arms")) {
    p.arms.push_back({arm.choice("name"), arm.real("share"), arm.boolean("coaching")});
  }
}

void read_coaches(const sim::config::ParamValues& v, ModelParams& p) {
  auto& c = p.coaches;
  c.count = u32(v, "coaches.count");
  c.own_hba1c_max = v.real("coaches.own_hba1c_max");
  c.weekly_hours = v.real("coaches.weekly_hours");
  c.training_dropout = v.real("coaches.training_dropout");
  c.exam_pass_rate = v.real("coaches.exam_pass_rate");
  c.style_mix = parse_choice<StyleMix>(v.choice("coaches.style_mix"),
                                       {{"diverse", StyleMix::Diverse}, {"standardized", StyleMix::Standardized}});
  c.advisor_share = v.real("coaches.advisor_share");
  c.supporter_share = v.real("coaches.supporter_share");
  c.role_model_share = v.real("coaches.role_model_share");
  c.role_concentration = v.real("coaches.role_concentration");
  c.boundary_openness_mean = v.real("coaches.boundary_openness_mean");
  c.boundary_openness_concentration = v.real("coaches.boundary_openness_concentration");
  c.responsibility_mean = v.real("coaches.responsibility_mean");
  c.responsibility_concentration = v.real("coaches.responsibility_concentration");
  c.resource_seeking_mean = v.real("coaches.resource_seeking_mean");
  c.resource_seeking_concentration = v.real("coaches.resource_seeking_concentration");
  c.fidelity_mean = v.real("coaches.fidelity_mean");
  c.fidelity_concentration = v.real("coaches.fidelity_concentration");
  c.self_efficacy_mean = v.real("coaches.self_efficacy_mean");
  c.self_efficacy_concentration = v.real("coaches.self_efficacy_concentration");
  c.distress_mean = v.real("coaches.distress_mean");
  c.distress_concentration = v.real("coaches.distress_concentration");
  c.share_depressed = v.real("coaches.share_depressed");
  c.replace_quitters = v.boolean("coaches.replace_quitters");
  c.replacement_delay_weeks = u32(v, "coaches.replacement_delay_weeks");
  c.reassignment = parse_choice<Reassignment>(v.choice("coaches.reassignment"),
                                              {{"reassign", Reassignment::Reassign}, {"release", Reassignment::Release}});
  c.load_per_hour = v.real("coaches.load_per_hour");
  c.load_recovery_weeks = v.real("coaches.load_recovery_weeks");
  c.supervision_relief = v.real("coaches.supervision_relief");
  c.openness_load_factor = v.real("coaches.openness_load_factor");
  c.distress_load_factor = v.real("coaches.distress_load_factor");
  c.quit_hazard_base = v.real("coaches.quit_hazard_base");
  c.quit_load_sensitivity = v.real("coaches.quit_load_sensitivity");
  c.stipend_retention = v.real("coaches.stipend_retention");
  c.depression_quit_factor = v.real("coaches.depression_quit_factor");
}

void read_program(const sim::config::ParamValues& v, ModelParams& p) {
  auto& g = p.program;
  g.weeks = u32(v, "program.weeks");
  g.training_hours = v.real("program.training_hours");
  g.caseload = u32(v, "program.caseload");
  g.phone_per_month = v.real("program.phone_contacts_per_month");
  g.in_person_per_month = v.real("program.in_person_contacts_per_month");
  g.group_per_month = v.real("program.group_sessions_per_month");
  g.taper_after_weeks = u32(v, "program.taper_after_weeks");
  g.taper_factor = v.real("program.taper_factor");
  g.supervision_hours_per_month = v.real("program.supervision_hours_per_month");
  g.matching = parse_choice<Matching>(
      v.choice("program.matching"),
      {{"random", Matching::Random}, {"language", Matching::Language}, {"similarity", Matching::Similarity}});
  g.stipend_per_month = v.real("program.stipend_per_month");
  g.hours_per_phone = v.real("program.hours_per_phone_contact");
  g.hours_per_in_person = v.real("program.hours_per_in_person_contact");
  g.hours_per_group = v.real("program.hours_per_group_session");
  g.group_size = v.real("program.group_size");
}

void read_clinic_and_behaviour(const sim::config::ParamValues& v, ModelParams& p) {
  p.providers = {v.real("providers.visit_interval_weeks"),
                 v.real("providers.intensification_threshold"),
                 v.real("providers.intensification_probability"),
                 u32(v, "providers.request_capacity_per_week"),
                 v.real("providers.request_intensification_probability"),
                 v.real("providers.request_adherence_gain")};
  p.clinical = {v.real("clinical.progression_per_year"),  v.real("clinical.lag_weeks"),
                v.real("clinical.measurement_sd"),        v.real("clinical.fluctuation_sd"),
                v.real("clinical.fluctuation_weeks"),     v.real("clinical.self_management_effect"),
                v.real("clinical.adherence_effect"),      v.real("clinical.treatment_step_effect"),
                u32(v, "clinical.max_treatment_step"),    v.real("clinical.hba1c_floor")};
  auto& k = p.coaching;
  k.advisor_effect = v.real("coaching.advisor_effect");
  k.training_half_hours = v.real("coaching.training_half_hours");
  k.language_mismatch_factor = v.real("coaching.language_mismatch_factor");
  k.low_literacy_factor = v.real("coaching.low_literacy_factor");
  k.supporter_trust_effect = v.real("coaching.supporter_trust_effect");
  k.openness_trust_gain = v.real("coaching.openness_trust_gain");
  k.supporter_adherence_effect = v.real("coaching.supporter_adherence_effect");
  k.role_model_effect = v.real("coaching.role_model_effect");
  k.credible_hba1c = v.real("coaching.credible_hba1c");
  k.activation_to_self_management = v.real("coaching.activation_to_self_management");
  k.ownership_speedup = v.real("coaching.ownership_speedup");
  k.autonomy_rate = v.real("coaching.autonomy_rate");
  k.behaviour_decay = v.real("coaching.behaviour_decay");
  k.trust_decay = v.real("coaching.trust_decay");
  k.activation_decay = v.real("coaching.activation_decay");
  k.in_person_weight = v.real("coaching.in_person_weight");
  k.group_weight = v.real("coaching.group_weight");
  k.patient_initiated_per_week = v.real("coaching.patient_initiated_per_week");
  k.openness_availability_gain = v.real("coaching.openness_availability_gain");
  k.resource_seeking_probability = v.real("coaching.resource_seeking_probability");
  k.coach_self_management_gain = v.real("coaching.coach_self_management_gain");
  k.coach_activation_gain = v.real("coaching.coach_activation_gain");
  p.engagement = {v.real("engagement.lapse_per_week"),      v.real("engagement.trust_protection"),
                  v.real("engagement.result_protection"),   v.real("engagement.return_per_week"),
                  v.real("engagement.contact_reengagement"), v.real("engagement.dropout_from_lapsed"),
                  v.real("engagement.dropout_per_week"),    v.real("engagement.lapsed_reach")};
  p.care = {v.real("care.mortality_at_55"),          v.real("care.mortality_age_slope"),
            v.real("care.diabetes_mortality_ratio"), v.real("care.mortality_rrr_per_point"),
            v.real("care.mortality_reference_hba1c"), v.real("care.moves_per_year")};
  p.followup = {v.real("followup.loss_per_week"), v.real("followup.trust_protection"),
                v.real("followup.result_protection")};
  p.durability = {v.real("durability.waning_half_life_weeks"), v.real("durability.autonomy_shield")};
  p.costs = {v.real("costs.coach_pay_per_hour"), v.real("costs.training_per_trainee"),
             v.real("costs.supervisor_pay_per_hour"), v.real("costs.overhead_per_patient_week")};
  p.outcomes = {v.real("outcomes.horizon_years"),      v.real("outcomes.death_rate"),
                v.real("outcomes.death_rrr"),          v.real("outcomes.microvascular_rate"),
                v.real("outcomes.microvascular_rrr"),  v.real("outcomes.mi_rate"),
                v.real("outcomes.mi_rrr")};
  p.patient_table = v.boolean("output.patient_table");
  p.min_replicates = u32(v, "output.min_replicates");
}

}  // namespace

ModelParams read_params(const sim::config::ParamValues& v) {
  ModelParams p;
  p.run = {u32(v, "run.weeks"), u32(v, "run.replicates"), static_cast<std::uint64_t>(v.integer("run.seed")),
           u32(v, "run.followup_week")};
  read_population(v, p);
  read_coaches(v, p);
  read_program(v, p);
  read_clinic_and_behaviour(v, p);
  return p;
}

}  // namespace coachsim
