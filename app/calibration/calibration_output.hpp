#pragma once
// What `coachsim calibrate` leaves behind: an HDF5 file with every evaluated point and the best
// set (docs/validation.md, "Calibration results"), and the best set as TOML to paste into a
// scenario.
#include <string>
#include <vector>

#include "app/calibration/calibration_file.hpp"
#include "app/calibration/targets.hpp"
#include "sim/calibration/search.hpp"
#include "sim/io/result_file.hpp"

namespace coachsim::app {

struct CalibrationProvenance {
  std::string scenario_toml;  // the resolved base scenario
  std::string start_time, end_time;
  double wall_seconds = 0;
  int threads = 0;
  std::string host;
};

void write_calibration(const sim::io::GroupWriter& root, const CalibrationSpec& spec,
                       const TargetsFile& targets, const sim::calibration::SearchResult& result,
                       const CalibrationProvenance& provenance);

// "[section]\nkey = value\n" blocks, one per section, in the order the parameters are listed.
std::string toml_snippet(const CalibrationSpec& spec, const std::vector<double>& x);

// A number as a TOML float: 6 significant digits, always with '.' or an exponent.
std::string toml_real(double value);

}  // namespace coachsim::app
