#include "sim/cli/progress.hpp"

#include <unistd.h>

#include <cmath>

#include "sim/cli/format.hpp"

namespace sim::cli {
namespace {
constexpr double kShowAfterSeconds = 2.0;
constexpr double kRedrawSeconds = 0.2;
}  // namespace

Progress::Progress(std::size_t total, std::string unit, std::FILE* stream)
    : total_(total), unit_(std::move(unit)), stream_(stream), enabled_(isatty(fileno(stream)) != 0) {}

Progress::~Progress() { finish(); }

std::string Progress::format_duration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "?";
  const auto s = static_cast<long>(std::lround(seconds));
  char buffer[32];
  if (s >= 3600) {
    std::snprintf(buffer, sizeof buffer, "%ldh%02ldm", s / 3600, (s % 3600) / 60);
  } else if (s >= 60) {
    std::snprintf(buffer, sizeof buffer, "%ldm%02lds", s / 60, s % 60);
  } else {
    std::snprintf(buffer, sizeof buffer, "%lds", s);
  }
  return buffer;
}

void Progress::update(std::size_t done) {
  if (!enabled_) return;
  std::lock_guard lock(mutex_);
  const auto now = std::chrono::steady_clock::now();
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  if (elapsed < kShowAfterSeconds || std::chrono::duration<double>(now - last_draw_).count() < kRedrawSeconds) return;
  last_draw_ = now;
  const double rate = static_cast<double>(done) / elapsed;
  const double eta = rate > 0 ? static_cast<double>(total_ - done) / rate : -1.0;
  std::fprintf(stream_, "\r  %zu/%zu %s  %s/s  elapsed %s  ETA %s   ", done, total_, unit_.c_str(), fixed(rate, 1).c_str(),
               format_duration(elapsed).c_str(), format_duration(eta).c_str());
  std::fflush(stream_);
  drawn_ = true;
}

void Progress::finish() {
  std::lock_guard lock(mutex_);
  if (!drawn_) return;
  std::fprintf(stream_, "\r%*s\r", 78, "");
  std::fflush(stream_);
  drawn_ = false;
}

}  // namespace sim::cli
