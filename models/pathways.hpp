#pragma once
// The pathways by which coaching moves patients' HbA1c, each with the parameter values that switch
// it off (coachsim explain; docs/model.md §7.13). A switch only sets a strength to zero: every draw
// stays keyed by (seed, purpose, agent, week) and is taken whether or not it is used, so switching a
// pathway off changes no one's random numbers and designs differ only by the pathways they have.
#include <array>
#include <cstddef>
#include <cstdint>

namespace coachsim {

// How a pathway's strength is known: fitted to the trial, or a stated judgement (docs/validation.md).
enum class Evidence : std::uint8_t { Calibrated, Judgement };

struct Pathway {
  const char* key;
  const char* label;
  std::array<const char*, 2> off;  // "key.path=value" overrides that switch the pathway off; nullptr: unused
  Evidence evidence;
  const char* basis;  // the strength's source, in a few words
};

inline constexpr Pathway kPathways[] = {
    {"advisor", "advisor: self-management skill", {"coaching.advisor_effect=0", nullptr}, Evidence::Calibrated,
     "coaching.advisor_effect calibrated to Thom 2013"},
    {"supporter", "supporter: trusted motivation shown as adherence", {"coaching.supporter_adherence_effect=0", nullptr},
     Evidence::Calibrated, "coaching.supporter_adherence_effect calibrated to Thom 2013"},
    {"role_model", "role model: activation that supports behaviour", {"coaching.role_model_effect=0", nullptr},
     Evidence::Judgement, "Goldman 2013 direction; strength judgement"},
    {"responsibility", "responsibility: coach-owned speed, autonomy and durability",
     {"coaching.ownership_speedup=0", "coaching.autonomy_rate=0"}, Evidence::Judgement,
     "Goldman 2013 direction; strengths judgement"},
    {"resource_seeking", "resource seeking: coach-raised provider requests",
     {"coaching.resource_seeking_probability=0", nullptr}, Evidence::Judgement,
     "Goldman 2013 direction; request response judgement"},
    {"coach_gains", "coach gains: the coach's own control, hence credibility",
     {"coaching.coach_self_management_gain=0", "coaching.coach_activation_gain=0"}, Evidence::Judgement,
     "Goldman 2013 direction; size judgement"},
};
inline constexpr std::size_t kPathwayCount = std::size(kPathways);

inline const char* evidence_name(Evidence e) { return e == Evidence::Calibrated ? "calibrated" : "judgement"; }

}  // namespace coachsim
