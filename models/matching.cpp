#include "models/matching.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

#include "models/needs.hpp"
#include "models/purposes.hpp"
#include "sim/random/variates.hpp"

namespace coachsim {

double similarity(const People& a, std::size_t i, const People& b, std::size_t j) {
  const double age_closeness = std::max(0.0, 1.0 - std::abs(static_cast<double>(a.age[i] - b.age[j])) / 30.0);
  return ((a.language(i) == b.language(j) ? 1.0 : 0.0) + (a.female(i) == b.female(j) ? 1.0 : 0.0) +
          age_closeness) /
         3.0;
}

namespace {

bool has_room(const World& w, std::size_t arm, std::size_t k, std::uint32_t caseload) {
  const auto& c = w.coaches;
  return c.arm[k] == arm && c.active[k] && c.caseload[k] < caseload;
}

// A patient given a coach starts a relationship with them: a new coach keeps only the carried-over
// share of the trust and autonomy the patient built with the previous one.
void assign(World& w, std::size_t i, std::size_t k) {
  auto& pts = w.patients;
  auto& rec = pts.records;
  const std::size_t s = pts.record(i);
  rec.coach[s] = static_cast<std::int32_t>(k);
  if (rec.coaches_had[s] == 0 && rec.has_first_coach) {
    rec.first_coach[s] = static_cast<std::int32_t>(w.coaches.number[k]);
  }
  if (rec.coaches_had[s] > 0) {
    const auto carry = static_cast<float>(w.patient_p(i).coaching.relationship_carryover);
    auto& autonomy = pts.people.autonomy[i];
    rec.trust[s] *= carry;
    autonomy = rec.autonomy0[s] + carry * (autonomy - rec.autonomy0[s]);
  }
  if (rec.coaches_had[s] < 255) ++rec.coaches_had[s];
}

// The coaches with room, least loaded first and lowest index first among equals (the tie-break of
// every policy): per caseload, a min-heap of coach indices. A coach given a patient is added again
// one level up; the entry left below is stale (caseloads only rise while matching) and is dropped
// when met. A scan in index order fills each level already in heap order.
class LoadQueue {
 public:
  explicit LoadQueue(std::uint32_t caseload) : levels_(caseload) {}
  void add(std::size_t k, std::uint32_t load) {
    auto& heap = levels_[load];
    heap.push_back(k);
    std::push_heap(heap.begin(), heap.end(), std::greater<>());
  }
  // The least loaded coach with room, if any.
  std::optional<std::size_t> front(const std::vector<std::uint32_t>& caseload) {
    for (; lowest_ < levels_.size(); ++lowest_) {
      auto& heap = levels_[lowest_];
      while (!heap.empty() && caseload[heap.front()] != lowest_) {
        std::pop_heap(heap.begin(), heap.end(), std::greater<>());
        heap.pop_back();
      }
      if (!heap.empty()) return heap.front();
    }
    return std::nullopt;
  }

