#include "sim/calibration/search.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>
#include <map>
#include <nlopt.hpp>
#include <numeric>
#include <stdexcept>

#include "sim/sweep/sampling.hpp"

namespace sim::calibration {
namespace {

// What NLopt sees instead of an infinite or NaN loss.
constexpr double kLargeLoss = 1e30;

// Orders losses with NaN last (as +inf), so comparisons stay a strict weak order.
double rank(double loss) { return std::isnan(loss) ? std::numeric_limits<double>::infinity() : loss; }

// Evaluates points given in unit coordinates, records them and remembers the best. A point
// evaluated before (a local search starts at a global point) is looked up, not run again.
class Recorder {
 public:
  Recorder(const Objective& objective, const Box& box, const Observer& observer, std::size_t budget)
      : objective_(objective), box_(box), observer_(observer), budget_(budget) {}

  double evaluate(const std::vector<double>& unit, Stage stage, std::int64_t start) {
    if (const auto seen = seen_.find(unit); seen != seen_.end())
      return result_.evaluations[seen->second].loss;
    Evaluation evaluation;
    evaluation.stage = stage;
    evaluation.start = start;
    evaluation.x = scale_to_box(unit, box_.lower, box_.upper);
    evaluation.loss = objective_(evaluation.x, evaluation.outputs);
    const std::size_t index = result_.evaluations.size();
    result_.evaluations.push_back(std::move(evaluation));
    seen_.emplace(unit, index);
    if (rank(result_.evaluations[index].loss) < rank(result_.evaluations[result_.best].loss))
      result_.best = index;
    if (observer_) observer_(result_.evaluations[index], result_.best_evaluation(), index + 1, budget_);
    return result_.evaluations[index].loss;
  }

  const SearchResult& result() const { return result_; }
  SearchResult take() { return std::move(result_); }

 private:
  const Objective& objective_;
  const Box& box_;
  const Observer& observer_;
  std::size_t budget_;
  SearchResult result_;
  std::map<std::vector<double>, std::size_t> seen_;
};

struct LocalContext {
  Recorder* recorder = nullptr;
  std::int64_t start = 0;
  std::exception_ptr error;
};

double local_objective(const std::vector<double>& unit, std::vector<double>& /*gradient*/, void* data) {
  auto* context = static_cast<LocalContext*>(data);
  try {
    const double loss = context->recorder->evaluate(unit, Stage::Local, context->start);
    return std::isfinite(loss) ? std::min(loss, kLargeLoss) : kLargeLoss;
  } catch (...) {
    context->error = std::current_exception();
    throw nlopt::forced_stop();
  }
}

void local_search(Recorder& recorder, std::vector<double> unit, std::int64_t start,
                  const SearchSettings& settings) {
  const auto n = static_cast<unsigned>(unit.size());
  const auto algorithm =
      settings.algorithm == LocalAlgorithm::Bobyqa ? nlopt::LN_BOBYQA : nlopt::LN_NELDERMEAD;
  nlopt::opt opt(algorithm, n);
  opt.set_lower_bounds(std::vector<double>(n, 0.0));
  opt.set_upper_bounds(std::vector<double>(n, 1.0));
  opt.set_maxeval(static_cast<int>(std::min<std::size_t>(settings.local_evaluations, 1'000'000'000)));
  opt.set_xtol_abs(settings.x_tolerance);
  opt.set_initial_step(settings.initial_step);
  LocalContext context{&recorder, start, nullptr};
  opt.set_min_objective(local_objective, &context);
  double loss = 0;
  try {
    opt.optimize(unit, loss);
  } catch (const nlopt::roundoff_limited&) {
    // The search cannot make further progress at this precision: its points are recorded.
  } catch (const nlopt::forced_stop&) {
    if (context.error) std::rethrow_exception(context.error);
    throw;
  }
}

void check_inputs(const Box& box, const SearchSettings& settings) {
  if (box.lower.empty() || box.lower.size() != box.upper.size()) {
    throw std::invalid_argument("the search box needs matching, non-empty lower and upper bounds");
  }
  for (std::size_t i = 0; i < box.lower.size(); ++i) {
    if (!(box.lower[i] < box.upper[i])) throw std::invalid_argument("the search box has lower >= upper");
  }
  if (settings.global_points == 0) throw std::invalid_argument("the global stage needs at least one point");
  if (!(settings.initial_step > 0 && settings.initial_step <= 1)) {
    throw std::invalid_argument("the initial local step must be in (0, 1]");
  }
}

}  // namespace

std::string algorithm_name(LocalAlgorithm algorithm) {
  return algorithm == LocalAlgorithm::Bobyqa ? "bobyqa" : "neldermead";
}

std::size_t evaluation_budget(const SearchSettings& settings) {
  return settings.global_points +
         std::min(settings.local_starts, settings.global_points) * settings.local_evaluations;
}

SearchResult minimize(const Objective& objective, const Box& box, const SearchSettings& settings,
                      const Observer& observer) {
  check_inputs(box, settings);
  Recorder recorder(objective, box, observer, evaluation_budget(settings));
  // The global stage uses the same Sobol points as sweeps (Joe-Kuo direction numbers, origin skipped).
  const sim::sweep::UnitSamples sobol = sim::sweep::sobol(settings.global_points, box.lower.size());
  std::vector<std::vector<double>> points(sobol.count);
  for (std::size_t i = 0; i < sobol.count; ++i) {
    const auto first = sobol.values.begin() + static_cast<std::ptrdiff_t>(i * sobol.dims);
    points[i].assign(first, first + static_cast<std::ptrdiff_t>(sobol.dims));
  }
  for (const auto& unit : points) recorder.evaluate(unit, Stage::Global, -1);

  // Local searches start from the best global points (ties: the earlier point).
  std::vector<std::size_t> order(points.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  const auto& evaluations = recorder.result().evaluations;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return rank(evaluations[a].loss) < rank(evaluations[b].loss);
  });
  const std::size_t starts =
      settings.local_evaluations == 0 ? 0 : std::min(settings.local_starts, points.size());
  for (std::size_t s = 0; s < starts; ++s) {
    local_search(recorder, points[order[s]], static_cast<std::int64_t>(s), settings);
  }
  return recorder.take();
}

std::vector<double> scale_to_box(const std::vector<double>& unit, const std::vector<double>& lower,
                                 const std::vector<double>& upper) {
  if (unit.size() != lower.size() || unit.size() != upper.size()) {
    throw std::invalid_argument("scale_to_box: point and box have different dimensions");
  }
  std::vector<double> x(unit.size());
  for (std::size_t i = 0; i < unit.size(); ++i) x[i] = lower[i] + unit[i] * (upper[i] - lower[i]);
  return x;
}

}  // namespace sim::calibration
