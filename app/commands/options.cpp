#include "app/commands/options.hpp"

#include <tbb/info.h>

#include <charconv>
#include <iostream>

#include "app/commands/limits.hpp"
#include "models/params.hpp"

#include "sim/input_error.hpp"
#include "sim/io/file_system.hpp"
#include "sim/io/text_file.hpp"

namespace coachsim::app {
namespace {

// An integer option's range, with a message that says so in numbers for people; the text must
// be a whole number (no sign games, no overflow to the nearest representable value).
CLI::Validator integer_in(std::int64_t min, std::int64_t max) {
  const std::string range = people_number(static_cast<double>(min)) + " to " + people_number(static_cast<double>(max));
  return CLI::Validator(
      [min, max, range](std::string& value) -> std::string {
        std::int64_t number = 0;
        const char* end = value.data() + value.size();
        const auto [stop, error] = std::from_chars(value.data(), end, number);
        if (error == std::errc() && stop == end && number >= min && number <= max) return {};
        const std::string shown = value.size() > 40 ? value.substr(0, 40) + "..." : value;
        return "expected a whole number from " + range + ", got " + shown;
      },
      "INT in [" + range + "]");
}

// The declared range of a scenario key (run.replicates, run.seed).
CLI::Validator declared_range(const std::string& key) {
  const auto* spec = scenario_schema().params.find(key);
  return integer_in(static_cast<std::int64_t>(spec->min), static_cast<std::int64_t>(spec->max));
}

constexpr std::int64_t kMaxThreads = 4096;

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

namespace {

bool same_file(const std::filesystem::path& a, const std::filesystem::path& b) {
  std::error_code ec;
  if (std::filesystem::equivalent(a, b, ec) && !ec) return true;
  const auto ca = std::filesystem::weakly_canonical(a, ec);
  if (ec) return false;
  const auto cb = std::filesystem::weakly_canonical(b, ec);
  return !ec && ca == cb;
}

}  // namespace

void refuse_input_as_output(const std::filesystem::path& path, const std::vector<std::filesystem::path>& inputs,
                            const std::string& flag) {
  for (const auto& input : inputs) {
    if (!input.empty() && same_file(path, input)) {
      throw sim::InputError(flag + " " + path.string() + " is " +
                            (path == input ? "an input" : "the input " + input.string()) +
                            " of this command; inputs are never overwritten, even with --force");
    }
  }
}

void prepare_output(const std::filesystem::path& path, bool force, const std::vector<std::filesystem::path>& inputs) {
  refuse_input_as_output(path, inputs, "output");
  sim::io::refuse_existing(path, force);
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
}

void add_threads_option(CLI::App& command, int& threads) {
  command.add_option("--threads", threads, "worker threads (default: all cores)")->check(integer_in(0, kMaxThreads));
}

// The cores this process may use (an MPI launcher or Slurm may have bound it to fewer).
int worker_threads(int requested) { return requested > 0 ? requested : tbb::info::default_concurrency(); }

void add_allow_large_option(CLI::App& command, bool& allow_large) {
  command.add_flag("--allow-large", allow_large,
                   "run even when the input needs more work or memory than the limits allow (docs/limits.md)");
}

void SummaryJson::prepare(bool force, const std::vector<std::filesystem::path>& inputs) const {
  if (!wanted() || to_stdout()) return;
  refuse_input_as_output(destination, inputs, "--summary-json");
  prepare_output(destination, force);
}

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
      ->check(declared_range("run.replicates"));
  command.add_option("--seed", overrides.seed, "override run.seed" + scope)->check(declared_range("run.seed"));
  if (with_set) {
    command.add_option("--set", overrides.sets, "override a parameter: --set key.path=value (repeatable)");
  }
}

}  // namespace coachsim::app
