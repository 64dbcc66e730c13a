#include "models/matching.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>
#include <vector>

#include "models/needs.hpp"
#include "models/purposes.hpp"
#include "sim/random/variates.hpp"

namespace coachsim {

bool waiting_for_a_coach(const World& w, std::size_t i, std::uint32_t week) {
  const auto& pts = w.patients;
  return pts.coach[i] == kNoCoach && pts.entry_week[i] <= week &&
         pts.engagement[i] != static_cast<std::uint8_t>(Engagement::Dropped) &&
         w.p().arms[pts.arm[i]].intervention == Intervention::PeerCoaching;
}

double similarity(const People& a, std::size_t i, const People& b, std::size_t j) {
  const double age_closeness = std::max(0.0, 1.0 - std::abs(static_cast<double>(a.age[i] - b.age[j])) / 30.0);
  return ((a.language[i] == b.language[j] ? 1.0 : 0.0) + (a.female[i] == b.female[j] ? 1.0 : 0.0) + age_closeness) /
         3.0;
}

namespace {


bool waits_in_arm(const World& w, std::size_t arm, std::size_t i, std::uint32_t week) {
  return w.patients.arm[i] == arm && waiting_for_a_coach(w, i, week);
}

bool has_room(const World& w, std::size_t arm, std::size_t k, std::uint32_t caseload) {
  const auto& c = w.coaches;
  return c.arm[k] == arm && c.active[k] && c.caseload[k] < caseload;
}

// A patient given a coach starts a relationship with them: a new coach keeps only the carried-over
// share of the trust and autonomy the patient built with the previous one.
void assign(World& w, std::size_t i, std::size_t k) {
  auto& pts = w.patients;
  pts.coach[i] = static_cast<std::int32_t>(k);
  if (pts.coaches_had[i] == 0) pts.first_coach[i] = static_cast<std::int32_t>(k);
  if (pts.coaches_had[i] > 0) {
    const auto carry = static_cast<float>(w.patient_p(i).coaching.relationship_carryover);
    auto& people = pts.people;
    pts.trust[i] *= carry;
    people.autonomy[i] = people.autonomy0[i] + carry * (people.autonomy[i] - people.autonomy0[i]);
  }
  if (pts.coaches_had[i] < 255) ++pts.coaches_had[i];
}

// Coaches with room as (caseload, index) pairs: the first element is the least loaded coach,
// lowest index first among equals, which is the tie-break of every policy.
using Slot = std::pair<std::uint32_t, std::size_t>;

void match_by_language(World& w, std::size_t arm, std::uint32_t week) {
  auto& pts = w.patients;
  auto& c = w.coaches;
  const std::uint32_t caseload = w.arm_p(arm).program.caseload;
  std::set<Slot> all;
  std::array<std::set<Slot>, 3> by_language;
  for (std::size_t k = 0; k < c.size(); ++k) {
    if (!has_room(w, arm, k, caseload)) continue;
    all.insert({c.caseload[k], k});
    by_language.at(c.people.language[k]).insert({c.caseload[k], k});
  }
  for (std::size_t i = 0; i < pts.size() && !all.empty(); ++i) {
    if (!waits_in_arm(w, arm, i, week)) continue;
    const auto& same = by_language.at(pts.people.language[i]);
    const Slot slot = same.empty() ? *all.begin() : *same.begin();
    const std::size_t k = slot.second;
    all.erase(slot);
    by_language.at(c.people.language[k]).erase(slot);
    assign(w, i, k);
    if (++c.caseload[k] < caseload) {
      all.insert({c.caseload[k], k});
      by_language.at(c.people.language[k]).insert({c.caseload[k], k});
    }
  }
}

void match_by_scan(World& w, std::size_t arm, std::uint32_t week) {
  auto& pts = w.patients;
  auto& c = w.coaches;
  const auto& program = w.arm_p(arm).program;
  std::vector<std::size_t> with_room;  // in index order
  for (std::size_t k = 0; k < c.size(); ++k) {
    if (has_room(w, arm, k, program.caseload)) with_room.push_back(k);
  }
  // Style matching keeps caseloads near even (at most one above the even share): fit decides who
  // goes where, not how many a coach holds, so matching does not cost contact time.
  std::uint32_t style_cap = program.caseload;
  if (program.matching == Matching::Style) {
    std::size_t active = 0, held = 0, waiting = 0;
    for (std::size_t k = 0; k < c.size(); ++k) {
      if (c.arm[k] == arm && c.active[k]) ++active, held += c.caseload[k];
    }
    for (std::size_t i = 0; i < pts.size(); ++i) waiting += waits_in_arm(w, arm, i, week);
    if (active > 0) {
      const auto even = static_cast<std::uint32_t>((held + waiting + active - 1) / active);
      style_cap = std::min(program.caseload, even + 1);
    }
  }
  for (std::size_t i = 0; i < pts.size() && !with_room.empty(); ++i) {
    if (!waits_in_arm(w, arm, i, week)) continue;
    std::size_t position = 0;
    if (program.matching == Matching::Random) {
      const double u = sim::random::to_open_unit(sim::random::stream_block({w.seed, purpose::kMatching, pts.id[i], week})[0]);
      position = static_cast<std::size_t>(u * static_cast<double>(with_room.size()));
    } else {
      // Similarity, or (style matching) the same language first and then the best style fit.
      double best = -1e300;
      for (std::size_t n = 0; n < with_room.size(); ++n) {
        const std::size_t k = with_room[n];
        const bool over = program.matching == Matching::Style && c.caseload[k] >= style_cap;
        const double score = over ? -1e299  // only when every coach is at the even share
                             : program.matching == Matching::Style
                                 ? (pts.people.language[i] == c.people.language[k] ? 10.0 : 0.0) +
                                       style_fit(pts.people, i, c, k)
                                 : similarity(pts.people, i, c.people, k);
        if (score > best || (score == best && c.caseload[k] < c.caseload[with_room[position]])) {
          best = score;
          position = n;
        }
      }
    }
    const std::size_t chosen = with_room[position];
    assign(w, i, chosen);
    if (++c.caseload[chosen] >= program.caseload) with_room.erase(with_room.begin() + static_cast<std::ptrdiff_t>(position));
  }
}

}  // namespace

void match_unassigned(World& w, std::uint32_t week) {
  for (std::size_t arm = 0; arm < w.p().arms.size(); ++arm) {
    // Reciprocal peers are paired once, at enrolment (models/population.hpp).
    if (w.p().arms[arm].intervention != Intervention::PeerCoaching) continue;
    if (w.arm_p(arm).program.matching == Matching::Language) {
      match_by_language(w, arm, week);
    } else {
      match_by_scan(w, arm, week);
    }
  }
}

}  // namespace coachsim
