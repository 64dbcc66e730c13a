// Model throughput: patient-weeks per second of a 100,000-patient, 5-year run (half coached),
// on 1 and 2 threads, and the bytes of state per patient. Compare with coachsim_bench_rng
// (the RNG floor). Run: build/release/tests/benchmarks/coachsim_bench_model
#include <benchmark/benchmark.h>

#include <chrono>

#include "models/population.hpp"
#include "models/simulation.hpp"
#include "sim/config/scenario_loader.hpp"

namespace {

using namespace coachsim;

constexpr std::uint32_t kPatients = 100000;
constexpr std::uint32_t kWeeks = 260;

ModelParams county_scale() {
  const auto loaded = sim::config::load_scenario_text(
      scenario_schema(), "schema_version = 1\n", "benchmark",
      {"population.enrolled=100000", "run.weeks=260", "run.followup_week=52", "program.weeks=260",
       "coaches.count=5000", "coaches.replace_quitters=true", "run.replicates=1", "population.clinics=100"});
  return read_params(loaded.values);
}

template <class T>
std::size_t bytes(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}

std::size_t people_bytes(const People& p) {
  std::size_t total = 0;
  for (const auto* v : {&p.age, &p.hba1c_set, &p.hba1c_level, &p.fluctuation, &p.hba1c_true, &p.hba1c_measured,
                        &p.clinic_hba1c, &p.self_management, &p.self_management0, &p.adherence, &p.adherence0,
                        &p.activation, &p.activation0, &p.autonomy}) {
    total += bytes(*v);
  }
  for (const auto* v : {&p.female, &p.language, &p.low_literacy, &p.treatment_step, &p.treatment_step0}) total += bytes(*v);
  return total;
}

std::size_t patient_bytes(const Patients& p) {
  std::size_t total = people_bytes(p.people) + bytes(p.id) + bytes(p.clinic) + bytes(p.coach);
  for (const auto* v : {&p.arm, &p.engagement, &p.phone, &p.in_person, &p.group, &p.request_pending}) total += bytes(*v);
  for (const auto* v : {&p.trust, &p.baseline_measured, &p.baseline_true, &p.dose}) total += bytes(*v);
  return total;
}

void BM_PatientWeeks(benchmark::State& state) {
  const ModelParams params = county_scale();
  const int threads = static_cast<int>(state.range(0));
  const sim::Executor executor(sim::ExecutionMode::Parallel, threads);
  double seconds = 0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    benchmark::DoNotOptimize(run_replicate(params, 0, executor));
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    state.SetIterationTime(elapsed);
    seconds += elapsed;
  }
  const double patient_weeks = static_cast<double>(kPatients) * kWeeks * static_cast<double>(state.iterations());
  state.counters["patient_weeks_per_s"] = patient_weeks / seconds;
  state.counters["ns_per_patient_week"] = 1e9 * seconds / patient_weeks;
  const World world = make_world(params, 1);
  state.counters["bytes_per_patient"] = static_cast<double>(patient_bytes(world.patients)) / kPatients;
  state.SetLabel(std::to_string(threads) + (threads == 1 ? " thread" : " threads"));
}
BENCHMARK(BM_PatientWeeks)->Arg(1)->Arg(2)->Iterations(1)->UseManualTime()->Unit(benchmark::kSecond);

}  // namespace

BENCHMARK_MAIN();
