#pragma once
// Graceful stop on SIGINT (Ctrl-C) and SIGTERM (Slurm's time limit, `scancel`): while a guard is
// alive, the first such signal only sets a flag, so a sweep stops handing out runs, finishes and
// journals the running ones and exits; a second signal ends the process at once.
//
// A signal handler can only reach process-wide state, so the flag is the one piece of global
// state here; it is written only by the handler and reset when a guard is created.
#include <csignal>

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

 private:
  struct sigaction previous_int_ {};
  struct sigaction previous_term_ {};
};

}  // namespace sim::sweep
