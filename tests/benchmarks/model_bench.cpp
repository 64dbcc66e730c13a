// Model throughput on the county workload (100,000 patients, half coached, 5,000 coaches replaced as
// they quit, 5 years): patient-weeks per second on 1 and 2 threads and the speed-up, the
// random-number floor measured in the same run (Philox blocks per patient-week x ns per block, the
// cheaper of one at a time and a tile at a time), the bytes of agent state per patient at the end of
// the run (patients and the coaches held) and the most held at the end of any week, and where the
// time goes, phase by phase. Figures only: machines are
// shared and noisy, nothing here passes or fails.
// Run: build/release/tests/benchmarks/coachsim_bench_model [--quick]
#include <array>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

#include "models/population.hpp"
#include "models/simulation.hpp"
#include "sim/config/scenario_loader.hpp"
#include "sim/random/stream_blocks.hpp"
#include "sim/random/stream_key.hpp"

namespace {

using namespace coachsim;
using Clock = std::chrono::steady_clock;

ModelParams county(std::uint32_t patients, std::uint32_t weeks) {
  const std::string n = std::to_string(patients), w = std::to_string(weeks);
  const auto loaded = sim::config::load_scenario_text(
      scenario_schema(), "schema_version = 1\n", "benchmark",
      {"population.enrolled=" + n, "run.weeks=" + w, "run.followup_week=52", "program.weeks=" + w,
       "coaches.count=" + std::to_string(patients / 20), "coaches.replace_quitters=true", "run.replicates=1",
       "population.clinics=100"});
  return read_params(loaded.values);
}

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// One replicate without its economic counterfactual (the model itself), timed.
double run_seconds(const ModelParams& params, const sim::Executor& executor, bool economics = false,
                   sim::PhaseProfile* profile = nullptr) {
  const auto start = Clock::now();
  const ReplicateResult r = run_replicate(params, 0, executor, {}, economics, profile);
  const double elapsed = seconds_since(start);
  if (r.weeks == 0) std::puts("(empty result)");  // keeps the run observable
  return elapsed;
}

// ns per Philox block, keyed as the model keys them (a new agent each block): one at a time, and a
// tile of 256 at a time as the per-agent loops draw them (sim::random::stream_blocks).
constexpr std::uint32_t kFloorBlocks = 20'000'000;

double ns_per_block_alone() {
  std::uint32_t sink = 0;
  const auto start = Clock::now();
  for (std::uint32_t i = 0; i < kFloorBlocks; ++i) sink ^= sim::random::stream_block({42, 7, i, 3})[0];
  const double elapsed = seconds_since(start);
  if (sink == 0x12345678u) std::puts("");
  return 1e9 * elapsed / kFloorBlocks;
}

double ns_per_block_in_tiles() {
  constexpr std::uint32_t kTile = 256;
  std::array<std::uint32_t, kTile> agents;
  std::array<sim::random::PhiloxCounter, kTile> blocks;
  std::uint32_t sink = 0;
  const auto start = Clock::now();
  for (std::uint32_t first = 0; first < kFloorBlocks; first += kTile) {
    for (std::uint32_t k = 0; k < kTile; ++k) agents[k] = first + k;
    sim::random::stream_blocks({42, 7, 0, 3}, agents.data(), kTile, blocks.data());
    sink ^= blocks[first % kTile][0];
  }
  const double elapsed = seconds_since(start);
  if (sink == 0x12345678u) std::puts("");
  return 1e9 * elapsed / kFloorBlocks;
}

template <class Agents>
std::size_t column_bytes(Agents& agents) {
  std::size_t total = 0;
  agents.for_each_column([&](auto& column, auto) { total += column.capacity() * sizeof(column[0]); });
  return total;
}

}  // namespace

