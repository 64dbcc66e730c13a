#include "models/schedule.hpp"

namespace coachsim {

ContactRates scheduled_rates(const ProgramParams& program, std::uint32_t week) {
  if (week >= program.weeks) return {};
  if (!program.phases.empty()) {
    for (const auto& phase : program.phases) {
      if (week >= phase.from_week && week < phase.to_week) {
        return {phase.phone_contacts_per_month, phase.in_person_contacts_per_month, phase.group_sessions_per_month};
      }
    }
    return {};
  }
  const double taper = week >= program.taper_after_weeks ? program.taper_factor : 1.0;
  return {taper * program.phone_contacts_per_month, taper * program.in_person_contacts_per_month,
          taper * program.group_sessions_per_month};
}

double scheduled_hours_per_patient_week(const ProgramParams& program, const ContactRates& rates) {
  return (rates.phone * program.hours_per_phone_contact + rates.in_person * program.hours_per_in_person_contact +
          rates.group * program.hours_per_group_session / program.group_size) /
         kWeeksPerMonth;
}

}  // namespace coachsim
