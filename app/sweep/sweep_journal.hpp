#pragma once
// Journals and shard files of a coachsim sweep. Both are sim::sweep journals whose header names
// the sweep (design hash, shard, the sweep file's text and the resolved base scenario), so a
// shard can be merged anywhere, and a journal is never resumed into another design.
//   OUT.h5.journal      a local (or MPI) sweep in progress; removed once OUT.h5 is written
//   OUT.shard.partial   a shard in progress; renamed to OUT.shard when the shard is complete
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "app/sweep/sweep.hpp"
#include "sim/sweep/journal.hpp"
#include "sim/sweep/shard.hpp"

namespace coachsim::app {

struct JournalHeader {
  std::string design_hash;
  sim::sweep::Shard shard;
  std::uint64_t runs = 0;  // in the whole sweep
  std::string sweep_file;
  std::string sweep_text;
  std::string base_toml;
  std::string coachsim_version;
};

JournalHeader header_of(const Sweep& sweep, const sim::sweep::Shard& shard);
sim::sweep::Bytes encode_header(const JournalHeader& header);
// Throws sim::InputError naming `path` when the header is not a coachsim sweep header.
JournalHeader decode_header(const sim::sweep::Bytes& bytes, const std::filesystem::path& path);

// Where each run's record lies: which journal (source) and at what byte offset.
class RunIndex {
 public:
  explicit RunIndex(std::uint64_t runs) : source_(runs, -1), offset_(runs, 0) {}
  std::uint64_t runs() const { return source_.size(); }
  bool has(std::uint64_t run) const { return source_[run] >= 0; }
  int source(std::uint64_t run) const { return source_[run]; }
  std::uint64_t offset(std::uint64_t run) const { return offset_[run]; }
  void set(std::uint64_t run, int source, std::uint64_t offset) {
    source_[run] = source;
    offset_[run] = offset;
  }

 private:
  std::vector<int> source_;
  std::vector<std::uint64_t> offset_;
};

// Reads every record of `reader` (from its current position) into `index` as source `source`;
// throws sim::InputError for a run outside the sweep or the shard, or a run already
// indexed (duplicated), naming `label` and the source holding it.
void index_records(sim::sweep::JournalReader& reader, int source, const sim::sweep::Shard& shard,
                   RunIndex& index, const std::vector<std::string>& labels);

}  // namespace coachsim::app
