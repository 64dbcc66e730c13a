#pragma once
// The program's contact schedule (docs/model.md §7.1): the contacts per patient per month each
// mode asks for in a given week. The one place the schedule is read: coach availability, the
// contact phase, the costs of a conditional stipend and the dose outputs all ask it.
#include <cstdint>

#include "models/params.hpp"

namespace coachsim {

inline constexpr double kWeeksPerMonth = 52.0 / 12.0;

// Most contacts of one mode a patient receives in a week: one a day. The schedule's rates are
// declared at most kMaxContactsPerMonth, which stays below it; coach openness may push a week's
// expected count above it, and the count is then capped.
inline constexpr int kMaxContactsPerWeek = 7;
inline constexpr double kMaxContactsPerMonth = 30;
static_assert(kMaxContactsPerMonth / kWeeksPerMonth <= kMaxContactsPerWeek);

// Contacts per patient per month, by mode.
struct ContactRates {
  double phone = 0, in_person = 0, group = 0;
};

// The rates of `week`: those of the [[program.phases]] item covering it (none when no item does)
// when phases are given, else program.*_per_month times the taper; none once the program has ended.
ContactRates scheduled_rates(const ProgramParams& program, std::uint32_t week);

// Coach hours per patient-week the rates ask for (a group session's hours are shared by its members).
double scheduled_hours_per_patient_week(const ProgramParams& program, const ContactRates& rates);

}  // namespace coachsim
