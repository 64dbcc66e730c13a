#pragma once
// What each coaching role and style trait serves in a patient (docs/model.md §7.2-7.5): needs are
// read from the patient's state at enrolment, on [0, 1]. A role's effect on a patient is scaled by
// how much the patient needs it, `need_multiplier`; the same needs drive style matching
// (matching.cpp), so a coach whose style suits one patient may suit another less.
#include <cstddef>

#include "models/state.hpp"

namespace coachsim {

// Advisor (teaching, strategy): low self-management, or low health literacy.
inline double advice_need(const People& p, std::size_t i) {
  return 0.5 * (1.0 - p.self_management0[i]) + 0.5 * p.low_literacy(i);
}

// Supporter and open boundaries (trust, motivation, availability), and coach-owned change (someone
// who takes charge): low activation, i.e. patients who cannot yet carry change themselves.
inline double support_need(const People& p, std::size_t i) { return 1.0 - p.activation0[i]; }

// 1 at need 1/2; `fit` = 0 makes every patient's multiplier 1 (no interaction), `fit` = 1 makes the
// effect proportional to the need (0 for a patient who does not need the role at all).
inline double need_multiplier(double fit, double need) { return 1.0 - fit + 2.0 * fit * need; }

// How well a coach's style serves a patient's needs, for style matching: the role weights against
// the needs they serve, with open boundaries and coach-owned change counting for (or, for patients
// who can carry change themselves, against) a patient who needs support.
inline double style_fit(const People& p, std::size_t i, const Coaches& c, std::size_t k) {
  const double support = support_need(p, i);
  return c.advisor[k] * advice_need(p, i) + c.supporter[k] * support + c.role_model[k] * 0.5 +
         0.5 * (c.openness[k] + c.responsibility[k]) * (support - 0.5);
}

}  // namespace coachsim
