#pragma once
// The trial-style summary as a table for people and as JSON for programs; both list the
// statistics of models/statistics.hpp.
#include <ostream>
#include <string>

#include "models/params.hpp"
#include "models/statistics.hpp"
#include "models/summary.hpp"

namespace coachsim::app {

struct ReportHeader {
  std::string scenario;  // file name shown to the reader
  std::uint64_t seed = 0;
  std::uint32_t replicates = 0, weeks = 0, followup_week = 0;
};

// A statistic's value as shown to people (its Display: decimals, sign, percent); "n/a" for NaN.
std::string shown(double value, Display display);
// "mean [lo, hi]".
std::string shown(const Interval& interval, Display display);

ReportHeader header_of(const std::string& scenario, const ModelParams& params);
void print_summary(std::ostream& out, const ReportHeader& header, const RunSummary& summary,
                   const ModelParams& params);
std::string summary_json(const ReportHeader& header, const RunSummary& summary, const ModelParams& params);

}  // namespace coachsim::app
