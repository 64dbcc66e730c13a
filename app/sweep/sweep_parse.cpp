// Sweep files as a declared kind (sweep_schema), read by the one front end (sim/config/document.hpp);
// what remains here turns the read values into the sweep's structures and checks the combinations
// the declarations cannot express (a range needs a sampled method, a parameter swept twice, ...).
#include "app/sweep/sweep_parse.hpp"

#include <algorithm>
#include <limits>

#include "sim/config/document.hpp"

namespace coachsim::app::sweep_detail {
namespace {

using sim::config::ConfigError;
using sim::config::Document;
using sim::config::ParamType;
using sim::config::ParamValues;
using sim::config::Scalar;

constexpr std::int64_t kMaxSeed = 9'007'199'254'740'991;  // 2^53 - 1, exact in every reader
constexpr std::int64_t kMaxReplicates = 1'000'000;
constexpr std::int64_t kMaxPoints = 10'000'000;
constexpr std::size_t kMaxAxes = 1000;

// Scenario parameters, as [set] keys (`axis` false) or as swept parameters.
std::shared_ptr<const sim::config::KeyDomain> scenario_parameters(const sim::config::Schema& scenario,
                                                                  bool axis) {
  auto domain = sim::config::parameter_domain(scenario);
  domain->refuse = [&scenario, axis](const std::string& key) -> std::optional<std::string> {
    const auto* spec = scenario.params.find(key);
    if (spec->type == ParamType::TableArray) {
      return key + " is a [[table array]]: it cannot be " +
             (axis ? "swept; sweep scalar parameters" : "set in a sweep");
    }
    if (spec->shape != sim::config::ParamShape::Single) {
      return key + " is a table: it cannot be " + (axis ? "swept; sweep scalar parameters" : "set in a sweep");
    }
    if (const char* reason = reserved_reason(key, axis)) return key + " " + reason;
    return std::nullopt;
  };
  return domain;
}

class Reader {
 public:
  Reader(const sim::config::Schema& scenario, const Document& doc, std::vector<ConfigError>& errors)
      : scenario_(scenario), doc_(doc), errors_(errors) {}

  ParsedSweep run() {
    const ParamValues& v = doc_.values;
    ParsedSweep out;
    out.base_at = doc_.at("base");
    out.set_at = doc_.at("set");
    out.sweep_at = doc_.at("sweep");
    if (v.has("base")) out.base = v.choice("base");
    if (v.has("set")) {
      for (const auto& [path, value] : v.table("set"))
        out.set.push_back({path, value, doc_.at("set." + path)});
    }
    if (v.has("sweep.replicates")) out.replicates = v.integer("sweep.replicates");
    if (v.has("sweep.seed")) out.seed = v.integer("sweep.seed");
    if (v.has("sweep.method")) out.method = *sim::sweep::method_from_name(v.choice("sweep.method"));
    const bool sampled = sim::sweep::is_sampled(out.method);
    if (v.has("sweep.method") && doc_.where.contains("sweep.points") && !sampled) {
      fail("sweep.points", "a grid's points are its axes' values crossed; remove points");
    } else if (v.has("sweep.method") && !doc_.where.contains("sweep.points") && sampled) {
      fail("sweep.points", "missing required key; method " + sim::sweep::method_name(out.method) +
                               " needs a number of points");
    }
    out.points = v.has("sweep.points") ? v.integer("sweep.points") : (sampled ? 1 : 0);
    if (v.has("axes")) {
      const auto& items = v.items("axes");
      for (std::size_t i = 0; i < items.size(); ++i) axis(items[i], "axes[" + std::to_string(i) + "].", out);
    }
    return out;
  }

 private:
  void fail(const std::string& path, std::string message) {
    errors_.push_back(doc_.error(path, std::move(message)));
  }

