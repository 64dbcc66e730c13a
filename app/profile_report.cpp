#include "app/profile_report.hpp"

#include <iomanip>

namespace coachsim::app {

void print_profile(std::ostream& out, const sim::PhaseProfile& profile, double patient_weeks) {
  const double total = profile.total_seconds();
  const auto flags = out.flags();
  const auto precision = out.precision();
  out << "\nTime by phase (wall seconds, summed over replicates):\n"
      << "  " << std::left << std::setw(28) << "phase" << std::right << std::setw(10) << "seconds" << std::setw(8)
      << "share" << std::setw(20) << "ns/patient-week" << "\n";
  auto line = [&](const std::string& name, double seconds) {
    out << "  " << std::left << std::setw(28) << name << std::right << std::fixed << std::setprecision(3)
        << std::setw(10) << seconds << std::setprecision(1) << std::setw(7) << (total > 0 ? 100.0 * seconds / total : 0.0)
        << "%" << std::setprecision(2) << std::setw(20) << (patient_weeks > 0 ? 1e9 * seconds / patient_weeks : 0.0)
        << "\n";
  };
  for (const auto& entry : profile.entries()) line(entry.name, entry.seconds);
  line("total", total);
  out.flags(flags);
  out.precision(precision);
}

}  // namespace coachsim::app
