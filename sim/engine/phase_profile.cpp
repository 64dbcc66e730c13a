#include "sim/engine/phase_profile.hpp"

#include <algorithm>

namespace sim {

void PhaseProfile::add(const std::string& name, double seconds, std::size_t calls) {
  auto it = std::find_if(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.name == name; });
  if (it == entries_.end()) {
    entries_.push_back({name, seconds, calls});
  } else {
    it->seconds += seconds;
    it->calls += calls;
  }
}

void PhaseProfile::merge(const PhaseProfile& other) {
  for (const auto& e : other.entries_) add(e.name, e.seconds, e.calls);
}

double PhaseProfile::total_seconds() const {
  double total = 0;
  for (const auto& e : entries_) total += e.seconds;
  return total;
}

}  // namespace sim
