#include "app/sweep/run_record.hpp"

#include <stdexcept>

namespace coachsim::app {
namespace {

constexpr std::uint8_t kRunTag = 'R';

// The output catalog's shape: a record from a build with other outputs is refused, not misread.
std::uint64_t catalog_signature() {
  return kArmWeekSeriesCount | (kWeekSeriesCount << 8) | (kArmSummaryCount << 16) | (kReplicateSummaryCount << 24) |
         (std::uint64_t{kQuantiles.size()} << 32);
}

void expect_size(const std::vector<double>& values, std::size_t size) {
  if (values.size() != size) throw std::runtime_error("run record: a series has the wrong length");
}

}  // namespace

sim::sweep::Bytes encode_run(const RunRecord& record) {
  sim::sweep::ByteWriter out;
  out.u8(kRunTag).u64(record.run).u8(static_cast<std::uint8_t>(record.status)).text(record.error);
  if (record.status != RunStatus::Ok) return out.take();
  const ReplicateResult& r = record.result;
  out.u64(catalog_signature()).u64(r.arms).u64(r.weeks);
  for (const auto& series : r.arm_week) out.f64s(series);
  out.f64s(r.quantiles);
  for (const auto& series : r.week) out.f64s(series);
  for (const auto& summary : r.arm_summary) out.f64s(summary);
  for (double value : r.summary) out.f64(value);
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
  for (auto& series : r.arm_week) expect_size(series = in.f64s(), r.arms * r.weeks);
  expect_size(r.quantiles = in.f64s(), r.arms * r.weeks * kQuantiles.size());
  for (auto& series : r.week) expect_size(series = in.f64s(), r.weeks);
  for (auto& summary : r.arm_summary) expect_size(summary = in.f64s(), r.arms);
  for (double& value : r.summary) value = in.f64();
  if (!in.done()) throw std::runtime_error("run record: trailing bytes");
  return record;
}

std::uint64_t peek_run_id(std::span<const unsigned char> bytes) {
  sim::sweep::ByteReader in(bytes);
  if (in.u8() != kRunTag) throw std::runtime_error("not a run record");
  return in.u64();
}

}  // namespace coachsim::app
