#include "app/calibration/calibration_output.hpp"

#include <cmath>
#include <cstdio>
#include <map>

#include "sim/build_info.hpp"

namespace coachsim::app {
namespace {

using sim::io::describe;

std::vector<double> column(const sim::calibration::SearchResult& result, bool outputs, std::size_t width) {
  std::vector<double> values;
  values.reserve(result.evaluations.size() * width);
  for (const auto& e : result.evaluations) {
    const auto& row = outputs ? e.outputs : e.x;
    for (std::size_t i = 0; i < width; ++i) values.push_back(i < row.size() ? row[i] : std::nan(""));
  }
  return values;
}

void write_parameters(const sim::io::GroupWriter& root, const CalibrationSpec& spec) {
  std::vector<std::string> names;
  std::vector<double> lower, upper, prior_mean, prior_sd;
  for (const auto& p : spec.parameters) {
    names.push_back(p.name);
    lower.push_back(p.min);
    upper.push_back(p.max);
    prior_mean.push_back(p.prior ? p.prior->mean : std::nan(""));
    prior_sd.push_back(p.prior ? p.prior->sd : std::nan(""));
  }
  root.add_dimension("parameter", names, describe("", "free parameter (scenario key path)"));
  root.write_variable("lower_bound", {"parameter"}, lower, describe("", "lower end of the search box"));
  root.write_variable("upper_bound", {"parameter"}, upper, describe("", "upper end of the search box"));
  root.write_variable("prior_mean", {"parameter"}, prior_mean,
                      describe("", "normal prior mean (NaN: no prior)"));
  root.write_variable("prior_sd", {"parameter"}, prior_sd, describe("", "normal prior SD (NaN: no prior)"));
}

void write_targets(const sim::io::GroupWriter& root, const TargetsFile& targets) {
  std::vector<std::string> names, statistics;
  std::vector<double> observed, lo, hi, se;
  for (const auto& t : targets.targets) {
    names.push_back(t.name);
    statistics.push_back(statistic_name(t.statistic) + (t.arm.empty() ? "" : " " + t.arm));
    observed.push_back(t.observed);
    lo.push_back(t.lo);
    hi.push_back(t.hi);
    se.push_back(t.se);
  }
  root.add_dimension("target", names, describe("", "calibration target (targets file name)"));
  root.write_variable("target_statistic", {"target"}, statistics, describe("", "statistic and arm"));
  root.write_variable("observed", {"target"}, observed, describe("", "observed value"));
  root.write_variable("observed_lo", {"target"}, lo, describe("", "observed 95% interval, lower end"));
  root.write_variable("observed_hi", {"target"}, hi, describe("", "observed 95% interval, upper end"));
  root.write_variable("standard_error", {"target"}, se, describe("", "standard error weighting the loss"));
}

}  // namespace

void write_calibration(const sim::io::GroupWriter& root, const CalibrationSpec& spec,
                       const TargetsFile& targets, const sim::calibration::SearchResult& result,
                       const CalibrationProvenance& provenance) {
  const auto& info = sim::build_info();
  const auto& best = result.best_evaluation();
  root.set_attributes({{"title", std::string("coachsim calibration")},
                       {"coachsim_version", std::string(info.version)},
                       {"git_commit", std::string(info.git_commit)},
                       {"calibration_file", spec.file},
                       {"calibration_toml", spec.text},
                       {"targets_source", targets.source},
                       {"scenario_toml", provenance.scenario_toml},
                       {"algorithm", sim::calibration::algorithm_name(spec.search.algorithm)},
                       {"replicates", static_cast<std::int64_t>(spec.replicates)},
                       {"seed", static_cast<std::int64_t>(spec.seed)},
                       {"best_evaluation", static_cast<std::int64_t>(result.best)},
                       {"best_loss", best.loss},
                       {"start_time", provenance.start_time},
                       {"end_time", provenance.end_time},
                       {"wall_seconds", provenance.wall_seconds},
                       {"threads", static_cast<std::int64_t>(provenance.threads)},
                       {"host", provenance.host}});
  write_parameters(root, spec);
  write_targets(root, targets);
  const std::size_t n = result.evaluations.size();
  std::vector<std::int64_t> index(n), start(n);
  std::vector<std::string> stage(n);
  std::vector<double> loss(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& e = result.evaluations[i];
    index[i] = static_cast<std::int64_t>(i);
    start[i] = e.start;
    stage[i] = e.stage == sim::calibration::Stage::Global ? "global" : "local";
    loss[i] = e.loss;
  }
  root.add_dimension("evaluation", index, describe("", "evaluation, in the order made"));
  root.write_variable("stage", {"evaluation"}, stage, describe("", "global (Sobol) or local (NLopt)"));
  root.write_variable("local_start", {"evaluation"}, start,
                      describe("", "local search index; -1 in the global stage"));
  root.write_variable("value", {"evaluation", "parameter"}, column(result, false, spec.parameters.size()),
                      describe("", "parameter values evaluated"));
  root.write_variable("loss", {"evaluation"}, loss,
                      describe("", "sum of squared standardized residuals plus priors"));
  root.write_variable("simulated", {"evaluation", "target"}, column(result, true, targets.targets.size()),
                      describe("", "simulated mean of each target across replicates"));
  root.write_variable("best_value", {"parameter"}, best.x,
                      describe("", "parameter values with the lowest loss"));
  root.write_variable("best_simulated", {"target"}, best.outputs,
                      describe("", "simulated targets at the best values"));
}

std::string toml_real(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.6g", value);
  std::string text = buffer;
  if (text.find_first_of(".eEn") == std::string::npos) text += ".0";
  return text;
}

std::string toml_snippet(const CalibrationSpec& spec, const std::vector<double>& x) {
  std::vector<std::string> sections;
  std::map<std::string, std::string> lines;  // section -> its key = value lines
  for (std::size_t i = 0; i < spec.parameters.size() && i < x.size(); ++i) {
    const std::string& name = spec.parameters[i].name;
    const auto dot = name.rfind('.');
    const std::string section = dot == std::string::npos ? "" : name.substr(0, dot);
    const std::string key = dot == std::string::npos ? name : name.substr(dot + 1);
    if (!lines.contains(section)) sections.push_back(section);
    lines[section] += key + " = " + toml_real(x[i]) + "\n";
  }
  std::string out;
  for (const auto& section : sections) {
    if (section.empty()) out = lines[section] + out;  // top-level keys must come before any [section]
  }
  for (const auto& section : sections) {
    if (section.empty()) continue;
    if (!out.empty()) out += "\n";
    out += "[" + section + "]\n" + lines[section];
  }
  return out;
}

}  // namespace coachsim::app
