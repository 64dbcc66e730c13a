#include "app/results_file.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <optional>
#include <stdexcept>

#include "sim/build_info.hpp"
#include "sim/input_error.hpp"

namespace coachsim::app {
namespace {

sim::io::Attributes describe(const OutputInfo& info) { return sim::io::describe(info.units, info.long_name); }

using Sizes = std::vector<std::size_t>;

struct PatientColumn {
  const char* name;
  const char* units;
  const char* long_name;
  std::vector<double> PatientTable::*member;
};
constexpr const char* kMeasured = "measured HbA1c (follow-up values of dropouts are not observed)";
const PatientColumn kPatientColumns[] = {
    {"patient_baseline_hba1c", "%", kMeasured, &PatientTable::baseline_measured},
    {"patient_followup_hba1c", "%", kMeasured, &PatientTable::followup_measured},
    {"patient_baseline_hba1c_true", "%", "true HbA1c", &PatientTable::baseline_true},
    {"patient_followup_hba1c_true", "%", "true HbA1c", &PatientTable::followup_true},
    {"patient_coaches_had", "coaches", "coaches the patient has had", &PatientTable::coaches_had},
    {"patient_self_management0", "1", "self-management at enrolment", &PatientTable::self_management0},
    {"patient_adherence0", "1", "medication adherence at enrolment", &PatientTable::adherence0},
    {"patient_activation0", "1", "activation at enrolment", &PatientTable::activation0}};

// The coach table's rows: the coaches recruited at week 0 -- each peer-coaching arm's pool and, in a
// reciprocal-peer arm, every patient paired (at most the arm's patients, which randomization decides).
// A replicate with fewer fills the rest with NaN.
std::size_t founding_coaches_at_most(const ModelParams& p) {
  std::size_t coaches = 0;
  for (std::size_t a = 0; a < p.arms.size(); ++a) {
    const ModelParams arm = arm_params(p, a);
    if (arm.program.weeks == 0) continue;
    if (p.arms[a].intervention == Intervention::PeerCoaching) coaches += arm.coaches.count;
    if (p.arms[a].intervention == Intervention::ReciprocalPeer) coaches += p.population.enrolled;
  }
  return coaches;
}

// Appends one member of each replicate of a batch (row-major over (replicate, ...)).
template <class T, class Get>
std::vector<T> stack(std::span<const ReplicateResult> batch, Get get) {
  std::vector<T> all;
  for (const auto& r : batch) {
    const auto part = get(r);
    all.insert(all.end(), part.begin(), part.end());
  }
  return all;
}

}  // namespace

std::vector<std::int64_t> iota64(std::size_t n) {
  std::vector<std::int64_t> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<std::int64_t>(i);
  return v;
}

struct RunResultsWriter::Variables {
  std::vector<sim::io::VariableWriter> outputs;  // one per row of kOutputs
  std::vector<Sizes> extents;                    // each output's extents after the replicate
  std::optional<sim::io::VariableWriter> patient_arm, patient_completed, patient_coach;
  std::vector<sim::io::VariableWriter> patient_columns;  // kPatientColumns
  std::vector<sim::io::VariableWriter> coach_columns;    // kCoachColumns
  std::size_t coaches = 0;                               // founding coaches in the coach table
};

RunResultsWriter::RunResultsWriter(const sim::io::GroupWriter& root, const ModelParams& p)
    : root_(root), params_(p), variables_(std::make_unique<Variables>()) {
  const std::size_t weeks = p.run.weeks + 1;
  std::vector<std::string> arm_names;
  for (const auto& arm : p.arms) arm_names.push_back(arm.name);
  root.add_dimension("replicate", iota64(p.run.replicates), sim::io::describe("1", "replicate index"));
  root.add_dimension("arm", arm_names, {{"long_name", std::string("trial arm")}});
  root.add_dimension("week", iota64(weeks), sim::io::describe("weeks", "weeks since enrolment"));
  root.add_dimension("quantile", std::vector<double>(kQuantiles.begin(), kQuantiles.end()),
                     sim::io::describe("1", "quantile level"));
  auto& v = *variables_;
  for (const OutputInfo& output : kOutputs) {
    std::vector<std::string> dims{"replicate"};
    for (auto& d : dimensions_of(output.shape)) dims.push_back(std::move(d));
    v.outputs.push_back(root.create_variable(output.name, dims, sim::io::ElementType::Float64, describe(output)));
    v.extents.push_back(extents_of(output.shape, p.arms.size(), weeks));
  }
  v.coaches = p.output.coach_table ? founding_coaches_at_most(p) : 0;
  if (v.coaches > 0) {
    root.add_dimension(
        "coach", iota64(v.coaches),
        sim::io::describe("1",
                          "coach number in recruitment order (week 0); rows past a replicate's "
                          "founding coaches are NaN"));
    for (const auto& column : kCoachColumns) {
      v.coach_columns.push_back(root.create_variable(column.name, {"replicate", "coach"}, sim::io::ElementType::Float64,
                                                     sim::io::describe(column.units, column.long_name)));
    }
  }
  if (!p.output.patient_table) return;
  root.add_dimension("patient", iota64(p.population.enrolled), sim::io::describe("1", "patient index in enrolment order"));
  const std::vector<std::string> dims = {"replicate", "patient"};
  v.patient_arm = root.create_variable("patient_arm", dims, sim::io::ElementType::Int32,
                                       sim::io::describe("1", "arm of the patient", "index into the arm dimension"));
  v.patient_completed = root.create_variable("patient_completed", dims, sim::io::ElementType::UInt8,
                                             sim::io::describe("1", "1 if still in the study at follow-up"));
  v.patient_coach = root.create_variable(
      "patient_coach", dims, sim::io::ElementType::Int32,
      sim::io::describe("1", "the patient's first coach",
                        "the coach's number in recruitment order: index into the coach dimension for a "
                        "founding coach, larger for one recruited later; -1: none"));
  for (const auto& column : kPatientColumns) {
    v.patient_columns.push_back(root.create_variable(column.name, dims, sim::io::ElementType::Float64,
                                                     sim::io::describe(column.units, column.long_name)));
  }
}

RunResultsWriter::~RunResultsWriter() = default;

void RunResultsWriter::add(std::span<const ReplicateResult> batch) {
  if (batch.empty()) return;
  if (written_ + batch.size() > params_.run.replicates) throw std::logic_error("RunResultsWriter: too many replicates");
  const auto& v = *variables_;
  for (std::size_t o = 0; o < std::size(kOutputs); ++o) {
    Sizes start{written_}, count{batch.size()};
    for (std::size_t extent : v.extents[o]) {
      start.push_back(0);
      count.push_back(extent);
    }
    const auto values = stack<double>(batch, [&](const ReplicateResult& r) { return values_of(r, kOutputs[o]); });
    v.outputs[o].write_block(start, count, std::span<const double>(values));
  }
  if (v.patient_arm) {
    const Sizes start{written_, 0}, count{batch.size(), params_.population.enrolled};
    const auto arm = stack<std::int32_t>(batch, [](const ReplicateResult& r) { return std::span(r.patients.arm); });
    v.patient_arm->write_block(start, count, std::span<const std::int32_t>(arm));
    const auto completed =
        stack<std::uint8_t>(batch, [](const ReplicateResult& r) { return std::span(r.patients.completed); });
    v.patient_completed->write_block(start, count, std::span<const std::uint8_t>(completed));
    const auto coach =
        stack<std::int32_t>(batch, [](const ReplicateResult& r) { return std::span(r.patients.first_coach); });
    v.patient_coach->write_block(start, count, std::span<const std::int32_t>(coach));
    for (std::size_t c = 0; c < std::size(kPatientColumns); ++c) {
      const auto member = kPatientColumns[c].member;
      const auto values =
          stack<double>(batch, [member](const ReplicateResult& r) { return std::span(r.patients.*member); });
      v.patient_columns[c].write_block(start, count, std::span<const double>(values));
    }
  }
  if (v.coaches > 0) {
    const Sizes start{written_, 0}, count{batch.size(), v.coaches};
    for (std::size_t c = 0; c < std::size(kCoachColumns); ++c) {
      const auto member = kCoachColumns[c].member;
      std::vector<double> values(batch.size() * v.coaches, std::nan(""));  // NaN past a replicate's founders
      for (std::size_t r = 0; r < batch.size(); ++r) {
        const auto& column = batch[r].coaches.*member;
        if (column.size() > v.coaches)
          throw std::logic_error("more founding coaches than the coach table holds");
        std::copy(column.begin(), column.end(), values.begin() + static_cast<std::ptrdiff_t>(r * v.coaches));
      }
      v.coach_columns[c].write_block(start, count, std::span<const double>(values));
    }
  }
  written_ += batch.size();
}

void RunResultsWriter::finish(const Provenance& prov) {
  if (written_ != params_.run.replicates) throw std::logic_error("RunResultsWriter: replicates missing");
  variables_.reset();  // closes the variables (flushing their chunks) before the attributes are written
  const ModelParams& p = params_;
  root_.set_attributes({
      {"title", std::string("coachsim results")},
      {"Conventions", std::string("coachsim-1")},
      {"scenario", prov.scenario_toml},
      {"scenario_file", prov.scenario_file},
      {"seed", static_cast<std::int64_t>(p.run.seed)},
      {"replicates", static_cast<std::int64_t>(p.run.replicates)},
      {"weeks", static_cast<std::int64_t>(p.run.weeks)},
      {"followup_week", static_cast<std::int64_t>(p.run.followup_week)},
  });
  root_.set_attributes(build_and_run_attributes(prov.context));
}

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
  ModelParams sized = p;
  sized.run.replicates = static_cast<std::uint32_t>(reps.size());
  RunResultsWriter writer(root, sized);
  writer.add(reps);
  writer.finish(prov);
}

