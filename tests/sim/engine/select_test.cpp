// sim::for_each_selected: the selected agents of a range, in order, across tiles.
#include "sim/engine/select.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace sim {
namespace {

std::vector<std::size_t> selected_of(AgentRange r, std::size_t every) {
  std::vector<std::size_t> seen;
  for_each_selected(
      r, [every](std::size_t i) { return i % every == 0; }, [&](std::size_t i) { seen.push_back(i); });
  return seen;
}

TEST(ForEachSelected, VisitsExactlyTheSelectedInOrderAcrossTiles) {
  for (const AgentRange r : {AgentRange{0, 0}, AgentRange{5, 6}, AgentRange{3, 700}, AgentRange{256, 1024}}) {
    for (const std::size_t every : {1u, 3u, 1000u}) {
      std::vector<std::size_t> expected;
      for (std::size_t i = r.begin; i < r.end; ++i) {
        if (i % every == 0) expected.push_back(i);
      }
      EXPECT_EQ(selected_of(r, every), expected) << r.begin << ".." << r.end << " every " << every;
    }
  }
}

TEST(ForEachSelected, SelectsATileBeforeItsWorkRuns) {
  // The documented contract: body may change what `selected` would read for later agents of the same
  // tile without changing the selection, which was taken first.
  std::vector<int> flag(300, 1);
  std::vector<std::size_t> seen;
  for_each_selected(
      AgentRange{0, 300}, [&](std::size_t i) { return flag[i] == 1; },
      [&](std::size_t i) {
        seen.push_back(i);
        if (i + 1 < flag.size()) flag[i + 1] = 0;
      });
  // Tile 0..255 selected in full before any body ran; agent 256 was cleared by agent 255's body.
  EXPECT_EQ(seen.size(), 256u + 43u);
  EXPECT_EQ(seen[255], 255u);
  EXPECT_EQ(seen[256], 257u);
}

}  // namespace
}  // namespace sim
