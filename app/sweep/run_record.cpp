#include "app/sweep/run_record.hpp"

#include <stdexcept>

namespace coachsim::app {
namespace {

constexpr std::uint8_t kRunTag = 'R';

// The output catalog's shape: a record from a build with other outputs is refused, not misread.
// (Counts per shape, as records have always been signed.)
std::uint64_t catalog_signature() {
  return kArmWeekSeriesCount | (kWeekSeriesCount << 8) | (kArmSummaryCount << 16) | (kReplicateSummaryCount << 24) |
         (std::uint64_t{kQuantiles.size()} << 32);
}

std::size_t size_of(Shape shape, std::size_t arms, std::size_t weeks) {
  std::size_t size = 1;
  for (const std::size_t extent : extents_of(shape, arms, weeks)) size *= extent;
  return size;
}

}  // namespace

sim::sweep::Bytes encode_run(const RunRecord& record) {
  sim::sweep::ByteWriter out;
  out.u8(kRunTag).u64(record.run).u8(static_cast<std::uint8_t>(record.status)).text(record.error);
  if (record.status != RunStatus::Ok) return out.take();
  const ReplicateResult& r = record.result;
  out.u64(catalog_signature()).u64(r.arms).u64(r.weeks);
  for (const OutputInfo& output : kOutputs) {  // a series as a length-prefixed list, a single value alone
    const auto values = values_of(r, output);
    if (output.shape == Shape::Replicate) {
      out.f64(values.front());
    } else {
      out.f64s(values);
    }
  }
  return out.take();
}

RunRecord decode_run(std::span<const unsigned char> bytes) {
  sim::sweep::ByteReader in(bytes);
  if (in.u8() != kRunTag) throw std::runtime_error("not a run record");
  RunRecord record;
  record.run = in.u64();
  const std::uint8_t status = in.u8();
  if (status != static_cast<std::uint8_t>(RunStatus::Ok) && status != static_cast<std::uint8_t>(RunStatus::Failed)) {
    throw std::runtime_error("run record: unknown status " + std::to_string(status));
  }
  record.status = static_cast<RunStatus>(status);
  record.error = in.text();
  if (record.status != RunStatus::Ok) return record;
  if (in.u64() != catalog_signature()) {
    throw std::runtime_error("run record written by a coachsim with a different output catalog");
  }
  ReplicateResult& r = record.result;
  r.arms = static_cast<std::size_t>(in.u64());
  r.weeks = static_cast<std::size_t>(in.u64());
  for (const OutputInfo& output : kOutputs) {
    if (auto* series = series_of(r, output)) {
      *series = in.f64s();
      if (series->size() != size_of(output.shape, r.arms, r.weeks)) {
        throw std::runtime_error(std::string("run record: ") + output.name + " has the wrong length");
      }
    } else {
      r.summary[output.id] = in.f64();
    }
  }
  if (!in.done()) throw std::runtime_error("run record: trailing bytes");
  return record;
}

std::uint64_t peek_run_id(std::span<const unsigned char> bytes) {
  sim::sweep::ByteReader in(bytes);
  if (in.u8() != kRunTag) throw std::runtime_error("not a run record");
  return in.u64();
}

}  // namespace coachsim::app