  void axis(const ParamValues& item, const std::string& key, ParsedSweep& out) {
    if (!item.has("parameter")) return;
    LocatedAxis located{{}, doc_.at(key + "parameter")};
    sim::sweep::Axis& a = located.axis;
    a.parameter = item.choice("parameter");
    const auto& spec = *scenario_.params.find(a.parameter);
    const auto given = [&](const char* name) { return doc_.where.contains(key + name); };
    const auto same = [&](const auto& other) { return other.axis.parameter == a.parameter; };
    if (std::any_of(out.axes.begin(), out.axes.end(), same))
      return fail(key + "parameter", a.parameter + " is swept twice");
    if (std::any_of(out.set.begin(), out.set.end(),
                    [&](const LocatedValue& fixed) { return fixed.path == a.parameter; })) {
      return fail(key + "parameter", a.parameter + " is both swept and fixed in [set]");
    }
    const bool has_range = given("min") || given("max");
    if (given("distribution")) {
      if (given("values") || has_range) return fail(key + "distribution", "give a distribution or values or a range, not two");
      if (!distribution(item, key, spec, a)) return;
      if (!sim::sweep::is_sampled(out.method)) {
        return fail(key + "distribution", "a distribution needs a sampled method (latin_hypercube, sobol or saltelli)");
      }
      out.axes.push_back(std::move(located));
      return;
    }
    if (given("values")) {
      if (has_range) return fail(key + "values", "give either values or min and max, not both");
      if (!item.has("values")) return;
      for (std::size_t k = 0; k < item.list("values").size(); ++k) {
        const Scalar& value = item.list("values")[k];
        if (std::find(a.values.begin(), a.values.end(), value) != a.values.end()) {
          return fail(key + "values[" + std::to_string(k) + "]",
                      sim::sweep::scalar_text(value) + " is listed twice");
        }
        a.values.push_back(value);
      }
    } else if (!has_range) {
      return fail(key + "parameter", "needs values = [...] or a range (min and max)");
    } else if (!range(item, key, spec, a)) {
      return;
    }
    if (a.is_range() && !sim::sweep::is_sampled(out.method)) {
      return fail(
          key + "parameter",
          "a range needs a sampled method (latin_hypercube, sobol or saltelli); a grid needs values = [...]");
    }
    out.axes.push_back(std::move(located));
  }

  bool distribution(const ParamValues& item, const std::string& key, const sim::config::ParamSpec& spec,
                    sim::sweep::Axis& a) {
    if (spec.type != ParamType::Real && spec.type != ParamType::Integer) {
      fail(key + "distribution", "a distribution needs a real or integer parameter; list the values instead");
      return false;
    }
    if (!doc_.where.contains(key + "mean")) fail(key + "mean", "missing required key; a distribution needs a mean");
    if (!item.has("mean") || !item.has("distribution")) return false;
    const Scalar& mean = item.scalars().at("mean");
    a.mean = std::holds_alternative<std::int64_t>(mean) ? static_cast<double>(std::get<std::int64_t>(mean))
                                                         : std::get<double>(mean);
    a.sd = item.has("sd") ? item.real("sd") : 0.0;
    const auto& names = sim::config::kDistributionNames;
    const std::string& name = item.choice("distribution");
    a.distribution = static_cast<sim::config::Distribution>(std::find(std::begin(names), std::end(names), name) -
                                                            std::begin(names));
    a.min = spec.min;
    a.max = spec.max;
    a.integer = spec.type == ParamType::Integer;
    try {
      sim::sweep::distribution_quantile(a.distribution, a.mean, a.sd, 0.5);
    } catch (const sim::InputError& e) {
      fail(key + "mean", e.what());
      return false;
    }
    return true;
  }

