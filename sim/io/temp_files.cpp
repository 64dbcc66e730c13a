#include "sim/io/temp_files.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <climits>
#include <cstring>
#include <string>
#include <system_error>

namespace sim::io {
namespace {

// A slot is free (0), being filled or emptied (1), or holds a path to remove (2). The handler
// reads only slots in state 2; a path is written before its slot becomes 2 (release/acquire).
struct Slot {
  std::atomic<int> state{0};
  char path[PATH_MAX] = {};
};
static_assert(std::atomic<int>::is_always_lock_free, "the signal handler needs lock-free atomics");

std::array<Slot, kMaxRegisteredTempFiles> g_slots;

bool process_exists(long pid) {
  if (pid <= 0) return true;  // not a pid we can judge: keep the file
  return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

// True when nobody holds a lock on the file (HDF5 locks a file it writes), so it is not being
// written on this or another host.
bool unlocked(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool free = ::flock(fd, LOCK_EX | LOCK_NB) == 0;
  ::close(fd);
  return free;
}

}  // namespace

int register_temp_file(const std::filesystem::path& path) noexcept {
  const std::string& text = path.native();
  if (text.size() >= PATH_MAX) return -1;
  for (std::size_t i = 0; i < g_slots.size(); ++i) {
    int expected = 0;
    if (!g_slots[i].state.compare_exchange_strong(expected, 1, std::memory_order_acquire)) continue;
    std::memcpy(g_slots[i].path, text.c_str(), text.size() + 1);
    g_slots[i].state.store(2, std::memory_order_release);
    return static_cast<int>(i);
  }
  return -1;
}

void unregister_temp_file(int token) noexcept {
  if (token < 0 || static_cast<std::size_t>(token) >= g_slots.size()) return;
  g_slots[static_cast<std::size_t>(token)].state.store(0, std::memory_order_release);
}

void remove_registered_temp_files() noexcept {
  for (auto& slot : g_slots) {
    int expected = 2;
    if (slot.state.compare_exchange_strong(expected, 1, std::memory_order_acquire)) {
      ::unlink(slot.path);
      slot.state.store(0, std::memory_order_release);
    }
  }
}

std::filesystem::path temp_path_for(const std::filesystem::path& final_path, long pid) {
  std::filesystem::path temp = final_path;
  temp += ".tmp-" + std::to_string(pid);
  return temp;
}

std::size_t remove_stale_temp_files(const std::filesystem::path& final_path) noexcept {
  std::size_t removed = 0;
  try {
    const std::filesystem::path directory =
        final_path.has_parent_path() ? final_path.parent_path() : std::filesystem::path(".");
    const std::string prefix = final_path.filename().string() + ".tmp-";
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
      const std::string name = entry.path().filename().string();
      if (!name.starts_with(prefix) || name.size() == prefix.size() || name.size() - prefix.size() > 10) continue;
      const std::string digits = name.substr(prefix.size());
      if (digits.find_first_not_of("0123456789") != std::string::npos) continue;
      const long pid = std::stol(digits);
      if (pid == static_cast<long>(::getpid()) || process_exists(pid) || !unlocked(entry.path())) continue;
      if (std::filesystem::remove(entry.path(), error)) ++removed;
    }
  } catch (...) {  // best effort: a directory we cannot list holds nothing we could remove
  }
  return removed;
}

}  // namespace sim::io
