// coachsim inspect: provenance and summary of any results file coachsim writes: a run, a sweep, a
// comparison (coachsim compare) or a calibration. The kind comes from the root attributes.
#include <algorithm>
#include <fstream>
#include <iostream>

#include "app/commands/commands.hpp"
#include "app/compare/compare_file.hpp"
#include "app/report.hpp"
#include "app/results_file.hpp"
#include "app/scenario_input.hpp"
#include "app/sweep/sweep_table.hpp"
#include "sim/input_error.hpp"
#include "sim/io/result_file.hpp"

namespace coachsim::app {
namespace {

// A results file is a regular HDF5 file (its signature first); anything
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
}

enum class FileKind { Run, Sweep, Compare, Calibration };

FileKind kind_of(const sim::io::ResultReader& reader, const std::string& path) {
  const auto text = [&](const char* key) {
    return reader.has_attribute("/", key) ? reader.read_string_attribute("/", key) : std::string();
  };
  const std::string conventions = text("Conventions");
  if (conventions == "coachsim-1") return FileKind::Run;
  if (conventions == "coachsim-sweep-1") return FileKind::Sweep;
  if (conventions == kCompareConventions) return FileKind::Compare;
  if (text("title") == "coachsim calibration") return FileKind::Calibration;
  throw sim::InputError(path + " is not a coachsim results file (no run, sweep, compare or calibration attributes)");
}

void print_attributes(const sim::io::ResultReader& reader, std::initializer_list<const char*> strings,
                      std::initializer_list<const char*> integers) {
  for (const char* key : strings) {
    if (reader.has_attribute("/", key)) std::cout << "  " << key << ": " << reader.read_string_attribute("/", key) << "\n";
  }
  for (const char* key : integers) {
    if (reader.has_attribute("/", key)) std::cout << "  " << key << ": " << reader.read_int64_attribute("/", key) << "\n";
  }
  for (const char* key : {"wall_seconds", "best_loss"}) {
    if (reader.has_attribute("/", key)) std::cout << "  " << key << ": " << reader.read_double_attribute("/", key) << "\n";
  }
  std::cout << "\n";
}

void inspect_run(const sim::io::ResultReader& reader, const std::string& path) {
  print_attributes(reader, {"scenario_file", "coachsim_version", "git_commit", "build_type", "compiler", "host",
                            "start_time", "end_time"},
                   {"seed", "replicates", "weeks", "threads"});
  // The stored scenario is the fully resolved one: rebuilding the parameters from it gives the
  // arm names and economics needed to summarize the stored replicates.
  const Scenario scenario = load_scenario_text(reader.read_string_attribute("/", "scenario"), path + " (scenario)");
  const auto replicates = read_replicate_summaries(path);
  print_summary(std::cout, header_of(reader.read_string_attribute("/", "scenario_file"), scenario.params),
                summarize(scenario.params, replicates), scenario.params);
}

void inspect_sweep(const sim::io::ResultReader& reader, const std::string& path) {
  std::cout << "  kind: sweep\n";
  print_attributes(reader, {"sweep_file", "method", "design_hash", "treated_arm", "reference_arm", "coachsim_version",
                            "git_commit", "build_type", "compiler", "host", "start_time", "end_time"},
                   {"seed", "points", "replicates", "runs", "runs_failed", "weeks", "threads"});
  print_point_table(std::cout, read_point_table(path));
}

void inspect_compare(const sim::io::ResultReader& reader, const std::string& path) {
  std::cout << "  kind: compare\n";
  print_attributes(reader, {"reference_design", "coachsim_version", "git_commit", "build_type", "compiler", "host",
                            "start_time", "end_time"},
                   {"seed", "replicates", "weeks", "threads"});
  print_comparison(std::cout, read_comparison(path));
}

void inspect_calibration(const sim::io::ResultReader& reader) {
  std::cout << "  kind: calibration\n";
  print_attributes(reader, {"calibration_file", "targets_source", "algorithm", "coachsim_version", "git_commit",
                            "host", "start_time", "end_time"},
                   {"seed", "replicates", "best_evaluation", "threads"});
  const auto parameters = reader.read_strings("parameter").values;
  const auto best = reader.read_doubles("best_value").values;
  const auto lower = reader.read_doubles("lower_bound").values;
  const auto upper = reader.read_doubles("upper_bound").values;
  std::cout << "best parameters [search box]\n";
  for (std::size_t k = 0; k < parameters.size(); ++k) {
    std::cout << "  " << parameters[k] << " = " << best[k] << "  [" << lower[k] << ", " << upper[k] << "]\n";
  }
  const auto targets = reader.read_strings("target").values;
  const auto observed = reader.read_doubles("observed").values;
  const auto simulated = reader.read_doubles("best_simulated").values;
  std::cout << "\ntargets: observed, simulated at the best parameters\n";
  for (std::size_t t = 0; t < targets.size(); ++t) {
    std::cout << "  " << targets[t] << ": " << observed[t] << ", " << simulated[t] << "\n";
  }
}

int inspect(const std::string& path) {
  check_results_file(path);
  std::unique_ptr<sim::io::ResultReader> opened;
  try {
    opened = std::make_unique<sim::io::ResultReader>(path);
  } catch (const std::exception&) {
    throw sim::InputError(path + " is not a coachsim results file (a damaged HDF5 file)");
  }
  const sim::io::ResultReader& reader = *opened;
  std::cout << path << "\n";
  switch (kind_of(reader, path)) {
    case FileKind::Run: inspect_run(reader, path); break;
    case FileKind::Sweep: inspect_sweep(reader, path); break;
    case FileKind::Compare: inspect_compare(reader, path); break;
    case FileKind::Calibration: inspect_calibration(reader); break;
  }
  return kExitOk;
}

}  // namespace

void add_inspect_command(CLI::App& app, int& exit_code) {
  auto path = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("inspect", "print the provenance and summary of a results file (run, sweep, compare "
                                            "or calibration)");
  cmd->add_option("file", *path, "results file (.h5)")->required();
  cmd->callback([path, &exit_code] { exit_code = guarded([&] { return inspect(*path); }); });
}

}  // namespace coachsim::app