  bool range(const ParamValues& item, const std::string& key, const sim::config::ParamSpec& spec,
             sim::sweep::Axis& a) {
    if (spec.type != ParamType::Real && spec.type != ParamType::Integer) {
      fail(key + "min", "a range needs a real or integer parameter; list the values instead");
      return false;
    }
    for (const char* bound : {"min", "max"}) {
      if (!doc_.where.contains(key + bound))
        fail(key + bound, std::string("missing required key; a range needs min and max"));
    }
    if (!item.has("min") || !item.has("max") || !item.has("log")) return false;
    const auto number = [&](const char* bound) {
      const Scalar& value = item.scalars().at(bound);
      if (const auto* i = std::get_if<std::int64_t>(&value)) return static_cast<double>(*i);
      return std::get<double>(value);
    };
    a.min = number("min");
    a.max = number("max");
    a.log = item.boolean("log");
    a.integer = item.has("integer") ? item.boolean("integer") : spec.type == ParamType::Integer;
    if (spec.type == ParamType::Integer && !a.integer) {
      fail(key + "integer", "an integer parameter's range cannot set integer = false");
    } else if (!(a.min < a.max)) {
      fail(key + "max", "min must be below max");
    } else if (a.log && !(a.min > 0)) {
      fail(key + "min", "a log-scale range needs min > 0");
    } else {
      return true;
    }
    return false;
  }

  const sim::config::Schema& scenario_;
  const Document& doc_;
  std::vector<ConfigError>& errors_;
};

}  // namespace

const char* reserved_reason(const std::string& path, bool axis) {
  if (path == "run.replicates") return "is set by [sweep] replicates, not here";
  if (path == "run.seed") return "is set by [sweep] seed (every point uses it: common random numbers)";
  if (axis && path == "run.weeks")
    return "cannot be swept: every point must have the same weeks (set it in [set])";
  return nullptr;
}

sim::config::Schema sweep_schema(const sim::config::Schema& scenario) {
  const auto swept = scenario_parameters(scenario, true);
  sim::config::ParamTable axis;
  axis.key_of("parameter", swept, "The scenario parameter to sweep")
      .required()
      .value_of("values", "parameter", true,
                "The values to run, each valid for the parameter; or give min and max")
      .value_of("min", "parameter", false, "Lower end of a range (sampled methods only)")
      .value_of("max", "parameter", false, "Upper end of a range (sampled methods only)")
      .boolean("log", false, "Sample the range on a log scale (needs min > 0)", "")
      .boolean("integer", false, "Round sampled values to integers; always true for integer parameters", "")
      .optional()
      .choice("distribution", "normal", {"normal", "lognormal", "beta", "gamma"},
              "Sample the parameter from this distribution around mean with SD sd, kept within its declared range "
              "(sampled methods only; what `coachsim psa` writes); instead of values or min and max",
              "")
      .optional()
      .value_of("mean", "parameter", false, "Mean of the distribution")
      .real("sd", "", 0, 0, 1e300, "Standard deviation of the distribution (0: the mean at every point)", "")
      .optional();
  sim::config::Schema schema;
  schema.schema_version = 1;
  schema.params.path("base", "The base scenario")
      .required()
      .choice("title", "", {}, "A title (free text)", "")
      .optional()
      .choice("description", "", {}, "A description (free text)", "")
      .optional()
      .open_table("set", scenario_parameters(scenario, false),
                  "Fixed values for every point, keyed by scenario parameter (program.caseload = 12, or "
                  "[set.program])")
      .integer("sweep.replicates", "", 1, 1, kMaxReplicates, "Replicates per point", "")
      .required()
      .integer("sweep.seed", "", 0, 0, kMaxSeed, "The seed of every point (common random numbers)", "")
      .required()
      .choice("sweep.method", "grid", {"grid", "latin_hypercube", "sobol", "saltelli"},
              "How points are chosen: the grid of the axes' values, or sampled over their ranges", "")
      .required()
      .integer("sweep.points", "", 1, 1, kMaxPoints, "Sampled methods only: points (saltelli: base rows N)",
               "")
      .optional()
      .table_array("axes", axis, 1, kMaxAxes, {}, "One swept parameter: a list of values, or a range")
      .required();
  return schema;
}

ParsedSweep parse_sweep_text(const sim::config::Schema& schema, const std::string& text,
                             const std::string& display, std::vector<ConfigError>& errors) {
  const Document doc = sim::config::read_document(sweep_schema(schema), text, display, errors);
  return Reader(schema, doc, errors).run();
}

}  // namespace coachsim::app::sweep_detail
