// coachsim_compare_results A.h5 B.h5: exit 0 when the two result files hold the same dimensions,
// variables (bit for bit, NaN included) and attributes, leaving out the provenance attributes
// that record where and when a file was written (host, threads, start/end time, wall seconds).
// Prints each difference and exits 1 otherwise (2 for unreadable files).
#include <algorithm>
#include <cstring>
#include <iostream>
#include <set>
#include <string>

#include "sim/io/result_file.hpp"

namespace {

using sim::io::ResultReader;

const std::set<std::string> kProvenance = {"host", "threads", "start_time", "end_time", "wall_seconds"};

class Comparison {
 public:
  Comparison(const ResultReader& a, const ResultReader& b) : a_(a), b_(b) {}

  int run() {
    compare_attributes("/", true);
    const auto dims_a = a_.dimensions(), dims_b = b_.dimensions();
    if (dims_a.size() != dims_b.size()) differ("number of dimensions");
    for (std::size_t i = 0; i < dims_a.size() && i < dims_b.size(); ++i) {
      if (dims_a[i].name != dims_b[i].name || dims_a[i].size != dims_b[i].size) differ("dimension " + dims_a[i].name);
      if (dims_a[i].has_coordinate) compare_variable(dims_a[i].name);
    }
    const auto vars_a = a_.variables(), vars_b = b_.variables();
    if (vars_a != vars_b) differ("the lists of variables");
    for (const auto& name : vars_a) {
      if (a_.has_object(name) && b_.has_object(name)) compare_variable(name);
    }
    if (differences_ == 0) std::cout << "identical (" << vars_a.size() << " variables, provenance attributes ignored)\n";
    return differences_ == 0 ? 0 : 1;
  }

 private:
  void differ(const std::string& what) {
    ++differences_;
    std::cout << "differs: " << what << "\n";
  }

  void compare_attributes(const std::string& object, bool root) {
    auto filter = [&](sim::io::Attributes attributes) {
      if (root) std::erase_if(attributes, [](const auto& kv) { return kProvenance.count(kv.first) > 0; });
      return attributes;
    };
    const auto a = filter(a_.attributes(object)), b = filter(b_.attributes(object));
    if (a == b) return;
    std::string names;
    for (const auto& attribute : a) {
      const auto other =
          std::find_if(b.begin(), b.end(), [&](const auto& kv) { return kv.first == attribute.first; });
      if (other == b.end() || other->second != attribute.second) names += " " + attribute.first;
    }
    differ("attributes of " + object + (names.empty() ? " (order or extra attributes)" : ":" + names));
  }

  void compare_variable(const std::string& name) {
    compare_attributes(name, false);
    const auto info_a = a_.variable_info(name), info_b = b_.variable_info(name);
    if (info_a.type != info_b.type || info_a.dims != info_b.dims || info_a.shape != info_b.shape) {
      return differ("type, dimensions or shape of " + name);
    }
    if (info_a.type == sim::io::ElementType::String) {
      if (a_.read_strings(name).values != b_.read_strings(name).values) differ("values of " + name);
      return;
    }
    const bool integer = info_a.type != sim::io::ElementType::Float64 && info_a.type != sim::io::ElementType::Float32;
    const bool same = integer ? a_.read_int64s(name).values == b_.read_int64s(name).values : bitwise_equal(name);
    if (!same) differ("values of " + name);
  }

  bool bitwise_equal(const std::string& name) const {
    const auto x = a_.read_doubles(name).values, y = b_.read_doubles(name).values;
    return x.size() == y.size() && std::memcmp(x.data(), y.data(), x.size() * sizeof(double)) == 0;
  }

  const ResultReader& a_;
  const ResultReader& b_;
  int differences_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: coachsim_compare_results A.h5 B.h5\n";
    return 2;
  }
  try {
    const ResultReader a(argv[1]), b(argv[2]);
    return Comparison(a, b).run();
  } catch (const std::exception& e) {
    std::cerr << "coachsim_compare_results: " << e.what() << "\n";
    return 2;
  }
}
