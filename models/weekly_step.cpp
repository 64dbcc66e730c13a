#include "models/weekly_step.hpp"

#include "models/mechanisms/mechanisms.hpp"

namespace coachsim {
namespace {

// The program's mechanisms reach only the patients and coaches of coached arms: in a world of usual
// care only (the economic counterfactual, a usual-care scenario) they would find no one, so they do
// not run there.
auto program_only(void (*mechanism)(World&, const sim::StepContext&, sim::AgentRange)) {
  return [mechanism](World& w, const sim::StepContext& ctx, sim::AgentRange r) {
    if (w.any_arm_coached()) mechanism(w, ctx, r);
  };
}
auto program_only(void (*mechanism)(World&, const sim::StepContext&)) {
  return [mechanism](World& w, const sim::StepContext& ctx) {
    if (w.any_arm_coached()) mechanism(w, ctx);
  };
}

}  // namespace

sim::Schedule<World> weekly_schedule() {
  namespace m = mechanisms;
  auto patients = [](const World& w) { return w.patients.size(); };
  auto coaches = [](const World& w) { return w.coaches.size(); };
  auto founders = [](const World& w) { return w.coaches.founders.size(); };
  sim::Schedule<World> s;
  // coach_workload tallies the contacts once the pass that starts with them is through (no phase of
  // the pass reads a coach's hours or contacts), and the coaches see providers at the head of their
  // own pass (no phase between reads or writes a coach's own diabetes): fewer, longer passes.
  s.add_population("coach_availability", "share of scheduled contact time each coach has",
                   m::coach_availability)
      .add_per_agent("contact", "coach contacts by mode, and patient-initiated calls", patients,
                     program_only(m::contact))
      .add_per_agent("advisor", "contacts raise self-management skill", patients, program_only(m::advisor))
      .in_pass_with_previous()
      .add_per_agent("supporter", "contacts build trust and adherence", patients, program_only(m::supporter))
      .in_pass_with_previous()
      .add_per_agent("role_model", "contacts raise activation", patients, program_only(m::role_model))
      .in_pass_with_previous()
      .add_per_agent("responsibility", "autonomy, and maintenance or decay of behaviour gains", patients,
                     m::responsibility)
      .in_pass_with_previous()
      .add_per_agent("resource_seeking", "coaches bring problems to providers", patients,
                     program_only(m::resource_seeking))
      .in_pass_with_previous()
      .add_per_agent("provider_visits",
                     "everyone alive: scheduled visits, intensification under clinical inertia", patients,
                     m::provider_visits)
      .in_pass_with_previous()
      .add_population("coach_workload", "hours and contacts each coach delivered",
                      program_only(m::tally_coach_work))
      .add_population("provider_requests", "clinics answer coach requests within capacity",
                      m::provider_requests)
      .add_per_agent("patient_clinical", "patients' HbA1c follows behaviour, adherence and therapy", patients,
                     m::patient_clinical)
      // The founders' own diabetes and their twins' (Coaches::founders) before the coaches' pass,
      // whose gains reach it, and its waning after, as a coach's in the coaches' pass.
      .add_per_agent("founder_provider_visits",
                     "the founding coaches and their uncoached twins see providers", founders,
                     m::founder_provider_visits)
      .add_per_agent("founder_clinical", "the founding coaches' own HbA1c and their twins'", founders,
                     m::founder_clinical)
      .in_pass_with_previous()
      .add_per_agent("coach_provider_visits", "coaches see providers too", coaches, m::coach_provider_visits)
      .add_per_agent("coach_clinical", "coaches' own HbA1c, by the same dynamics", coaches, m::coach_clinical)
      .in_pass_with_previous()
      .add_per_agent("coach_load", "emotional load accumulates and recovers", coaches, m::coach_load)
      .in_pass_with_previous()
      .add_per_agent("coach_practice",
                     "trained style wanes, supervision pulls it toward norms, experience adds skill", coaches,
                     m::coach_practice)
      .in_pass_with_previous()
      .add_per_agent("coach_gains", "coaching raises the coach's own self-management", coaches,
                     m::coach_gains)
      .in_pass_with_previous()
      .add_per_agent("coach_waning", "coaches' gains wane once they stop coaching", coaches, m::coach_waning)
      .in_pass_with_previous()
      .add_per_agent("founder_waning", "the founding coaches' gains wane once they stop coaching", founders,
                     m::founder_waning)
      .add_population("coach_attrition", "quits, reassignment, replacement and rematching",
                      m::coach_attrition)
      .add_per_agent("program_weeks", "weeks each patient has been coached, or has waited for a coach",
                     patients, program_only(m::program_weeks))
      .add_population("open_program", "graduation and new mentors, hiring for the waitlist", m::open_program)
      .add_population("costs", "program costs booked to arms", m::costs)
      .add_per_agent("engagement", "program engagement: lapse, re-engagement and dropping out", patients,
                     program_only(m::engagement))
      .add_per_agent("study_followup", "whether the study still observes each patient", patients,
                     m::study_followup)
      .in_pass_with_previous()
      .add_per_agent("care_exits", "death by age and HbA1c, moving away", patients, m::care_exits)
      .in_pass_with_previous();
  return s;
}

}  // namespace coachsim
