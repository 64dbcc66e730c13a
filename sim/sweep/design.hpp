#pragma once
// A parameter sweep's design: named axes (value lists or ranges), a method that turns them into
// points, and the hash that identifies the whole design. Model-free: parameters are dotted paths
// and values are config::Scalar; what a point means is up to the caller.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/config/parameter.hpp"

namespace sim::sweep {

enum class Method { Grid, LatinHypercube, Sobol, Saltelli };

std::string method_name(Method method);  // "grid", "latin_hypercube", "sobol", "saltelli"
std::optional<Method> method_from_name(std::string_view name);
inline bool is_sampled(Method method) { return method != Method::Grid; }

struct Axis {
  std::string parameter;
  // A list axis: crossed with the other list axes in a grid; in a sampled design each value has
  // an equal share of the unit interval (so a Latin hypercube balances them).
  std::vector<config::Scalar> values;
  // A range axis (values empty; sampled designs only): [min, max], geometric when `log`,
  // whole numbers (std::int64_t values) when `integer`.
  double min = 0;
  double max = 0;
  bool log = false;
  bool integer = false;
  // A distribution axis (values empty; sampled designs only): each point's value is the quantile
  // of its unit coordinate in the distribution with this mean and SD, kept within [min, max] (the
  // parameter's declared range). A probabilistic sensitivity analysis is a sampled design of
  // distribution axes. SD 0 gives the mean at every point.
  config::Distribution distribution = config::Distribution::None;
  double mean = 0;
  double sd = 0;
  bool is_range() const { return values.empty(); }
};

struct DesignSpec {
  Method method = Method::Grid;
  std::vector<Axis> axes;
  std::size_t samples = 0;  // sampled methods: points (Latin hypercube, Sobol) or base rows N (Saltelli)
  std::uint64_t seed = 0;   // the Latin hypercube's draws
};

struct Design {
  Method method = Method::Grid;
  std::vector<std::string> parameters;  // one per axis, in axis order
  std::size_t points = 0;
  std::vector<config::Scalar> values;  // point-major: point p, axis k at p * parameters.size() + k
  // Saltelli designs only (empty otherwise): block (0 = A, 1 = B, 2 + i = AB_i) and row of each point.
  std::vector<std::int64_t> saltelli_block;
  std::vector<std::int64_t> saltelli_row;
  std::size_t saltelli_base = 0;

  const config::Scalar& value(std::size_t point, std::size_t axis) const {
    return values[point * parameters.size() + axis];
  }
};

// Throws sim::InputError for a spec that names no points (a grid with a range axis, a
// sampled method without samples, an empty value list, a log range with min <= 0).
Design build_design(const DesignSpec& spec);

// Identifies a sweep: FNV-1a 64 (16 hex digits) over the resolved base scenario text, the
// method, the parameters, every point's values (type and bits), the replicates and the seed.
// Shards and journals carry it; runs from designs with different hashes are never mixed.
std::string design_hash(const Design& design, std::string_view base_scenario, std::uint64_t replicates,
                        std::uint64_t seed);

// The quantile of u in (0, 1) of a distribution given by its mean and SD (Beta: on [0, 1], the SD
// narrowed to what a Beta with that mean allows). Throws sim::InputError for a mean the
// distribution cannot have (a LogNormal or Gamma mean <= 0, a Beta mean outside (0, 1)).
double distribution_quantile(config::Distribution distribution, double mean, double sd, double u);

// A value as text for tables and messages: reals in shortest round-trip form, strings unquoted.
std::string scalar_text(const config::Scalar& value);
// A value as a number for the design matrix: reals and integers as they are, booleans 0/1,
// strings as their index in `choices` (NaN when absent).
double scalar_number(const config::Scalar& value, const std::vector<config::Scalar>& choices);

}  // namespace sim::sweep
