// Sweep files: loading, and errors located at file:line:col like scenario files.
#include <gtest/gtest.h>

#include <fstream>

#include "app/sweep/sweep.hpp"
#include "tests/sim/io/io_test_support.hpp"

namespace coachsim::app {
namespace {

const std::string kSource = COACHSIM_SOURCE_DIR;

class SweepFileTest : public sim::io::testing::TempDirTest {
 protected:
  // A sweep file in the test directory whose base is the small sweep base of the scenario library.
  std::filesystem::path write(const std::string& body) {
    const auto file = path("sweep.toml");
    std::ofstream(file) << "schema_version = 1\nbase = \"" << kSource << "/scenarios/sweeps/base_small.toml\"\n" << body;
    return file;
  }
  // The formatted errors of loading `body`, or "" when it loads.
  std::string errors_of(const std::string& body) {
    try {
      load_sweep(write(body));
    } catch (const sim::config::ConfigErrors& errors) {
      std::string text;
      for (const auto& e : errors.errors()) text += e.format() + "\n";
      return text;
    }
    return "";
  }
  std::string file() const { return path("sweep.toml").string(); }
};

const std::string kGrid = R"([sweep]
replicates = 3
seed = 7
method = "grid"

[[axes]]
parameter = "program.caseload"
values = [8, 14]
)";

TEST_F(SweepFileTest, TheLibrarySmallSweepLoads) {
  const Sweep sweep = load_sweep(kSource + "/scenarios/sweeps/small.toml");
  EXPECT_EQ(sweep.points(), 4u);
  EXPECT_EQ(sweep.replicates, 5u);
  EXPECT_LE(sweep.runs(), 40u);
  EXPECT_EQ(sweep.hash.size(), 16u);
  const ModelParams last = sweep.params_for(3);
  EXPECT_EQ(last.program.caseload, 14u);
  EXPECT_EQ(last.program.phone_contacts_per_month, 4.0);
  EXPECT_EQ(last.run.seed, 2024u);  // every point: the sweep's seed (common random numbers)
  EXPECT_EQ(sweep.params_for(0).run.seed, 2024u);
}

TEST_F(SweepFileTest, ARecordedSweepRebuildsTheSameDesign) {
  const Sweep sweep = load_sweep(write(kGrid + "[set]\nprogram.training_hours = 20\n"));
  const Sweep recorded = load_recorded_sweep(sweep.text, sweep.file, sweep.base_toml);
  EXPECT_EQ(recorded.hash, sweep.hash);
  EXPECT_EQ(recorded.base_toml, sweep.base_toml);
  EXPECT_EQ(recorded.params_for(1).program.training_hours, 20.0);
}

TEST_F(SweepFileTest, UnknownKeysAreLocatedWithSuggestions) {
  const std::string errors = errors_of("[sweep]\nreplicate = 3\nseed = 7\nmethod = \"grid\"\n\n[[axes]]\nparameter = "
                                       "\"program.caselod\"\nvalues = [8]\nvaleus = [1]\n");
  EXPECT_NE(errors.find(file() + ":4:1: sweep.replicate: unknown key 'sweep.replicate'; did you mean "
                                 "'sweep.replicates'?"),
            std::string::npos)
      << errors;
  EXPECT_NE(errors.find(file() + ":3:1: sweep.replicates: missing required key"), std::string::npos) << errors;
  EXPECT_NE(errors.find(":9:13: axes[0].parameter: \"program.caselod\" is not a scenario parameter; did you mean "
                         "\"program.caseload\"?"),
            std::string::npos)
      << errors;
  EXPECT_NE(errors.find(":11:1: axes[0].valeus: unknown key 'axes[0].valeus'; did you mean 'axes[0].values'?"),
            std::string::npos)
      << errors;
}

TEST_F(SweepFileTest, ValuesAreCheckedAgainstTheDeclaredRangeWhereTheyStand) {
  const std::string errors = errors_of("[sweep]\nreplicates = 3\nseed = 7\nmethod = \"grid\"\n\n[[axes]]\n"
                                       "parameter = \"program.caseload\"\nvalues = [8, 0, 14.5]\n");
  EXPECT_NE(errors.find(file() + ":10:14: axes[0].values[1]: 0 is outside [1, 1000] patients"), std::string::npos) << errors;
  EXPECT_NE(errors.find(file() + ":10:17: axes[0].values[2]: expected an integer (patients), got float 14.5"), std::string::npos) << errors;
}

TEST_F(SweepFileTest, RangesNeedASampledMethodAndSensibleBounds) {
  const std::string grid = errors_of("[sweep]\nreplicates = 3\nseed = 7\nmethod = \"grid\"\n\n[[axes]]\n"
                                     "parameter = \"program.training_hours\"\nmin = 10\nmax = 40\n");
  EXPECT_NE(grid.find(":9:13: axes[0].parameter: a range needs a sampled method"), std::string::npos) << grid;
  const std::string bounds = errors_of("[sweep]\nreplicates = 3\nseed = 7\nmethod = \"sobol\"\npoints = 8\n\n[[axes]]\n"
                                       "parameter = \"program.training_hours\"\nmin = 40\nmax = 900\n");
  EXPECT_NE(bounds.find(":12:7: axes[0].max: 900 is outside [0, 500] hours"), std::string::npos) << bounds;
  const std::string log = errors_of("[sweep]\nreplicates = 3\nseed = 7\nmethod = \"sobol\"\npoints = 8\n\n[[axes]]\n"
                                    "parameter = \"program.training_hours\"\nmin = 0\nmax = 40\nlog = true\n");
  EXPECT_NE(log.find("a log-scale range needs min > 0"), std::string::npos) << log;
}

TEST_F(SweepFileTest, DistributionAxesDrawAroundTheirMean) {
  const std::string psa = "[sweep]\nreplicates = 2\nseed = 7\nmethod = \"latin_hypercube\"\npoints = 30\n\n[[axes]]\n"
                          "parameter = \"costs.coach_pay_per_hour\"\ndistribution = \"gamma\"\nmean = 20\nsd = 4\n";
  EXPECT_EQ(errors_of(psa), "");
  const Sweep sweep = load_sweep(write(psa));
  double sum = 0;
  for (std::size_t p = 0; p < sweep.design.points; ++p) sum += std::get<double>(sweep.design.value(p, 0));
  EXPECT_NEAR(sum / 30, 20.0, 1.0);
  const std::string grid = errors_of("[sweep]\nreplicates = 3\nseed = 7\nmethod = \"grid\"\n\n[[axes]]\n"
                                     "parameter = \"costs.coach_pay_per_hour\"\ndistribution = \"gamma\"\nmean = 20\n");
  EXPECT_NE(grid.find("axes[0].distribution: a distribution needs a sampled method"), std::string::npos) << grid;
  const std::string both = errors_of("[sweep]\nreplicates = 3\nseed = 7\nmethod = \"sobol\"\npoints = 4\n\n[[axes]]\n"
                                     "parameter = \"costs.coach_pay_per_hour\"\ndistribution = \"gamma\"\nmean = 20\n"
                                     "min = 1\nmax = 3\n");
  EXPECT_NE(both.find("give a distribution or values or a range, not two"), std::string::npos) << both;
  const std::string no_mean = errors_of("[sweep]\nreplicates = 3\nseed = 7\nmethod = \"sobol\"\npoints = 4\n\n"
                                        "[[axes]]\nparameter = \"costs.coach_pay_per_hour\"\ndistribution = \"beta\"\n");
  EXPECT_NE(no_mean.find("a distribution needs a mean"), std::string::npos) << no_mean;
}

TEST_F(SweepFileTest, EveryPointIsValidatedLikeAScenarioFile) {
  // An eligibility ceiling of 7 is below the floor of 8: the eligibility rule fails there.
  const std::string errors = errors_of("[sweep]\nreplicates = 3\nseed = 7\nmethod = \"grid\"\n\n[[axes]]\n"
                                       "parameter = \"eligibility.hba1c_max\"\nvalues = [7.0, 14.0]\n");
  EXPECT_NE(errors.find(file() + ":9:13: eligibility.hba1c_min: point 0 (eligibility.hba1c_max=7): "), std::string::npos)
      << errors;
  EXPECT_EQ(errors.find("point 1"), std::string::npos) << errors;
}

TEST_F(SweepFileTest, SetAndReservedParameters) {
  const std::string errors = errors_of(kGrid + "\n[set]\nprogram.trainig_hours = 20\nrun.seed = 3\n");
  EXPECT_NE(errors.find(":13:1: set.program.trainig_hours: unknown key 'set.program.trainig_hours'; did you mean "
                         "'set.program.training_hours'?"), std::string::npos) << errors;
  EXPECT_NE(errors.find(":14:1: set.run.seed: run.seed is set by [sweep] seed"), std::string::npos) << errors;
  const std::string swept_weeks = errors_of(
      "[sweep]\nreplicates = 3\nseed = 7\nmethod = \"grid\"\n\n[[axes]]\nparameter = \"run.weeks\"\nvalues = [13, 26]\n");
  EXPECT_NE(swept_weeks.find("axes[0].parameter: run.weeks cannot be swept"), std::string::npos) << swept_weeks;
  const std::string arms = errors_of(
      "[sweep]\nreplicates = 3\nseed = 7\nmethod = \"grid\"\n\n[[axes]]\nparameter = \"arms\"\nvalues = [1]\n");
  EXPECT_NE(arms.find("axes[0].parameter: arms is a [[table array]]: it cannot be swept"), std::string::npos) << arms;
}

TEST_F(SweepFileTest, SampledMethodsNeedPointsAndGridsRefuseThem) {
  const std::string missing = errors_of("[sweep]\nreplicates = 3\nseed = 7\nmethod = \"latin_hypercube\"\n\n[[axes]]\n"
                                        "parameter = \"program.training_hours\"\nmin = 10\nmax = 40\n");
  EXPECT_NE(missing.find("sweep.points: missing required key"), std::string::npos) << missing;
  const std::string extra = errors_of(kGrid + "\n[sweep.more]\n");
  EXPECT_FALSE(extra.empty());
  const Sweep saltelli = load_sweep(write("[sweep]\nreplicates = 2\nseed = 7\nmethod = \"saltelli\"\npoints = 4\n\n"
                                         "[[axes]]\nparameter = \"program.training_hours\"\nmin = 10\nmax = 40\n\n"
                                         "[[axes]]\nparameter = \"program.matching\"\nvalues = [\"random\", \"language\"]\n"));
  EXPECT_EQ(saltelli.points(), 4u * 4u);
  EXPECT_EQ(saltelli.design.saltelli_base, 4u);
}

TEST_F(SweepFileTest, SyntaxErrorsAreLocated) {
  const std::string errors = errors_of("[sweep\nreplicates = 3\n");
  EXPECT_NE(errors.find(file() + ":3:"), std::string::npos) << errors;
}

}  // namespace
}  // namespace coachsim::app
