#include "app/calibration/model_objective.hpp"

#include <algorithm>

#include <stdexcept>

#include "models/simulation.hpp"
#include "models/summary.hpp"

namespace coachsim::app {

ModelObjective::ModelObjective(sim::config::ParamValues base, TargetsFile targets,
                               const CalibrationSpec& spec, int threads)
    : base_(std::move(base)),
      targets_(std::move(targets)),
      file_(spec.file),
      replicates_(spec.replicates),
      seed_(spec.seed),
      threads_(threads) {
  for (const auto& p : spec.parameters) {
    names_.push_back(p.name);
    priors_.push_back(p.prior);
  }
  for (const auto& t : targets_.targets) observations_.push_back({t.observed, t.se});
}

ModelParams ModelObjective::params_at(const std::vector<double>& x) const {
  if (x.size() != names_.size())
    throw std::invalid_argument("ModelObjective: one value per free parameter expected");
  std::vector<std::pair<std::string, sim::config::Scalar>> overrides;
  for (std::size_t i = 0; i < x.size(); ++i) overrides.emplace_back(names_[i], sim::config::Scalar{x[i]});
  const auto values = sim::config::with_overrides(scenario_schema(), base_, overrides, {file_, 0, 0});
  ModelParams params = read_params(values);
  params.run.replicates = replicates_;
  params.run.seed = seed_;
  return params;
}

std::vector<double> ModelObjective::simulate(const std::vector<double>& x) const {
  const ModelParams params = params_at(x);
  RunOptions options;
  options.threads = threads_;
  options.economics = std::any_of(targets_.targets.begin(), targets_.targets.end(),
                                  [](const TargetSpec& t) { return is_economic(t.statistic); });
  const RunSummary summary = summarize(params, run_replicates(params, options));
  std::vector<double> values;
  for (const auto& t : targets_.targets) values.push_back(simulated(t, summary).mean);
  return values;
}

double ModelObjective::operator()(const std::vector<double>& x, std::vector<double>& simulated_means) const {
  simulated_means = simulate(x);
  return sim::calibration::target_loss(observations_, simulated_means) +
         sim::calibration::prior_penalty(priors_, x);
}

}  // namespace coachsim::app
