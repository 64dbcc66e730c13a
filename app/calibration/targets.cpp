#include "app/calibration/targets.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include "sim/calibration/loss.hpp"
#include "sim/calibration/toml_reader.hpp"

namespace coachsim::app {
namespace {

using sim::calibration::TableReader;
using sim::config::ConfigError;
using sim::config::ConfigErrors;

constexpr std::int64_t kSchemaVersion = 1;
constexpr double kSupportedThreshold = 7.5;  // the model reports shares below 7.5%
constexpr double kZ95 = 1.96;

std::vector<std::string> statistic_names() {
  std::vector<std::string> names;
  for (const auto& statistic : kStatistics) names.emplace_back(statistic.name);
  return names;
}

Statistic statistic_from(const std::string& name) { return statistic_named(name).value_or(Statistic::ChangeMean); }

bool uses_threshold(Statistic s) { return s == Statistic::ShareBelow || s == Statistic::ShareBelowBaseline; }

// Reads the interval keys (ci95 or se) of one target.
void read_uncertainty(TableReader& item, bool observed_valid, TargetSpec& target) {
  const bool has_ci = item.has("ci95"), has_se = item.has("se");
  const auto ci = item.interval("ci95", false);
  const auto se = item.real("se", false, 0, std::numeric_limits<double>::infinity());
  if (has_ci && has_se) {
    item.error("se", "give either ci95 or se, not both");
  } else if (!has_ci && !has_se) {
    item.error("ci95", "missing the observation's uncertainty: give ci95 = [lo, hi] or se");
  }
  if (ci) {
    target.interval_given = true;
    target.lo = ci->first;
    target.hi = ci->second;
    target.se = sim::calibration::se_from_interval95(target.lo, target.hi);
    if (observed_valid && (target.observed < target.lo || target.observed > target.hi)) {
      item.error("ci95", "the observed value is outside its 95% interval");
    }
  } else if (se) {
    if (*se <= 0) item.error("se", "must be positive");
    target.se = *se;
    target.lo = target.observed - kZ95 * target.se;
    target.hi = target.observed + kZ95 * target.se;
  }
}

// `name` is set whenever the name itself is valid (for the duplicate check).
std::optional<TargetSpec> read_target(TableReader& item, std::optional<std::string>& name) {
  TargetSpec target;
  target.at = item.at();
  name = item.string("name", true);
  const auto statistic = item.choice("statistic", statistic_names(), true);
  const Statistic s = statistic ? statistic_from(*statistic) : Statistic::ChangeMean;
  const double lowest = statistic && is_share(s) ? 0.0 : -std::numeric_limits<double>::infinity();
  const double highest = statistic && is_share(s) ? 1.0 : std::numeric_limits<double>::infinity();
  const auto observed = item.real("observed", true, lowest, highest);
  const auto arm = item.string("arm", false);
  const auto threshold = item.real("threshold", false);
  const auto week = item.integer("week", true, 0, 1040);
  if (observed) target.observed = *observed;
  read_uncertainty(item, observed.has_value(), target);
  if (statistic && needs_arm(s) && !item.has("arm")) {
    item.error("arm", "missing required key; statistic \"" + *statistic + "\" is per arm: name the arm");
  } else if (statistic && !needs_arm(s) && item.has("arm")) {
    item.error("arm", "statistic \"" + *statistic + "\" is not per arm; remove arm");
  }
  if (statistic && uses_threshold(s) && threshold && *threshold != kSupportedThreshold) {
    item.error("threshold", "only threshold = 7.5 is supported (the model reports shares below 7.5%)");
  } else if (statistic && !uses_threshold(s) && item.has("threshold")) {
    item.error("threshold", "statistic \"" + *statistic + "\" takes no threshold; remove it");
  }
  item.finish();
  if (!name || !statistic || !observed || !week) return std::nullopt;
  target.name = *name;
  target.statistic = s;
  target.arm = arm.value_or("");
  target.threshold = threshold.value_or(kSupportedThreshold);
  target.week = *week;
  target.arm_at = item.value_at("arm");
  target.week_at = item.value_at("week");
  return target;
}

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::vector<ConfigError> errors(1);
    errors.front().where = {file.string(), 0, 0};
    errors.front().message = std::string("cannot read targets file: ") + std::strerror(errno);
    throw ConfigErrors(std::move(errors));
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::string statistic_name(Statistic statistic) { return statistic_info(statistic).name; }

bool is_share(Statistic s) { return statistic_info(s).display == Display::Share; }

bool needs_arm(Statistic s) { return statistic_info(s).scope == Scope::Arm; }

TargetsFile load_targets_text(std::string_view text, const std::string& display_name) {
  std::vector<ConfigError> errors;
  TargetsFile file;
  file.file = display_name;
  if (const auto document = sim::calibration::parse_toml(text, display_name, errors)) {
    TableReader top(*document, display_name, "", errors);
    if (const auto version = top.integer("schema_version", true, 0, 1'000'000);
        version && *version != kSchemaVersion) {
      top.error("schema_version", "schema_version " + std::to_string(*version) +
                                      " is not supported; this build reads targets schema_version 1");
    }
    file.source = top.string("source", true).value_or("");
    if (const auto* items = top.table_array("targets", true)) {
      std::map<std::string, std::size_t> seen;
      for (std::size_t i = 0; i < items->size(); ++i) {
        TableReader item(*items->get(i)->as_table(), display_name, "targets[" + std::to_string(i) + "].",
                         errors);
        std::optional<std::string> name;
        auto target = read_target(item, name);
        if (name && !seen.emplace(*name, i).second) {
          item.error("name", "duplicate target name \"" + *name + "\" (first at targets[" +
                                 std::to_string(seen[*name]) + "])");
        } else if (target) {
          file.targets.push_back(std::move(*target));
        }
      }
    }
    top.finish();
  }
  if (!errors.empty()) {
    std::stable_sort(errors.begin(), errors.end(), [](const ConfigError& a, const ConfigError& b) {
      return std::pair(a.where.line, a.where.column) < std::pair(b.where.line, b.where.column);
    });
    throw ConfigErrors(std::move(errors));
  }
  return file;
}

TargetsFile load_targets(const std::filesystem::path& file) {
  return load_targets_text(read_text(file), file.string());
}

void check_targets_apply(const TargetsFile& targets, const ModelParams& params,
                         const std::string& scenario_file) {
  std::vector<ConfigError> errors;
  const bool has_coached =
      std::any_of(params.arms.begin(), params.arms.end(), [](const ArmParams& a) { return a.coaching; });
  const bool has_reference =
      std::any_of(params.arms.begin(), params.arms.end(), [](const ArmParams& a) { return !a.coaching; });
  std::string arm_list;
  for (const auto& arm : params.arms) arm_list += (arm_list.empty() ? "\"" : ", \"") + arm.name + "\"";
  for (std::size_t i = 0; i < targets.targets.size(); ++i) {
    const TargetSpec& t = targets.targets[i];
    const std::string key = "targets[" + std::to_string(i) + "].";
    if (t.week != static_cast<std::int64_t>(params.run.followup_week)) {
      errors.push_back({t.week_at, key + "week",
                        "target week " + std::to_string(t.week) + " differs from run.followup_week = " +
                            std::to_string(params.run.followup_week) + " in " + scenario_file +
                            "; the model reports these statistics at the follow-up week"});
    }
    if (needs_arm(t.statistic) && std::none_of(params.arms.begin(), params.arms.end(),
                                               [&](const ArmParams& a) { return a.name == t.arm; })) {
      errors.push_back({t.arm_at, key + "arm",
                        "no arm \"" + t.arm + "\" in " + scenario_file + "; its arms are " + arm_list});
    }
    if (t.statistic == Statistic::ChangeDifference && !(has_coached && has_reference)) {
      errors.push_back({t.at, key + "statistic",
                        "change_difference needs a coaching and a non-coaching arm in " + scenario_file});
    }
    if (t.statistic == Statistic::CoachAttrition && (!has_coached || params.coaches.count == 0)) {
      errors.push_back(
          {t.at, key + "statistic", "coach_attrition needs coaches and a coaching arm in " + scenario_file});
    }
  }
  if (!errors.empty()) throw ConfigErrors(std::move(errors));
}

Interval simulated(const TargetSpec& target, const RunSummary& summary) {
  return summary.of(target.statistic, target.arm);
}

}  // namespace coachsim::app
