// The study's follow-up: whether a trial would observe a patient's HbA1c at the follow-up visit.
// A property of the trial, not of the patient's care: a patient lost to follow-up goes on being
// treated (and coached, if engaged). Patients who trust their coach and whose HbA1c has fallen keep
// coming to study visits, which is how completers differ from everyone randomized.
//   loss = loss_per_week * exp(-trust_protection * trust - result_protection * max(0, improvement))
#include <algorithm>
#include <cmath>

#include "models/mechanisms/mechanisms.hpp"
#include "models/purposes.hpp"
#include "sim/random/variates.hpp"

namespace coachsim::mechanisms {

void study_followup(World& w, const StepContext& ctx, AgentRange r) {
  auto& pts = w.patients;
  const auto& f = w.p().followup;
  auto key = [&](std::size_t i) {
    return sim::random::StreamKey{w.seed, purpose::kStudyFollowup, pts.id[i], ctx.step};
  };
  sim::for_each_selected_with_block(
      r, [&pts](std::size_t i) { return pts.flag(i, PatientFlag::Followed); }, key,
      [&](std::size_t i, const sim::random::PhiloxCounter& u) {
        // Trust and improvement only protect (the protections are validated non-negative), so the hazard
        // never exceeds loss_per_week: a draw at or above it needs no exp.
        if (!sim::random::bernoulli(u[0], f.loss_per_week)) return;
        const double improvement =
            std::max(0.0, static_cast<double>(pts.baseline_true[i] - pts.people.hba1c_true[i]));
        const double loss =
            f.loss_per_week * std::exp(-f.trust_protection * pts.records.trust[pts.record(i)] -
                                       f.result_protection * improvement);
        if (sim::random::bernoulli(u[0], loss)) pts.set_flag(i, PatientFlag::Followed, false);
      });
}

}  // namespace coachsim::mechanisms
