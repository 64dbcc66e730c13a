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
// One atomic for every loop, at a fixed address: a worker acquires it before it reads anything of
// the caller's (even the loop body's captures, which live on the caller's stack). Every operation
// on it is a read-modify-write or an acquire, so each acquire sees all earlier releases.
struct LoopFence {
  static void publish() { count().fetch_add(1, std::memory_order_acq_rel); }
  static void enter() { static_cast<void>(count().load(std::memory_order_acquire)); }
  static void leave() { count().fetch_add(1, std::memory_order_acq_rel); }
  static void join() { static_cast<void>(count().load(std::memory_order_acquire)); }
  // A loop publishes when it starts and joins when it ends; a body enters when it starts and leaves
  // when it ends: also when it ends by an exception, which the loop hands to the caller.
  struct Loop {
    Loop() { publish(); }
    ~Loop() { join(); }
    Loop(const Loop&) = delete;
    Loop& operator=(const Loop&) = delete;
  };
  struct Body {
    Body() { enter(); }
    ~Body() { leave(); }
    Body(const Body&) = delete;
    Body& operator=(const Body&) = delete;
  };

 private:
  static std::atomic<std::size_t>& count() {
    static std::atomic<std::size_t> shared{0};
    return shared;
  }
};
#else
struct LoopFence {
  static void publish() {}
  static void enter() {}
  static void leave() {}
  static void join() {}
  struct Loop {};
  struct Body {};
};
#endif

// body(i) for i in [0, n), in parallel, in the calling thread's task arena.
template <class Body>
void parallel_for_index(std::size_t n, const Body& body) {
  [[maybe_unused]] const LoopFence::Loop loop{};
  tbb::parallel_for(std::size_t{0}, n, [&](std::size_t i) {
    [[maybe_unused]] const LoopFence::Body fenced{};
    body(i);
  });
}

// body(begin, end) over ranges of at least `grain` indices covering [0, n), in parallel.
template <class Body>
void parallel_for_ranges(std::size_t n, std::size_t grain, const Body& body) {
  [[maybe_unused]] const LoopFence::Loop loop{};
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, grain), [&](const tbb::blocked_range<std::size_t>& r) {
    [[maybe_unused]] const LoopFence::Body fenced{};
    body(r.begin(), r.end());
  });
}

}  // namespace sim
