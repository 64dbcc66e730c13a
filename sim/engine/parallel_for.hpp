#pragma once
// oneTBB's parallel loops, with the happens-before edges ThreadSanitizer cannot see by itself.
// The distribution's oneTBB is not built with -fsanitize=thread, so the synchronisation inside the
// library (handing tasks to workers, the join at the end of a loop) is invisible to it: it would
// report the caller's writes before a loop as racing with the loop's reads, and the loop's work as
// racing with what the caller does after it. Under ThreadSanitizer each loop publishes with a
// release store, every body starts with an acquire and ends with a release, and the caller acquires
// after the loop: real edges, so genuine races in the bodies are still reported. Elsewhere the
// fence is empty and the loops are plain tbb::parallel_for.
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <atomic>
#include <cstddef>

#if defined(__SANITIZE_THREAD__)
#define COACHSIM_THREAD_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define COACHSIM_THREAD_SANITIZER 1
#endif
#endif

namespace sim {

#if defined(COACHSIM_THREAD_SANITIZER)
class LoopFence {
 public:
  LoopFence() { count_.store(0, std::memory_order_release); }
  void enter() const { static_cast<void>(count_.load(std::memory_order_acquire)); }
  void leave() { count_.fetch_add(1, std::memory_order_acq_rel); }
  void join() const { static_cast<void>(count_.load(std::memory_order_acquire)); }

 private:
  std::atomic<std::size_t> count_{0};
};
#else
struct LoopFence {
  void enter() const {}
  void leave() {}
  void join() const {}
};
#endif

// body(i) for i in [0, n), in parallel, in the calling thread's task arena.
template <class Body>
void parallel_for_index(std::size_t n, const Body& body) {
  LoopFence fence;
  tbb::parallel_for(std::size_t{0}, n, [&](std::size_t i) {
    fence.enter();
    body(i);
    fence.leave();
  });
  fence.join();
}

// body(begin, end) over ranges of at least `grain` indices covering [0, n), in parallel.
template <class Body>
void parallel_for_ranges(std::size_t n, std::size_t grain, const Body& body) {
  LoopFence fence;
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, grain), [&](const tbb::blocked_range<std::size_t>& r) {
    fence.enter();
    body(r.begin(), r.end());
    fence.leave();
  });
  fence.join();
}

}  // namespace sim
