#include "models/state.hpp"

#include <stdexcept>

namespace coachsim {

namespace {

template <class Agents>
void resize_columns(Agents& agents, std::size_t n) {
  agents.for_each_column([n](auto& column, auto initial) { column.resize(n, initial); });
}

// Keeps the agents with keep[i] != 0, in order.
template <class Column>
void keep_column(Column& column, const std::vector<std::uint8_t>& keep) {
  std::size_t kept = 0;
  for (std::size_t i = 0; i < column.size(); ++i) {
    if (keep[i]) column[kept++] = column[i];
  }
  column.resize(kept);
}

template <class Agents>
void keep_columns(Agents& agents, const std::vector<std::uint8_t>& keep) {
  agents.for_each_column([&keep](auto& column, auto) { keep_column(column, keep); });
}

}  // namespace

void People::resize(std::size_t n) { resize_columns(*this, n); }
void Patients::resize(std::size_t n) { resize_columns(*this, n); }
void Coaches::resize(std::size_t n) { resize_columns(*this, n); }
void Founders::resize(std::size_t n) { resize_columns(*this, n); }

void Patients::hold_records(const std::vector<std::uint8_t>& arm_coached) {
  records.held = sim::RankedSubset(size(), [&](std::size_t i) { return arm_coached[arm[i]] != 0; });
  const std::size_t rows = records.size() + 1;  // and the row of the patients without one
  records.for_each_column([rows](auto& column, auto initial) {
    column.assign(rows, initial);
    column.shrink_to_fit();
  });
  records.held.for_each_member(
      {0, size()}, [&](std::size_t i, std::size_t s) { records.autonomy0[s] = people.autonomy[i]; });
}

void ProgramRecords::keep_only(const std::vector<std::uint8_t>& keep) {
  // The kept patients' rows, in order, then the row of those without one.
  std::vector<std::uint8_t> keep_row(size() + 1, 1), member;
  held.for_each_member({0, held.agents()}, [&](std::size_t i, std::size_t s) { keep_row[s] = keep[i]; });
  for (std::size_t i = 0; i < held.agents(); ++i) {
    if (keep[i]) member.push_back(held.contains(i));
  }
  held = sim::RankedSubset(member.size(), [&](std::size_t i) { return member[i] != 0; });
  keep_columns(*this, keep_row);
  for_each_column([](auto& column, auto) { column.shrink_to_fit(); });
}

void Patients::keep_only(const std::vector<std::uint8_t>& keep) {
  if (records.held.agents() == size()) records.keep_only(keep);  // once held (hold_records)
  keep_columns(*this, keep);
  for_each_column([](auto& column, auto) { column.shrink_to_fit(); });
}

namespace {

// The room coaches are held in for n of them: a sixteenth more (and a few), so that recruitment
// reallocates rarely and what is held stays near what is needed.
std::size_t coach_room(std::size_t n) { return n + n / kCoachSlackDivisor + 16; }

}  // namespace

std::size_t Coaches::append() {
  const std::size_t k = size();
  if (k == id.capacity()) {
    for_each_column([room = coach_room(k)](auto& column, auto) { column.reserve(room); });
  }
  resize(k + 1);
  return k;
}

void Coaches::keep_only(const std::vector<std::uint8_t>& keep) {
  keep_columns(*this, keep);
  // Room beyond what the kept coaches would be given is returned (a release follows many quits).
  const std::size_t room = coach_room(size());
  if (id.capacity() <= room) return;
  for_each_column([room](auto& column, auto) {
    std::remove_reference_t<decltype(column)> trimmed;
    trimmed.reserve(room);
    trimmed.assign(column.begin(), column.end());
    column.swap(trimmed);
  });
}

void World::release_coaches(const std::vector<std::uint8_t>& keep) {
  std::vector<std::int32_t> position(coaches.size(), kNoCoach);
  std::int32_t next = 0;
  for (std::size_t k = 0; k < coaches.size(); ++k) {
    if (keep[k]) position[k] = next++;
    if (!keep[k] && coaches.is_founder(k) && p().output.coach_table) {
      throw std::logic_error("a founder released while the coach table reads their row");
    }
  }
  coaches.keep_only(keep);
  for (auto& coach : patients.records.coach) {  // the last row's is kNoCoach
    if (coach < 0) continue;
    coach = position[static_cast<std::size_t>(coach)];
    if (coach < 0) throw std::logic_error("a coach released while holding a patient");
  }
}

void World::book(std::size_t arm, CostCategory category, std::uint32_t week, double cost) {
  ledger.costs.book(arm, category, week, cost);
  if (kCostCategories[category].program) ledger.cost_cumulative[arm] += cost;
}

}  // namespace coachsim