void require_run_results_file(const sim::io::ResultReader& reader, const std::filesystem::path& path) {
  std::string conventions;
  if (reader.has_attribute("/", "Conventions")) {
    try {
      conventions = reader.read_string_attribute("/", "Conventions");
    } catch (const std::runtime_error&) {  // not a string: not ours
    }
  }
  if (conventions == "coachsim-sweep-1") {
    throw sim::InputError(path.string() + " is a coachsim sweep results file, not the results file of a run");
  }
  if (conventions != "coachsim-1") throw sim::InputError(path.string() + " is not a coachsim results file");
}

std::vector<ReplicateResult> read_replicate_summaries(const std::filesystem::path& path) {
  const sim::io::ResultReader reader(path);
  require_run_results_file(reader, path);
  const auto shape_error = [&](const OutputInfo& output, const sim::io::VariableInfo& info, const std::string& expected) {
    std::string shape;
    for (std::size_t axis = 0; axis < info.shape.size(); ++axis) {
      shape += (axis == 0 ? "" : ", ") + (info.dims[axis].empty() ? "?" : info.dims[axis]) + "=" +
               std::to_string(info.shape[axis]);
    }
    return sim::InputError(path.string() + ": variable " + output.name + " has shape (" + shape +
                           ") but its dimensions say (" + expected + ")");
  };
  std::size_t replicates = 0, arms = 0;
  for (const char* dimension : {"replicate", "arm"}) {
    if (!reader.has_object(dimension)) {
      throw sim::InputError(path.string() + " is not a coachsim results file (no " + dimension + " dimension)");
    }
    (dimension[0] == 'r' ? replicates : arms) = reader.variable_info(dimension).shape.at(0);
  }
  const std::string arm_dims = "replicate=" + std::to_string(replicates) + ", arm=" + std::to_string(arms);
  const std::string replicate_dims = "replicate=" + std::to_string(replicates);
  std::vector<ReplicateResult> reps(replicates);
  for (auto& r : reps) {
    r.arms = arms;
    for (auto& summary : r.arm_summary) summary.resize(arms);
  }
  for (const auto* outputs : {&kArmSummaryInfo, &kReplicateSummaryInfo}) {
    for (const OutputInfo& output : *outputs) {
      if (!reader.has_object(output.name)) {
        throw sim::InputError(path.string() + " is not a coachsim results file (no variable " + output.name + ")");
      }
      const bool per_arm = output.shape == Shape::Arm;
      const auto info = reader.variable_info(output.name);
      const std::vector<std::size_t> expected = per_arm ? std::vector{replicates, arms} : std::vector{replicates};
      const std::vector<std::string> names = per_arm ? std::vector<std::string>{"replicate", "arm"}
                                                     : std::vector<std::string>{"replicate"};
      if (info.shape != expected || info.dims != names) throw shape_error(output, info, per_arm ? arm_dims : replicate_dims);
      const auto data = reader.read_doubles(output.name);
      for (std::size_t r = 0; r < replicates; ++r) {
        const auto into = values_of(reps[r], output);
        std::copy_n(data.values.begin() + static_cast<std::ptrdiff_t>(r * into.size()), into.size(), into.begin());
      }
    }
  }
  // The weekly ITT mean true HbA1c: the path the long-term projection follows.
  const OutputInfo& trajectory = kArmWeekSeriesInfo[kHba1cTrueMean];
  if (!reader.has_object(trajectory.name) || !reader.has_object("week")) {
    throw sim::InputError(path.string() + " is not a coachsim results file (no variable " + trajectory.name + ")");
  }
  const std::size_t weeks = reader.variable_info("week").shape.at(0);
  const auto info = reader.variable_info(trajectory.name);
  if (info.shape != std::vector{replicates, arms, weeks}) {
    throw shape_error(trajectory, info, arm_dims + ", week=" + std::to_string(weeks));
  }
  const auto data = reader.read_doubles(trajectory.name);
  for (std::size_t r = 0; r < replicates; ++r) {
    reps[r].weeks = weeks;
    const auto first = data.values.begin() + static_cast<std::ptrdiff_t>(r * arms * weeks);
    reps[r].arm_week[kHba1cTrueMean].assign(first, first + static_cast<std::ptrdiff_t>(arms * weeks));
  }
  return reps;
}

