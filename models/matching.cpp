#include "models/matching.hpp"

#include <cmath>
#include <vector>

#include "models/purposes.hpp"
#include "sim/random/variates.hpp"

namespace coachsim {

double similarity(const People& a, std::size_t i, const People& b, std::size_t j) {
  const double age_closeness = std::max(0.0, 1.0 - std::abs(static_cast<double>(a.age[i] - b.age[j])) / 30.0);
  return ((a.language[i] == b.language[j] ? 1.0 : 0.0) + (a.female[i] == b.female[j] ? 1.0 : 0.0) + age_closeness) /
         3.0;
}

void match_unassigned(World& w, std::uint32_t week) {
  auto& pts = w.patients;
  auto& c = w.coaches;
  const auto& program = w.p().program;
  std::vector<std::size_t> with_room;
  for (std::size_t i = 0; i < pts.size(); ++i) {
    if (pts.coach[i] != kNoCoach || !w.arm_coached[pts.arm[i]] ||
        pts.engagement[i] == static_cast<std::uint8_t>(Engagement::Dropped)) {
      continue;
    }
    with_room.clear();
    for (std::size_t k = 0; k < c.size(); ++k) {
      if (c.active[k] && c.caseload[k] < program.caseload) with_room.push_back(k);
    }
    if (with_room.empty()) return;  // everyone else waits for room too

    std::size_t chosen = with_room.front();
    if (program.matching == Matching::Random) {
      const double u = sim::random::to_open_unit(sim::random::stream_block({w.seed, purpose::kMatching, pts.id[i], week})[0]);
      chosen = with_room[static_cast<std::size_t>(u * static_cast<double>(with_room.size()))];
    } else {
      // Best score first; ties go to the coach with the fewest patients, then the lowest index.
      double best = -1;
      for (std::size_t k : with_room) {
        const double score = program.matching == Matching::Language
                                 ? (c.people.language[k] == pts.people.language[i] ? 1.0 : 0.0)
                                 : similarity(pts.people, i, c.people, k);
        if (score > best || (score == best && c.caseload[k] < c.caseload[chosen])) {
          best = score;
          chosen = k;
        }
      }
    }
    pts.coach[i] = static_cast<std::int32_t>(chosen);
    ++c.caseload[chosen];
  }
}

}  // namespace coachsim
