#pragma once
// Graceful stop on SIGINT (Ctrl-C) and SIGTERM (Slurm's time limit, `scancel`): while a guard is
// alive, the first such signal only sets a flag, so a sweep stops handing out runs, finishes and
// journals the running ones and exits, and `run` and `calibrate` stop at the next replicate or
// evaluation and remove their temporary file; a second signal removes the registered temporary
// files (sim/io/temp_files.hpp) and ends the process at once.
//
// A signal handler can only reach process-wide state, so the flag is the one piece of global
// state here: a lock-free std::atomic<int>, written by the handler and read by any thread (worker
// threads poll it), reset when a guard is created.
#include <csignal>
#include <stdexcept>

namespace sim::sweep {

class InterruptGuard {
 public:
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  bool requested() const;
  // The signal received (SIGINT or SIGTERM), 0 when none.
  int signal_number() const;
  // Throws Interrupted when a signal was received.
  void throw_if_requested() const;

 private:
  struct sigaction previous_int_ {};
  struct sigaction previous_term_ {};
};

// A command stopped by SIGINT/SIGTERM: the error boundary exits with 128 + signal_number() (130,
// 143), after destructors have removed temporary files.
class Interrupted : public std::runtime_error {
 public:
  explicit Interrupted(int signal_number);
  int signal_number() const { return signal_number_; }

 private:
  int signal_number_;
};

}  // namespace sim::sweep
