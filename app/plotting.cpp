#include "app/plotting.hpp"

#include <fcntl.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/resources.hpp"

namespace coachsim::app {
namespace {

std::string python_interpreter() {
  if (const char* chosen = std::getenv("COACHSIM_PYTHON")) return chosen;
  if (std::filesystem::exists("/usr/bin/python3")) return "/usr/bin/python3";
  return "python3";
}

// PYTHONPATH with the shipped analysis/ first (installed or in the source tree), so the package
// needs no installation of its own.
std::string python_path() {
  std::string path = (resource_dir() / "analysis").string();
  if (const char* existing = std::getenv("PYTHONPATH")) path += std::string(":") + existing;
  return path;
}

}  // namespace

void plot_results(const std::filesystem::path& results, const std::filesystem::path& directory, bool quiet) {
  const std::string python = python_interpreter();
  std::vector<std::string> args = {python, "-m", "coachsim_analysis", "plot", results.string(), "-o", directory.string()};
  const pid_t child = fork();
  if (child < 0) throw std::runtime_error("cannot start " + python);
  if (child == 0) {
    setenv("PYTHONPATH", python_path().c_str(), 1);
    if (!std::getenv("MPLBACKEND")) setenv("MPLBACKEND", "Agg", 1);
    if (quiet) {
      const int null = open("/dev/null", O_WRONLY);
      if (null >= 0) dup2(null, STDOUT_FILENO);
    }
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execvp(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(child, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error("plotting failed (" + python + " -m coachsim_analysis plot " + results.string() +
                             "); the results file is complete");
  }
}

}  // namespace coachsim::app
