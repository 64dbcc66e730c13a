// Mechanism 1, contact: coaches spend their weekly hours on their patients by the program's
// schedule; open boundaries make a coach more available and invite patient-initiated calls.
#include <algorithm>

#include "models/mechanisms/mechanisms.hpp"
#include "models/needs.hpp"
#include "models/purposes.hpp"
#include "sim/random/variates.hpp"

namespace coachsim::mechanisms {
namespace {

double taper(const ProgramParams& program, std::uint32_t step) {
  return step >= program.taper_after_weeks ? program.taper_factor : 1.0;
}

}  // namespace

void coach_availability(World& w, const StepContext& ctx) {
  auto& c = w.coaches;
  for (std::size_t k = 0; k < c.size(); ++k) {
    const auto& p = w.coach_p(k);
    const auto& g = p.program;
    const double hours_per_patient_week =
        taper(g, ctx.step) *
        (g.phone_contacts_per_month * g.hours_per_phone_contact +
         g.in_person_contacts_per_month * g.hours_per_in_person_contact +
         g.group_sessions_per_month * g.hours_per_group_session / g.group_size) /
        kWeeksPerMonth;
    const double scheduled = c.caseload[k] * hours_per_patient_week;
    c.time_factor[k] = static_cast<float>(scheduled > 0 ? std::min(1.0, p.coaches.weekly_hours / scheduled) : 1.0);
  }
}

void contact(World& w, const StepContext& ctx, AgentRange r) {
  auto& pts = w.patients;
  const auto& c = w.coaches;
  for (std::size_t i = r.begin; i < r.end; ++i) {
    pts.phone[i] = pts.in_person[i] = pts.group[i] = 0;
    pts.dose[i] = 0.0f;
    if (!w.in_coaching(i, ctx.step)) continue;
    const auto engagement = static_cast<Engagement>(pts.engagement[i]);
    const auto& p = w.patient_p(i);
    const double m = taper(p.program, ctx.step);
    const auto k = static_cast<std::size_t>(pts.coach[i]);
    const double reach = engagement == Engagement::Active ? 1.0 : p.engagement.lapsed_reach;
    // A depressed coach delivers fewer contacts (Rogers 2014: patients of less depressed coaches improved more).
    const double base = m * c.fidelity[k] * c.time_factor[k] * (c.depressed[k] ? p.coaching.depression_contact_factor : 1.0) *
                        (1.0 + p.coaching.openness_availability_gain * c.openness[k]) * reach / kWeeksPerMonth;
    const auto u = sim::random::stream_block({w.seed, purpose::kContact, pts.id[i], ctx.step});
    bool phone = sim::random::bernoulli(u[0], p.program.phone_contacts_per_month * base);
    if (!phone) {  // patient-initiated call: more likely with an open coach the patient trusts, by need
      const double need = need_multiplier(p.coaching.need_fit, support_need(pts.people, i));
      phone = sim::random::bernoulli(
          u[1], std::min(1.0, p.coaching.patient_initiated_per_week * c.openness[k] * pts.trust[i] * need * reach));
    }
    const bool in_person = sim::random::bernoulli(u[2], p.program.in_person_contacts_per_month * base);
    const bool group = sim::random::bernoulli(u[3], p.program.group_sessions_per_month * base);
    pts.phone[i] = phone;
    pts.in_person[i] = in_person;
    pts.group[i] = group;
    pts.dose[i] = static_cast<float>(phone + p.coaching.in_person_weight * in_person + p.coaching.group_weight * group);
  }
}

void tally_coach_work(World& w, const StepContext&) {
  auto& c = w.coaches;
  const auto& pts = w.patients;
  std::fill(c.hours.begin(), c.hours.end(), 0.0f);
  std::fill(c.contacts.begin(), c.contacts.end(), 0.0f);
  for (std::size_t i = 0; i < pts.size(); ++i) {
    if (pts.dose[i] <= 0) continue;
    const auto k = static_cast<std::size_t>(pts.coach[i]);
    const auto& g = w.coach_p(k).program;
    c.hours[k] += static_cast<float>(pts.phone[i] * g.hours_per_phone_contact +
                                     pts.in_person[i] * g.hours_per_in_person_contact +
                                     pts.group[i] * g.hours_per_group_session / g.group_size);
    c.contacts[k] += static_cast<float>(pts.phone[i] + pts.in_person[i] + pts.group[i]);
  }
}

}  // namespace coachsim::mechanisms
