#include "sim/sweep/interrupt.hpp"

namespace sim::sweep {
namespace {

volatile std::sig_atomic_t g_received_signal = 0;  // see the header: the handler's only channel

extern "C" void on_stop_signal(int signal_number) {
  if (g_received_signal != 0) {  // second signal: default action (terminate) now
    std::signal(signal_number, SIG_DFL);
    std::raise(signal_number);
    return;
  }
  g_received_signal = signal_number;
}

}  // namespace

InterruptGuard::InterruptGuard() {
  g_received_signal = 0;
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  sigaction(SIGINT, &action, &previous_int_);
  sigaction(SIGTERM, &action, &previous_term_);
}

InterruptGuard::~InterruptGuard() {
  sigaction(SIGINT, &previous_int_, nullptr);
  sigaction(SIGTERM, &previous_term_, nullptr);
}

bool InterruptGuard::requested() const { return g_received_signal != 0; }
int InterruptGuard::signal_number() const { return g_received_signal; }

}  // namespace sim::sweep
