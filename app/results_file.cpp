#include "app/results_file.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>

#include "sim/build_info.hpp"

namespace coachsim::app {
namespace {

std::vector<std::int64_t> iota64(std::size_t n) {
  std::vector<std::int64_t> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<std::int64_t>(i);
  return v;
}

sim::io::Attributes describe(const OutputInfo& info) { return sim::io::describe(info.units, info.long_name); }

// Concatenates one per-replicate vector of the patient table into a (replicate, patient) array.
template <class Get>
std::vector<double> stack(const std::vector<ReplicateResult>& reps, Get get) {
  std::vector<double> all;
  for (const auto& r : reps) {
    const std::vector<double>& part = get(r);
    all.insert(all.end(), part.begin(), part.end());
  }
  return all;
}

// Patient-level values at baseline and follow-up, (replicate, patient).
void write_patient_table(const sim::io::GroupWriter& root, const ModelParams& p, const std::vector<ReplicateResult>& reps) {
  root.add_dimension("patient", iota64(p.population.enrolled), sim::io::describe("1", "patient index in enrolment order"));
  const std::vector<std::string> dims = {"replicate", "patient"};
  std::vector<std::int32_t> arm;
  std::vector<std::uint8_t> completed;
  for (const auto& r : reps) {
    arm.insert(arm.end(), r.patients.arm.begin(), r.patients.arm.end());
    completed.insert(completed.end(), r.patients.completed.begin(), r.patients.completed.end());
  }
  root.write_variable("patient_arm", dims, std::span<const std::int32_t>(arm),
                      sim::io::describe("1", "arm of the patient", "index into the arm dimension"));
  root.write_variable("patient_completed", dims, std::span<const std::uint8_t>(completed),
                      sim::io::describe("1", "1 if still in the study at follow-up"));
  const std::pair<const char*, std::vector<double> PatientTable::*> columns[] = {
      {"patient_baseline_hba1c", &PatientTable::baseline_measured},
      {"patient_followup_hba1c", &PatientTable::followup_measured},
      {"patient_baseline_hba1c_true", &PatientTable::baseline_true},
      {"patient_followup_hba1c_true", &PatientTable::followup_true}};
  for (const auto& [name, column] : columns) {
    root.write_variable(name, dims, stack(reps, [column](const ReplicateResult& r) -> const std::vector<double>& {
                          return r.patients.*column;
                        }),
                        sim::io::describe("%", std::string(name).find("true") != std::string::npos
                                                   ? "true HbA1c"
                                                   : "measured HbA1c (follow-up values of dropouts are not observed)"));
  }
}

}  // namespace

sim::io::Attributes build_and_run_attributes(const RunContext& context) {
  const auto& build = sim::build_info();
  return {
      {"coachsim_version", std::string(build.version)},
      {"git_commit", std::string(build.git_commit)},
      {"build_type", std::string(build.build_type)},
      {"compiler", std::string(build.compiler)},
      {"threads", static_cast<std::int64_t>(context.threads)},
      {"host", context.host},
      {"start_time", context.start_time},
      {"end_time", context.end_time},
      {"wall_seconds", context.wall_seconds},
  };
}

std::string utc_now_iso8601() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

std::string host_name() {
  char buffer[256] = {};
  if (gethostname(buffer, sizeof buffer - 1) != 0) return "unknown";
  return buffer;
}

void write_results(const sim::io::GroupWriter& root, const ModelParams& p, const std::vector<ReplicateResult>& reps,
                   const Provenance& prov) {
  const std::size_t weeks = p.run.weeks + 1;
  std::vector<std::string> arm_names;
  for (const auto& arm : p.arms) arm_names.push_back(arm.name);
  root.add_dimension("replicate", iota64(reps.size()), sim::io::describe("1", "replicate index"));
  root.add_dimension("arm", arm_names, {{"long_name", std::string("trial arm")}});
  root.add_dimension("week", iota64(weeks), sim::io::describe("weeks", "weeks since enrolment"));
  root.add_dimension("quantile", std::vector<double>(kQuantiles.begin(), kQuantiles.end()),
                     sim::io::describe("1", "quantile level"));

  for (const OutputInfo& output : kOutputs) {
    std::vector<std::string> dims{"replicate"};
    for (auto& d : dimensions_of(output.shape)) dims.push_back(std::move(d));
    std::vector<double> values;
    for (const auto& r : reps) {
      const auto part = values_of(r, output);
      values.insert(values.end(), part.begin(), part.end());
    }
    root.write_variable(output.name, dims, values, describe(output));
  }

  if (p.output.patient_table) write_patient_table(root, p, reps);

  root.set_attributes({
      {"title", std::string("coachsim results")},
      {"Conventions", std::string("coachsim-1")},
      {"scenario", prov.scenario_toml},
      {"scenario_file", prov.scenario_file},
      {"seed", static_cast<std::int64_t>(p.run.seed)},
      {"replicates", static_cast<std::int64_t>(p.run.replicates)},
      {"weeks", static_cast<std::int64_t>(p.run.weeks)},
      {"followup_week", static_cast<std::int64_t>(p.run.followup_week)},
  });
  root.set_attributes(build_and_run_attributes(prov.context));
}

std::vector<ReplicateResult> read_replicate_summaries(const std::filesystem::path& path) {
  const sim::io::ResultReader reader(path);
  const auto first = reader.read_doubles(kArmSummaryInfo[0].name);
  if (first.shape.size() != 2) {
    throw std::runtime_error(path.string() + ": " + kArmSummaryInfo[0].name + " is not (replicate, arm)");
  }
  const std::size_t replicates = first.shape[0], arms = first.shape[1];
  std::vector<ReplicateResult> reps(replicates);
  for (auto& r : reps) {
    r.arms = arms;
    for (auto& summary : r.arm_summary) summary.resize(arms);
  }
  for (const auto* outputs : {&kArmSummaryInfo, &kReplicateSummaryInfo}) {
    for (const OutputInfo& output : *outputs) {
      const auto data = reader.read_doubles(output.name);
      for (std::size_t r = 0; r < replicates; ++r) {
        const auto into = values_of(reps[r], output);
        std::copy_n(data.values.begin() + static_cast<std::ptrdiff_t>(r * into.size()), into.size(), into.begin());
      }
    }
  }
  return reps;
}

}  // namespace coachsim::app
