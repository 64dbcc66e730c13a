#include "app/sweep/sweep_journal.hpp"

#include <stdexcept>

#include "app/sweep/run_record.hpp"
#include "sim/build_info.hpp"
#include "sim/input_error.hpp"

namespace coachsim::app {
namespace {

constexpr std::string_view kHeaderFormat = "coachsim-sweep-journal-1";

}  // namespace

JournalHeader header_of(const Sweep& sweep, const sim::sweep::Shard& shard) {
  const auto& build = sim::build_info();
  return {sweep.hash,      shard,          sweep.runs(), sweep.file, sweep.text,
          sweep.base_toml, std::string(build.version) + " (commit " + std::string(build.git_commit) + ")"};
}

sim::sweep::Bytes encode_header(const JournalHeader& h) {
  sim::sweep::ByteWriter out;
  out.text(kHeaderFormat).text(h.design_hash).u64(h.shard.index).u64(h.shard.count).u64(h.runs);
  out.text(h.sweep_file).text(h.sweep_text).text(h.base_toml).text(h.coachsim_version);
  return out.take();
}

JournalHeader decode_header(const sim::sweep::Bytes& bytes, const std::filesystem::path& path) {
  try {
    sim::sweep::ByteReader in(bytes);
    if (in.text() != kHeaderFormat) throw std::runtime_error("unknown header format");
    JournalHeader h;
    h.design_hash = in.text();
    h.shard.index = in.u64();
    h.shard.count = in.u64();
    h.runs = in.u64();
    h.sweep_file = in.text();
    h.sweep_text = in.text();
    h.base_toml = in.text();
    h.coachsim_version = in.text();
    if (h.shard.count == 0 || h.shard.index >= h.shard.count) throw std::runtime_error("bad shard");
    return h;
  } catch (const std::runtime_error& e) {
    throw sim::InputError(path.string() + " is not a coachsim sweep journal or shard (" + e.what() + ")");
  }
}

void index_records(sim::sweep::JournalReader& reader, int source, const sim::sweep::Shard& shard, RunIndex& index,
                   const std::vector<std::string>& labels) {
  sim::sweep::Bytes payload;
  std::uint64_t offset = 0;
  while (reader.next(payload, &offset)) {
    const std::uint64_t run = peek_run_id(payload);
    const std::string& label = labels[static_cast<std::size_t>(source)];
    if (run >= index.runs() || !shard.contains(run)) {
      throw sim::InputError(label + ": holds run " + std::to_string(run) + ", which is not in shard " + shard.text() +
                            " of a sweep of " + std::to_string(index.runs()) + " runs");
    }
    if (index.has(run)) {
      const std::string& other = labels[static_cast<std::size_t>(index.source(run))];
      throw sim::InputError("duplicated run " + std::to_string(run) + ": in " + other +
                            (other == label ? " twice" : " and in " + label));
    }
    index.set(run, source, offset);
  }
}

}  // namespace coachsim::app
