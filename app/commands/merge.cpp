// coachsim merge: the shard files of a sweep (coachsim sweep --shard K/N) into the results file
// a local sweep would have written. Refuses shards of different sweeps, shards given twice, runs
// present twice and missing runs, saying which.
#include <iostream>
#include <memory>
#include <set>

#include "app/commands/commands.hpp"
#include "app/commands/options.hpp"
#include "app/commands/run_clock.hpp"
#include "app/results_file.hpp"
#include "app/scenario_input.hpp"
#include "app/sweep/sweep_assemble.hpp"
#include "app/sweep/sweep_report.hpp"
#include "sim/build_info.hpp"
#include "sim/cli/progress.hpp"
#include "sim/input_error.hpp"

namespace coachsim::app {
namespace {

struct MergeArgs {
  std::vector<std::string> shards;
  OutputOptions output;
  SummaryJson summary_json;
};

std::string absent_shards(const std::vector<JournalHeader>& headers) {
  const std::uint64_t count = headers.front().shard.count;
  std::set<std::uint64_t> present;
  for (const auto& h : headers) {
    if (h.shard.count != count) return "";
    present.insert(h.shard.index);
  }
  std::string absent;
  for (std::uint64_t k = 0; k < count; ++k) {
    if (present.count(k) == 0) absent += (absent.empty() ? "" : ", ") + std::to_string(k) + "/" + std::to_string(count);
  }
  return absent.empty() ? "" : "; shard" + std::string(absent.find(',') == std::string::npos ? " " : "s ") + absent +
                                   " not given (did its job finish? rerun it with --resume)";
}

void check_same_sweep(const std::vector<JournalHeader>& headers, const std::vector<std::string>& labels) {
  for (std::size_t i = 1; i < headers.size(); ++i) {
    if (headers[i].design_hash != headers[0].design_hash) {
      throw sim::InputError("foreign shard: " + labels[i] + " is from design " + headers[i].design_hash + " (" +
                            headers[i].sweep_file + "), but " + labels[0] + " is from design " +
                            headers[0].design_hash + " (" + headers[0].sweep_file +
                            "); only shards of one sweep can be merged");
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (headers[i].shard == headers[j].shard) {
        throw sim::InputError("duplicated shard: " + labels[j] + " and " + labels[i] + " are both shard " +
                              headers[i].shard.text());
      }
    }
  }
}

// The sweep the shards recorded, rebuilt by this build; a build whose parameters differ cannot.
Sweep recorded_sweep(const JournalHeader& header) {
  try {
    return load_recorded_sweep(header.sweep_text, header.sweep_file, header.base_toml);
  } catch (const sim::config::ConfigErrors& errors) {
    throw sim::InputError("the shards were written by coachsim " + header.coachsim_version +
                          ", whose parameters this build does not read: " + errors.errors().front().format() +
                          "; merge them with the build that ran them");
  }
}

int merge(const MergeArgs& args) {
  const std::filesystem::path output = args.output.output;
  const std::vector<std::filesystem::path> inputs(args.shards.begin(), args.shards.end());
  args.summary_json.prepare(args.output.force, inputs);
  prepare_output(output, args.output.force, inputs);
  const RunClock clock;
  std::vector<std::unique_ptr<sim::sweep::JournalReader>> readers;
  std::vector<JournalHeader> headers;
  for (const auto& path : args.shards) {
    if (!std::filesystem::is_regular_file(path)) throw sim::InputError(path + ": no such shard file");
    readers.push_back(std::make_unique<sim::sweep::JournalReader>(path));
    headers.push_back(decode_header(readers.back()->header(), path));
  }
  check_same_sweep(headers, args.shards);
  const JournalHeader& first = headers.front();
  const Sweep sweep = recorded_sweep(first);
  if (sweep.hash != first.design_hash) {
    throw sim::InputError("the shards are from design " + first.design_hash + ", but this coachsim (" +
                          std::string(sim::build_info().version) + ") makes design " + sweep.hash +
                          " of their sweep (written by coachsim " + first.coachsim_version +
                          "); merge them with the build that ran them");
  }
  RunIndex index(sweep.runs());
  for (std::size_t i = 0; i < readers.size(); ++i) {
    index_records(*readers[i], static_cast<int>(i), headers[i].shard, index, args.shards);
    if (readers[i]->damaged_bytes() > 0) {
      throw sim::InputError(args.shards[i] + " has " + std::to_string(readers[i]->damaged_bytes()) +
                            " bytes of damaged records; rerun that shard (or resume it: sweep --shard ... --resume "
                            "on its .partial journal keeps the intact runs)");
    }
    if (readers[i]->trailing_bytes() > 0) {
      throw sim::InputError(args.shards[i] + " is damaged after byte " + std::to_string(readers[i]->valid_end()) +
                            " (an unfinished or corrupt record); rerun that shard");
    }
  }
  if (const std::string missing = describe_missing(sweep, index, {}); !missing.empty()) {
    throw sim::InputError("cannot merge: " + missing + absent_shards(headers));
  }
  std::vector<sim::sweep::JournalReader*> sources;
  for (const auto& reader : readers) sources.push_back(reader.get());
  SweepOutcome outcome;
  outcome.runs = sweep.runs();
  outcome.workers = 1;
  // The runs took their time in the shards' jobs: the merged file records none.
  outcome.tally = assemble_results(sweep, sources, index, output, args.output.force, clock.context(0.0, 1));
  outcome.wall_seconds = clock.seconds();
  outcome.output = output.string();
  std::cout << "merged " << readers.size() << " shard" << (readers.size() == 1 ? "" : "s") << " of " << sweep.file
            << " (design " << sweep.hash << ", " << sweep.runs() << " runs) in "
            << sim::cli::Progress::format_duration(outcome.wall_seconds) << "\n";
  print_tally(std::cout, sweep, outcome);
  args.summary_json.write(outcome_json(sweep, outcome));
  return outcome.tally.failed > 0 ? kExitFailure : kExitOk;
}

}  // namespace

void add_merge_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<MergeArgs>();
  auto* cmd = app.add_subcommand("merge", "merge the shard files of a sweep into its results file");
  cmd->add_option("shards", args->shards, "shard files (coachsim sweep --shard K/N)")->required();
  add_output_options(*cmd, args->output, "results file", "overwrite an existing results file", true);
  add_summary_json_option(*cmd, args->summary_json, "run summary");
  cmd->callback([args, &exit_code] { exit_code = guarded([&] { return merge(*args); }); });
}

}  // namespace coachsim::app
