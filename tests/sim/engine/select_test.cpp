// sim::select_in_tile, for_each_selected, for_each_selected_with_block and
// for_each_selected_tile_with_blocks: the selected agents of a range, in order, across tiles, each with its
// own keyed block.
#include "sim/engine/select.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
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

TEST(SelectInTile, ListsTheFlaggedPlacesInOrder) {
  std::array<std::uint16_t, kSelectionTile> chosen;
  const std::vector<std::size_t> flagged = {0, 3, 4, 17, 200, 255};
  auto flag = [&](std::size_t k) { return std::find(flagged.begin(), flagged.end(), k) != flagged.end(); };
  ASSERT_EQ(select_in_tile(kSelectionTile, flag, chosen), flagged.size());
  for (std::size_t j = 0; j < flagged.size(); ++j) EXPECT_EQ(chosen[j], flagged[j]);
  EXPECT_EQ(select_in_tile(100, flag, chosen), 4u) << "only places below n";
  EXPECT_EQ(select_in_tile(0, flag, chosen), 0u);
  EXPECT_EQ(select_in_tile(
                kSelectionTile, [](std::size_t) { return true; }, chosen),
            kSelectionTile);
  EXPECT_EQ(chosen[kSelectionTile - 1], kSelectionTile - 1);
}

TEST(ForEachSelectedWithBlock, HandsEachSelectedAgentItsOwnBlockInOrder) {
  const auto key = [](std::size_t i) {
    return random::StreamKey{42, 7, static_cast<std::uint32_t>(3 * i), 5};
  };
  std::vector<std::size_t> seen;
  for_each_selected_with_block(
      AgentRange{10, 900}, [](std::size_t i) { return i % 4 != 1; }, key,
      [&](std::size_t i, const random::PhiloxCounter& block) {
        EXPECT_EQ(block, random::stream_block(key(i))) << i;
        seen.push_back(i);
      });
  std::vector<std::size_t> expected;
  for (std::size_t i = 10; i < 900; ++i) {
    if (i % 4 != 1) expected.push_back(i);
  }
  EXPECT_EQ(seen, expected);
}

TEST(ForEachSelectedWithBlock, KeysThatDifferBeyondTheAgentStillGetTheirOwnBlocks) {
  // Tiles drawn together share seed, purpose and step; here one of them changes within a tile.
  for (int field = 0; field < 3; ++field) {
    const auto key = [field](std::size_t i) {
      const auto j = static_cast<std::uint32_t>(i);
      return random::StreamKey{field == 0 ? 42 + i / 100 : 42, field == 1 ? 7 + j / 50 : 7, j,
                               field == 2 ? 5 + j % 2 : 5};
    };
    std::size_t visited = 0;
    for_each_selected_with_block(
        AgentRange{0, 600}, [](std::size_t i) { return i % 7 != 3; }, key,
        [&](std::size_t i, const random::PhiloxCounter& block) {
          EXPECT_EQ(block, random::stream_block(key(i))) << "field " << field << " agent " << i;
          ++visited;
        });
    EXPECT_EQ(visited, 600u - 86u);
  }
}

TEST(ForEachSelectedTileWithBlocks, HandsEachTileItsSelectedOffsetsAndBlocks) {
  const auto key = [](std::size_t i) { return random::StreamKey{9, 2, static_cast<std::uint32_t>(i), 11}; };
  std::vector<std::size_t> seen;
  std::size_t tiles = 0;
  for_each_selected_tile_with_blocks(
      AgentRange{7, 7 + 2 * kSelectionTile + 5}, [](std::size_t i) { return i % 3 == 0; }, key,
      [&](std::size_t first, const auto& offsets, std::size_t n, const auto& blocks) {
        ++tiles;
        for (std::size_t k = 0; k < n; ++k) {
          const std::size_t i = first + offsets[k];
          if (k > 0) {
            EXPECT_LT(offsets[k - 1], offsets[k]);
          }
          EXPECT_EQ(blocks[k], random::stream_block(key(i))) << i;
          seen.push_back(i);
        }
      });
  EXPECT_EQ(tiles, 3u);
  std::vector<std::size_t> expected;
  for (std::size_t i = 7; i < 7 + 2 * kSelectionTile + 5; ++i) {
    if (i % 3 == 0) expected.push_back(i);
  }
  EXPECT_EQ(seen, expected);
}

// The members of a subset: only they are visited, each with its row, selected by (agent, row), in
// order across tiles (more than a tile of them selected).
TEST(ForEachSelectedMember, VisitsTheSelectedMembersOfARangeWithTheirRowsInOrder) {
  const RankedSubset members(2000, [](std::size_t i) { return i % 5 != 2; });
  const AgentRange r{33, 1900};
  auto selected = [](std::size_t i, std::size_t row) { return (i + row) % 3 != 0; };
  std::vector<std::pair<std::size_t, std::size_t>> expected, seen, seen_with_block;
  for (std::size_t i = r.begin; i < r.end; ++i) {
    if (members.contains(i) && selected(i, members.rank(i))) expected.emplace_back(i, members.rank(i));
  }
  ASSERT_GT(expected.size(), 2 * kSelectionTile);
  for_each_selected_member(members, r, selected,
                           [&](std::size_t i, std::size_t row) { seen.emplace_back(i, row); });
  EXPECT_EQ(seen, expected);
  const auto key = [](std::size_t i) { return random::StreamKey{5, 3, static_cast<std::uint32_t>(i), 8}; };
  for_each_selected_member_with_block(
      members, r, selected, key, [&](std::size_t i, std::size_t row, const random::PhiloxCounter& block) {
        EXPECT_EQ(block, random::stream_block(key(i))) << i;
        seen_with_block.emplace_back(i, row);
      });
  EXPECT_EQ(seen_with_block, expected);
}

}  // namespace
}  // namespace sim
