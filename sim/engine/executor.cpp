#include "sim/engine/executor.hpp"

#include <tbb/blocked_range.h>
#include <tbb/info.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <stdexcept>

#include "sim/engine/parallel_for.hpp"

namespace sim {

struct Executor::Arena {
  tbb::task_arena arena;
  explicit Arena(int threads) : arena(threads) {}
};

Executor::Executor(ExecutionMode mode, int threads) : mode_(mode), threads_(threads) {
  if (threads < 0) throw std::invalid_argument("thread count must be >= 0");
  if (mode_ == ExecutionMode::Serial) {
    threads_ = 1;
    return;
  }
  if (threads_ == 0) threads_ = tbb::info::default_concurrency();
  arena_ = std::make_unique<Arena>(threads_);
}

Executor::~Executor() = default;

void Executor::run_isolated(const std::function<void()>& work) const {
  if (mode_ == ExecutionMode::Serial) {
    work();
  } else {
    arena_->arena.execute(work);
  }
}

void Executor::for_each_range(std::size_t count, const std::function<void(AgentRange)>& body) const {
  if (count == 0) return;
  if (mode_ == ExecutionMode::Serial) {
    body({0, count});
    return;
  }
  arena_->arena.execute([&] {
    parallel_for_ranges(count, kGrain, [&](std::size_t begin, std::size_t end) { body({begin, end}); });
  });
}

void Executor::for_each_fixed_chunk(std::size_t count, std::size_t chunk,
                                    const std::function<void(std::size_t, AgentRange)>& body) const {
  if (chunk == 0) throw std::invalid_argument("chunk size must be > 0");
  const std::size_t chunks = chunk_count(count, chunk);
  auto run_chunk = [&](std::size_t k) { body(k, {k * chunk, std::min(count, (k + 1) * chunk)}); };
  if (mode_ == ExecutionMode::Serial) {
    for (std::size_t k = 0; k < chunks; ++k) run_chunk(k);
  } else {
    arena_->arena.execute([&] { parallel_for_index(chunks, run_chunk); });
  }
}

}  // namespace sim
