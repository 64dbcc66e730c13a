#include "app/delivery_warning.hpp"

#include "app/report.hpp"

namespace coachsim::app {

std::vector<std::string> delivery_warnings(const RunSummary& s, const ModelParams& p) {
  std::vector<std::string> warnings;
  const double needed = s[Statistic::CoachHoursScheduledPerWeek].mean;
  const double available = s[Statistic::CoachHoursAvailablePerWeek].mean;
  if (!(needed > available)) return warnings;  // coach hours suffice (or nothing was scheduled)
  for (const auto& arm : s.arms) {
    const double share = arm[Statistic::DeliveredShare].mean;
    if (!arm.coaching || !(share < p.output.delivery_warning_share)) continue;
    warnings.push_back(
        "warning: coaches lack hours for the contact schedule: arm '" + arm.name + "' received " +
        shown(arm[Statistic::ContactsDeliveredPerPatientWeek].mean, Display::Level) + " contacts per patient-week of " +
        shown(arm[Statistic::ContactsScheduledPerPatientWeek].mean, Display::Level) + " scheduled (" +
        shown(share, Display::Share) + ", below output.delivery_warning_share = " +
        shown(p.output.delivery_warning_share, Display::Share) + "); the schedule needs " +
        shown(needed, Display::Count) + " coach hours a week and the coaches have " + shown(available, Display::Count) +
        "; raise coaches.count or coaches.weekly_hours, or lower program.caseload or the schedule");
  }
  return warnings;
}

}  // namespace coachsim::app
