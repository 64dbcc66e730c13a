#include "sim/sweep/interrupt.hpp"

#include <atomic>
#include <string>

#include "sim/io/temp_files.hpp"

namespace sim::sweep {
namespace {

std::atomic<int> g_received_signal{0};  // see the header: the handler's only channel
static_assert(std::atomic<int>::is_always_lock_free, "a signal handler may only use lock-free atomics");

extern "C" void on_stop_signal(int signal_number) {
  int none = 0;
  if (!g_received_signal.compare_exchange_strong(none, signal_number)) {
    // Second signal: remove temporary files, then the default action (terminate) now.
    io::remove_registered_temp_files();
    std::signal(signal_number, SIG_DFL);
    std::raise(signal_number);
  }
}

}  // namespace

InterruptGuard::InterruptGuard() {
  g_received_signal.store(0);
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

bool InterruptGuard::requested() const { return g_received_signal.load(std::memory_order_relaxed) != 0; }
int InterruptGuard::signal_number() const { return g_received_signal.load(std::memory_order_relaxed); }

void InterruptGuard::throw_if_requested() const {
  if (const int signal = signal_number(); signal != 0) throw Interrupted(signal);
}

Interrupted::Interrupted(int signal_number)
    : std::runtime_error(std::string("interrupted by ") + (signal_number == SIGINT ? "SIGINT" : "SIGTERM")),
      signal_number_(signal_number) {}

}  // namespace sim::sweep
