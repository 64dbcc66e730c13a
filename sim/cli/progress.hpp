#pragma once
// A progress line with rate and ETA, shown on a terminal only and only once a task has run
// for a couple of seconds, so short runs and logs stay clean. Thread-safe.
#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>

namespace sim::cli {

class Progress {
 public:
  // `unit` names what is counted ("replicates", "runs").
  Progress(std::size_t total, std::string unit, std::FILE* stream = stderr);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void update(std::size_t done);
  // Clears the line (if one was drawn).
  void finish();

  static std::string format_duration(double seconds);

 private:
  std::size_t total_;
  std::string unit_;
  std::FILE* stream_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_draw_{};
  std::mutex mutex_;
};

}  // namespace sim::cli
