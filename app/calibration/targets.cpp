#include "app/calibration/targets.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <sstream>
#include <tuple>

#include "sim/calibration/loss.hpp"
#include "sim/config/document.hpp"

namespace coachsim::app {
namespace {

using sim::config::ConfigError;
using sim::config::ConfigErrors;
using sim::config::Document;
using sim::config::ParamValues;

constexpr double kSupportedThreshold = 7.5;  // the model reports shares below 7.5%
constexpr double kZ95 = 1.96;
constexpr double kInf = std::numeric_limits<double>::infinity();

// The statistics a target may name: the statistics list (models/statistics.hpp).
std::vector<std::string> statistic_names() {
  std::vector<std::string> names;
  for (const auto& statistic : kStatistics) names.emplace_back(statistic.name);
  return names;
}

Statistic statistic_from(const std::string& name) { return statistic_named(name).value_or(Statistic::ChangeMean); }

bool uses_threshold(Statistic s) { return s == Statistic::ShareBelow || s == Statistic::ShareBelowBaseline; }

std::string number(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

// A target's keys beyond their declarations: uncertainty, arm and threshold by statistic. `key`
// is the item's prefix ("targets[2]."); keys with problems have no value.
void check_target(const Document& doc, const std::string& key, const ParamValues& item,
                  std::vector<ConfigError>& errors) {
  const auto given = [&](const char* name) { return doc.where.contains(key + name); };
  const auto error = [&](const char* name, std::string message) {
    errors.push_back(doc.error(key + name, std::move(message)));
  };
  if (given("ci95") && given("se")) {
    error("se", "give either ci95 or se, not both");
  } else if (!given("ci95") && !given("se")) {
    error("ci95", "missing the observation's uncertainty: give ci95 = [lo, hi] or se");
  }
  if (item.has("se") && !(item.real("se") > 0))
    error("se", "expected a positive number, got " + number(item.real("se")));
  const std::string name = item.has("statistic") ? item.choice("statistic") : "";
  const Statistic s = statistic_from(name);
  bool observed = item.has("observed");
  if (observed && !name.empty() && is_share(s) && (item.real("observed") < 0 || item.real("observed") > 1)) {
    error("observed",
          number(item.real("observed")) + " is outside [0, 1]: statistic \"" + name + "\" is a share");
    observed = false;
  }
  if (item.has("ci95") && observed) {
    const auto [lo, hi] = item.interval("ci95");
    if (item.real("observed") < lo || item.real("observed") > hi) {
      error("ci95", "the observed value is outside its 95% interval");
    }
  }
  if (name.empty()) return;
  if (needs_arm(s) && !given("arm")) {
    error("arm", "missing required key; statistic \"" + name + "\" is per arm: name the arm");
  } else if (!needs_arm(s) && given("arm")) {
    error("arm", "statistic \"" + name + "\" is not per arm; remove arm");
  }
  if (uses_threshold(s) && item.has("threshold") && item.real("threshold") != kSupportedThreshold) {
    error("threshold", "only threshold = 7.5 is supported (the model reports shares below 7.5%)");
  } else if (!uses_threshold(s) && given("threshold")) {
    error("threshold", "statistic \"" + name + "\" takes no threshold; remove it");
  }
}

TargetSpec target_of(const Document& doc, const std::string& key, const ParamValues& item) {
  TargetSpec target;
  target.name = item.choice("name");
  target.statistic = statistic_from(item.choice("statistic"));
  target.arm = item.has("arm") ? item.choice("arm") : "";
  target.threshold = item.has("threshold") ? item.real("threshold") : kSupportedThreshold;
  target.observed = item.real("observed");
  if (item.has("ci95")) {
    target.interval_given = true;
    std::tie(target.lo, target.hi) = item.interval("ci95");
    target.se = sim::calibration::se_from_interval95(target.lo, target.hi);
  } else {
    target.se = item.real("se");
    target.lo = target.observed - kZ95 * target.se;
    target.hi = target.observed + kZ95 * target.se;
  }
  target.week = item.integer("week");
  target.at = doc.at(key.substr(0, key.size() - 1));
  target.arm_at = doc.at(key + "arm");
  target.week_at = doc.at(key + "week");
  return target;
}

}  // namespace

std::string statistic_name(Statistic statistic) { return statistic_info(statistic).name; }

bool is_share(Statistic s) { return statistic_info(s).display == Display::Share; }

bool needs_arm(Statistic s) { return statistic_info(s).scope == Scope::Arm; }

const sim::config::Schema& targets_schema() {
  static const sim::config::Schema schema = [] {
    auto statistics = std::make_shared<sim::config::KeyDomain>();
    statistics->what = "statistic";
    statistics->names = statistic_names;
    sim::config::ParamTable item;
    item.choice("name", "", {}, "The target's name, unique in the file", "")
        .required()
        .key_of("statistic", statistics, "What the run is compared on (docs/validation.md, \"Statistics\")")
        .required()
        .choice("arm", "", {},
                "The scenario's arm, for per-arm statistics (all but change_difference and coach_attrition)",
                "")
        .optional()
        .real("threshold", "%", kSupportedThreshold, 0, 20,
              "HbA1c threshold of share_below and share_below_baseline; only 7.5 is supported", "")
        .optional()
        .real("observed", "", 0, -kInf, kInf,
              "The published value: a share in [0, 1], or a change in %-points", "")
        .required()
        .interval("ci95", "", -kInf, kInf, "Its 95% interval [lo, hi]; give ci95 or se")
        .real("se", "", 0, 0, kInf, "Its standard error (positive); give ci95 or se", "")
        .optional()
        .integer("week", "weeks", 0, 0, 1040, "The week it was measured: the scenario's run.followup_week",
                 "")
        .required();
    sim::config::Schema s;
    s.schema_version = 1;
    s.params.choice("source", "", {}, "The publication the targets come from", "")
        .required()
        .table_array("targets", item, 1, 10000, {}, "One published result the scenario must reproduce")
        .required();
    return s;
  }();
  return schema;
}

TargetsFile load_targets_text(std::string_view text, const std::string& display_name) {
  std::vector<ConfigError> errors;
  const Document doc = sim::config::read_document(targets_schema(), text, display_name, errors);
  TargetsFile file;
  file.file = display_name;
  if (doc.values.has("source")) file.source = doc.values.choice("source");
  if (doc.values.has("targets")) {
    std::map<std::string, std::size_t> seen;
    const auto& items = doc.values.items("targets");
    for (std::size_t i = 0; i < items.size(); ++i) {
      const std::string key = "targets[" + std::to_string(i) + "].";
      const std::size_t before = errors.size();
      check_target(doc, key, items[i], errors);
      // A blank or duplicate name is refused by the front end (names identify items).
      if (items[i].has("name") && !seen.emplace(items[i].choice("name"), i).second) continue;
      const bool complete = items[i].has("name") && items[i].has("statistic") && items[i].has("observed") &&
                            items[i].has("week") && (items[i].has("ci95") || items[i].has("se"));
      if (errors.size() == before && complete) file.targets.push_back(target_of(doc, key, items[i]));
    }
  }
  sim::config::throw_if_errors(std::move(errors), display_name);
  return file;
}

TargetsFile load_targets(const std::filesystem::path& file) {
  return load_targets_text(sim::config::read_input_file(file, "targets file"), file.string());
}

void check_targets_apply(const TargetsFile& targets, const ModelParams& params,
                         const std::string& scenario_file) {
  std::vector<ConfigError> errors;
  const bool has_coached =
      std::any_of(params.arms.begin(), params.arms.end(), [](const ArmParams& a) { return a.coached(); });
  const bool has_reference =
      std::any_of(params.arms.begin(), params.arms.end(), [](const ArmParams& a) { return !a.coached(); });
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
