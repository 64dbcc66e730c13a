#pragma once
// Where per-agent work runs: on oneTBB worker threads or, as a reference, serially on the
// calling thread. Per-agent work must only touch its own agents, so the result never depends
// on how the range is split; reductions use fixed chunks combined in chunk order, so sums are
// bit-identical for any thread count.
#include <cstddef>
#include <functional>
#include <memory>

namespace sim {

struct AgentRange {
  std::size_t begin = 0;
  std::size_t end = 0;
};

enum class ExecutionMode { Serial, Parallel };

class Executor {
 public:
  // threads = 0 means all hardware threads. Serial mode ignores `threads`.
  explicit Executor(ExecutionMode mode = ExecutionMode::Parallel, int threads = 0);
  ~Executor();
  Executor(const Executor&) = delete;
  Executor& operator=(const Executor&) = delete;

  ExecutionMode mode() const { return mode_; }
  int threads() const { return threads_; }

  // Calls body on disjoint sub-ranges covering [0, count).
  void for_each_range(std::size_t count, const std::function<void(AgentRange)>& body) const;

  // Calls body(chunk_index, range) for the fixed chunks [k*chunk, (k+1)*chunk) of [0, count).
  // Chunk boundaries never depend on the thread count, so per-chunk partial results combined
  // in chunk order give bit-identical reductions of any kind.
  void for_each_fixed_chunk(std::size_t count, std::size_t chunk,
                            const std::function<void(std::size_t, AgentRange)>& body) const;
  static std::size_t chunk_count(std::size_t count, std::size_t chunk) { return (count + chunk - 1) / chunk; }

  // Runs a callable inside this executor's thread arena (so nested TBB algorithms respect
  // the thread count).
  void run_isolated(const std::function<void()>& work) const;

  static constexpr std::size_t kGrain = 1024;

 private:
  struct Arena;
  ExecutionMode mode_;
  int threads_;
  std::unique_ptr<Arena> arena_;
};

}  // namespace sim
