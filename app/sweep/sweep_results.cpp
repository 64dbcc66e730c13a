#include "app/sweep/sweep_results.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

#include "app/results_file.hpp"
#include "models/statistics.hpp"
#include "models/summary.hpp"

namespace coachsim::app {
namespace {

using sim::io::ElementType;
using sim::io::VariableWriter;
using Sizes = std::vector<std::size_t>;

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
  std::vector<VariableWriter> outputs;  // one per row of kOutputs
  // Per-point statistics: (statistic, its _mean, _lo and _hi variables).
  std::vector<std::pair<const StatisticInfo*, std::vector<VariableWriter>>> point_stats;
  std::optional<VariableWriter> status, error;
  std::vector<std::optional<ReplicateResult>> point;  // this point's runs (summaries only); empty = failed
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
    if (base.arms[a].coached() && !v.treated) v.treated = a;
    if (!base.arms[a].coached() && !v.reference) v.reference = a;
  }
  root.add_dimension("point", iota64(sweep.points()), sim::io::describe("1", "sweep point"));
  root.add_dimension("replicate", iota64(sweep.replicates), sim::io::describe("1", "replicate index"));
  root.add_dimension("arm", arm_names, {{"long_name", std::string("trial arm")}});
  root.add_dimension("week", iota64(v.weeks), sim::io::describe("weeks", "weeks since enrolment"));
  root.add_dimension("quantile", std::vector<double>(kQuantiles.begin(), kQuantiles.end()),
                     sim::io::describe("1", "quantile level"));
  root.add_dimension("parameter", sweep.design.parameters, {{"long_name", std::string("swept parameter")}});
  write_design(root, sweep);
  const std::vector<std::string> run_arm{"point", "arm"}, point_only{"point"};

  const std::vector<std::string> run{"point", "replicate"};
  for (const OutputInfo& output : kOutputs) {
    std::vector<std::string> dims = run;
    for (auto& d : dimensions_of(output.shape)) dims.push_back(std::move(d));
    v.outputs.push_back(root.create_variable(output.name, dims, ElementType::Float64, describe(output)));
  }
  v.status = root.create_variable("run_status", run, ElementType::UInt8,
                                  {{"long_name", std::string("run status")},
                                   {"flag_values", std::vector<std::int64_t>{1, 2}},
                                   {"flag_meanings", std::string("ok failed")}});
  v.error = root.create_variable("run_error", run, ElementType::String,
                                 {{"long_name", std::string("why the run failed (empty when ok)")}});
  // Arm statistics as (point, arm), named after their output; the contrast as (point), when the
  // base has one. Program statistics are not summarized per point.
  for (const StatisticInfo& statistic : kStatistics) {
    const bool per_arm = statistic.scope == Scope::Arm;
    if (statistic.scope == Scope::Program || (!per_arm && !(v.treated && v.reference))) continue;
    const std::string stem = statistic.output ? statistic.output->name : statistic.name;
    const std::string long_name =
        per_arm ? statistic.long_name : long_name_of(statistic, arm_names[*v.treated], arm_names[*v.reference]);
    std::vector<VariableWriter> writers;
    for (std::size_t i = 0; i < kStatSuffix.size(); ++i) {
      writers.push_back(root.create_variable(stem + kStatSuffix[i], per_arm ? run_arm : point_only, ElementType::Float64,
                                        sim::io::describe(statistic.units, long_name + ", " + kStatText[i])));
    }
    v.point_stats.emplace_back(&statistic, std::move(writers));
  }
  v.point.resize(v.replicates);
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
  for (std::size_t o = 0; o < std::size(kOutputs); ++o) {
    Sizes start{point, replicate}, count{1, 1};
    for (const std::size_t extent : extents_of(kOutputs[o].shape, v.arms, v.weeks)) {
      start.push_back(0);
      count.push_back(extent);
    }
    v.outputs[o].write_block(start, count, values_of(r, kOutputs[o]));
  }
  ReplicateResult& kept = v.point[replicate].emplace();
  kept.arms = r.arms;
  kept.arm_summary = r.arm_summary;
  kept.summary = r.summary;
}

void SweepResultsWriter::end_point(std::size_t point) {
  auto& v = *variables_;
  std::vector<const ReplicateResult*> runs;
  for (const auto& r : v.point) runs.push_back(r ? &*r : nullptr);
  for (const auto& [statistic, writers] : v.point_stats) {
    std::array<std::vector<double>, 3> stats;
    const bool per_arm = statistic->scope == Scope::Arm;
    for (std::size_t a = 0; a < (per_arm ? v.arms : 1); ++a) {
      const StatisticSite site = per_arm ? StatisticSite{a, 0} : StatisticSite{*v.treated, *v.reference};
      const Interval interval = across_replicates(*statistic, runs, site);
      stats[0].push_back(interval.mean);
      stats[1].push_back(interval.lo);
      stats[2].push_back(interval.hi);
    }
    for (std::size_t i = 0; i < stats.size(); ++i) {
      writers[i].write_block(per_arm ? Sizes{point, 0} : Sizes{point}, per_arm ? Sizes{1, v.arms} : Sizes{1},
                             stats[i]);
    }
  }
  for (auto& r : v.point) r.reset();
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
