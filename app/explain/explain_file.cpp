#include "app/explain/explain_file.hpp"

namespace coachsim::app {

void write_decomposition(const sim::io::GroupWriter& root, const Decomposition& d, const std::string& scenario_toml,
                         const RunContext& context) {
  std::vector<std::string> keys, labels, strengths;
  for (const auto& p : kPathways) {
    keys.emplace_back(p.key);
    labels.emplace_back(p.label);
    strengths.emplace_back(evidence_name(p.evidence));
  }
  root.add_dimension("pathway", keys, {{"long_name", std::string("pathway by which coaching moves HbA1c")}});
  root.add_dimension("design", iota64(d.designs.size()), sim::io::describe("1", "design index"));
  root.add_dimension("replicate", iota64(d.replicates), sim::io::describe("1", "replicate index"));
  root.write_variable("pathway_label", {"pathway"}, std::span<const std::string>(labels),
                      {{"long_name", std::string("what the pathway is")}});
  root.write_variable("pathway_strength", {"pathway"}, std::span<const std::string>(strengths),
                      {{"long_name", std::string("how the pathway's strength is known: calibrated or judgement")}});
  std::vector<std::uint8_t> on;
  for (auto mask : d.designs) {
    for (std::size_t p = 0; p < kPathwayCount; ++p) on.push_back((mask >> p) & 1u);
  }
  root.write_variable("switched_on", {"design", "pathway"}, std::span<const std::uint8_t>(on),
                      {{"long_name", std::string("1 where the design has the pathway switched on")}});
  std::vector<double> values, parts, mean, lo, hi, share, share_lo, share_hi;
  for (const auto& v : d.value) values.insert(values.end(), v.begin(), v.end());
  for (std::size_t p = 0; p < kPathwayCount; ++p) {
    parts.insert(parts.end(), d.contribution[p].begin(), d.contribution[p].end());
    const auto m = mean_interval(d.contribution[p]);
    mean.push_back(m.mean), lo.push_back(m.lo), hi.push_back(m.hi);
    const auto s = d.share(p);
    share.push_back(s.mean), share_lo.push_back(s.lo), share_hi.push_back(s.hi);
  }
  root.write_variable("itt_change_difference", {"design", "replicate"}, values,
                      sim::io::describe("%", "ITT difference in HbA1c change, treated - reference arm"));
  root.write_variable("part", {"pathway", "replicate"}, parts,
                      sim::io::describe("%", "the pathway's part of the arm difference in each replicate"));
  root.write_variable("part_mean", {"pathway"}, mean, sim::io::describe("%", "mean part over replicates"));
  root.write_variable("part_lo", {"pathway"}, lo, sim::io::describe("%", "lower end of the 95% Monte Carlo interval"));
  root.write_variable("part_hi", {"pathway"}, hi, sim::io::describe("%", "upper end of the 95% Monte Carlo interval"));
  root.write_variable("share", {"pathway"}, share, sim::io::describe("1", "share of the explained arm difference"));
  root.write_variable("share_lo", {"pathway"}, share_lo, sim::io::describe("1", "lower end of the share's 95% interval"));
  root.write_variable("share_hi", {"pathway"}, share_hi, sim::io::describe("1", "upper end of the share's 95% interval"));
  root.write_variable("explained", {"replicate"}, d.explained,
                      sim::io::describe("%", "sum of the parts: arm difference with every pathway minus with none"));
  root.set_attributes({
      {"title", std::string("coachsim explain results")},
      {"Conventions", std::string(kExplainConventions)},
      {"method", std::string(method_name(d.method))},
      {"scenario_file", d.scenario},
      {"scenario_toml", scenario_toml},
      {"treated_arm", d.treated},
      {"reference_arm", d.reference},
      {"seed", static_cast<std::int64_t>(d.seed)},
      {"replicates", static_cast<std::int64_t>(d.replicates)},
  });
  root.set_attributes(build_and_run_attributes(context));
}

}  // namespace coachsim::app
