#pragma once
// One invocation of `coachsim sweep` on the journal side: checks the outputs, creates or resumes
// the journal, records finished runs, and at the end writes the results file (whole sweep) or
// seals the shard file. The same for local threads and for MPI rank 0.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "app/sweep/sweep.hpp"
#include "app/sweep/sweep_assemble.hpp"
#include "sim/sweep/journal.hpp"
#include "sim/sweep/shard.hpp"

namespace coachsim::app {

struct SweepJobOptions {
  std::filesystem::path output;  // results file, or shard file with a shard
  sim::sweep::Shard shard;
  bool shard_file = false;  // --shard given (even 0/1): write a shard file, not the results file
  bool resume = false;
  bool force = false;
};

class SweepJob {
 public:
  // Throws sim::InputError when an output or journal is in the way (with what to do).
  SweepJob(const Sweep& sweep, SweepJobOptions options);

  // Runs of the shard not yet journaled, in run order.
  const std::vector<std::uint64_t>& pending() const { return pending_; }
  std::uint64_t runs_in_shard() const { return runs_in_shard_; }
  std::uint64_t resumed() const { return resumed_; }
  // With --resume, the shard file or results file already exists for this design (a job killed
  // after writing it): nothing to run; complete() removes a leftover journal.
  bool already_complete() const { return already_complete_; }
  // Bytes of a torn record cut off the journal when resuming (0 when clean).
  std::uint64_t discarded_bytes() const { return discarded_bytes_; }
  // Bytes of damaged records skipped in the middle of the journal when resuming (0 when clean).
  std::uint64_t damaged_bytes() const { return damaged_bytes_; }
  // With --resume, the journal's header was incomplete (cut short while created): started over.
  bool restarted() const { return restarted_; }
  const std::filesystem::path& journal_path() const { return journal_path_; }
  const std::filesystem::path& output() const { return options_.output; }
  const sim::sweep::Shard& shard() const { return options_.shard; }

  // Appends a finished run (encode_run bytes) to the journal and fsyncs it. Not thread-safe.
  void record(const sim::sweep::Bytes& run_record);
  // Once every pending run is recorded: writes the results file and removes the journal, or
  // renames the journal to the shard file. Returns the status of every run in the output.
  RunTally complete(const SweepProvenance& provenance);

 private:
  void resume_journal();
  const Sweep& sweep_;
  SweepJobOptions options_;
  std::filesystem::path journal_path_;
  std::vector<std::uint64_t> pending_;
  std::uint64_t runs_in_shard_ = 0;
  std::uint64_t resumed_ = 0;
  std::uint64_t discarded_bytes_ = 0;
  std::uint64_t damaged_bytes_ = 0;
  bool already_complete_ = false;
  bool restarted_ = false;
  std::optional<sim::sweep::JournalWriter> journal_;
};

// Runs one run of the sweep and returns its record (encode_run); a run that throws is recorded as
// failed with the message. `fail_runs` (testing only) lists runs that fail on purpose.
sim::sweep::Bytes execute_run(const Sweep& sweep, std::uint64_t run, const std::vector<std::uint64_t>& fail_runs);

}  // namespace coachsim::app
