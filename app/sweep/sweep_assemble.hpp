#pragma once
// From journals to the results file: the same code for a finished local sweep, an MPI sweep and
// `coachsim merge`, reading runs in id order, so the file is the same however the runs were
// ordered, split or resumed.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "app/sweep/sweep.hpp"
#include "app/sweep/sweep_journal.hpp"
#include "app/sweep/sweep_results.hpp"

namespace coachsim::app {

struct RunFailure {
  std::uint64_t run = 0;
  std::string error;
};

struct RunTally {
  std::uint64_t ok = 0;
  std::uint64_t failed = 0;
  std::vector<RunFailure> failures;  // in run order
};

// Writes `output` (atomically: complete or absent) from the records in `sources` at the places
// `index` gives; every run of the sweep must be indexed.
RunTally assemble_results(const Sweep& sweep, std::vector<sim::sweep::JournalReader*> sources,
                          const RunIndex& index, const std::filesystem::path& output, bool overwrite,
                          const SweepProvenance& provenance);

// Status of every record of a journal (for a shard, which is not assembled here).
RunTally tally_records(const std::filesystem::path& journal);

// True when `path` is a sweep results file of this sweep's design (written completely: results
// files are renamed into place only once complete).
bool results_complete(const std::filesystem::path& path, const Sweep& sweep);
// Status of every run in a sweep results file.
RunTally tally_results_file(const std::filesystem::path& path);

// "" when every run of `shard` is indexed, else how many are missing and which (the first few,
// as run, point and replicate).
std::string describe_missing(const Sweep& sweep, const RunIndex& index, const sim::sweep::Shard& shard);

}  // namespace coachsim::app
