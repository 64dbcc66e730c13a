#include "models/simulation.hpp"


#include <algorithm>
#include <cmath>
#include <mutex>

#include "models/population.hpp"
#include "models/weekly_step.hpp"
#include "sim/engine/parallel_for.hpp"
#include "sim/random/stream_key.hpp"

namespace coachsim {
namespace {

// Below this many patients, replicates run in parallel with serial phases; above, phases run
// in parallel within each replicate. Results are identical either way.
constexpr std::size_t kParallelPhasesFrom = 20000;
// Replicates in flight per worker thread: enough to keep every thread busy, few enough that a
// batch's weekly series stay small (about 15 kB per replicate for the default scenario).
constexpr std::size_t kBatchPerThread = 8;

}  // namespace

std::uint64_t replicate_seed(std::uint64_t seed, std::uint32_t replicate) {
  return sim::random::mix_seed(seed, replicate);
}

namespace {

// `arms_simulated` (optional): simulate only these arms' patients (patients do not interact under usual
// care, and each patient's draws are keyed by their identity, so the others' absence changes nothing);
// `known` (with it): who enrolled, as an earlier run of the replicate found (`found`), so that no other
// candidate is screened again.
ReplicateResult simulate(const ModelParams& params, std::uint32_t replicate, const sim::Executor& executor,
                         const std::function<void(const World&, std::uint32_t)>& observe,
                         sim::PhaseProfile* profile, const std::vector<bool>* arms_simulated = nullptr,
                         const Enrolment* known = nullptr, Enrolment* found = nullptr) {
  using sim::PhaseProfile;
  World world;
  PhaseProfile::time(profile, "population", [&] {
    world = make_world(params, replicate_seed(params.run.seed, replicate), executor, known, arms_simulated,
                       found);
  });
  Recorder recorder(params);
  auto record = [&](const World& w, std::uint32_t week) {
    PhaseProfile::time(profile, "record", [&] { recorder.record(w, week, executor); });
    if (observe) observe(w, week);
  };
  record(world, 0);
  weekly_schedule().run(
      world, 0, params.run.weeks, executor, [&](const World& w, std::uint32_t step) { record(w, step + 1); }, profile);
  ReplicateResult result;
  PhaseProfile::time(profile, "replicate_outputs", [&] { result = recorder.finish(world); });
  return result;
}

ArmTrajectory trajectory_of(const ReplicateResult& r, std::size_t arm) {
  ArmTrajectory t;
  const auto& mean = r.arm_week[kHba1cTrueMean];
  t.hba1c.assign(mean.begin() + static_cast<std::ptrdiff_t>(arm * r.weeks),
                 mean.begin() + static_cast<std::ptrdiff_t>((arm + 1) * r.weeks));
  const auto& steps = r.arm_week[kTreatmentStepMean];
  const double added = steps[arm * r.weeks + r.weeks - 1] - steps[arm * r.weeks];
  t.added_steps_end = std::isnan(added) ? 0.0 : added;
  t.enrolled = r.arm_summary[kEnrolled][arm];
  for (std::size_t y = 0; y < r.costs.years(); ++y) {
    std::array<double, kCostCategoryCount> booked{};
    for (std::size_t c = 0; c < kCostCategoryCount; ++c) {
      booked[c] = t.enrolled > 0 ? r.costs.at(arm, static_cast<CostCategory>(c), y) / t.enrolled : 0.0;
    }
    t.booked.push_back(booked);
  }
  return t;
}

// The economic outputs of every arm of `r`, against its patients under usual care (`usual`: the
// same replicate with every coached arm uncoached; an arm of usual care is its own counterfactual).
void add_economics(const ModelParams& params, ReplicateResult& r, const ReplicateResult& usual) {
  r.projection.clear();
  r.usual_care.clear();
  for (std::size_t a = 0; a < r.arms; ++a) {
    const ArmTrajectory own = trajectory_of(r, a);
    const ArmTrajectory uncoached = params.arms[a].coached() ? trajectory_of(usual, a) : own;
    ArmProjection arm = project_arm(params, own, uncoached);
    ArmProjection base = project_arm(params, uncoached, uncoached);
    for (std::size_t c = 0; c < kCostCategoryCount; ++c) r.arm_summary[kArmCostRecruitment + c][a] = arm.cost_discounted[c];
    r.arm_summary[kArmCostTotal][a] = arm.cost_total;
    r.arm_summary[kArmCostTotalUndiscounted][a] = arm.cost_total_undiscounted;
    r.arm_summary[kArmLifeYears][a] = arm.life_years_discounted;
    r.arm_summary[kArmQalys][a] = arm.qalys_discounted;
    r.arm_summary[kIncrementalCost][a] = arm.cost_total - base.cost_total;
    r.arm_summary[kIncrementalQalys][a] = arm.qalys_discounted - base.qalys_discounted;
    r.arm_summary[kIncrementalLifeYears][a] = arm.life_years_discounted - base.life_years_discounted;
    r.projection.push_back(std::move(arm));
    r.usual_care.push_back(std::move(base));
  }
}

bool any_coached(const ModelParams& params) {
  return std::any_of(params.arms.begin(), params.arms.end(), [](const ArmParams& a) { return a.coached(); });
}

}  // namespace

ModelParams usual_care_counterfactual(const ModelParams& params) {
  ModelParams usual = params;
  for (auto& arm : usual.arms) arm.intervention = Intervention::UsualCare;
  return usual;
}

ReplicateResult run_replicate(const ModelParams& params, std::uint32_t replicate, const sim::Executor& executor,
                              const std::function<void(const World&, std::uint32_t)>& observe, bool economics,
                              sim::PhaseProfile* profile) {
  using sim::PhaseProfile;
  Enrolment enrolment;
  ReplicateResult r = simulate(params, replicate, executor, observe, profile, nullptr, nullptr,
                               economics ? &enrolment : nullptr);
  if (!economics) return r;  // the economic outputs stay NaN
  if (!any_coached(params)) {
    PhaseProfile::time(profile, "economics", [&] { add_economics(params, r, r); });
    return r;
  }
  // The coached arms' patients under usual care: the same people and draws (common random numbers).
  // Arms of usual care are not simulated again: their run is already their counterfactual.
  std::vector<bool> coached_arms;
  for (const auto& arm : params.arms) coached_arms.push_back(arm.coached());
  ReplicateResult counterfactual;
  PhaseProfile::time(profile, "usual_care_counterfactual", [&] {
    // The same patients enrol under usual care (screening and randomization do not depend on the
    // interventions), so the counterfactual draws only the coached arms' patients again.
    counterfactual = simulate(usual_care_counterfactual(params), replicate, executor, {}, nullptr,
                              &coached_arms, &enrolment);
  });
  PhaseProfile::time(profile, "economics", [&] { add_economics(params, r, counterfactual); });
  return r;
}

void run_replicates(const ModelParams& params, const RunOptions& options,
                    const std::function<void(std::span<const ReplicateResult>)>& batch) {
  const std::size_t count = params.run.replicates;
  const sim::Executor parallel(sim::ExecutionMode::Parallel, options.threads);
  const sim::Executor serial(sim::ExecutionMode::Serial);
  const bool parallel_phases = !options.serial_reference && params.population.enrolled >= kParallelPhasesFrom;
  const std::size_t batch_size = options.serial_reference || parallel_phases
                                     ? 1
                                     : kBatchPerThread * static_cast<std::size_t>(std::max(parallel.threads(), 1));
  std::vector<ReplicateResult> results;
  std::mutex progress_mutex;
  std::size_t finished = 0;
  // Each replicate profiles into its own profile (replicates may run on several threads), merged here.
  auto report = [&](const sim::PhaseProfile& replicate_profile) {
    const std::lock_guard lock(progress_mutex);
    if (options.profile != nullptr) options.profile->merge(replicate_profile);
    if (options.progress) options.progress(++finished);
  };
  auto run_one = [&](std::uint32_t replicate, const sim::Executor& executor) {
    sim::PhaseProfile replicate_profile;
    ReplicateResult r = run_replicate(params, replicate, executor, {}, options.economics,
                                      options.profile != nullptr ? &replicate_profile : nullptr);
    report(replicate_profile);
    return r;
  };
  for (std::size_t first = 0; first < count; first += batch_size) {
    if (options.between_batches) options.between_batches();
    const std::size_t n = std::min(batch_size, count - first);
    results.assign(n, ReplicateResult{});
    if (batch_size == 1) {
      results[0] = run_one(static_cast<std::uint32_t>(first), parallel_phases ? parallel : serial);
    } else {
      parallel.run_isolated([&] {
        sim::parallel_for_index(n, [&](std::size_t i) {
          results[i] = run_one(static_cast<std::uint32_t>(first + i), serial);
        });
      });
    }
    batch(results);
  }
}

std::vector<ReplicateResult> run_replicates(const ModelParams& params, const RunOptions& options) {
  std::vector<ReplicateResult> all;
  all.reserve(params.run.replicates);
  run_replicates(params, options, [&](std::span<const ReplicateResult> batch) {
    all.insert(all.end(), batch.begin(), batch.end());
  });
  return all;
}

}  // namespace coachsim
