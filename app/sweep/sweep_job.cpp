#include "app/sweep/sweep_job.hpp"

#include <algorithm>
#include <stdexcept>

#include "app/sweep/run_record.hpp"
#include "models/simulation.hpp"
#include "sim/input_error.hpp"
#include "sim/io/file_system.hpp"

namespace coachsim::app {
namespace {

namespace fs = std::filesystem;

// Group commit: a fast sweep does not wait for the disk after every run. A killed process loses
// nothing (records are written before they count); a power failure loses at most this much work.
constexpr std::chrono::milliseconds kJournalSyncInterval{1000};

}  // namespace

SweepJob::SweepJob(const Sweep& sweep, SweepJobOptions options) : sweep_(sweep), options_(std::move(options)) {
  const auto& shard = options_.shard;
  journal_path_ = options_.output;
  journal_path_ += options_.shard_file ? ".partial" : ".journal";
  for (std::uint64_t run = shard.index; run < sweep.runs(); run += shard.count) ++runs_in_shard_;
  if (fs::exists(options_.output)) {
    if (options_.shard_file && options_.resume && !options_.force) {
      sim::sweep::JournalReader done(options_.output);
      const JournalHeader header = decode_header(done.header(), options_.output);
      if (header.design_hash != sweep.hash || !(header.shard == shard)) {
        throw sim::InputError(options_.output.string() + " is shard " + header.shard.text() + " of design " +
                              header.design_hash + ", not shard " + shard.text() + " of " + sweep.hash +
                              "; pass --force to overwrite it");
      }
      already_complete_ = true;
      return;
    }
    // Killed after the results file was written but before its journal was removed (or resumed
    // again by a requeued job): the results file is complete, nothing to run.
    if (!options_.shard_file && options_.resume && !options_.force && results_complete(options_.output, sweep)) {
      already_complete_ = true;
      return;
    }
    sim::io::refuse_existing(options_.output, options_.force);
  }
  if (fs::exists(journal_path_) && options_.resume) {
    try {
      resume_journal();
      return;
    } catch (const sim::sweep::TornJournalHeader&) {  // created but never written: start it over
      restarted_ = true;
    }
  } else if (fs::exists(journal_path_) && !options_.force) {
    throw sim::InputError(journal_path_.string() +
                          " holds an interrupted sweep: pass --resume to continue it, or --force to start over");
  }
  journal_.emplace(sim::sweep::JournalWriter::create(journal_path_, encode_header(header_of(sweep, shard)), true));
  journal_->set_sync_interval(kJournalSyncInterval);
  for (std::uint64_t run = shard.index; run < sweep.runs(); run += shard.count) pending_.push_back(run);
}

void SweepJob::resume_journal() {
  const auto& shard = options_.shard;
  RunIndex index(sweep_.runs());
  std::uint64_t valid_end = 0;
  {
    sim::sweep::JournalReader reader(journal_path_);
    const JournalHeader header = decode_header(reader.header(), journal_path_);
    if (header.design_hash != sweep_.hash || !(header.shard == shard)) {
      throw sim::InputError(journal_path_.string() + " belongs to design " + header.design_hash + " (" +
                            header.sweep_file + ", shard " + header.shard.text() + "), not to this sweep (design " +
                            sweep_.hash + ", shard " + shard.text() + "; it was written by coachsim " +
                            header.coachsim_version + "); remove it, or pass --force without --resume to start over");
    }
    index_records(reader, 0, shard, index, {journal_path_.string()});
    valid_end = reader.valid_end();
    discarded_bytes_ = reader.trailing_bytes();
    damaged_bytes_ = reader.damaged_bytes();
  }
  journal_.emplace(sim::sweep::JournalWriter::reopen(journal_path_, valid_end));
  journal_->set_sync_interval(kJournalSyncInterval);
  for (std::uint64_t run = shard.index; run < sweep_.runs(); run += shard.count) {
    if (index.has(run)) {
      ++resumed_;
    } else {
      pending_.push_back(run);
    }
  }
}

void SweepJob::record(const sim::sweep::Bytes& run_record) { journal_->append(run_record); }

RunTally SweepJob::complete(const SweepProvenance& provenance) {
  if (already_complete_) {
    if (options_.shard_file) return tally_records(options_.output);
    RunTally tally = tally_results_file(options_.output);
    if (fs::exists(journal_path_)) {
      // Removed under its lock, so a sweep writing it (it would have to be another one) is not disturbed.
      const auto lock = sim::sweep::JournalWriter::reopen(journal_path_, fs::file_size(journal_path_));
      fs::remove(journal_path_);
      sim::io::sync_directory_of(journal_path_);
    }
    return tally;
  }
  // The journal stays open, and so locked, until the output is written: a second sweep started
  // with --force on the same output is refused instead of truncating it.
  journal_->sync();
  if (options_.shard_file) {
    RunTally tally = tally_records(journal_path_);
    fs::rename(journal_path_, options_.output);
    sim::io::sync_directory_of(options_.output);
    journal_->close();
    return tally;
  }
  sim::sweep::JournalReader reader(journal_path_);
  RunIndex index(sweep_.runs());
  index_records(reader, 0, options_.shard, index, {journal_path_.string()});
  if (const std::string missing = describe_missing(sweep_, index, options_.shard); !missing.empty()) {
    throw std::runtime_error(journal_path_.string() + ": " + missing);
  }
  RunTally tally = assemble_results(sweep_, {&reader}, index, options_.output, options_.force, provenance);
  fs::remove(journal_path_);
  journal_->close();
  return tally;
}

sim::sweep::Bytes execute_run(const Sweep& sweep, std::uint64_t run, const std::vector<std::uint64_t>& fail_runs) {
  RunRecord record;
  record.run = run;
  try {
    if (std::find(fail_runs.begin(), fail_runs.end(), run) != fail_runs.end()) {
      throw std::runtime_error("failure injected with --fail-run (testing)");
    }
    const sim::Executor serial(sim::ExecutionMode::Serial);
    const ModelParams params = sweep.params_for(static_cast<std::size_t>(run / sweep.replicates));
    record.result = run_replicate(params, static_cast<std::uint32_t>(run % sweep.replicates), serial);
  } catch (const std::exception& e) {
    record.status = RunStatus::Failed;
    record.error = e.what();
    record.result = {};
  }
  return encode_run(record);
}

}  // namespace coachsim::app
