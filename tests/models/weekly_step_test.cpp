// The weekly step (models/weekly_step.cpp) and its description: docs/model.md's phase table lists
// every phase of the schedule, in order, with its kind.
#include "models/weekly_step.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <string>
#include <vector>

namespace coachsim {
namespace {

struct DocumentedPhase {
  std::string name, kind;
};

std::vector<DocumentedPhase> documented_phases() {
  std::ifstream in(std::string(COACHSIM_SOURCE_DIR) + "/docs/model.md");
  const std::regex row(R"(^\| [0-9]+ \| `([a-z_]+)` \| ([a-z ]+) \|)");
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
  }
}

}  // namespace
}  // namespace coachsim