 private:
  std::vector<std::vector<std::size_t>> levels_;
  std::size_t lowest_ = 0;  // no coach with room is below it
};

// Concordance matching: each patient of the arm, in enrolment order, goes to the least loaded coach
// of the arm's pool with room who shares their category of `attribute`, or, when none has room, to
// the least loaded coach.
void match_by_concordance(World& w, std::size_t arm, const std::vector<std::uint32_t>& waiting,
                          ConcordanceAttribute attribute) {
  auto& pts = w.patients;
  auto& c = w.coaches;
  const std::uint32_t caseload = w.arm_p(arm).program.caseload;
  LoadQueue all(caseload);
  std::vector<LoadQueue> by_category(kConcordanceCategories, LoadQueue(caseload));
  auto category_of_coach = [&](std::size_t k) {
    const auto coach = w.coach_person(k);
    return concordance_category(attribute, coach.people, coach.index);
  };
  for (std::size_t k = 0; k < c.size(); ++k) {
    if (!has_room(w, arm, k, caseload)) continue;
    all.add(k, c.caseload[k]);
    by_category[category_of_coach(k)].add(k, c.caseload[k]);
  }
  for (const std::uint32_t i : waiting) {
    auto chosen = by_category[concordance_category(attribute, pts.people, i)].front(c.caseload);
    if (!chosen) chosen = all.front(c.caseload);
    if (!chosen) break;
    const std::size_t k = *chosen;
    assign(w, i, k);
    if (++c.caseload[k] < caseload) {
      all.add(k, c.caseload[k]);
      by_category[category_of_coach(k)].add(k, c.caseload[k]);
    }
  }
}

void match_by_scan(World& w, std::size_t arm, std::uint32_t week, const std::vector<std::uint32_t>& waiting) {
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
    std::size_t active = 0, held = 0;
    for (std::size_t k = 0; k < c.size(); ++k) {
      if (c.arm[k] == arm && c.active[k]) ++active, held += c.caseload[k];
    }
    if (active > 0) {
      const auto even = static_cast<std::uint32_t>((held + waiting.size() + active - 1) / active);
      style_cap = std::min(program.caseload, even + 1);
    }
  }
  for (std::size_t next = 0; next < waiting.size() && !with_room.empty(); ++next) {
    const std::size_t i = waiting[next];
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
        const auto coach = std::as_const(w).coach_person(k);
        const double score =
            over ? -1e299  // only when every coach is at the even share
            : program.matching == Matching::Style
                ? (pts.people.language(i) == coach.people.language(coach.index) ? 10.0 : 0.0) +
                      style_fit(pts.people, i, c, k)
                : similarity(pts.people, i, coach.people, coach.index);
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

std::optional<ConcordanceAttribute> concordance_attribute(Matching policy) {
  switch (policy) {
    case Matching::Language: return ConcordanceAttribute::Language;
    case Matching::Sex: return ConcordanceAttribute::Sex;
    case Matching::AgeBand: return ConcordanceAttribute::AgeBand;
    case Matching::RaceEthnicity: return ConcordanceAttribute::RaceEthnicity;
    case Matching::Random:
    case Matching::Similarity:
    case Matching::Style: return std::nullopt;
  }
  return std::nullopt;
}

std::uint8_t concordance_category(ConcordanceAttribute attribute, const People& people, std::size_t i) {
  switch (attribute) {
    case ConcordanceAttribute::Language:
      return people.language(i);
    case ConcordanceAttribute::Sex:
      return people.female(i);
    case ConcordanceAttribute::AgeBand:
      return static_cast<std::uint8_t>(
          std::min(kConcordanceCategories - 1.0, std::floor(people.age[i] / kAgeBandYears)));
    case ConcordanceAttribute::RaceEthnicity:
      return people.race_ethnicity(i);
  }
  return 0;
}

WaitingLists waiting_lists(const World& w, std::uint32_t week) {
  WaitingLists waiting(w.arms.size());
  w.patients.records.held.for_each_member({0, w.patients.size()}, [&](std::size_t i, std::size_t s) {
    if (waiting_for_a_coach(w, i, s, week))
      waiting[w.patients.arm[i]].push_back(static_cast<std::uint32_t>(i));
  });
  return waiting;
}

void match_waiting(World& w, std::uint32_t week, const WaitingLists& waiting) {
  for (std::size_t arm = 0; arm < w.p().arms.size(); ++arm) {
    // Reciprocal peers are paired once, at enrolment (models/population.hpp).
    if (w.p().arms[arm].intervention != Intervention::PeerCoaching || waiting[arm].empty()) continue;
    if (const auto attribute = concordance_attribute(w.arm_p(arm).program.matching)) {
      match_by_concordance(w, arm, waiting[arm], *attribute);
    } else {
      match_by_scan(w, arm, week, waiting[arm]);
    }
  }
}

void match_unassigned(World& w, std::uint32_t week) { match_waiting(w, week, waiting_lists(w, week)); }

}  // namespace coachsim
