#include "app/resources.hpp"

#include <cstdlib>
#include <system_error>

namespace coachsim::app {

std::filesystem::path resource_dir() {
  if (const char* chosen = std::getenv("COACHSIM_DATA_DIR"); chosen != nullptr && *chosen != '\0') return chosen;
  std::error_code error;
  const auto executable = std::filesystem::read_symlink("/proc/self/exe", error);
  if (!error) {
    const auto installed = executable.parent_path().parent_path() / "share" / "coachsim";
    if (std::filesystem::is_directory(installed / "scenarios", error)) return installed;
  }
  return COACHSIM_SOURCE_DIR;
}

}  // namespace coachsim::app
