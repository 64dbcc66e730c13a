#pragma once
// Runs the work items of a sweep on one machine's cores (oneTBB), handing them out in order.
#include <cstdint>
#include <functional>
#include <vector>

#include "sim/sweep/bytes.hpp"

namespace sim::sweep {

using WorkFunction = std::function<Bytes(std::uint64_t id)>;
// Receives each finished item; calls never overlap (it may journal and draw progress freely).
using DoneFunction = std::function<void(std::uint64_t id, const Bytes& result)>;
using StopFunction = std::function<bool()>;

// Calls work(id) for the ids in order of `ids` on up to `threads` threads (0 = all cores) and
// done(id, result) as each finishes. Once stop() returns true no new id starts; running ones
// finish and are reported. Returns how many ids were run. An exception from work or done stops
// the others and is rethrown here.
std::size_t run_local(const std::vector<std::uint64_t>& ids, int threads, const WorkFunction& work,
                      const DoneFunction& done, const StopFunction& stop);

}  // namespace sim::sweep
