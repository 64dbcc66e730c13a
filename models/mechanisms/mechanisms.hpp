#pragma once
// The mechanisms of the model brief, one function per named phase of the weekly step.
// Per-agent phases take an agent range and write only those agents; population phases run
// serially and may touch anything. docs/model.md gives each one's equations and sources.
#include "models/schedule.hpp"
#include "models/state.hpp"
#include "sim/engine/executor.hpp"
#include "sim/engine/schedule.hpp"
#include "sim/engine/select.hpp"  // for_each_selected: the loops over the patients a mechanism concerns

namespace coachsim::mechanisms {

using sim::AgentRange;
using sim::StepContext;

// 1. Contact
void coach_availability(World& w, const StepContext& ctx);                 // population
void contact(World& w, const StepContext& ctx, AgentRange patients);       // per patient
void tally_coach_work(World& w, const StepContext& ctx);                   // population
// 2-5. Coaching effects and responsibility allocation
void advisor(World& w, const StepContext& ctx, AgentRange patients);
void supporter(World& w, const StepContext& ctx, AgentRange patients);
void role_model(World& w, const StepContext& ctx, AgentRange patients);
void responsibility(World& w, const StepContext& ctx, AgentRange patients);
// A coach who still struggles is the more empathic, credible peer (Rogers 2014): the supporter and
// role-model multiplier (1 + distress_gain x distress) x (1 + self_efficacy_gain x (1 - self_efficacy)).
double peer_empathy(const CoachingParams& coaching, const Coaches& coaches, std::size_t coach);
// 6. Resource seeking and the provider's response; usual provider care
void resource_seeking(World& w, const StepContext& ctx, AgentRange patients);
void provider_visits(World& w, const StepContext& ctx, AgentRange patients);
void provider_requests(World& w, const StepContext& ctx);                  // population
void coach_provider_visits(World& w, const StepContext& ctx, AgentRange coaches);
void founder_provider_visits(World& w, const StepContext& ctx, AgentRange founders);  // and their twins
// 7. Clinical dynamics
void patient_clinical(World& w, const StepContext& ctx, AgentRange patients);
void coach_clinical(World& w, const StepContext& ctx, AgentRange coaches);
void founder_clinical(World& w, const StepContext& ctx, AgentRange founders);  // and their twins
// 8-9. Coach load, attrition and self-management gains
void coach_load(World& w, const StepContext& ctx, AgentRange coaches);
// Practice: trained style and fidelity wane toward the coach's own, supervision pulls toward the
// program's norms, experience adds skill.
void coach_practice(World& w, const StepContext& ctx, AgentRange coaches);
void coach_attrition(World& w, const StepContext& ctx);                    // population
void coach_gains(World& w, const StepContext& ctx, AgentRange coaches);
// 10. Engagement with the program; the study's follow-up; clinical care and its exits
void engagement(World& w, const StepContext& ctx, AgentRange patients);
void study_followup(World& w, const StepContext& ctx, AgentRange patients);
void care_exits(World& w, const StepContext& ctx, AgentRange patients);
double annual_mortality(const CareParams& care, double age, double hba1c);
double weekly_from_annual(double annual);
// An upper bound, without transcendental calls, on weekly_from_annual(min(1, exp(log_annual))).
double weekly_mortality_bound(double log_annual);
// Durability: coaching gains wane once coaching ends, slower where autonomy is high.
void coach_waning(World& w, const StepContext& ctx, AgentRange coaches);
void founder_waning(World& w, const StepContext& ctx, AgentRange founders);
// The weekly waning rate: a half-life's rate, shielded by autonomy. The rate's exponential is taken
// once per set of parameters, not per person.
class Waning {
 public:
  explicit Waning(const DurabilityParams& d);
  double rate(double autonomy) const { return per_week_ * (1.0 - shield_ * autonomy); }

 private:
  double per_week_, shield_;
};
// Moves self-management, adherence and activation back toward their enrolment values by `rate`.
void wane_toward_enrolment(People& people, std::size_t i, double rate);
// Program costs
void costs(World& w, const StepContext& ctx);                              // population
// Open programs: weeks coached and weeks on the waitlist (per patient); graduation (and graduates
// who become mentors) and hiring for the waitlist (population, only where an arm graduates or hires)
void program_weeks(World& w, const StepContext& ctx, AgentRange patients);
void open_program(World& w, const StepContext& ctx);                       // population

}  // namespace coachsim::mechanisms
