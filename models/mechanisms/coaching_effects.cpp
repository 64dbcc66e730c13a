// Mechanisms 2-5: the advisor, supporter and role-model effects of a contact, and the
// allocation of responsibility (early speed of change vs autonomy and durability).
// Each effect closes a share of the gap to 1; the share grows with the contact dose and is
// capped at 1. Role weights are multiplied by 3 so a balanced mix (1/3 each) has weight 1.
// Each role acts in proportion to the patient's need for it (models/needs.hpp), and a coach who
// still struggles with their own diabetes (higher distress, lower self-efficacy) is the more
// empathic and credible peer (Rogers 2014).
#include <algorithm>
#include <cmath>

#include "models/matching.hpp"
#include "models/mechanisms/mechanisms.hpp"
#include "models/needs.hpp"

namespace coachsim::mechanisms {

double peer_empathy(const CoachingParams& k_params, const Coaches& c, std::size_t k) {
  return (1.0 + k_params.distress_empathy_gain * c.distress[k]) *
         (1.0 + k_params.self_efficacy_distance_gain * (1.0 - c.self_efficacy[k]));
}
namespace {

float close_gap(float value, double share) {
  return value + static_cast<float>(std::min(1.0, share)) * (1.0f - value);
}

// Coach-owned change moves faster for patients who cannot yet carry change themselves:
// 1 + speedup x responsibility x need multiplier of their support need.
double ownership_speed(const World& w, std::size_t i, std::size_t k) {
  const auto& k_params = w.patient_p(i).coaching;
  return 1.0 + k_params.ownership_speedup * w.coaches.responsibility[k] *
                   need_multiplier(k_params.need_fit, support_need(w.patients.people, i));
}

// Calls effect(i, s, k, dose) for every patient of the range contacted this week; s is their
// program record, k their coach.
template <class Effect>
void for_each_contacted(const World& w, AgentRange r, Effect effect) {
  const auto& rec = w.patients.records;
  sim::for_each_selected_member(
      rec.held, r, [&rec](std::size_t, std::size_t s) { return rec.contacted(s); },
      [&](std::size_t i, std::size_t s) {
        const float dose = w.dose(i, s);
        if (dose > 0) effect(i, s, static_cast<std::size_t>(rec.coach[s]), dose);
      });
}

}  // namespace

void advisor(World& w, const StepContext&, AgentRange r) {
  auto& pts = w.patients;
  const auto& c = w.coaches;
  for_each_contacted(w, r, [&](std::size_t i, std::size_t, std::size_t k, float dose) {
    const auto& k_params = w.patient_p(i).coaching;
    const auto coach = w.coach_person(k);
    const double fit =
        (pts.people.language(i) == coach.people.language(coach.index) ? 1.0
                                                                      : k_params.language_mismatch_factor) *
        (pts.people.low_literacy(i) ? k_params.low_literacy_factor : 1.0);
    const double need = need_multiplier(k_params.need_fit, advice_need(pts.people, i));
    const double share = k_params.advisor_effect * 3.0 * c.advisor[k] * c.skill[k] * fit * need *
                         ownership_speed(w, i, k) * dose;
    pts.people.self_management[i] = close_gap(pts.people.self_management[i], share);
  });
}

void supporter(World& w, const StepContext&, AgentRange r) {
  auto& pts = w.patients;
  const auto& c = w.coaches;
  for_each_contacted(w, r, [&](std::size_t i, std::size_t s, std::size_t k, float dose) {
    const auto& k_params = w.patient_p(i).coaching;
    const double need = need_multiplier(k_params.need_fit, support_need(pts.people, i));
    const double weight = 3.0 * c.supporter[k] * peer_empathy(k_params, c, k) * need * dose;
    auto& trust = pts.records.trust[s];
    trust = close_gap(trust, k_params.supporter_trust_effect * weight *
                                 (1.0 + k_params.openness_trust_gain * c.openness[k]));
    // Motivation from a trusted supporter shows as medication adherence.
    pts.people.adherence[i] =
        close_gap(pts.people.adherence[i],
                  k_params.supporter_adherence_effect * weight * trust * ownership_speed(w, i, k));
  });
}

void role_model(World& w, const StepContext&, AgentRange r) {
  auto& pts = w.patients;
  const auto& c = w.coaches;
  for_each_contacted(w, r, [&](std::size_t i, std::size_t, std::size_t k, float dose) {
    const auto& k_params = w.patient_p(i).coaching;
    // A coach seen managing their own diabetes is credible: logistic in the coach's own HbA1c.
    const auto coach = w.coach_person(k);
    const double credibility =
        1.0 / (1.0 + std::exp((coach.people.hba1c_true[coach.index] - k_params.credible_hba1c) / 0.5));
    const double share = k_params.role_model_effect * 3.0 * c.role_model[k] * peer_empathy(k_params, c, k) *
                         similarity(pts.people, i, coach.people, coach.index) * credibility * dose;
    pts.people.activation[i] = close_gap(pts.people.activation[i], share);
  });
}

void responsibility(World& w, const StepContext&, AgentRange r) {
  auto& pts = w.patients;
  auto& people = pts.people;
  auto& rec = pts.records;
  const auto& c = w.coaches;
  // The program's patients first: a contact moves autonomy, a week without one lets trust decay.
  rec.held.for_each_member(r, [&](std::size_t i, std::size_t s) {
    if (!w.alive(i)) return;
    const auto& k_params = w.patient_p(i).coaching;
    const float dose = w.dose(i, s);
    if (dose > 0) {
      // Autonomy moves toward 1 - responsibility: patient-owned coaching builds it, coach-owned erodes it;
      // open boundaries (a friend available any time) invite dependency.
      const auto k = static_cast<std::size_t>(rec.coach[s]);
      const double target =
          std::max(0.0, 1.0 - c.responsibility[k] - k_params.openness_dependency * c.openness[k]);
      people.autonomy[i] += static_cast<float>(std::min(1.0, k_params.autonomy_rate * dose) *
                                               (target - people.autonomy[i]));
    } else {
      rec.trust[s] *= static_cast<float>(1.0 - k_params.trust_decay);
    }
  });
  std::vector<Waning> waning;
  for (const auto& arm : w.arms) waning.emplace_back(arm.durability);
  for (std::size_t i = r.begin; i < r.end; ++i) {
    if (!w.alive(i)) continue;
    const auto& k_params = w.patient_p(i).coaching;
    const double autonomy = people.autonomy[i];
    // In coaching this week: contact(), earlier in the same pass, found it (World::in_coaching) and
    // nothing since has moved a coach or an engagement.
    if (!pts.flag(i, PatientFlag::Scheduled)) {
      wane_toward_enrolment(people, i, waning[pts.arm[i]].rate(autonomy));
      continue;
    }
    // Maintenance while coached: behaviour relaxes toward the level the patient's own activation
    // supports, falling at a rate that grows as autonomy falls and rising at a rate that grows with autonomy.
    const double supported = std::min(
        1.0, people.self_management0[i] +
                 k_params.activation_to_self_management * (people.activation[i] - people.activation0[i]));
    const double sm = people.self_management[i];
    const double rate = k_params.behaviour_decay * (sm > supported ? 1.0 - autonomy : autonomy);
    people.self_management[i] = static_cast<float>(sm + rate * (supported - sm));
    if (people.adherence[i] > people.adherence0[i]) {
      people.adherence[i] -= static_cast<float>(k_params.behaviour_decay * (1.0 - autonomy) *
                                                (people.adherence[i] - people.adherence0[i]));
    }
    people.activation[i] -=
        static_cast<float>(k_params.activation_decay * (people.activation[i] - people.activation0[i]));
  }
}

Waning::Waning(const DurabilityParams& d)
    : per_week_(-std::expm1(-std::log(2.0) / d.waning_half_life_weeks)), shield_(d.autonomy_shield) {}

void wane_toward_enrolment(People& people, std::size_t i, double rate) {
  const auto f = static_cast<float>(rate);
  people.self_management[i] += f * (people.self_management0[i] - people.self_management[i]);
  people.adherence[i] += f * (people.adherence0[i] - people.adherence[i]);
  people.activation[i] += f * (people.activation0[i] - people.activation[i]);
}

}  // namespace coachsim::mechanisms
