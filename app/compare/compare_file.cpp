#include "app/compare/compare_file.hpp"

#include <stdexcept>

namespace coachsim::app {

void write_comparison(const sim::io::GroupWriter& root, const Comparison& c, const ModelParams& p,
                      const std::vector<std::vector<ReplicateResult>>& runs, const RunContext& context) {
  std::vector<std::string> names, titles, files, scenarios, arm_names;
  for (const auto& d : c.designs) {
    names.push_back(d.name);
    titles.push_back(d.title);
    files.push_back(d.file);
    scenarios.push_back(d.scenario_toml);
  }
  for (const auto& arm : p.arms) arm_names.push_back(arm.name);
  root.add_dimension("design", names, {{"long_name", std::string("compared design (scenario file stem)")}});
  root.add_dimension("replicate", iota64(c.replicates), sim::io::describe("1", "replicate index"));
  root.add_dimension("arm", arm_names, {{"long_name", std::string("trial arm")}});
  root.add_dimension("week", iota64(p.run.weeks + 1), sim::io::describe("weeks", "weeks since enrolment"));
  root.add_dimension("quantile", std::vector<double>(kQuantiles.begin(), kQuantiles.end()),
                     sim::io::describe("1", "quantile level"));
  root.write_variable("design_title", {"design"}, std::span<const std::string>(titles),
                      {{"long_name", std::string("scenario title")}});
  root.write_variable("design_file", {"design"}, std::span<const std::string>(files),
                      {{"long_name", std::string("scenario file")}});
  root.write_variable("design_scenario", {"design"}, std::span<const std::string>(scenarios),
                      {{"long_name", std::string("fully resolved scenario (TOML): re-running it reproduces the design")}});

  for (const OutputInfo& output : kOutputs) {
    std::vector<std::string> dims{"design", "replicate"};
    for (auto& d : dimensions_of(output.shape)) dims.push_back(std::move(d));
    std::vector<double> values;
    for (const auto& design : runs) {
      for (const auto& r : design) {
        const auto part = values_of(r, output);
        values.insert(values.end(), part.begin(), part.end());
      }
    }
    root.write_variable(output.name, dims, values, sim::io::describe(output.units, output.long_name));
  }
  for (std::size_t k = 0; k < kCompareColumnCount; ++k) {
    std::vector<double> values;
    for (const auto& d : c.designs) values.insert(values.end(), d.values[k].begin(), d.values[k].end());
    const StatisticInfo& statistic = statistic_info(kCompareColumns[k].statistic);
    root.write_variable(std::string("stat_") + kCompareColumns[k].key, {"design", "replicate"}, values,
                        sim::io::describe(statistic.units, column_label(kCompareColumns[k], c),
                                          std::string("statistic ") + statistic.name + " in each replicate"));
  }
  root.set_attributes({
      {"title", std::string("coachsim compare results")},
      {"Conventions", std::string(kCompareConventions)},
      {"reference_design", c.designs.front().name},
      {"treated_arm", c.treated},
      {"reference_arm", c.reference},
      {"seed", static_cast<std::int64_t>(c.seed)},
      {"replicates", static_cast<std::int64_t>(c.replicates)},
      {"weeks", static_cast<std::int64_t>(c.weeks)},
      {"followup_week", static_cast<std::int64_t>(c.followup_week)},
      {"min_replicates", static_cast<std::int64_t>(c.min_replicates)},
  });
  root.set_attributes(build_and_run_attributes(context));
}

Comparison read_comparison(const std::filesystem::path& path) {
  const sim::io::ResultReader reader(path);
  Comparison c;
  c.seed = static_cast<std::uint64_t>(reader.read_int64_attribute("/", "seed"));
  c.replicates = static_cast<std::uint32_t>(reader.read_int64_attribute("/", "replicates"));
  c.weeks = static_cast<std::uint32_t>(reader.read_int64_attribute("/", "weeks"));
  c.followup_week = static_cast<std::uint32_t>(reader.read_int64_attribute("/", "followup_week"));
  c.min_replicates = static_cast<std::size_t>(reader.read_int64_attribute("/", "min_replicates"));
  c.treated = reader.read_string_attribute("/", "treated_arm");
  c.reference = reader.read_string_attribute("/", "reference_arm");
  const auto names = reader.read_strings("design").values;
  const auto titles = reader.read_strings("design_title").values;
  const auto files = reader.read_strings("design_file").values;
  for (std::size_t d = 0; d < names.size(); ++d) {
    c.designs.push_back({names[d], titles[d], files[d], "", std::vector<std::vector<double>>(kCompareColumnCount)});
  }
  for (std::size_t k = 0; k < kCompareColumnCount; ++k) {
    const auto data = reader.read_doubles(std::string("stat_") + kCompareColumns[k].key);
    if (data.values.size() != names.size() * c.replicates) {
      throw std::runtime_error(path.string() + ": stat_" + kCompareColumns[k].key + " is not (design, replicate)");
    }
    for (std::size_t d = 0; d < names.size(); ++d) {
      const auto begin = data.values.begin() + static_cast<std::ptrdiff_t>(d * c.replicates);
      c.designs[d].values[k].assign(begin, begin + c.replicates);
    }
  }
  return c;
}

}  // namespace coachsim::app
