// Mechanism 1, contact: coaches spend their weekly hours on their patients by the program's
// schedule; open boundaries make a coach more available and invite patient-initiated calls.
#include <algorithm>
#include <cmath>
#include <vector>

#include "models/mechanisms/mechanisms.hpp"
#include "models/needs.hpp"
#include "models/purposes.hpp"
#include "sim/random/variates.hpp"

namespace coachsim::mechanisms {
namespace {

// Contacts of one mode in a week with `expected` contacts: its whole part, plus one with the
// probability of its fraction drawn on `word`, so that below one contact a week the count is
// exactly the Bernoulli draw it always was; at most kMaxContactsPerWeek.
std::uint8_t contact_count(std::uint32_t word, double expected) {
  // expected >= 0 and small: truncation is its floor, without a library call.
  const double whole = static_cast<double>(static_cast<std::uint32_t>(std::min(expected, 1e9)));
  const double count = whole + (sim::random::bernoulli(word, expected - whole) ? 1.0 : 0.0);
  return static_cast<std::uint8_t>(std::min(count, static_cast<double>(kMaxContactsPerWeek)));
}

}  // namespace

void coach_availability(World& w, const StepContext& ctx) {
  auto& c = w.coaches;
  std::vector<double> hours_per_patient_week(w.arms.size());
  for (std::size_t a = 0; a < w.arms.size(); ++a) {
    const auto& program = w.arm_p(a).program;
    hours_per_patient_week[a] = scheduled_hours_per_patient_week(program, scheduled_rates(program, ctx.step));
  }
  for (std::size_t k = 0; k < c.size(); ++k) {
    const double scheduled = c.caseload[k] * hours_per_patient_week[c.arm[k]];
    c.time_factor[k] = static_cast<float>(
        scheduled > 0 ? std::min(1.0, w.coach_p(k).coaches.weekly_hours / scheduled) : 1.0);
  }
}

void contact(World& w, const StepContext& ctx, AgentRange r) {
  auto& pts = w.patients;
  const auto& c = w.coaches;
  std::vector<ContactRates> arm_rates(w.arms.size());
  for (std::size_t a = 0; a < w.arms.size(); ++a) arm_rates[a] = scheduled_rates(w.arm_p(a).program, ctx.step);
  auto& rec = pts.records;
  const auto rows_begin = static_cast<std::ptrdiff_t>(rec.held.rank(r.begin));
  const auto rows_end = static_cast<std::ptrdiff_t>(rec.held.rank(r.end));
  for (auto* counts : {&rec.phone, &rec.in_person, &rec.group}) {
    std::fill(counts->begin() + rows_begin, counts->begin() + rows_end, std::uint8_t{0});
  }
  for (std::size_t i = r.begin; i < r.end; ++i) pts.set_flag(i, PatientFlag::Scheduled, false);
  rec.held.for_each_member(r, [&](std::size_t i, std::size_t s) {
    pts.set_flag(i, PatientFlag::Scheduled, w.in_coaching(i, s, ctx.step));
  });
  auto key = [&](std::size_t i) {
    return sim::random::StreamKey{w.seed, purpose::kContact, pts.id[i], ctx.step};
  };
  sim::for_each_selected_member_with_block(
      rec.held, r, [&pts](std::size_t i, std::size_t) { return pts.flag(i, PatientFlag::Scheduled); }, key,
      [&](std::size_t i, std::size_t s, const sim::random::PhiloxCounter& u) {
        const auto& p = w.patient_p(i);
        const ContactRates& rates = arm_rates[pts.arm[i]];
        // A stipend paid only for delivered contacts closes a share of each coach's fidelity gap.
        const bool conditional_stipend =
            p.program.stipend_per_month > 0 && p.program.stipend_min_contacts_per_month > 0;
        const auto k = static_cast<std::size_t>(rec.coach[s]);
        const double reach = pts.engagement(i) == Engagement::Active ? 1.0 : p.engagement.lapsed_reach;
        const double fidelity =
            conditional_stipend
                ? c.fidelity[k] + p.coaching.conditional_stipend_fidelity_gain * (1.0 - c.fidelity[k])
                : c.fidelity[k];
        // A depressed coach delivers fewer contacts (Rogers 2014: patients of less depressed coaches improved
        // more).
        const double base =
            fidelity * c.time_factor[k] * (c.depressed[k] ? p.coaching.depression_contact_factor : 1.0) *
            (1.0 + p.coaching.openness_availability_gain * c.openness[k]) * reach / kWeeksPerMonth;
        std::uint8_t phone = contact_count(u[0], rates.phone * base);
        // No scheduled call: a patient-initiated one, more likely with an open coach the patient trusts, by
        // need.
        if (phone == 0) {
          const double need = need_multiplier(p.coaching.need_fit, support_need(pts.people, i));
          phone =
              sim::random::bernoulli(u[1], std::min(1.0, p.coaching.patient_initiated_per_week *
                                                             c.openness[k] * rec.trust[s] * need * reach));
        }
        rec.phone[s] = phone;
        rec.in_person[s] = contact_count(u[2], rates.in_person * base);
        rec.group[s] = contact_count(u[3], rates.group * base);
      });
}

void tally_coach_work(World& w, const StepContext&) {
  auto& c = w.coaches;
  const auto& pts = w.patients;
  std::fill(c.hours.begin(), c.hours.end(), 0.0f);
  std::fill(c.contacts.begin(), c.contacts.end(), 0.0f);
  const auto& rec = pts.records;
  sim::for_each_selected_member(
      rec.held, sim::AgentRange{0, pts.size()},
      [&rec](std::size_t, std::size_t s) { return rec.contacted(s); },
      [&](std::size_t i, std::size_t s) {
        if (w.dose(i, s) <= 0) return;
        const auto k = static_cast<std::size_t>(rec.coach[s]);
        const auto& g = w.coach_p(k).program;
        c.hours[k] += static_cast<float>(rec.phone[s] * g.hours_per_phone_contact +
                                         rec.in_person[s] * g.hours_per_in_person_contact +
                                         rec.group[s] * g.hours_per_group_session / g.group_size);
        c.contacts[k] += static_cast<float>(rec.phone[s] + rec.in_person[s] + rec.group[s]);
      });
}

}  // namespace coachsim::mechanisms
