#include "sim/io/file_system.hpp"

#include <fcntl.h>
#include <unistd.h>

#include "sim/input_error.hpp"

namespace sim::io {

std::filesystem::path directory_of(const std::filesystem::path& file) {
  return file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
}

void refuse_existing(const std::filesystem::path& path, bool overwrite) {
  if (!overwrite && std::filesystem::exists(path)) throw OutputExists(path);
}

void sync_best_effort(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  static_cast<void>(::fsync(fd));
  ::close(fd);
}

void sync_directory_of(const std::filesystem::path& file) { sync_best_effort(directory_of(file)); }

}  // namespace sim::io
