#pragma once
// Where coachsim finds its shipped files (scenarios/, analysis/): $COACHSIM_DATA_DIR, else
// <prefix>/share/coachsim next to an installed binary (<prefix>/bin/coachsim, see `cmake --install`),
// else the source tree the binary was built from. Both layouts hold scenarios/ and
// analysis/coachsim_analysis/ side by side.
#include <filesystem>

namespace coachsim::app {

std::filesystem::path resource_dir();

}  // namespace coachsim::app
