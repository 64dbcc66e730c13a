// The weekly step (models/weekly_step.cpp) and its description: docs/model.md's phase table lists
// every phase of the schedule, in order, with its kind.
#include "models/weekly_step.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "tests/models/model_test_support.hpp"

namespace coachsim {
namespace {

struct DocumentedPhase {
  std::string name, kind;
};

std::vector<DocumentedPhase> documented_phases() {
  std::ifstream in(std::string(COACHSIM_SOURCE_DIR) + "/docs/model.md");
  const std::regex row(R"(^\| [0-9]+ \| `([a-z_]+)` \| ([a-z ,]+) \|)");
  std::vector<DocumentedPhase> phases;
  std::string line;
  std::smatch m;
  while (std::getline(in, line)) {
    if (std::regex_search(line, m, row)) phases.push_back({m[1].str(), m[2].str()});
  }
  return phases;
}

TEST(WeeklyStep, TheModelDescriptionListsEveryPhaseInOrderWithItsKind) {
  const auto documented = documented_phases();
  const auto schedule = weekly_schedule();
  const auto& phases = schedule.phases();
  ASSERT_EQ(documented.size(), phases.size()) << "docs/model.md's phase table and models/weekly_step.cpp differ";
  for (std::size_t i = 0; i < phases.size(); ++i) {
    EXPECT_EQ(documented[i].name, phases[i].name) << "row " << i + 1;
    const bool population = phases[i].kind == sim::PhaseKind::Population;
    EXPECT_EQ(documented[i].kind == "population", population) << phases[i].name << ": " << documented[i].kind;
    const bool in_pass = phases[i].joins_previous || (i + 1 < phases.size() && phases[i + 1].joins_previous);
    EXPECT_EQ(documented[i].kind.find("in a pass") != std::string::npos, in_pass) << phases[i].name;
  }
}

// The same phases, each run on its own (no passes).
sim::Schedule<World> without_passes(const sim::Schedule<World>& schedule) {
  sim::Schedule<World> plain;
  for (const auto& phase : schedule.phases()) {
    if (phase.kind == sim::PhaseKind::Population) {
      plain.add_population(phase.name, phase.description, phase.population);
    } else {
      plain.add_per_agent(phase.name, phase.description, phase.agent_count, phase.per_agent);
    }
  }
  return plain;
}

// Passes are only how the phases are run: each patient and each coach sees the same phases in the
// same order (several blocks of each: 3,000 patients, 600 coaches).
TEST(WeeklyStep, PassesGiveTheSameStateAsEachPhaseRunOnItsOwn) {
  const auto params = testing::make_params(
      {testing::kArmsTrial, "population.enrolled=3000", "coaches.count=600", "program.weeks=40",
       "run.weeks=40", "coaches.quit_hazard_base=0.02", "coaches.replace_quitters=true"});
  const auto passes = weekly_schedule();
  const auto plain = without_passes(passes);
  ASSERT_TRUE(std::any_of(passes.phases().begin(), passes.phases().end(),
                          [](const auto& p) { return p.joins_previous; }));
  for (int threads : {1, 2}) {
    const sim::Executor executor(sim::ExecutionMode::Parallel, threads);
    auto a = testing::make_test_world(params);
    auto b = testing::make_test_world(params);
    passes.run(a.world, 0, 40, executor);
    plain.run(b.world, 0, 40, executor);
    // Every column of the patients, the coaches and the founders, bit for bit.
    EXPECT_EQ(testing::column_bytes(a.world.patients), testing::column_bytes(b.world.patients))
        << threads << " threads";
    ASSERT_GT(a.world.coaches.size(), 512u) << "several blocks of coaches";
    EXPECT_EQ(testing::column_bytes(a.world.coaches), testing::column_bytes(b.world.coaches));
    EXPECT_EQ(testing::column_bytes(a.world.coaches.founders),
              testing::column_bytes(b.world.coaches.founders));
    EXPECT_EQ(a.world.ledger.cost_cumulative, b.world.ledger.cost_cumulative);
  }
}

// The program's phases run where an arm has a program and not in a world of usual care only (the
// economic counterfactual): there they would find no one. A mark left in place shows whether
// `contact`, which sets every patient's `scheduled` each week, ran.
TEST(WeeklyStep, TheProgramsPhasesRunOnlyWhereAnArmHasAProgram) {
  for (const char* arms : {testing::kArmsTrial, testing::kArmsUsualCareOnly}) {
    auto t = testing::make_test_world({arms, "population.enrolled=50"});
    auto& pts = t.world.patients;
    const auto usual = static_cast<std::size_t>(
        std::find_if(pts.arm.begin(), pts.arm.end(),
                     [&](std::uint8_t arm) { return t.world.arm_coached[arm] == 0; }) -
        pts.arm.begin());
    ASSERT_LT(usual, pts.size());
    pts.set_flag(usual, PatientFlag::Scheduled, true);
    weekly_schedule().run(t.world, 0, 1, testing::serial_executor());
    const bool program = arms == testing::kArmsTrial;
    EXPECT_EQ(t.world.any_arm_coached(), program);
    EXPECT_EQ(pts.flag(usual, PatientFlag::Scheduled), program ? 0 : 1) << arms;
  }
}

}  // namespace
}  // namespace coachsim
