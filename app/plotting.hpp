#pragma once
// `--plot DIR`: hands a results file to the Python analysis package (analysis/coachsim_analysis),
// so a planner gets figures without writing Python.
#include <filesystem>

namespace coachsim::app {

// Runs `python -m coachsim_analysis plot RESULTS -o DIR`; throws with the command's status on failure.
// The interpreter is $COACHSIM_PYTHON, else /usr/bin/python3, else python3 on PATH; the package is
// resource_dir()/analysis. `quiet`: the list of written files is not printed.
void plot_results(const std::filesystem::path& results, const std::filesystem::path& directory, bool quiet = false);

}  // namespace coachsim::app
