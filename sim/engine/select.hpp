#pragma once
// Per-agent loops over the agents a mechanism concerns, without a branch per agent on whether it
// concerns them. When that test is a coin toss for the processor (patients of randomized arms,
// patients contacted this week), a mispredicted branch costs more than the work it guards; here the
// test is evaluated for a tile of agents first, selecting their indices without a branch, and the
// work then runs over the selected ones.
#include <algorithm>
#include <array>
#include <cstdint>

#include "sim/engine/executor.hpp"
#include "sim/engine/ranked_subset.hpp"
#include "sim/random/stream_blocks.hpp"
#include "sim/random/stream_key.hpp"

namespace sim {

// Agents selected at a time: a tile's indices, blocks and staged values stay in the L1 cache.
inline constexpr std::size_t kSelectionTile = 256;

// Places in a tile: chosen[0..m) the k < n with flag(k), in increasing order, found without a branch;
// returns m. Also for a second stage over a tile's few (those whose week needs more work).
template <class Flag>
std::size_t select_in_tile(std::size_t n, Flag&& flag, std::array<std::uint16_t, kSelectionTile>& chosen) {
  std::size_t m = 0;
  for (std::size_t k = 0; k < n; ++k) {
    chosen[m] = static_cast<std::uint16_t>(k);
    m += static_cast<std::size_t>(static_cast<bool>(flag(k)));
  }
  return m;
}

namespace detail {

// Calls tile(first, offsets, n) for each tile of r, offsets[0..n) the selected agents' offsets from
// `first`, in increasing order; `selected` is evaluated for the whole tile first, without a branch.
template <class Selected, class Tile>
void for_each_selected_tile(AgentRange r, Selected& selected, Tile&& tile) {
  std::array<std::uint16_t, kSelectionTile> offsets;
  for (std::size_t first = r.begin; first < r.end; first += kSelectionTile) {
    const std::size_t count = std::min(kSelectionTile, r.end - first);
    const std::size_t n = select_in_tile(
        count, [&](std::size_t j) { return selected(first + j); }, offsets);
    tile(first, offsets, n);
  }
}

// The Philox blocks of a tile's selected agents: blocks[k] = stream_block(key(agent(k))), k < n. When
// the keys differ only in their agent (seed, purpose and step shared, as every per-agent loop's
// are) they are computed together (random::stream_blocks), otherwise one at a time: the same bits.
struct TileBlocks {
  std::array<std::uint32_t, kSelectionTile> agents;
  std::array<random::PhiloxCounter, kSelectionTile> blocks;

  template <class Key, class Agent>
  void draw(Key& key, Agent&& agent, std::size_t n) {
    if (n == 0) return;
    const random::StreamKey shared = key(agent(0));
    bool agents_alone = true;
    for (std::size_t k = 0; k < n; ++k) {
      const random::StreamKey own = key(agent(k));
      agents[k] = own.agent;
      agents_alone = agents_alone & (own.seed == shared.seed) & (own.purpose == shared.purpose) &
                     (own.step == shared.step);
    }
    if (agents_alone) {
      random::stream_blocks(shared, agents.data(), n, blocks.data());
    } else {
      for (std::size_t k = 0; k < n; ++k) blocks[k] = random::stream_block(key(agent(k)));
    }
  }
};
}  // namespace detail

// Calls body(i) for every i in r with selected(i), in increasing order. `selected` is evaluated for a
// tile of agents before `body` runs for any of them, so it must not read what `body` writes for
// another agent (per-agent work touches only its own agent, so reading agent i's own state is safe).
// Write `selected` without short-circuits (`&`, not `&&`) so that it compiles without branches.
template <class Selected, class Body>
void for_each_selected(AgentRange r, Selected&& selected, Body&& body) {
  detail::for_each_selected_tile(r, selected, [&](std::size_t first, const auto& offsets, std::size_t n) {
    for (std::size_t k = 0; k < n; ++k) body(first + offsets[k]);
  });
}

// The tile-level form of for_each_selected_with_block, for work done on a tile in stages (a stage
// over all selected agents, then another): tile(first, offsets, n, blocks), where agent
// first + offsets[k] (k < n, increasing) is selected and blocks[k] is its stream_block(key(i)).
template <class Selected, class Key, class Tile>
void for_each_selected_tile_with_blocks(AgentRange r, Selected&& selected, Key&& key, Tile&& tile) {
  detail::TileBlocks blocks;
  detail::for_each_selected_tile(r, selected, [&](std::size_t first, const auto& offsets, std::size_t n) {
    blocks.draw(
        key, [&](std::size_t k) { return first + offsets[k]; }, n);
    tile(first, offsets, n, blocks.blocks);
  });
}

// The same, and each selected agent's Philox block (stream_block(key(i))) is drawn for the whole tile
// before body(i, block) runs: the tile's blocks are computed together (random::stream_blocks: in
// vector lanes where the processor allows), where a block drawn inside longer per-agent work waits
// out its full latency. The same blocks, so the same results.
template <class Selected, class Key, class Body>
void for_each_selected_with_block(AgentRange r, Selected&& selected, Key&& key, Body&& body) {
  for_each_selected_tile_with_blocks(
      r, selected, key, [&](std::size_t first, const auto& offsets, std::size_t n, const auto& blocks) {
        for (std::size_t k = 0; k < n; ++k) body(first + offsets[k], blocks[k]);
      });
}

// The members of a RankedSubset (agents holding a row in columns kept for the members only): the
// same selection over the members of r alone, `selected(i, row)` and `body(i, row)` given each one's
// row. Non-members are not visited at all.
namespace detail {
template <class Selected, class Tile>
void for_each_selected_member_tile(const RankedSubset& members, AgentRange r, Selected& selected,
                                   Tile&& tile) {
  std::array<std::uint32_t, kSelectionTile> agents, rows;
  std::size_t n = 0;
  members.for_each_member(r, [&](std::size_t i, std::size_t row) {
    agents[n] = static_cast<std::uint32_t>(i);
    rows[n] = static_cast<std::uint32_t>(row);
    n += static_cast<std::size_t>(static_cast<bool>(selected(i, row)));
    if (n == kSelectionTile) {
      tile(agents, rows, n);
      n = 0;
    }
  });
  if (n > 0) tile(agents, rows, n);
}
}  // namespace detail

template <class Selected, class Body>
void for_each_selected_member(const RankedSubset& members, AgentRange r, Selected&& selected, Body&& body) {
  detail::for_each_selected_member_tile(members, r, selected,
                                        [&](const auto& agents, const auto& rows, std::size_t n) {
                                          for (std::size_t k = 0; k < n; ++k) body(agents[k], rows[k]);
                                        });
}

// The same, with each selected member's Philox block drawn for the tile first: body(i, row, block).
template <class Selected, class Key, class Body>
void for_each_selected_member_with_block(const RankedSubset& members, AgentRange r, Selected&& selected,
                                         Key&& key, Body&& body) {
  detail::TileBlocks blocks;
  detail::for_each_selected_member_tile(members, r, selected,
                                        [&](const auto& agents, const auto& rows, std::size_t n) {
                                          blocks.draw(
                                              key, [&](std::size_t k) { return agents[k]; }, n);
                                          for (std::size_t k = 0; k < n; ++k)
                                            body(agents[k], rows[k], blocks.blocks[k]);
                                        });
}

}  // namespace sim
