#pragma once
// Designs compared side by side (coachsim compare): every design runs on the same seed and
// replicates, so with common random numbers replicate r of every design sees the same people and
// the same noise, and the per-replicate difference between two designs is an exact paired contrast.
// The compared statistics are a list (kCompareColumns) iterated by the table, the JSON, the CSV and
// the compare file; a new column (an economic one, say) is one more row of that list.
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "models/outputs.hpp"
#include "models/statistics.hpp"
#include "models/summary.hpp"

namespace coachsim::app {

// Where a compared statistic is taken: the coaching arm, the usual-care arm, or the run (contrasts
// and program statistics).
enum class ColumnSite : std::uint8_t { Treated, Reference, Run };

struct CompareColumn {
  const char* key;    // compare-file variable, JSON and CSV key
  const char* label;  // row label; {treated} and {reference} stand for the arm names
  Statistic statistic;
  ColumnSite site;
};

inline constexpr CompareColumn kCompareColumns[] = {
    {"itt_change_treated", "ITT change, {treated}", Statistic::IttChangeMean, ColumnSite::Treated},
    {"itt_change_reference", "ITT change, {reference}", Statistic::IttChangeMean, ColumnSite::Reference},
    {"itt_change_difference", "ITT difference ({treated} - {reference})", Statistic::IttChangeDifference,
     ColumnSite::Run},
    {"itt_share_below_treated", "share below 7.5%, {treated}", Statistic::IttShareBelow, ColumnSite::Treated},
    {"coach_attrition", "coaches who quit", Statistic::CoachAttrition, ColumnSite::Run},
    {"coach_effect_hba1c", "coaches' own HbA1c (coach - twin)", Statistic::CoachEffectHba1c, ColumnSite::Run},
    {"cost_per_patient_treated", "cost per {treated} patient (USD)", Statistic::CostPerPatient, ColumnSite::Treated},
    {"incremental_cost_treated", "incremental cost, {treated} (USD)", Statistic::IncrementalCost, ColumnSite::Treated},
    {"incremental_qalys_treated", "incremental QALYs, {treated}", Statistic::IncrementalQalys, ColumnSite::Treated},
};
inline constexpr std::size_t kCompareColumnCount = std::size(kCompareColumns);

struct Design {
  std::string name;   // unique short name (the scenario file's stem)
  std::string title;  // the scenario's title
  std::string file;
  std::string scenario_toml;                // fully resolved
  std::vector<std::vector<double>> values;  // [column][replicate]; NaN where undefined
};

struct Comparison {
  std::vector<Design> designs;  // the first is the reference of the paired differences
  std::string treated, reference;  // arm names (the same in every design)
  std::uint64_t seed = 0;
  std::uint32_t replicates = 0, weeks = 0, followup_week = 0;
  std::size_t min_replicates = 1;
};

// The column's value in every replicate of a run with the given coached and usual-care arms.
std::vector<double> column_values(const CompareColumn& column, const std::vector<ReplicateResult>& replicates,
                                  std::size_t treated, std::size_t reference);
std::string column_label(const CompareColumn& column, const Comparison& comparison);

// A design's own mean and 2.5-97.5 percentile interval across replicates.
Interval own_interval(const Comparison& comparison, std::size_t design, std::size_t column);
// The paired difference to the first design: per replicate (design - first), then mean and interval.
Interval paired_difference(const Comparison& comparison, std::size_t design, std::size_t column);

void print_comparison(std::ostream& out, const Comparison& comparison);
std::string comparison_json(const Comparison& comparison);
// One row per design and column: design, statistic, kind (value | paired_difference), mean, lo, hi.
std::string comparison_csv(const Comparison& comparison);

}  // namespace coachsim::app
