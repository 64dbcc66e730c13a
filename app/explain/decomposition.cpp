#include "app/explain/decomposition.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <stdexcept>
#include <cstdio>
#include <ostream>

#include "app/compare/comparison.hpp"
#include "app/json_text.hpp"
#include "models/simulation.hpp"
#include "sim/cli/format.hpp"
#include "sim/input_error.hpp"

namespace coachsim::app {
namespace {

using sim::cli::fixed;

std::uint32_t all_mask(std::size_t pathways) { return (std::uint32_t{1} << pathways) - 1; }

std::size_t index_of(const std::vector<std::uint32_t>& designs, std::uint32_t mask) {
  for (std::size_t d = 0; d < designs.size(); ++d) {
    if (designs[d] == mask) return d;
  }
  throw std::logic_error("explain: a design the method needs was not run");
}

double factorial(std::size_t n) { return n <= 1 ? 1.0 : static_cast<double>(n) * factorial(n - 1); }

double sample_sd(const std::vector<double>& values, double mean) {
  if (values.size() < 2) return std::nan("");
  double sum = 0;
  for (double v : values) sum += (v - mean) * (v - mean);
  return std::sqrt(sum / static_cast<double>(values.size() - 1));
}

std::string shown(const MeanInterval& i, int decimals = 3) {
  return fixed(i.mean, decimals, true) + " [" + fixed(i.lo, decimals, true) + ", " + fixed(i.hi, decimals, true) + "]";
}

std::string shown_share(const MeanInterval& i) {
  return fixed(100 * i.mean, 1) + "% [" + fixed(100 * i.lo, 1) + ", " + fixed(100 * i.hi, 1) + "]";
}

Json json_interval(const MeanInterval& i) {
  return {{"mean", json_number(i.mean)}, {"ci95", Json::array({json_number(i.lo), json_number(i.hi)})}};
}

}  // namespace

Method method_from_name(const std::string& name) {
  if (name == "shapley") return Method::Shapley;
  if (name == "sequential") return Method::Sequential;
  throw sim::InputError("--method: expected 'shapley' or 'sequential', got '" + name + "'");
}

const char* method_name(Method method) { return method == Method::Shapley ? "shapley" : "sequential"; }

std::vector<std::uint32_t> designs_of(Method method, std::size_t pathways) {
  std::vector<std::uint32_t> masks;
  if (method == Method::Shapley) {
    for (std::uint32_t mask = 0; mask <= all_mask(pathways); ++mask) masks.push_back(mask);
  } else {
    for (std::size_t p = 0; p <= pathways; ++p) masks.push_back(all_mask(p));
  }
  return masks;
}

std::vector<std::string> switch_overrides(std::uint32_t mask) {
  std::vector<std::string> overrides;
  for (std::size_t p = 0; p < kPathwayCount; ++p) {
    if (mask & (std::uint32_t{1} << p)) continue;
    for (const char* off : kPathways[p].off) {
      if (off != nullptr) overrides.emplace_back(off);
    }
  }
  return overrides;
}

MeanInterval mean_interval(const std::vector<double>& values) {
  double sum = 0;
  for (double v : values) sum += v;
  const double mean = values.empty() ? std::nan("") : sum / static_cast<double>(values.size());
  const double half = 1.96 * sample_sd(values, mean) / std::sqrt(static_cast<double>(values.size()));
  return {mean, mean - half, mean + half};
}

void Decomposition::attribute() {
  const std::size_t n = kPathwayCount;
  contribution.assign(n, std::vector<double>(replicates, 0.0));
  if (method == Method::Shapley) {
    for (std::size_t p = 0; p < n; ++p) {
      const std::uint32_t bit = std::uint32_t{1} << p;
      for (std::uint32_t mask = 0; mask <= all_mask(n); ++mask) {
        if (mask & bit) continue;
        const auto size = static_cast<std::size_t>(std::popcount(mask));
        const double weight = factorial(size) * factorial(n - size - 1) / factorial(n);
        const auto& with = value[index_of(designs, mask | bit)];
        const auto& without = value[index_of(designs, mask)];
        for (std::size_t r = 0; r < replicates; ++r) contribution[p][r] += weight * (with[r] - without[r]);
      }
    }
  } else {
    for (std::size_t p = 0; p < n; ++p) {
      const auto& with = value[index_of(designs, all_mask(p + 1))];
      const auto& without = value[index_of(designs, all_mask(p))];
      for (std::size_t r = 0; r < replicates; ++r) contribution[p][r] = with[r] - without[r];
    }
  }
  explained.assign(replicates, 0.0);
  for (std::size_t r = 0; r < replicates; ++r) explained[r] = all_on()[r] - all_off()[r];
}

const std::vector<double>& Decomposition::all_on() const { return value[index_of(designs, all_mask(kPathwayCount))]; }
const std::vector<double>& Decomposition::all_off() const { return value[index_of(designs, 0)]; }

MeanInterval Decomposition::share(std::size_t pathway) const {
  const double part = mean_interval(contribution[pathway]).mean;
  const double whole = mean_interval(explained).mean;
  const double ratio = part / whole;
  std::vector<double> linearized(replicates);
  for (std::size_t r = 0; r < replicates; ++r) linearized[r] = (contribution[pathway][r] - ratio * explained[r]) / whole;
  const MeanInterval spread = mean_interval(linearized);
  const double half = spread.hi - spread.mean;
  return {ratio, ratio - half, ratio + half};
}

Decomposition decompose(Method method, const std::function<Scenario(const std::vector<std::string>&)>& load,
                        int threads, const std::function<void(std::size_t)>& progress) {
  const auto column = std::find_if(std::begin(kCompareColumns), std::end(kCompareColumns), [](const CompareColumn& c) {
    return std::string(c.key) == "itt_change_difference";
  });
  Decomposition d;
  d.method = method;
  d.designs = designs_of(method, kPathwayCount);
  for (std::size_t k = 0; k < d.designs.size(); ++k) {
    const Scenario design = load(switch_overrides(d.designs[k]));
    const ModelParams& p = design.params;
    const auto treated = std::find_if(p.arms.begin(), p.arms.end(), [](const ArmParams& a) { return a.coached(); });
    const auto reference = std::find_if(p.arms.begin(), p.arms.end(), [](const ArmParams& a) { return !a.coached(); });
    if (treated == p.arms.end() || reference == p.arms.end()) {
      throw sim::InputError("explain needs a coached and an uncoached arm");
    }
    if (k == 0) {
      d.treated = treated->name;
      d.reference = reference->name;
      d.seed = p.run.seed;
      d.replicates = p.run.replicates;
    }
    RunOptions options;
    options.threads = threads;
    const std::size_t before = k * d.replicates;
    if (progress) options.progress = [&](std::size_t done) { progress(before + done); };
    d.value.push_back(column_values(*column, run_replicates(p, options),
                                    static_cast<std::size_t>(treated - p.arms.begin()),
                                    static_cast<std::size_t>(reference - p.arms.begin())));
  }
  d.attribute();
  return d;
}

void print_decomposition(std::ostream& out, const Decomposition& d) {
  out << "coachsim explain: " << d.scenario << "  (seed " << d.seed << ", " << d.replicates << " replicates, "
      << (d.method == Method::Shapley ? "Shapley values over " : "pathways switched on in order, ") << kPathwayCount
      << " pathways, " << d.designs.size() << " designs on common random numbers)\n";
  out << "What each pathway carries of the ITT difference in HbA1c change (" << d.treated << " - " << d.reference
      << "), %-points; [95% interval of the mean: Monte Carlo error].\n\n";
  char line[256];
  std::snprintf(line, sizeof line, "%-18s %-11s %-28s %s\n", "pathway", "strength", "part [95% CI]", "share [95% CI]");
  out << line;
  for (std::size_t p = 0; p < kPathwayCount; ++p) {
    std::snprintf(line, sizeof line, "%-18s %-11s %-28s %s\n", kPathways[p].key, evidence_name(kPathways[p].evidence),
                  shown(mean_interval(d.contribution[p])).c_str(), shown_share(d.share(p)).c_str());
    out << line;
  }
  out << "\n";
  std::snprintf(line, sizeof line, "%-30s %s\n", "sum of the parts", shown(mean_interval(d.explained)).c_str());
  out << line;
  std::snprintf(line, sizeof line, "%-30s %s\n", "arm difference, every pathway", shown(mean_interval(d.all_on())).c_str());
  out << line;
  std::snprintf(line, sizeof line, "%-30s %s\n", "arm difference, none", shown(mean_interval(d.all_off())).c_str());
  out << line;
  out << "The parts sum to the arm difference minus what is left with every pathway off (randomization noise, mean 0).\n";
  if (d.method == Method::Sequential) out << "Sequential parts depend on the order of the pathways; Shapley parts do not.\n";
}

std::string decomposition_json(const Decomposition& d) {
  Json pathways = Json::array();
  for (std::size_t p = 0; p < kPathwayCount; ++p) {
    pathways.push_back({{"pathway", kPathways[p].key},
                        {"label", kPathways[p].label},
                        {"strength", evidence_name(kPathways[p].evidence)},
                        {"basis", kPathways[p].basis},
                        {"part", json_interval(mean_interval(d.contribution[p]))},
                        {"share", json_interval(d.share(p))}});
  }
  const Json document = {{"scenario", d.scenario},
                         {"seed", d.seed},
                         {"replicates", d.replicates},
                         {"method", method_name(d.method)},
                         {"statistic", "itt_change_difference"},
                         {"treated", d.treated},
                         {"reference", d.reference},
                         {"designs", d.designs.size()},
                         {"pathways", pathways},
                         {"sum_of_parts", json_interval(mean_interval(d.explained))},
                         {"arm_difference", json_interval(mean_interval(d.all_on()))},
                         {"arm_difference_all_off", json_interval(mean_interval(d.all_off()))}};
  return json_text(document);
}

}  // namespace coachsim::app
