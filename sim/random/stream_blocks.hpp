#pragma once
// Blocks of many agents' streams of one purpose and step at once. Philox is integer arithmetic, so a
// block computed eight at a time in the lanes of a vector register is the same 128 bits as one
// computed alone; where the processor has AVX2 (checked once, at run time) the blocks are computed
// that way, and elsewhere one at a time. No result depends on which.
#include <cstddef>
#include <cstdint>

#include "sim/random/stream_key.hpp"

namespace sim::random {

// out[k] = stream_block({shared.seed, shared.purpose, agents[k], shared.step}, block) for k < n
// (shared.agent is not read).
void stream_blocks(const StreamKey& shared, const std::uint32_t* agents, std::size_t n, PhiloxCounter* out,
                   std::uint32_t block = 0);

// Whether stream_blocks computes in vector lanes on this processor (for the benchmarks' reports).
bool stream_blocks_vectorized();

}  // namespace sim::random
