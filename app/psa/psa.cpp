#include "app/psa/psa.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "app/json_text.hpp"
#include "models/summary.hpp"
#include "sim/cli/format.hpp"
#include "sim/io/result_file.hpp"
#include "sim/sweep/design.hpp"

namespace coachsim::app {
namespace {

using sim::cli::fixed;
using sim::cli::percent;
using sim::cli::thousands;

std::string toml_string(const std::string& text) {
  std::string out = "\"";
  for (char c : text) out += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
  return out + "\"";
}

// A quantity's draw means and within-draw variances -> mean, interval, and the two spreads.
PsaQuantity quantity(const std::vector<double>& means, const std::vector<double>& variances, double replicates) {
  PsaQuantity q;
  const Interval i = across_replicates(means, 1);
  q.mean = i.mean;
  q.lo = i.lo;
  q.hi = i.hi;
  double total = 0, within = 0, n = 0;
  for (std::size_t d = 0; d < means.size(); ++d) {
    if (std::isnan(means[d])) continue;
    total += (means[d] - q.mean) * (means[d] - q.mean);
    within += std::isnan(variances[d]) ? 0.0 : variances[d];
    n += 1;
  }
  const double between = n > 1 ? total / (n - 1) : 0.0;
  const double monte_carlo = n > 0 && replicates > 0 ? within / n / replicates : 0.0;
  q.sd_monte_carlo = std::sqrt(monte_carlo);
  q.sd_parameters = std::sqrt(std::max(0.0, between - monte_carlo));
  return q;
}

}  // namespace

std::string psa_sweep_text(const Scenario& scenario, const std::filesystem::path& scenario_file,
                           const std::filesystem::path& sweep_file, const PsaDesign& design) {
  std::error_code error;
  const auto directory = std::filesystem::absolute(sweep_file).parent_path();
  auto base = std::filesystem::relative(std::filesystem::absolute(scenario_file), directory, error);
  if (error || base.empty()) base = std::filesystem::absolute(scenario_file);
  std::ostringstream out;
  out << "# Probabilistic sensitivity analysis of " << scenario_file.generic_string()
      << ", written by coachsim psa: every parameter with a declared uncertainty (coachsim params: \"PSA\") is\n"
         "# drawn around the scenario's value; each draw runs the same replicates (common random numbers).\n"
         "# Run it again, sharded or resumed, with coachsim sweep.\n"
         "schema_version = 1\n"
      << "title = " << toml_string("PSA of " + scenario.loaded.title) << "\n"
      << "base = " << toml_string(base.generic_string()) << "\n\n[sweep]\nreplicates = " << design.replicates
      << "\nseed = " << scenario.params.run.seed << "\nmethod = \"latin_hypercube\"\npoints = " << design.draws << "\n";
  const auto& schema = scenario_schema();
  std::size_t axes = 0;
  for (const auto& spec : schema.params.specs()) {
    const auto& u = spec.uncertainty;
    if (u.distribution == sim::config::Distribution::None) continue;
    const double value = scenario.loaded.values.real(spec.path);
    const double sd = u.relative_sd * std::abs(value) * design.scale;
    try {
      sim::sweep::distribution_quantile(u.distribution, value, 0.1 * std::abs(value) + 1e-9, 0.5);
    } catch (const sim::InputError&) {
      continue;  // a value the distribution cannot have (a cost of 0 is certain)
    }
    out << "\n[[axes]]\nparameter = " << toml_string(spec.path) << "\ndistribution = "
        << toml_string(sim::config::kDistributionNames[static_cast<std::size_t>(u.distribution)])
        << "\nmean = " << sim::sweep::scalar_text(value) << "\nsd = " << sim::sweep::scalar_text(sd) << "\n";
    ++axes;
  }
  if (axes == 0) throw sim::InputError("no parameter of the scenario has an uncertainty to draw");
  return out.str();
}

PsaReport read_psa(const std::filesystem::path& results, const std::array<double, 3>& wtp) {
  const sim::io::ResultReader reader(results);
  PsaReport report;
  if (!reader.has_attribute("/", "treated_arm")) {
    throw sim::InputError(results.string() + ": no coached and usual-care arm to compare");
  }
  report.arm = reader.read_string_attribute("/", "treated_arm");
  const auto arms = reader.read_strings("arm").values;
  const auto arm = static_cast<std::size_t>(std::find(arms.begin(), arms.end(), report.arm) - arms.begin());
  const auto cost = reader.read_doubles("incremental_cost");
  const auto qalys = reader.read_doubles("incremental_qalys");
  report.draws = cost.shape.at(0);
  report.replicates = cost.shape.at(1);
  report.parameters = reader.read_strings("parameter").values.size();
  const std::size_t n_arms = cost.shape.at(2);
  std::vector<double> cost_var, qaly_var, nmb_mean[3], nmb_var[3];
  std::vector<double> ratios;
  for (std::size_t d = 0; d < report.draws; ++d) {
    double sc = 0, sq = 0, scc = 0, sqq = 0, scq = 0, n = 0;
    for (std::size_t r = 0; r < report.replicates; ++r) {
      const std::size_t at = (d * report.replicates + r) * n_arms + arm;
      const double c = cost.values[at], q = qalys.values[at];
      if (std::isnan(c) || std::isnan(q)) continue;
      sc += c, sq += q, scc += c * c, sqq += q * q, scq += c * q, n += 1;
    }
    const double nan = std::nan("");
    const double mc = n > 0 ? sc / n : nan, mq = n > 0 ? sq / n : nan;
    const double vc = n > 1 ? (scc - n * mc * mc) / (n - 1) : nan, vq = n > 1 ? (sqq - n * mq * mq) / (n - 1) : nan;
    const double cov = n > 1 ? (scq - n * mc * mq) / (n - 1) : nan;
    report.draw_cost.push_back(mc);
    report.draw_qalys.push_back(mq);
    cost_var.push_back(vc);
    qaly_var.push_back(vq);
    for (std::size_t k = 0; k < 3; ++k) {
      nmb_mean[k].push_back(wtp[k] * mq - mc);
      nmb_var[k].push_back(wtp[k] * wtp[k] * vq + vc - 2 * wtp[k] * cov);
    }
  }
  const auto r = static_cast<double>(report.replicates);
  report.incremental_cost = quantity(report.draw_cost, cost_var, r);
  report.incremental_qalys = quantity(report.draw_qalys, qaly_var, r);
  report.wtp = wtp;
  for (std::size_t k = 0; k < 3; ++k) report.net_monetary_benefit[k] = quantity(nmb_mean[k], nmb_var[k], r);
  const Interval c{report.incremental_cost.mean, report.incremental_cost.lo, report.incremental_cost.hi, report.draws,
                   report.draws > 0};
  const Interval q{report.incremental_qalys.mean, report.incremental_qalys.lo, report.incremental_qalys.hi,
                   report.draws, report.draws > 0};
  const Verdict verdict = verdict_of(c, q);
  report.verdict = verdict_name(verdict);
  report.icer = {std::nan(""), std::nan(""), std::nan(""), 0, 0};
  if (verdict == Verdict::Ratio || verdict == Verdict::CostSaving || verdict == Verdict::SavesAtLoss) {
    for (std::size_t d = 0; d < report.draws; ++d) ratios.push_back(report.draw_cost[d] / report.draw_qalys[d]);
    const Interval i = across_replicates(ratios, 1);
    report.icer = {c.mean / q.mean, i.lo, i.hi, 0, 0};
  }
  for (double lambda = 0; lambda <= 200000; lambda += 5000) {
    report.acceptability.push_back({lambda, probability_cost_effective(report, lambda)});
  }
  return report;
}

double probability_cost_effective(const PsaReport& report, double wtp) {
  double positive = 0, n = 0;
  for (std::size_t d = 0; d < report.draw_cost.size(); ++d) {
    const double nmb = wtp * report.draw_qalys[d] - report.draw_cost[d];
    if (std::isnan(nmb)) continue;
    positive += nmb > 0;
    n += 1;
  }
  return n > 0 ? positive / n : std::nan("");
}

void print_psa(std::ostream& out, const PsaReport& report, const ModelParams& p) {
  out << "\nprobabilistic sensitivity analysis: " << report.draws << " draws of " << report.parameters
      << " uncertain parameters, " << report.replicates << " replicates each (common random numbers)\n";
  out << report.arm << " against the same patients under usual care (" << fixed(p.outcomes.horizon_years, 0)
      << " years, discounted at " << percent(p.economics.discount_rate, 1) << "/year); mean and [95% interval] over "
      << "draws, and the SD from parameter uncertainty and from Monte Carlo error of a draw's mean\n";
  char line[200];
  auto row = [&](const std::string& name, const PsaQuantity& q, int digits) {
    std::snprintf(line, sizeof line, "  %-32s %12s [%s, %s]   SD parameters %s, Monte Carlo %s\n", name.c_str(),
                  fixed(q.mean, digits, true).c_str(), fixed(q.lo, digits, true).c_str(),
                  fixed(q.hi, digits, true).c_str(), fixed(q.sd_parameters, digits).c_str(),
                  fixed(q.sd_monte_carlo, digits).c_str());
    out << line;
  };
  row("incremental cost (USD)", report.incremental_cost, 0);
  row("incremental QALYs", report.incremental_qalys, 4);
  for (std::size_t k = 0; k < 3; ++k) {
    row("net monetary benefit at " + thousands(report.wtp[k]), report.net_monetary_benefit[k], 0);
  }
  out << "  ICER: ";
  if (std::isnan(report.icer.mean)) {
    out << report.verdict << "\n";
  } else {
    out << fixed(report.icer.mean, 0) << " [" << fixed(report.icer.lo, 0) << ", " << fixed(report.icer.hi, 0)
        << "] USD per QALY (" << report.verdict << ")\n";
  }
  out << "  probability cost-effective:";
  for (std::size_t k = 0; k < 3; ++k) {
    out << (k == 0 ? " " : ", ") << percent(probability_cost_effective(report, report.wtp[k]), 1) << " at "
        << thousands(report.wtp[k]) << " USD/QALY";
  }
  out << "\n";
}

std::string psa_json(const PsaReport& report) {
  auto q = [](const PsaQuantity& x) {
    return Json{{"mean", json_number(x.mean)},
                {"ci95", Json::array({json_number(x.lo), json_number(x.hi)})},
                {"sd_parameters", json_number(x.sd_parameters)},
                {"sd_monte_carlo", json_number(x.sd_monte_carlo)}};
  };
  Json j{{"arm", report.arm},
         {"draws", report.draws},
         {"replicates", report.replicates},
         {"parameters", report.parameters},
         {"incremental_cost", q(report.incremental_cost)},
         {"incremental_qalys", q(report.incremental_qalys)},
         {"verdict", report.verdict},
         {"icer", json_number(report.icer.mean)},
         {"icer_ci95", Json::array({json_number(report.icer.lo), json_number(report.icer.hi)})}};
  Json nmb = Json::array();
  for (std::size_t k = 0; k < 3; ++k) {
    Json item = q(report.net_monetary_benefit[k]);
    item["wtp"] = json_number(report.wtp[k]);
    item["probability_cost_effective"] = json_number(probability_cost_effective(report, report.wtp[k]));
    nmb.push_back(std::move(item));
  }
  j["net_monetary_benefit"] = std::move(nmb);
  Json curve = Json::array();
  for (const auto& [wtp, probability] : report.acceptability) {
    curve.push_back({{"wtp", json_number(wtp)}, {"probability_cost_effective", json_number(probability)}});
  }
  j["acceptability_curve"] = std::move(curve);
  return json_text(j);
}

}  // namespace coachsim::app
