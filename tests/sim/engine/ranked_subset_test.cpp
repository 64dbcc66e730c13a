// sim::RankedSubset: membership, ranks (the members' rows), the non-members' row and the members of a
// range in order, against a plain count.
#include "sim/engine/ranked_subset.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace sim {
namespace {

TEST(RankedSubset, RanksAreTheMembersBelowAndNonMembersShareTheRowPastThem) {
  for (const std::size_t n : {0u, 1u, 63u, 64u, 65u, 200u, 1000u}) {
    auto member = [](std::size_t i) { return i % 3 == 0 || i % 7 == 1; };
    const RankedSubset subset(n, member);
    std::size_t below = 0;
    for (std::size_t i = 0; i < n; ++i) {
      EXPECT_EQ(subset.contains(i), member(i)) << i;
      EXPECT_EQ(subset.rank(i), below) << i;
      EXPECT_EQ(subset.row(i), member(i) ? below : subset.size()) << i;
      below += member(i);
    }
    EXPECT_EQ(subset.rank(n), below);
    EXPECT_EQ(subset.size(), below);
    EXPECT_EQ(subset.agents(), n);
  }
}

TEST(RankedSubset, VisitsTheMembersOfARangeInOrderWithTheirRows) {
  const std::size_t n = 300;
  auto member = [](std::size_t i) { return (i * 37 + 11) % 5 < 2; };
  const RankedSubset subset(n, member);
  for (const AgentRange r : {AgentRange{0, n}, AgentRange{0, 0}, AgentRange{5, 6}, AgentRange{63, 129},
                             AgentRange{64, 128}, AgentRange{100, 300}, AgentRange{299, 300}}) {
    std::vector<std::pair<std::size_t, std::size_t>> expected, seen;
    for (std::size_t i = r.begin; i < r.end; ++i) {
      if (member(i)) expected.emplace_back(i, subset.rank(i));
    }
    subset.for_each_member(r, [&](std::size_t i, std::size_t row) { seen.emplace_back(i, row); });
    EXPECT_EQ(seen, expected) << r.begin << ".." << r.end;
  }
}

TEST(RankedSubset, AnEmptyOrFullSubset) {
  const RankedSubset none(130, [](std::size_t) { return false; }), all(130, [](std::size_t) { return true; });
  EXPECT_EQ(none.size(), 0u);
  EXPECT_EQ(none.row(129), 0u);
  EXPECT_EQ(all.size(), 130u);
  EXPECT_EQ(all.row(129), 129u);
  const RankedSubset unset;
  EXPECT_EQ(unset.size(), 0u);
  EXPECT_EQ(unset.rank(0), 0u);
}

}  // namespace
}  // namespace sim
