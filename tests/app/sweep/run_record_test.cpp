// Run records and journal headers round-trip bit for bit.
#include "app/sweep/run_record.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "app/sweep/sweep_journal.hpp"

namespace coachsim::app {
namespace {

ReplicateResult sample_result() {
  ReplicateResult r;
  r.arms = 2;
  r.weeks = 3;
  double x = 0.1;
  for (auto& series : r.arm_week) {
    series.assign(6, 0.0);
    for (auto& v : series) v = (x *= 1.37);
  }
  r.arm_week[0][2] = std::nan("");
  r.quantiles.assign(2 * 3 * kQuantiles.size(), -0.0);
  for (auto& series : r.week) series.assign(3, 1e-300);
  for (auto& summary : r.arm_summary) summary.assign(2, 42.5);
  r.summary.fill(7.0);
  return r;
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

TEST(RunRecord, RoundTripsBitForBit) {
  RunRecord record{17, RunStatus::Ok, "", sample_result()};
  const RunRecord back = decode_run(encode_run(record));
  EXPECT_EQ(back.run, 17u);
  EXPECT_EQ(back.status, RunStatus::Ok);
  EXPECT_EQ(back.result.arms, 2u);
  for (std::size_t s = 0; s < kArmWeekSeriesCount; ++s) EXPECT_TRUE(same_bits(back.result.arm_week[s], record.result.arm_week[s]));
  EXPECT_TRUE(same_bits(back.result.quantiles, record.result.quantiles));
  EXPECT_EQ(back.result.summary, record.result.summary);
  EXPECT_EQ(peek_run_id(encode_run(record)), 17u);
}

TEST(RunRecord, FailuresCarryTheirMessage) {
  const RunRecord back = decode_run(encode_run({3, RunStatus::Failed, "out of coaches", {}}));
  EXPECT_EQ(back.status, RunStatus::Failed);
  EXPECT_EQ(back.error, "out of coaches");
}

TEST(RunRecord, MalformedRecordsAreRefused) {
  auto bytes = encode_run({3, RunStatus::Ok, "", sample_result()});
  auto truncated = bytes;
  truncated.resize(bytes.size() / 2);
  EXPECT_THROW(decode_run(truncated), std::runtime_error);
  auto foreign_catalog = bytes;
  foreign_catalog[1 + 8 + 1 + 8] ^= 1;  // tag, run, status, empty error, then the catalog signature
  EXPECT_THROW(decode_run(foreign_catalog), std::runtime_error);
  EXPECT_THROW(decode_run(sim::sweep::Bytes{'X'}), std::runtime_error);
}

TEST(JournalHeader, RoundTrips) {
  const JournalHeader header{"0123456789abcdef", {2, 4}, 40, "s.toml", "text", "base", "0.1.0"};
  const JournalHeader back = decode_header(encode_header(header), "j");
  EXPECT_EQ(back.design_hash, header.design_hash);
  EXPECT_EQ(back.shard, header.shard);
  EXPECT_EQ(back.runs, 40u);
  EXPECT_EQ(back.base_toml, "base");
  EXPECT_THROW(decode_header(sim::sweep::Bytes{1, 2, 3}, "j"), std::runtime_error);
}

}  // namespace
}  // namespace coachsim::app
