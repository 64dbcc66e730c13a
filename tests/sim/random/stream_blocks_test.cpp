// sim/random/stream_blocks.hpp: many streams' blocks at once are each stream's block.
#include "sim/random/stream_blocks.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace sim::random {
namespace {

// Keys that differ in every field, so a lane mixed up with another, or a field taken from the wrong
// lane, shows.
std::vector<StreamKey> mixed_keys(std::size_t n) {
  std::vector<StreamKey> keys;
  for (std::size_t k = 0; k < n; ++k) {
    const auto j = static_cast<std::uint32_t>(k);
    keys.push_back({mix_seed(7, k), 3 + j % 5, 1000 + 17 * j, j % 3 == 0 ? 0xFFFFFFFFu - j : j});
  }
  return keys;
}

TEST(StreamBlocks, EachIsTheStreamsOwnBlockForEveryCountAndBlockIndex) {
  const std::vector<StreamKey> keys = mixed_keys(41);
  for (std::uint32_t block : {0u, 1u, 0xFFFFFFFFu}) {
    for (std::size_t n = 0; n <= keys.size(); ++n) {  // whole vectors of lanes and every remainder
      std::vector<PhiloxCounter> out(n + 1, PhiloxCounter{1, 2, 3, 4});
      stream_blocks(keys.data(), n, out.data(), block);
      for (std::size_t k = 0; k < n; ++k) ASSERT_EQ(out[k], stream_block(keys[k], block)) << n << " " << k;
      EXPECT_EQ(out[n], (PhiloxCounter{1, 2, 3, 4})) << "nothing written past n";
    }
  }
}

TEST(StreamBlocks, CountsTheBlocksDrawn) {
  const std::vector<StreamKey> keys = mixed_keys(19);
  std::vector<PhiloxCounter> out(keys.size());
  const std::uint64_t before = blocks_drawn();
  stream_blocks(keys.data(), keys.size(), out.data());
  EXPECT_EQ(blocks_drawn() - before, keys.size());
}

}  // namespace
}  // namespace sim::random
