#include "app/sweep/sweep_assemble.hpp"

#include "app/sweep/run_record.hpp"
#include "sim/io/result_file.hpp"

namespace coachsim::app {
namespace {

constexpr std::size_t kMissingShown = 5;

void count(RunTally& tally, const RunRecord& record) {
  if (record.status == RunStatus::Ok) {
    ++tally.ok;
  } else {
    ++tally.failed;
    tally.failures.push_back({record.run, record.error});
  }
}

}  // namespace

RunTally assemble_results(const Sweep& sweep, std::vector<sim::sweep::JournalReader*> sources, const RunIndex& index,
                          const std::filesystem::path& output, bool overwrite, const SweepProvenance& provenance) {
  auto file = sim::io::AtomicFile::create(output, overwrite);
  RunTally tally;
  {
    SweepResultsWriter writer(file.root(), sweep);
    for (std::uint64_t point = 0; point < sweep.points(); ++point) {
      for (std::uint64_t replicate = 0; replicate < sweep.replicates; ++replicate) {
        const std::uint64_t run = sim::sweep::run_id(point, replicate, sweep.replicates);
        if (!index.has(run)) throw std::logic_error("assemble_results: run " + std::to_string(run) + " is missing");
        const auto& source = *sources.at(static_cast<std::size_t>(index.source(run)));
        const RunRecord record = decode_run(source.read_at(index.offset(run)));
        if (record.run != run) throw std::runtime_error(source.path().string() + ": record out of place");
        writer.add_run(record);
        count(tally, record);
      }
      writer.end_point(point);
    }
    writer.finish(provenance, tally.failed);
  }
  file.commit();
  return tally;
}

RunTally tally_records(const std::filesystem::path& journal) {
  sim::sweep::JournalReader reader(journal);
  RunTally tally;
  sim::sweep::Bytes payload;
  while (reader.next(payload)) count(tally, decode_run(payload));
  return tally;
}

bool results_complete(const std::filesystem::path& path, const Sweep& sweep) {
  try {
    const sim::io::ResultReader reader(path);
    return reader.has_attribute("/", "Conventions") &&
           reader.read_string_attribute("/", "Conventions") == "coachsim-sweep-1" &&
           reader.has_attribute("/", "design_hash") && reader.read_string_attribute("/", "design_hash") == sweep.hash;
  } catch (const std::exception&) {  // not a readable sweep results file: not this sweep's
    return false;
  }
}

RunTally tally_results_file(const std::filesystem::path& path) {
  const sim::io::ResultReader reader(path);
  const auto status = reader.read_int64s("run_status");
  const auto errors = reader.read_strings("run_error");
  RunTally tally;
  for (std::size_t run = 0; run < status.values.size(); ++run) {
    RunRecord record;
    record.run = run;
    record.status = static_cast<RunStatus>(status.values[run]);
    if (record.status != RunStatus::Ok && run < errors.values.size()) record.error = errors.values[run];
    count(tally, record);
  }
  return tally;
}

std::string describe_missing(const Sweep& sweep, const RunIndex& index, const sim::sweep::Shard& shard) {
  std::uint64_t missing = 0;
  std::string examples;
  for (std::uint64_t run = shard.index; run < index.runs(); run += shard.count) {
    if (index.has(run)) continue;
    if (++missing > kMissingShown) continue;
    examples += (examples.empty() ? "" : ", ") + std::to_string(run) + " (point " + std::to_string(run / sweep.replicates) +
                ", replicate " + std::to_string(run % sweep.replicates) + ")";
  }
  if (missing == 0) return "";
  return std::to_string(missing) + " run" + (missing == 1 ? "" : "s") + " missing: " + examples +
         (missing > kMissingShown ? ", ..." : "");
}

}  // namespace coachsim::app
