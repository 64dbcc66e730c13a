// coachsim inspect: provenance and summary of a results file.
#include <algorithm>
#include <fstream>
#include <iostream>

#include "app/commands/commands.hpp"
#include "app/report.hpp"
#include "app/results_file.hpp"
#include "app/scenario_input.hpp"
#include "sim/input_error.hpp"
#include "sim/io/result_file.hpp"

namespace coachsim::app {
namespace {

// A results file is a regular HDF5 file (its signature first) with coachsim's provenance; anything
// else is named for what it is, not with the HDF5 library's error text.
void check_results_file(const std::string& path) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(status)) throw sim::InputError(path + ": no such file");
  if (std::filesystem::is_directory(status)) throw sim::InputError(path + " is a directory, not a results file");
  if (!std::filesystem::is_regular_file(status)) throw sim::InputError(path + " is not a regular file");
  static constexpr char kSignature[8] = {'\x89', 'H', 'D', 'F', '\r', '\n', '\x1a', '\n'};
  char head[8] = {};
  std::ifstream in(path, std::ios::binary);
  if (!in) throw sim::InputError(path + ": cannot be read");
  in.read(head, sizeof head);
  if (in.gcount() != sizeof head || !std::equal(head, head + 8, kSignature)) {
    throw sim::InputError(path + " is not a coachsim results file (not an HDF5 file)");
  }
  try {
    const sim::io::ResultReader reader(path);
    if (!reader.has_attribute("/", "scenario")) {
      throw sim::InputError(path + " is not a coachsim results file (an HDF5 file without a stored scenario)");
    }
  } catch (const sim::InputError&) {
    throw;
  } catch (const std::exception&) {
    throw sim::InputError(path + " is not a coachsim results file (a damaged HDF5 file)");
  }
}

int inspect(const std::string& path) {
  check_results_file(path);
  const sim::io::ResultReader reader(path);
  std::cout << path << "\n";
  for (const char* key : {"scenario_file", "coachsim_version", "git_commit", "build_type", "compiler", "host",
                          "start_time", "end_time"}) {
    if (reader.has_attribute("/", key)) std::cout << "  " << key << ": " << reader.read_string_attribute("/", key) << "\n";
  }
  for (const char* key : {"seed", "replicates", "weeks", "threads"}) {
    if (reader.has_attribute("/", key)) std::cout << "  " << key << ": " << reader.read_int64_attribute("/", key) << "\n";
  }
  if (reader.has_attribute("/", "wall_seconds")) {
    std::cout << "  wall_seconds: " << reader.read_double_attribute("/", "wall_seconds") << "\n";
  }
  std::cout << "\n";
  // The stored scenario is the fully resolved one: rebuilding the parameters from it gives the
  // arm names and economics needed to summarize the stored replicates.
  const Scenario scenario = load_scenario_text(reader.read_string_attribute("/", "scenario"), path + " (scenario)");
  const auto replicates = read_replicate_summaries(path);
  print_summary(std::cout, header_of(reader.read_string_attribute("/", "scenario_file"), scenario.params),
                summarize(scenario.params, replicates), scenario.params);
  return kExitOk;
}

}  // namespace

void add_inspect_command(CLI::App& app, int& exit_code) {
  auto path = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("inspect", "print the provenance and summary of a results file");
  cmd->add_option("file", *path, "results file (.h5)")->required();
  cmd->callback([path, &exit_code] { exit_code = guarded([&] { return inspect(*path); }); });
}

}  // namespace coachsim::app