void write_economics(const sim::io::GroupWriter& root, const RunSummary& summary, const ModelParams& params) {
  const auto& by_year = summary.by_year;
  if (by_year.arms.empty()) return;
  const std::size_t arms = by_year.arms.size(), years = horizon_years(params);
  const auto group = root.group("economics");
  group.set_attributes({{"discount_rate", params.economics.discount_rate},
                        {"horizon_years", params.outcomes.horizon_years},
                        {"description", std::string("means over replicates per enrolled patient, undiscounted; year k "
                                                    "weighs (1 + discount_rate)^-k when discounted")}});
  std::vector<std::int64_t> year_index(years);
  for (std::size_t y = 0; y < years; ++y) year_index[y] = static_cast<std::int64_t>(y);
  group.add_dimension("year", year_index, {{"units", std::string("years")}, {"long_name", std::string("year since enrolment")}});
  std::vector<std::string> categories, complications;
  for (const auto& c : kCostCategories) categories.emplace_back(c.name);
  for (const auto& c : kComplications) complications.emplace_back(c.name);
  group.add_dimension("cost_category", categories);
  group.add_dimension("complication", complications);
  std::vector<double> cost, life_years, qalys, usual_qalys, events;
  for (std::size_t a = 0; a < arms; ++a) {
    for (std::size_t c = 0; c < kCostCategoryCount; ++c) {
      for (std::size_t y = 0; y < years; ++y) cost.push_back(by_year.arms[a].cost[c].at(y));
    }
    for (std::size_t y = 0; y < years; ++y) {
      life_years.push_back(by_year.arms[a].life_years.at(y));
      qalys.push_back(by_year.arms[a].qalys.at(y));
      usual_qalys.push_back(by_year.usual_care[a].qalys.at(y));
    }
    for (std::size_t c = 0; c < kComplicationCount; ++c) events.push_back(by_year.arms[a].events[c]);
  }
  auto attributes = [](const char* units, const char* long_name) {
    return sim::io::Attributes{{"units", std::string(units)}, {"long_name", std::string(long_name)}};
  };
  group.write_variable("cost_by_year", {"arm", "cost_category", "year"}, cost,
                       attributes("USD", "cost per enrolled patient by category and year, undiscounted"));
  group.write_variable("life_years_by_year", {"arm", "year"}, life_years,
                       attributes("years", "expected life-years per enrolled patient by year, undiscounted"));
  group.write_variable("qalys_by_year", {"arm", "year"}, qalys,
                       attributes("QALY", "expected QALYs per enrolled patient by year, undiscounted"));
  group.write_variable("usual_care_qalys_by_year", {"arm", "year"}, usual_qalys,
                       attributes("QALY", "expected QALYs of the arm's patients under usual care, by year, undiscounted"));
  group.write_variable("expected_first_events", {"arm", "complication"}, events,
                       attributes("1", "expected first events per enrolled patient over the horizon"));
}

}  // namespace coachsim::app
