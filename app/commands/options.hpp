#pragma once
// Option groups the commands share, each declared once: where a command writes (-o/--output and
// --force), how many worker threads, the JSON summary ('-' for standard output), and the scenario
// overrides (--set, --replicates, --seed). A command adds the groups it needs to its CLI11
// subcommand and reads them back from these structs.
#include <CLI/CLI.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace coachsim::app {

// -o/--output FILE and --force.
struct OutputOptions {
  std::string output;
  bool force = false;

  // -o when given, else results/<stem of `input`>.h5.
  std::filesystem::path path_for(const std::filesystem::path& input) const;
};
// `what` describes -o (its default included), `force_help` what --force allows.
void add_output_options(CLI::App& command, OutputOptions& options, const std::string& what,
                        const std::string& force_help = "overwrite an existing results file",
                        bool required = false);

// Throws sim::InputError when `path` names one of the command's `inputs` (however it is reached:
// links, "..", hard links) -- even with --force, an input is never overwritten -- and
// sim::OutputExists (exit 2: "<path> exists; pass --force to overwrite") when `path` exists and
// --force was not given; otherwise creates its directory. Call it before any work.
void prepare_output(const std::filesystem::path& path, bool force,
                    const std::vector<std::filesystem::path>& inputs = {});
// The InputError check of prepare_output alone (`flag` names the output: "-o", "--summary-json").
void refuse_input_as_output(const std::filesystem::path& path, const std::vector<std::filesystem::path>& inputs,
                            const std::string& flag);

// --threads N (0, the default: all the cores this process may use).
void add_threads_option(CLI::App& command, int& threads);
// The worker threads a run with --threads `requested` uses.
int worker_threads(int requested);

// --allow-large: run beyond the resource limits (app/commands/limits.hpp, docs/limits.md).
void add_allow_large_option(CLI::App& command, bool& allow_large);

// --summary-json FILE ('-' for standard output).
struct SummaryJson {
  std::string destination;

  bool wanted() const { return !destination.empty(); }
  bool to_stdout() const { return destination == "-"; }
  // Before any work: a file destination follows prepare_output's rules (-o's --force, never an input).
  void prepare(bool force, const std::vector<std::filesystem::path>& inputs) const;
  // Writes `json` to standard output or, atomically, to the file.
  void write(const std::string& json) const;
};
void add_summary_json_option(CLI::App& command, SummaryJson& summary, const std::string& what);

// --set key.path=value (repeatable, when `with_set`), --replicates R and --seed S.
struct ScenarioOverrides {
  std::vector<std::string> sets;
  std::int64_t replicates = -1;  // -1: not given
  std::int64_t seed = -1;

  // As "key.path=value" overrides for load_scenario: the --set ones, then run.replicates and run.seed.
  std::vector<std::string> list() const;
};
// `scope` ends the help of --replicates and --seed ("", " of every scenario").
void add_override_options(CLI::App& command, ScenarioOverrides& overrides, bool with_set,
                          const std::string& scope = "");

}  // namespace coachsim::app
