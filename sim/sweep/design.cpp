#include "sim/sweep/design.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>

#include "sim/input_error.hpp"
#include "sim/sweep/fnv_hash.hpp"
#include "sim/sweep/sampling.hpp"

namespace sim::sweep {
namespace {

constexpr std::string_view kMethodNames[] = {"grid", "latin_hypercube", "sobol", "saltelli"};

config::Scalar value_at(const Axis& axis, double u) {
  if (axis.distribution != config::Distribution::None) {
    double value = std::clamp(distribution_quantile(axis.distribution, axis.mean, axis.sd, u), axis.min, axis.max);
    if (axis.integer) return static_cast<std::int64_t>(std::llround(value));
    return value;
  }
  if (!axis.is_range()) {
    const auto count = static_cast<double>(axis.values.size());
    const auto index = static_cast<std::size_t>(std::min(std::floor(u * count), count - 1));
    return axis.values[index];
  }
  const double value = scale_unit(u, axis.min, axis.max, axis.log, axis.integer);
  if (axis.integer) return static_cast<std::int64_t>(value);
  return value;
}

void check_axes(const DesignSpec& spec) {
  if (spec.axes.empty()) throw InputError("a sweep needs at least one axis");
  for (const auto& axis : spec.axes) {
    if (axis.is_range() && !is_sampled(spec.method)) {
      throw InputError("axis " + axis.parameter + " is a range; a grid needs a list of values");
    }
    if (axis.distribution != config::Distribution::None && !is_sampled(spec.method)) {
      throw InputError("axis " + axis.parameter + " has a distribution; a grid needs a list of values");
    }
    if (axis.is_range() && !(axis.min <= axis.max)) {
      throw InputError("axis " + axis.parameter + ": min must not exceed max");
    }
    if (axis.is_range() && axis.log && !(axis.min > 0)) {
      throw InputError("axis " + axis.parameter + ": a log range needs min > 0");
    }
  }
  if (is_sampled(spec.method) && spec.samples == 0) {
    throw InputError("method " + method_name(spec.method) + " needs a number of points");
  }
}

Design grid(const DesignSpec& spec, Design design) {
  std::vector<std::size_t> sizes;
  for (const auto& axis : spec.axes) sizes.push_back(axis.values.size());
  for (const auto& index : grid_indices(sizes)) {
    for (std::size_t k = 0; k < index.size(); ++k) design.values.push_back(spec.axes[k].values[index[k]]);
    ++design.points;
  }
  return design;
}

Design sampled(const DesignSpec& spec, Design design) {
  const std::size_t dims = spec.axes.size();
  UnitSamples unit;
  if (spec.method == Method::LatinHypercube) {
    unit = latin_hypercube(spec.samples, dims, spec.seed);
  } else if (spec.method == Method::Sobol) {
    unit = sobol(spec.samples, dims);
  } else {
    SaltelliSamples s = saltelli(spec.samples, dims);
    unit = std::move(s.points);
    design.saltelli_block = std::move(s.block);
    design.saltelli_row = std::move(s.row);
    design.saltelli_base = spec.samples;
  }
  design.points = unit.count;
  design.values.reserve(unit.count * dims);
  for (std::size_t p = 0; p < unit.count; ++p) {
    for (std::size_t k = 0; k < dims; ++k) design.values.push_back(value_at(spec.axes[k], unit.at(p, k)));
  }
  return design;
}

}  // namespace

std::string method_name(Method method) { return std::string(kMethodNames[static_cast<std::size_t>(method)]); }

std::optional<Method> method_from_name(std::string_view name) {
  for (std::size_t i = 0; i < std::size(kMethodNames); ++i) {
    if (kMethodNames[i] == name) return static_cast<Method>(i);
  }
  return std::nullopt;
}

Design build_design(const DesignSpec& spec) {
  check_axes(spec);
  Design design;
  design.method = spec.method;
  for (const auto& axis : spec.axes) design.parameters.push_back(axis.parameter);
  return is_sampled(spec.method) ? sampled(spec, std::move(design)) : grid(spec, std::move(design));
}

std::string design_hash(const Design& design, std::string_view base_scenario, std::uint64_t replicates,
                        std::uint64_t seed) {
  Fnv1a64 hash;
  hash.text("coachsim-sweep-design-1").text(base_scenario).text(method_name(design.method));
  hash.u64(design.parameters.size());
  for (const auto& parameter : design.parameters) hash.text(parameter);
  hash.u64(design.points);
  for (const auto& value : design.values) {
    hash.u64(value.index());
    if (const auto* real = std::get_if<double>(&value)) hash.f64(*real);
    if (const auto* integer = std::get_if<std::int64_t>(&value)) hash.u64(static_cast<std::uint64_t>(*integer));
    if (const auto* boolean = std::get_if<bool>(&value)) hash.u64(*boolean ? 1 : 0);
    if (const auto* text = std::get_if<std::string>(&value)) hash.text(*text);
  }
  for (std::int64_t block : design.saltelli_block) hash.u64(static_cast<std::uint64_t>(block));
  hash.u64(replicates).u64(seed);
  return hash.hex();
}

double distribution_quantile(config::Distribution distribution, double mean, double sd, double u) {
  using config::Distribution;
  if (distribution == Distribution::None || sd <= 0) return mean;
  // Latin hypercube coordinates may touch 0; the tails are cut at one in 10^12.
  const double p = std::clamp(u, 1e-12, 1 - 1e-12);
  const std::string name = config::kDistributionNames[static_cast<std::size_t>(distribution)];
  switch (distribution) {
    case Distribution::Normal: return boost::math::quantile(boost::math::normal(mean, sd), p);
    case Distribution::LogNormal: {
      if (!(mean > 0)) throw InputError("a lognormal distribution needs a mean above 0");
      const double sigma2 = std::log1p(sd * sd / (mean * mean));
      return boost::math::quantile(boost::math::lognormal(std::log(mean) - sigma2 / 2, std::sqrt(sigma2)), p);
    }
    case Distribution::Gamma: {
      if (!(mean > 0)) throw InputError("a gamma distribution needs a mean above 0");
      return boost::math::quantile(boost::math::gamma_distribution<double>(mean * mean / (sd * sd), sd * sd / mean), p);
    }
    case Distribution::Beta: {
      if (!(mean > 0 && mean < 1)) throw InputError("a beta distribution needs a mean between 0 and 1");
      // The largest SD a Beta with this mean has is sqrt(mean (1 - mean)); keep the shape parameters >= 1/2.
      const double most = mean * (1 - mean);
      const double variance = std::min(sd * sd, most / 1.5);
      const double concentration = most / variance - 1;
      return boost::math::quantile(boost::math::beta_distribution<double>(mean * concentration, (1 - mean) * concentration), p);
    }
    case Distribution::None: break;
  }
  return mean;
}

std::string scalar_text(const config::Scalar& value) {
  if (const auto* real = std::get_if<double>(&value)) {
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, *real);
    return std::string(buffer, result.ptr);
  }
  if (const auto* integer = std::get_if<std::int64_t>(&value)) return std::to_string(*integer);
  if (const auto* boolean = std::get_if<bool>(&value)) return *boolean ? "true" : "false";
  return std::get<std::string>(value);
}

double scalar_number(const config::Scalar& value, const std::vector<config::Scalar>& choices) {
  if (const auto* real = std::get_if<double>(&value)) return *real;
  if (const auto* integer = std::get_if<std::int64_t>(&value)) return static_cast<double>(*integer);
  if (const auto* boolean = std::get_if<bool>(&value)) return *boolean ? 1.0 : 0.0;
  const auto it = std::find(choices.begin(), choices.end(), value);
  return it == choices.end() ? std::nan("") : static_cast<double>(it - choices.begin());
}

}  // namespace sim::sweep
