// Test-only program: writes a small results file shaped like docs/output.md to argv[1], for
// tests/python/test_hdf5_layout.py to open with xarray, h5py and netCDF4. The values follow simple
// formulas that the Python test recomputes.
#include <cstdint>
#include <exception>
#include <iostream>
#include <limits>
#include <string>
#include <vector>

#include "sim/io/result_file.hpp"

namespace {

constexpr std::int64_t kReplicates = 3;
constexpr std::int64_t kWeeks = 52;  // week 0..52
const std::vector<std::string> kArms = {"coached", "usual_care"};
const std::vector<double> kQuantiles = {0.1, 0.25, 0.5, 0.75, 0.9};

// hba1c_true_mean[r, a, w] = 8 + 0.1 r - 0.2 a - 0.01 w; NaN at (r=1, a=1, w=52).
double hba1c_mean(std::int64_t r, std::int64_t a, std::int64_t w) {
  if (r == 1 && a == 1 && w == kWeeks) return std::numeric_limits<double>::quiet_NaN();
  return 8.0 + 0.1 * static_cast<double>(r) - 0.2 * static_cast<double>(a) - 0.01 * static_cast<double>(w);
}

void write(const std::string& path) {
  auto file = sim::io::AtomicFile::create(path, true);
  const auto root = file.root();
  root.set_attributes({{"scenario", "[run]\nseed = 42\nweeks = 52\n"},
                       {"seed", std::int64_t{42}},
                       {"replicates", kReplicates},
                       {"weeks", kWeeks},
                       {"followup_week", kWeeks},
                       {"wall_seconds", 0.5},
                       {"Conventions", "coachsim-1"}});
  std::vector<std::int64_t> replicates, weeks;
  for (std::int64_t r = 0; r < kReplicates; ++r) replicates.push_back(r);
  for (std::int64_t w = 0; w <= kWeeks; ++w) weeks.push_back(w);
  root.add_dimension("replicate", replicates, {{"units", "1"}});
  root.add_dimension("arm", kArms);
  root.add_dimension("week", weeks, {{"units", "weeks"}});
  root.add_dimension("quantile", kQuantiles, {{"units", "1"}});

  std::vector<double> mean, quantiles;
  std::vector<float> load;
  std::vector<std::int64_t> enrolled;
  for (std::int64_t r = 0; r < kReplicates; ++r) {
    for (std::int64_t a = 0; a < 2; ++a) {
      enrolled.push_back(100 + 10 * r + a);  // n_enrolled[r, a]
      for (std::int64_t w = 0; w <= kWeeks; ++w) {
        mean.push_back(hba1c_mean(r, a, w));
        for (double q : kQuantiles) quantiles.push_back(hba1c_mean(r, a, w) + (q - 0.5));  // mean + (q - 0.5)
      }
    }
    for (std::int64_t w = 0; w <= kWeeks; ++w)
      load.push_back(0.25f * static_cast<float>(r + w));  // 0.25 (r + w)
  }
  root.write_variable("hba1c_true_mean", {"replicate", "arm", "week"}, mean,
                      sim::io::describe("%", "mean true HbA1c", "mean over the arm's patients in the study"));
  root.write_variable("hba1c_true_quantiles", {"replicate", "arm", "week", "quantile"}, quantiles,
                      sim::io::describe("%", "quantiles of true HbA1c"));
  root.write_variable("coach_load_mean", {"replicate", "week"}, load,
                      sim::io::describe("1", "mean accumulated emotional load of active coaches"));
  root.write_variable("n_enrolled", {"replicate", "arm"}, enrolled,
                      sim::io::describe("patients", "randomized to the arm"));

  // Sweep table in a subgroup, using the root's arm dimension: point[p] = p, change_mean[p, a] = -0.5 p - a.
  const auto sweep = root.group("sweep");
  sweep.add_dimension("point", std::vector<std::int64_t>{0, 1, 2}, {{"long_name", "sweep point"}});
  sweep.write_variable("change_mean", {"point", "arm"}, std::vector<double>{0.0, -1.0, -0.5, -1.5, -1.0, -2.0},
                       sim::io::describe("%", "mean change"));

  // Patient table: a dimension without coordinates; age[i] = 40 + i, arm_index[i] = i % 2.
  const auto patients = root.group("patients");
  patients.add_dimension_without_coordinate("patient", 4);
  patients.write_variable("age", {"patient"}, std::vector<std::int32_t>{40, 41, 42, 43},
                          {{"units", "years"}});
  patients.write_variable("arm_index", {"patient"}, std::vector<std::uint8_t>{0, 1, 0, 1});
  patients.write_variable("arm_name", {"patient"},
                          std::vector<std::string>{"coached", "usual_care", "coached", "usual_care"});
  file.commit();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: " << argv[0] << " OUT.h5\n";
    return 2;
  }
  try {
    write(argv[1]);
  } catch (const std::exception& e) {
    std::cerr << "write_sample_results: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