int main(int argc, char** argv) {
  const bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
  const std::uint32_t patients = quick ? 20000 : 100000, weeks = quick ? 52 : 260;
  const ModelParams params = county(patients, weeks);
  const double patient_weeks = static_cast<double>(patients) * weeks;
  std::printf("county workload: %u patients (half coached), %u coaches replaced as they quit, %u weeks\n", patients,
              patients / 20, weeks);

  // Draws: every block of one serial run, counted on this thread; state: the world at the end of it,
  // and the most it held at the end of any week.
  const sim::Executor serial(sim::ExecutionMode::Serial);
  const std::uint64_t blocks_before = sim::random::blocks_drawn();
  std::size_t patient_bytes = 0, coach_bytes = 0, peak_bytes = 0, coaches_held = 0, coaches_recruited = 0;
  std::uint32_t peak_week = 0;
  run_replicate(
      params, 0, serial,
      [&](const World& world, std::uint32_t week) {
        auto& w = const_cast<World&>(world);  // read-only: for_each_column hands out mutable columns
        patient_bytes =
            column_bytes(w.patients) + column_bytes(w.patients.records) + w.patients.records.held.bytes();
        coach_bytes = column_bytes(w.coaches) + column_bytes(w.coaches.founders);
        if (patient_bytes + coach_bytes > peak_bytes)
          peak_bytes = patient_bytes + coach_bytes, peak_week = week;
        coaches_held = w.coaches.size();
        coaches_recruited = w.ledger.coaches_recruited;
      },
      false);
  const double blocks_per_patient_week = static_cast<double>(sim::random::blocks_drawn() - blocks_before) / patient_weeks;

  // Interleaved: 1 thread, 2 threads and the Philox block, three times; the fastest of each, so that
  // the run and its floor are measured alike.
  const sim::Executor one(sim::ExecutionMode::Parallel, 1), two(sim::ExecutionMode::Parallel, 2);
  sim::PhaseProfile profile;
  double t1 = run_seconds(params, one, false, &profile), t2 = run_seconds(params, two);
  double alone_ns = ns_per_block_alone(), tile_ns = ns_per_block_in_tiles();
  for (int repeat = 1; repeat < 3; ++repeat) {
    t1 = std::min(t1, run_seconds(params, one));
    t2 = std::min(t2, run_seconds(params, two));
    alone_ns = std::min(alone_ns, ns_per_block_alone());
    tile_ns = std::min(tile_ns, ns_per_block_in_tiles());
  }
  // The floor: every block at the cheaper of the two ways (most are drawn a tile at a time).
  const double block_ns = std::min(alone_ns, tile_ns);
  const double with_economics = run_seconds(params, one, true);

  const double ns1 = 1e9 * t1 / patient_weeks, floor_ns = blocks_per_patient_week * block_ns;
  std::printf("\n%-46s %12s\n", "figure", "value");
  std::printf("%-46s %12.2f M\n", "patient-weeks per second, 1 thread", patient_weeks / t1 / 1e6);
  std::printf("%-46s %12.2f M\n", "patient-weeks per second, 2 threads", patient_weeks / t2 / 1e6);
  std::printf("%-46s %12.2f x\n", "speed-up on 2 threads", t1 / t2);
  std::printf("%-46s %12.1f ns\n", "per patient-week, 1 thread", ns1);
  std::printf("%-46s %12.3f\n", "Philox blocks per patient-week", blocks_per_patient_week);
  std::printf("%-46s %12.2f ns\n", "per Philox block, one at a time", alone_ns);
  std::printf("%-46s %12.2f ns\n",
              sim::random::stream_blocks_vectorized() ? "per Philox block, a tile at a time (AVX2)"
                                                      : "per Philox block, a tile at a time",
              tile_ns);
  std::printf("%-46s %12.1f ns\n", "random-number floor per patient-week", floor_ns);
  std::printf("%-46s %12.1f x\n", "run / random-number floor", ns1 / floor_ns);
  std::printf("%-46s %12.2f x\n", "with the economic counterfactual / without", with_economics / t1);
  std::printf("%-46s %12.1f B\n", "state per patient, patients", static_cast<double>(patient_bytes) / patients);
  std::printf("%-46s %12.1f B\n", "state per patient, coaches", static_cast<double>(coach_bytes) / patients);
  std::printf("%-46s %12.1f B\n",
              ("state per patient, most held (week " + std::to_string(peak_week) + ")").c_str(),
              static_cast<double>(peak_bytes) / patients);
  std::printf("%-46s %12zu\n", "coaches recruited over the run", coaches_recruited);
  std::printf("%-46s %12zu\n", "coaches held at the end (former ones released)", coaches_held);

  std::printf("\ntime by phase, 1 thread (ns per patient-week):\n");
  for (const auto& e : profile.entries()) std::printf("  %-30s %8.2f\n", e.name.c_str(), 1e9 * e.seconds / patient_weeks);
  return 0;
}
