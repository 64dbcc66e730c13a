#include "sim/sweep/local_runner.hpp"

#include <tbb/task_arena.h>

#include <atomic>
#include <mutex>

#include "sim/engine/parallel_for.hpp"

namespace sim::sweep {

std::size_t run_local(const std::vector<std::uint64_t>& ids, int threads, const WorkFunction& work,
                      const DoneFunction& done, const StopFunction& stop) {
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> finished{0};
  std::mutex done_mutex;
  tbb::task_arena arena(threads > 0 ? threads : tbb::task_arena::automatic);
  arena.execute([&] {
    // Each iteration takes the next id, whichever iteration index TBB gave it: ids start in order.
    sim::parallel_for_index(ids.size(), [&](std::size_t) {
      {
        const std::lock_guard lock(done_mutex);
        if (stop()) return;
      }
      const std::uint64_t id = ids[next.fetch_add(1)];
      const Bytes result = work(id);
      const std::lock_guard lock(done_mutex);
      done(id, result);
      finished.fetch_add(1);
    });
  });
  return finished.load();
}

}  // namespace sim::sweep
