// sim/random/stream_blocks.hpp: many agents' blocks at once are each agent's own block.
#include "sim/random/stream_blocks.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace sim::random {
namespace {

std::vector<std::uint32_t> agents(std::size_t n) {
  std::vector<std::uint32_t> ids;
  for (std::size_t k = 0; k < n; ++k)
    ids.push_back(k % 3 == 0 ? 0xFFFFFFFFu - 17 * static_cast<std::uint32_t>(k)
                             : 1000 + 17 * static_cast<std::uint32_t>(k));
  return ids;
}

TEST(StreamBlocks, EachIsTheAgentsOwnBlockForEveryCountKeyAndBlockIndex) {
  const std::vector<std::uint32_t> ids = agents(41);
  for (const StreamKey shared :
       {StreamKey{42, 7, 999, 3}, StreamKey{mix_seed(5, 1), 0xFFFFFFFFu, 0, 0xFFFFFFFEu}}) {
    for (std::uint32_t block : {0u, 1u, 0xFFFFFFFFu}) {
      for (std::size_t n = 0; n <= ids.size(); ++n) {  // whole vectors of lanes and every remainder
        std::vector<PhiloxCounter> out(n + 1, PhiloxCounter{1, 2, 3, 4});
        stream_blocks(shared, ids.data(), n, out.data(), block);
        for (std::size_t k = 0; k < n; ++k) {
          ASSERT_EQ(out[k], stream_block({shared.seed, shared.purpose, ids[k], shared.step}, block))
              << n << " " << k;
        }
        EXPECT_EQ(out[n], (PhiloxCounter{1, 2, 3, 4})) << "nothing written past n";
      }
    }
  }
}

TEST(StreamBlocks, CountsTheBlocksDrawn) {
  const std::vector<std::uint32_t> ids = agents(19);
  std::vector<PhiloxCounter> out(ids.size());
  const std::uint64_t before = blocks_drawn();
  stream_blocks({42, 7, 0, 3}, ids.data(), ids.size(), out.data());
  EXPECT_EQ(blocks_drawn() - before, ids.size());
}

}  // namespace
}  // namespace sim::random
