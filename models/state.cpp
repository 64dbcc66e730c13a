#include "models/state.hpp"

namespace coachsim {

namespace {

template <class Agents>
void resize_columns(Agents& agents, std::size_t n) {
  agents.for_each_column([n](auto& column, auto initial) { column.resize(n, initial); });
}

}  // namespace

void People::resize(std::size_t n) { resize_columns(*this, n); }
void Patients::resize(std::size_t n) { resize_columns(*this, n); }
void Coaches::resize(std::size_t n) { resize_columns(*this, n); }

void Patients::keep_only(const std::vector<std::uint8_t>& keep) {
  for_each_column([&keep](auto& column, auto) {
    std::size_t kept = 0;
    for (std::size_t i = 0; i < column.size(); ++i) {
      if (keep[i]) column[kept++] = column[i];
    }
    column.resize(kept);
    column.shrink_to_fit();
  });
}

void World::book(std::size_t arm, CostCategory category, std::uint32_t week, double cost) {
  ledger.costs.book(arm, category, week, cost);
  if (kCostCategories[category].program) ledger.cost_cumulative[arm] += cost;
}

}  // namespace coachsim
