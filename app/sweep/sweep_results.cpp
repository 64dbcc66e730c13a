#include "app/sweep/sweep_results.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

#include "models/summary.hpp"

namespace coachsim::app {
namespace {

using sim::io::ElementType;
using sim::io::VariableWriter;
using Sizes = std::vector<std::size_t>;

std::vector<std::int64_t> iota64(std::size_t n) {
  std::vector<std::int64_t> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<std::int64_t>(i);
  return v;
}

sim::io::Attributes describe(const OutputInfo& info) { return sim::io::describe(info.units, info.long_name); }

constexpr std::array<const char*, 3> kStatSuffix = {"_mean", "_lo", "_hi"};
constexpr std::array<const char*, 3> kStatText = {"mean over replicates", "2.5th percentile across replicates",
                                                  "97.5th percentile across replicates"};

void write_design(const sim::io::GroupWriter& root, const Sweep& sweep) {
  const auto& design = sweep.design;
  const std::size_t k_count = design.parameters.size();
  std::vector<double> matrix(design.points * k_count);
  std::vector<std::string> units;
  for (std::size_t k = 0; k < k_count; ++k) {
    const auto& axis = sweep.axes[k];
    units.push_back(axis.unit.empty() ? "1" : axis.unit);
    const bool text = axis.type == sim::config::ParamType::Choice;
    std::vector<double> numbers(design.points);
    std::vector<std::string> strings(text ? design.points : 0);
    for (std::size_t p = 0; p < design.points; ++p) {
      numbers[p] = matrix[p * k_count + k] = sim::sweep::scalar_number(design.value(p, k), axis.listed);
      if (text) strings[p] = sim::sweep::scalar_text(design.value(p, k));
    }
    const auto attributes = sim::io::describe(units.back(), "swept parameter " + design.parameters[k]);
    if (text) {
      root.write_variable(design.parameters[k], {"point"}, strings, {{"long_name", "swept parameter " + design.parameters[k]}});
    } else {
      root.write_variable(design.parameters[k], {"point"}, numbers, attributes);
    }
  }
  root.write_variable("parameter_units", {"parameter"}, units, {{"long_name", std::string("units of each swept parameter")}});
  root.write_variable("design", {"point", "parameter"}, matrix,
                      sim::io::describe("", "design matrix: each point's value of each swept parameter",
                                        "units in parameter_units; a choice is the index into its axis's values list, "
                                        "a boolean is 0 or 1"));
  if (!design.saltelli_block.empty()) {
    root.write_variable("saltelli_block", {"point"}, design.saltelli_block,
                        sim::io::describe("1", "Saltelli block", "0 = A, 1 = B, 2 + i = AB_i (column i from B)"));
    root.write_variable("saltelli_row", {"point"}, design.saltelli_row, sim::io::describe("1", "Saltelli base-sample row"));
  }
}

}  // namespace

struct SweepResultsWriter::Variables {
  std::size_t arms = 0, weeks = 0, replicates = 0;
  std::optional<std::size_t> treated, reference;
  std::vector<std::string> arm_names;
  std::vector<VariableWriter> arm_week, week, arm_summary, replicate_summary, point_stats, difference;
  std::optional<VariableWriter> quantiles, status, error;
  std::array<std::vector<double>, kArmSummaryCount> buffer;  // this point: [replicate * arms + arm]
};

SweepResultsWriter::SweepResultsWriter(const sim::io::GroupWriter& root, const Sweep& sweep)
    : sweep_(sweep), root_(root), variables_(std::make_unique<Variables>()) {
  const ModelParams base = read_params(sweep.base_values);
  auto& v = *variables_;
  v.arms = base.arms.size();
  v.weeks = base.run.weeks + 1;
  v.replicates = sweep.replicates;
  std::vector<std::string>& arm_names = v.arm_names;
  for (std::size_t a = 0; a < base.arms.size(); ++a) {
    arm_names.push_back(base.arms[a].name);
    if (base.arms[a].coaching && !v.treated) v.treated = a;
    if (!base.arms[a].coaching && !v.reference) v.reference = a;
  }
  root.add_dimension("point", iota64(sweep.points()), sim::io::describe("1", "sweep point"));
  root.add_dimension("replicate", iota64(sweep.replicates), sim::io::describe("1", "replicate index"));
  root.add_dimension("arm", arm_names, {{"long_name", std::string("trial arm")}});
  root.add_dimension("week", iota64(v.weeks), sim::io::describe("weeks", "weeks since enrolment"));
  root.add_dimension("quantile", std::vector<double>(kQuantiles.begin(), kQuantiles.end()),
                     sim::io::describe("1", "quantile level"));
  root.add_dimension("parameter", sweep.design.parameters, {{"long_name", std::string("swept parameter")}});
  write_design(root, sweep);

  const std::vector<std::string> run{"point", "replicate"};
  const std::vector<std::string> arm_week{"point", "replicate", "arm", "week"};
  for (const auto& info : kArmWeekSeriesInfo) {
    v.arm_week.push_back(root.create_variable(info.name, arm_week, ElementType::Float64, describe(info)));
  }
  v.quantiles = root.create_variable("hba1c_true_quantiles", {"point", "replicate", "arm", "week", "quantile"},
                                     ElementType::Float64, sim::io::describe("%", "quantiles of true HbA1c"));
  for (const auto& info : kWeekSeriesInfo) {
    v.week.push_back(root.create_variable(info.name, {"point", "replicate", "week"}, ElementType::Float64, describe(info)));
  }
  for (const auto& info : kArmSummaryInfo) {
    v.arm_summary.push_back(root.create_variable(info.name, {"point", "replicate", "arm"}, ElementType::Float64, describe(info)));
  }
  for (const auto& info : kReplicateSummaryInfo) {
    v.replicate_summary.push_back(root.create_variable(info.name, run, ElementType::Float64, describe(info)));
  }
  v.status = root.create_variable("run_status", run, ElementType::UInt8,
                                  {{"long_name", std::string("run status")},
                                   {"flag_values", std::vector<std::int64_t>{1, 2}},
                                   {"flag_meanings", std::string("ok failed")}});
  v.error = root.create_variable("run_error", run, ElementType::String,
                                 {{"long_name", std::string("why the run failed (empty when ok)")}});
  for (const auto& info : kArmSummaryInfo) {
    for (std::size_t i = 0; i < kStatSuffix.size(); ++i) {
      v.point_stats.push_back(root.create_variable(std::string(info.name) + kStatSuffix[i], {"point", "arm"},
                                                   ElementType::Float64,
                                                   sim::io::describe(info.units, std::string(info.long_name) + ", " + kStatText[i])));
    }
  }
  if (v.treated && v.reference) {
    for (std::size_t i = 0; i < kStatSuffix.size(); ++i) {
      v.difference.push_back(root.create_variable(
          std::string("change_difference") + kStatSuffix[i], {"point"}, ElementType::Float64,
          sim::io::describe("%", "change (" + arm_names[*v.treated] + ") - change (" + arm_names[*v.reference] + "), " +
                                     kStatText[i])));
    }
  }
  for (auto& b : v.buffer) b.assign(v.replicates * v.arms, std::nan(""));
}

SweepResultsWriter::~SweepResultsWriter() = default;

void SweepResultsWriter::add_run(const RunRecord& record) {
  auto& v = *variables_;
  const std::size_t point = record.run / v.replicates, replicate = record.run % v.replicates;
  const std::uint8_t status = static_cast<std::uint8_t>(record.status);
  const Sizes at{point, replicate}, one{1, 1};
  v.status->write_block(at, one, std::span<const std::uint8_t>(&status, 1));
  v.error->write_block(at, one, std::span<const std::string>(&record.error, 1));
  if (record.status != RunStatus::Ok) return;
  const ReplicateResult& r = record.result;
  if (r.arms != v.arms || r.weeks != v.weeks) {
    throw std::runtime_error("run " + std::to_string(record.run) + " has " + std::to_string(r.arms) + " arms and " +
                             std::to_string(r.weeks) + " weeks; the sweep's base has " + std::to_string(v.arms) +
                             " and " + std::to_string(v.weeks));
  }
  for (std::size_t s = 0; s < kArmWeekSeriesCount; ++s) {
    v.arm_week[s].write_block(Sizes{point, replicate, 0, 0}, Sizes{1, 1, v.arms, v.weeks}, r.arm_week[s]);
  }
  v.quantiles->write_block(Sizes{point, replicate, 0, 0, 0}, Sizes{1, 1, v.arms, v.weeks, kQuantiles.size()},
                           r.quantiles);
  for (std::size_t s = 0; s < kWeekSeriesCount; ++s) {
    v.week[s].write_block(Sizes{point, replicate, 0}, Sizes{1, 1, v.weeks}, r.week[s]);
  }
  for (std::size_t s = 0; s < kArmSummaryCount; ++s) {
    v.arm_summary[s].write_block(Sizes{point, replicate, 0}, Sizes{1, 1, v.arms}, r.arm_summary[s]);
    std::copy(r.arm_summary[s].begin(), r.arm_summary[s].end(), v.buffer[s].begin() + static_cast<std::ptrdiff_t>(replicate * v.arms));
  }
  for (std::size_t s = 0; s < kReplicateSummaryCount; ++s) {
    v.replicate_summary[s].write_block(at, one, std::span<const double>(&r.summary[s], 1));
  }
}

void SweepResultsWriter::end_point(std::size_t point) {
  auto& v = *variables_;
  auto column = [&](ArmSummary s, std::size_t arm) {
    std::vector<double> values(v.replicates);
    for (std::size_t r = 0; r < v.replicates; ++r) values[r] = v.buffer[s][r * v.arms + arm];
    return values;
  };
  for (std::size_t s = 0; s < kArmSummaryCount; ++s) {
    std::array<std::vector<double>, 3> stats;
    for (std::size_t a = 0; a < v.arms; ++a) {
      const Interval interval = across_replicates(column(static_cast<ArmSummary>(s), a));
      stats[0].push_back(interval.mean);
      stats[1].push_back(interval.lo);
      stats[2].push_back(interval.hi);
    }
    for (std::size_t i = 0; i < stats.size(); ++i) {
      v.point_stats[s * stats.size() + i].write_block(Sizes{point, 0}, Sizes{1, v.arms}, stats[i]);
    }
  }
  if (!v.difference.empty()) {
    const auto treated = column(kChangeMean, *v.treated), reference = column(kChangeMean, *v.reference);
    std::vector<double> difference(v.replicates);
    for (std::size_t r = 0; r < v.replicates; ++r) difference[r] = treated[r] - reference[r];
    const Interval interval = across_replicates(difference);
    const std::array<double, 3> stats{interval.mean, interval.lo, interval.hi};
    for (std::size_t i = 0; i < stats.size(); ++i) {
      v.difference[i].write_block(Sizes{point}, Sizes{1}, std::span<const double>(&stats[i], 1));
    }
  }
  for (auto& b : v.buffer) std::fill(b.begin(), b.end(), std::nan(""));
}

void SweepResultsWriter::finish(const SweepProvenance& prov, std::uint64_t failed_runs) {
  const auto& v = *variables_;
  sim::io::Attributes attributes{
      {"title", std::string("coachsim sweep results")},
      {"Conventions", std::string("coachsim-sweep-1")},
      {"sweep", sweep_.text},
      {"sweep_file", sweep_.file},
      {"base_scenario", sweep_.base_toml},
      {"design_hash", sweep_.hash},
      {"method", sim::sweep::method_name(sweep_.design.method)},
      {"seed", static_cast<std::int64_t>(sweep_.seed)},
      {"replicates", static_cast<std::int64_t>(sweep_.replicates)},
      {"points", static_cast<std::int64_t>(sweep_.points())},
      {"runs", static_cast<std::int64_t>(sweep_.runs())},
      {"runs_failed", static_cast<std::int64_t>(failed_runs)},
      {"weeks", static_cast<std::int64_t>(v.weeks - 1)},
      {"followup_week", sweep_.base_values.integer("run.followup_week")},
  };
  if (sweep_.design.saltelli_base > 0) {
    attributes.emplace_back("saltelli_base_samples", static_cast<std::int64_t>(sweep_.design.saltelli_base));
  }
  if (v.treated && v.reference) {
    attributes.emplace_back("treated_arm", v.arm_names[*v.treated]);
    attributes.emplace_back("reference_arm", v.arm_names[*v.reference]);
  }
  root_.set_attributes(attributes);
  root_.set_attributes(build_and_run_attributes(prov));
}

}  // namespace coachsim::app
