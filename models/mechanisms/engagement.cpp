// Mechanism 10, engagement with the program. Engaged coached patients lapse with a weekly hazard
// lowered by trust in their coach and by their own results; lapsed patients re-engage (more often
// when a coach reaches them) or drop out of the program. A dropped patient takes no more contacts
// but stays in clinical care and may still attend the study's follow-up (followup.cpp); patients of
// uncoached arms have no program to engage with.
//   lapse  = lapse_per_week * exp(-trust_protection * trust - result_protection * max(0, improvement))
#include <algorithm>
#include <cmath>

#include "models/mechanisms/mechanisms.hpp"
#include "models/purposes.hpp"
#include "sim/random/variates.hpp"

namespace coachsim::mechanisms {

void engagement(World& w, const StepContext& ctx, AgentRange r) {
  auto& pts = w.patients;
  // The patients of coached arms (those with a program record) who have entered the program and not
  // dropped out of it.
  auto in_program = [&](std::size_t i, std::size_t) {
    const bool engaged = pts.engagement(i) != Engagement::Dropped;
    const bool entered = pts.entry(i) <= ctx.step;
    return engaged & entered;
  };
  auto key = [&](std::size_t i) {
    return sim::random::StreamKey{w.seed, purpose::kEngagement, pts.id[i], ctx.step};
  };
  sim::for_each_selected_member_with_block(
      pts.records.held, r, in_program, key,
      [&](std::size_t i, std::size_t s, const sim::random::PhiloxCounter& u) {
        const auto state = pts.engagement(i);
        const auto& e = w.patient_p(i).engagement;
        Engagement next = state;
        if (sim::random::bernoulli(u[0], e.dropout_per_week)) {
          next = Engagement::Dropped;
        } else if (state == Engagement::Active) {
          // Trust and improvement only protect (the protections are validated non-negative), so the hazard
          // never exceeds lapse_per_week: a draw at or above it needs no exp.
          if (sim::random::bernoulli(u[1], e.lapse_per_week)) {
            const double improvement =
                std::max(0.0, static_cast<double>(pts.baseline_true[i] - pts.people.hba1c_true[i]));
            const double lapse = e.lapse_per_week * std::exp(-e.trust_protection * pts.records.trust[s] -
                                                             e.result_protection * improvement);
            if (sim::random::bernoulli(u[1], lapse)) next = Engagement::Lapsed;
          }
        } else if (sim::random::bernoulli(u[2], e.dropout_from_lapsed)) {
          next = Engagement::Dropped;
        } else {
          const double reengage = e.return_per_week + (w.dose(i, s) > 0 ? e.contact_reengagement : 0.0);
          if (sim::random::bernoulli(u[3], reengage)) next = Engagement::Active;
        }
        pts.set_engagement(i, next);
      });
}

}  // namespace coachsim::mechanisms
