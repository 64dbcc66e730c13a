#pragma once
// The per-point results table of a sweep results file: each point's parameter values and the
// compared statistics (app/compare/comparison.hpp's list, those a sweep summarizes per point:
// arm statistics and the contrast), read back from the file so that local, MPI and merged sweeps
// print the same table. `coachsim sweep` ends with it, `--csv` writes it, `coachsim inspect`
// shows it again.
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

namespace coachsim::app {

struct PointTable {
  std::vector<std::string> parameters;  // swept parameter paths
  std::vector<std::string> statistics;  // column labels of the statistics
  std::vector<std::string> keys;        // their CSV names
  std::vector<std::vector<std::string>> values;  // [point][parameter] as text for people (5 digits)
  std::vector<std::vector<std::string>> exact;   // the same, all digits (CSV)
  std::vector<std::vector<double>> mean, lo, hi;  // [point][statistic]
  std::vector<int> displays;                      // coachsim::Display of each statistic
};

PointTable read_point_table(const std::filesystem::path& sweep_results);

// At most `max_rows` points (then a line saying how many were left out); 0 = all.
void print_point_table(std::ostream& out, const PointTable& table, std::size_t max_rows = 40);
// point, the parameters, then <key>_mean, <key>_lo, <key>_hi per statistic.
std::string point_table_csv(const PointTable& table);

}  // namespace coachsim::app
