#pragma once
// When a command's work started, and how long it has taken: the start, end and wall time that
// results files record (RunContext) and that commands print.
#include <chrono>
#include <string>

#include "app/results_file.hpp"

namespace coachsim::app {

class RunClock {
 public:
  const std::string& start_time() const { return start_time_; }  // ISO 8601 UTC
  double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

  // The context of work ending now that took `wall_seconds` on `threads` workers.
  RunContext context(double wall_seconds, int threads) const {
    return {start_time_, utc_now_iso8601(), wall_seconds, threads, host_name()};
  }

 private:
  std::string start_time_ = utc_now_iso8601();
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace coachsim::app
