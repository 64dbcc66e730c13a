#include "app/calibration/check_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/json_text.hpp"
#include "app/report.hpp"
#include "sim/cli/format.hpp"

namespace coachsim::app {
namespace {

Display display_of(Statistic statistic) { return statistic_info(statistic).display; }

// "pass", or how far the simulated mean is outside the observed interval.
std::string verdict(const TargetResult& r) {
  if (r.pass) return "pass";
  const double mean = r.simulated.mean;
  if (std::isnan(mean)) return "FAIL (not simulated)";
  const bool above = mean > r.target.hi;
  const double miss = above ? mean - r.target.hi : r.target.lo - mean;
  const std::string by = is_share(r.target.statistic) ? sim::cli::fixed(100.0 * miss, 1) + " pp" : sim::cli::fixed(miss, 2);
  return "FAIL (" + by + (above ? " above)" : " below)");
}

Json result_json(const TargetResult& r) {
  const TargetSpec& t = r.target;
  return {{"name", t.name},
          {"statistic", statistic_name(t.statistic)},
          {"arm", t.arm.empty() ? Json(nullptr) : Json(t.arm)},
          {"observed", json_number(t.observed)},
          {"observed_ci95", {json_number(t.lo), json_number(t.hi)}},
          {"simulated", json_number(r.simulated.mean)},
          {"simulated_interval", {json_number(r.simulated.lo), json_number(r.simulated.hi)}},
          {"pass", r.pass}};
}

}  // namespace

std::vector<TargetResult> compare(const std::string& scenario, const TargetsFile& targets,
                                  const RunSummary& summary) {
  std::vector<TargetResult> results;
  for (const auto& t : targets.targets) {
    const Interval sim = simulated(t, summary);
    results.push_back({scenario, t, sim, !std::isnan(sim.mean) && sim.mean >= t.lo && sim.mean <= t.hi});
  }
  return results;
}

FitSummary fit_summary(const std::vector<TargetResult>& results) {
  double n = 0, so = 0, ss = 0, soo = 0, sss = 0, sos = 0, ape = 0, ape_n = 0;
  for (const auto& r : results) {
    const double o = r.target.observed, s = r.simulated.mean;
    if (std::isnan(s)) continue;
    n += 1;
    so += o;
    ss += s;
    soo += o * o;
    sss += s * s;
    sos += o * s;
    if (o != 0) {
      ape += std::abs((s - o) / o);
      ape_n += 1;
    }
  }
  FitSummary fit;
  fit.targets = static_cast<std::size_t>(n);
  const double var_o = soo - so * so / n, var_s = sss - ss * ss / n, cov = sos - so * ss / n;
  fit.slope = n >= 2 && var_o > 0 ? cov / var_o : std::nan("");
  fit.intercept = n >= 2 && var_o > 0 ? (ss - fit.slope * so) / n : std::nan("");
  fit.r_squared = n >= 2 && var_o > 0 && var_s > 0 ? cov * cov / (var_o * var_s) : std::nan("");
  fit.mape_percent = ape_n > 0 ? 100.0 * ape / ape_n : std::nan("");
  return fit;
}

void print_check(std::ostream& out, const CheckHeader& h, const std::vector<TargetResult>& results) {
  out << "coachsim check: " << h.scenario << " against " << h.targets_file << "\n"
      << "source: " << h.source << "\n"
      << "seed " << h.seed << ", " << h.replicates << " replicates, follow-up at week " << h.followup_week
      << "\n"
      << "observed [95% CI] vs simulated mean over replicates [2.5-97.5 percentiles across replicates];\n"
      << "pass = simulated mean inside the observed 95% CI. Shares in %, HbA1c changes in %-points.\n\n";
  struct Row {
    std::string name, statistic, observed, simulated, result;
  };
  std::vector<Row> rows{{"target", "statistic", "observed [95% CI]", "simulated [95% interval]", "result"}};
  std::size_t passed = 0;
  for (const auto& r : results) {
    const TargetSpec& t = r.target;
    rows.push_back({t.name, statistic_name(t.statistic) + (t.arm.empty() ? "" : " " + t.arm),
                    shown(Interval{t.observed, t.lo, t.hi}, display_of(t.statistic)),
                    shown(r.simulated, display_of(t.statistic)), verdict(r)});
    passed += r.pass ? 1 : 0;
  }
  std::size_t w_name = 0, w_statistic = 0, w_observed = 0, w_simulated = 0;
  for (const auto& row : rows) {
    w_name = std::max(w_name, row.name.size());
    w_statistic = std::max(w_statistic, row.statistic.size());
    w_observed = std::max(w_observed, row.observed.size());
    w_simulated = std::max(w_simulated, row.simulated.size());
  }
  const auto pad = [](const std::string& text, std::size_t width) {
    return text + std::string(width - text.size() + 2, ' ');
  };
  for (const auto& row : rows) {
    out << pad(row.name, w_name) << pad(row.statistic, w_statistic) << pad(row.observed, w_observed)
        << pad(row.simulated, w_simulated) << row.result << "\n";
  }
  out << "\n" << passed << " of " << results.size() << " targets pass\n";
}

void print_fit_summary(std::ostream& out, const FitSummary& fit) {
  using sim::cli::fixed;
  out << "\nfit over all " << fit.targets << " targets (simulated = intercept + slope x observed, natural units):\n"
      << "  slope " << fixed(fit.slope, 3) << ", intercept " << fixed(fit.intercept, 3) << ", R^2 "
      << fixed(fit.r_squared, 3) << ", mean absolute percentage error " << fixed(fit.mape_percent, 1) << "%\n";
}

std::string check_json(const std::vector<CheckHeader>& headers,
                       const std::vector<std::vector<TargetResult>>& results, const FitSummary* fit) {
  std::size_t passed = 0, failed = 0;
  Json pairs = Json::array();
  for (std::size_t i = 0; i < headers.size(); ++i) {
    const auto& h = headers[i];
    Json items = Json::array();
    for (const auto& r : results[i]) {
      items.push_back(result_json(r));
      (r.pass ? passed : failed) += 1;
    }
    pairs.push_back({{"scenario", h.scenario},
                     {"targets", h.targets_file},
                     {"targets_source", h.source},
                     {"seed", h.seed},
                     {"replicates", h.replicates},
                     {"results", std::move(items)}});
  }
  Json fit_json = nullptr;
  if (fit != nullptr) {
    fit_json = {{"targets", fit->targets},
                {"slope", json_number(fit->slope)},
                {"intercept", json_number(fit->intercept)},
                {"r_squared", json_number(fit->r_squared)},
                {"mape_percent", json_number(fit->mape_percent)}};
  }
  return json_text({{"pairs", std::move(pairs)}, {"passed", passed}, {"failed", failed}, {"fit", std::move(fit_json)}});
}

}  // namespace coachsim::app
