#include "app/commands/options.hpp"

#include <tbb/info.h>

#include <iostream>

#include "sim/io/file_system.hpp"
#include "sim/io/text_file.hpp"

namespace coachsim::app {
namespace {

// An integer option's lower bound, with a message that says so.
CLI::Validator at_least(std::int64_t min) {
  return CLI::Validator(
      [min](std::string& value) -> std::string {
        std::int64_t number = 0;
        if (CLI::detail::lexical_cast(value, number) && number >= min) return {};
        return "expected an integer >= " + std::to_string(min) + ", got " + value;
      },
      "INT>=" + std::to_string(min));
}

}  // namespace

std::filesystem::path OutputOptions::path_for(const std::filesystem::path& input) const {
  if (!output.empty()) return output;
  return std::filesystem::path("results") / (input.stem().string() + ".h5");
}

void add_output_options(CLI::App& command, OutputOptions& options, const std::string& what,
                        const std::string& force_help, bool required) {
  auto* output = command.add_option("-o,--output", options.output, what);
  if (required) output->required();
  command.add_flag("--force", options.force, force_help);
}

void prepare_output(const std::filesystem::path& path, bool force) {
  sim::io::refuse_existing(path, force);
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
}

void add_threads_option(CLI::App& command, int& threads) {
  command.add_option("--threads", threads, "worker threads (default: all cores)")->check(at_least(0));
}

// The cores this process may use (an MPI launcher or Slurm may have bound it to fewer).
int worker_threads(int requested) { return requested > 0 ? requested : tbb::info::default_concurrency(); }

void SummaryJson::write(const std::string& json) const {
  if (to_stdout()) {
    std::cout << json;
  } else if (wanted()) {
    sim::io::write_text_atomically(destination, json);
  }
}

void add_summary_json_option(CLI::App& command, SummaryJson& summary, const std::string& what) {
  command.add_option("--summary-json", summary.destination,
                     "also write the " + what + " as JSON ('-' = stdout)");
}

std::vector<std::string> ScenarioOverrides::list() const {
  std::vector<std::string> overrides = sets;
  if (replicates >= 0) overrides.push_back("run.replicates=" + std::to_string(replicates));
  if (seed >= 0) overrides.push_back("run.seed=" + std::to_string(seed));
  return overrides;
}

void add_override_options(CLI::App& command, ScenarioOverrides& overrides, bool with_set,
                          const std::string& scope) {
  command.add_option("--replicates", overrides.replicates, "override run.replicates" + scope)
      ->check(at_least(1));
  command.add_option("--seed", overrides.seed, "override run.seed" + scope)->check(at_least(0));
  if (with_set) {
    command.add_option("--set", overrides.sets, "override a parameter: --set key.path=value (repeatable)");
  }
}

}  // namespace coachsim::app
