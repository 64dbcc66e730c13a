#pragma once
#include <string_view>

namespace sim {

// Facts about this binary, recorded at build time (see cmake/WriteBuildInfo.cmake).
struct BuildInfo {
  std::string_view version;
  std::string_view git_commit;
  std::string_view build_type;
  std::string_view compiler;
};

const BuildInfo& build_info();

}  // namespace sim
