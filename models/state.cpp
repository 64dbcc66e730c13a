#include "models/state.hpp"

namespace coachsim {

void People::resize(std::size_t n) {
  for (auto* v : {&age, &hba1c_set, &hba1c_level, &fluctuation, &hba1c_true, &hba1c_measured, &clinic_hba1c,
                  &self_management, &self_management0, &adherence, &adherence0, &activation, &activation0,
                  &autonomy, &autonomy0}) {
    v->resize(n);
  }
  for (auto* v : {&female, &language, &low_literacy, &race_ethnicity, &treatment_step, &treatment_step0}) v->resize(n);
}

void Patients::resize(std::size_t n) {
  people.resize(n);
  id.resize(n);
  for (auto* v : {&arm, &engagement, &care, &followed, &phone, &in_person, &group, &request_pending, &visited,
                  &coaches_had, &scheduled}) {
    v->resize(n);
  }
  clinic.resize(n);
  coach.resize(n, kNoCoach);
  first_coach.resize(n, kNoCoach);
  entry_week.resize(n);
  weeks_waited.resize(n);
  weeks_coached.resize(n);
  for (auto* v : {&trust, &baseline_measured, &baseline_true, &dose}) v->resize(n);
}

void Coaches::resize(std::size_t n) {
  people.resize(n);
  twin.resize(n);
  id.resize(n);
  for (auto* v : {&advisor, &supporter, &role_model, &openness, &responsibility, &resource_seeking, &fidelity,
                  &self_efficacy, &distress, &skill, &time_factor, &hours, &contacts, &load, &natural_openness,
                  &natural_responsibility, &natural_fidelity, &month_contacts}) {
    v->resize(n);
  }
  for (auto* v : {&depressed, &month_weeks, &stipend_withheld}) v->resize(n);
  arm.resize(n);
  patient.resize(n, kNotAPatient);
  active.resize(n);
  start_week.resize(n);
  quit_week.resize(n, -1);
  caseload.resize(n);
}

void World::book(std::size_t arm, CostCategory category, std::uint32_t week, double cost) {
  ledger.costs.book(arm, category, week, cost);
  if (kCostCategories[category].program) ledger.cost_cumulative[arm] += cost;
}

}  // namespace coachsim
