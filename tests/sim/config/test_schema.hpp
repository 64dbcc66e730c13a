#pragma once
// A small, model-free schema and a temporary directory for the config tests.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "sim/config/parameter.hpp"
#include "sim/config/scenario_loader.hpp"

namespace sim::config::testing {

inline Schema test_schema() {
  Schema schema;
  schema.schema_version = 2;
  ParamTable arm;
  arm.choice("name", "control", {"control", "coached", "waitlist"}, "Arm label", "judgement: test")
      .required()
      .real("share", "", 0.5, 0, 1, "Share of patients randomized to the arm", "judgement: test")
      .boolean("coaching", false, "Whether the arm is coached", "judgement: test");
  schema.params.integer("run.weeks", "weeks", 26, 1, 520, "Simulated weeks", "judgement: trial length")
      .integer("run.seed", "", 1, 0, 1000000, "Base seed", "judgement: any")
      .choice("run.label", "baseline", {}, "Free-text label of the run", "user choice")
      .integer("population.size", "patients", 100, 1, 100000, "Enrolled patients", "judgement: test")
      .required()
      .real("population.hba1c_mean", "%", 9.0, 4, 15, "Mean baseline HbA1c", "Example et al. 2020")
      .real("population.hba1c_sd", "%", 1.5, 0, 5, "SD of baseline HbA1c | spread", "Example et al. 2020")
      .choice("program.matching", "random", {"random", "language", "similarity"}, "Coach matching rule",
              "judgement: test")
      .integer("program.caseload", "patients", 10, 1, 50, "Patients per coach", "judgement: test")
      .integer("program.coaches", "coaches", 10, 0, 1000, "Number of coaches", "judgement: test")
      .boolean("output.patient_table", false, "Write one row per patient", "judgement: test")
      .table_array("arms", arm, 1, 3, {{{"name", std::string("control")}, {"share", 1.0}}}, "Study arms")
      .real("verbosity", "", 0, 0, 3, "A top-level key", "judgement: test");
  schema.rules.push_back({"program.caseload", [](const ParamValues& v) -> std::optional<std::string> {
                            const auto capacity =
                                v.integer("program.caseload") * v.integer("program.coaches");
                            if (capacity >= v.integer("population.size")) return std::nullopt;
                            return "caseload x coaches = " + std::to_string(capacity) + " cannot cover " +
                                   std::to_string(v.integer("population.size")) + " patients";
                          }});
  return schema;
}

// A fresh directory under the system temp directory, removed with its contents at the end.
class TempDir {
 public:
  TempDir() {
    std::string name = (std::filesystem::temp_directory_path() / "coachsim-config-XXXXXX").string();
    if (mkdtemp(name.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = name;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  // Writes `text` to `name` in the directory and returns the file's path.
  std::filesystem::path write(const std::string& name, const std::string& text) const {
    const auto file = path_ / name;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file) << text;
    return file;
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// The errors of a load that must fail.
template <typename Load>
std::vector<ConfigError> errors_of(Load&& load) {
  try {
    load();
  } catch (const ConfigErrors& e) {
    return e.errors();
  }
  ADD_FAILURE() << "expected ConfigErrors";
  return {};
}

}  // namespace sim::config::testing
