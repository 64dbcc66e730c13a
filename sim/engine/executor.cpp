#include "sim/engine/executor.hpp"

#include <tbb/blocked_range.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <stdexcept>
#include <vector>

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
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, count, kGrain),
                      [&](const tbb::blocked_range<std::size_t>& r) { body({r.begin(), r.end()}); });
  });
}

double Executor::sum(std::size_t count, const std::function<double(std::size_t)>& term) const {
  const std::size_t chunks = (count + kReduceChunk - 1) / kReduceChunk;
  std::vector<double> partial(chunks, 0.0);
  auto sum_chunk = [&](std::size_t chunk) {
    const std::size_t begin = chunk * kReduceChunk;
    const std::size_t end = std::min(count, begin + kReduceChunk);
    double s = 0.0;
    for (std::size_t i = begin; i < end; ++i) s += term(i);
    partial[chunk] = s;
  };
  if (mode_ == ExecutionMode::Serial) {
    for (std::size_t c = 0; c < chunks; ++c) sum_chunk(c);
  } else {
    arena_->arena.execute([&] {
      tbb::parallel_for(std::size_t{0}, chunks, [&](std::size_t c) { sum_chunk(c); });
    });
  }
  double total = 0.0;
  for (double s : partial) total += s;
  return total;
}

}  // namespace sim
