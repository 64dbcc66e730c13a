#include "sim/sweep/sampling.hpp"

#include <algorithm>
#include <boost/random/sobol.hpp>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>

#include "sim/random/keyed_stream.hpp"
#include "sim/random/variates.hpp"

namespace sim::sweep {
namespace {

// Stream purposes of the design draws (stable constants; see sim/random/stream_key.hpp).
constexpr random::Purpose kLatinPermutation = 0x5357'0001;
constexpr random::Purpose kLatinOffset = 0x5357'0002;

// Uniform integer in [0, bound) by rejection, so every value is exactly equally likely.
std::size_t uniform_below(random::KeyedStream& stream, std::size_t bound) {
  const std::uint64_t range = bound;
  const std::uint64_t limit = (std::uint64_t{1} << 32) - ((std::uint64_t{1} << 32) % range);
  while (true) {
    const std::uint64_t word = stream();
    if (word < limit) return static_cast<std::size_t>(word % range);
  }
}

}  // namespace

std::vector<std::vector<std::size_t>> grid_indices(const std::vector<std::size_t>& sizes) {
  std::size_t total = 1;
  for (std::size_t size : sizes) total *= size;
  std::vector<std::vector<std::size_t>> points;
  if (total == 0) return points;
  points.reserve(total);
  std::vector<std::size_t> index(sizes.size(), 0);
  for (std::size_t p = 0; p < total; ++p) {
    points.push_back(index);
    for (std::size_t axis = sizes.size(); axis-- > 0;) {  // odometer, last axis fastest
      if (++index[axis] < sizes[axis]) break;
      index[axis] = 0;
    }
  }
  return points;
}

UnitSamples latin_hypercube(std::size_t count, std::size_t dims, std::uint64_t seed) {
  if (count > (std::size_t{1} << 32)) throw std::invalid_argument("latin_hypercube: too many points");
  UnitSamples samples{count, dims, std::vector<double>(count * dims)};
  for (std::size_t j = 0; j < dims; ++j) {
    const auto axis = static_cast<std::uint32_t>(j);
    random::KeyedStream permute({seed, kLatinPermutation, axis, 0});
    random::KeyedStream offset({seed, kLatinOffset, axis, 0});
    std::vector<std::size_t> stratum(count);
    std::iota(stratum.begin(), stratum.end(), std::size_t{0});
    for (std::size_t i = count; i > 1; --i) {  // Fisher-Yates with exact uniform indices
      std::swap(stratum[i - 1], stratum[uniform_below(permute, i)]);
    }
    for (std::size_t i = 0; i < count; ++i) {
      const std::uint32_t high = offset();  // two statements: argument order is unspecified
      const std::uint32_t low = offset();
      const double within = random::to_unit53(high, low);
      samples.values[i * dims + j] = (static_cast<double>(stratum[i]) + within) / static_cast<double>(count);
    }
  }
  return samples;
}

UnitSamples sobol(std::size_t count, std::size_t dims) {
  UnitSamples samples{count, dims, std::vector<double>(count * dims)};
  if (count == 0 || dims == 0) return samples;
  boost::random::sobol engine(dims);
  // The engine's words are 64-bit fractions; the first 2^53 points are exact in a double.
  for (double& value : samples.values) value = std::ldexp(static_cast<double>(engine()), -64);
  return samples;
}

SaltelliSamples saltelli(std::size_t base, std::size_t dims) {
  const UnitSamples ab = sobol(base, 2 * dims);
  const std::size_t per_row = dims + 2;
  SaltelliSamples out;
  out.points = {base * per_row, dims, std::vector<double>(base * per_row * dims)};
  for (std::size_t r = 0; r < base; ++r) {
    for (std::size_t block = 0; block < per_row; ++block) {
      const std::size_t p = r * per_row + block;
      for (std::size_t j = 0; j < dims; ++j) {
        const bool from_b = block == 1 || (block >= 2 && block - 2 == j);
        out.points.values[p * dims + j] = ab.at(r, from_b ? dims + j : j);
      }
      out.block.push_back(static_cast<std::int64_t>(block));
      out.row.push_back(static_cast<std::int64_t>(r));
    }
  }
  return out;
}

double scale_unit(double u, double min, double max, bool log, bool integer) {
  const double top = integer ? max + 1 : max;
  double value = 0;
  if (log) {
    if (!(min > 0)) throw std::invalid_argument("a log-scale range needs min > 0, got " + std::to_string(min));
    value = min * std::exp(u * std::log(top / min));
  } else {
    value = min + u * (top - min);
  }
  if (integer) value = std::floor(value);
  return std::clamp(value, min, max);
}

}  // namespace sim::sweep
