#include "models/outputs.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "models/cluster_analysis.hpp"
#include "models/matching.hpp"
#include "models/schedule.hpp"

namespace coachsim {

const char* reduction_text(Reduction reduction) {
  switch (reduction) {
    case Reduction::PerAlive: return "mean over the arm's living patients (intention to treat)";
    case Reduction::PerEnrolled: return "sum over the arm's enrolled patients / their number";
    case Reduction::Total: return "sum or count";
    case Reduction::Cost: return "the program's cost ledger for the arm";
    case Reduction::HistogramQuantile: return "quantile over the arm's living patients";
    case Reduction::PerActiveCoach: return "mean over the coaches active that week";
    case Reduction::PerFoundingCoach: return "mean over the coaches recruited at week 0, quitters included";
    case Reduction::CoachLedger: return "the program's count of coaches who quit";
    case Reduction::PerCompleter: return "mean over completers";
    case Reduction::SdOverCompleters: return "sample SD over completers";
    case Reduction::PerAliveAtFollowup: return "mean over the arm's patients alive at follow-up (intention to treat)";
    case Reduction::SdOverAliveAtFollowup: return "sample SD over the arm's patients alive at follow-up";
    case Reduction::CostPerEnrolled: return "the program's cost ledger at the end of the run / enrolled patients";
    case Reduction::Projection: return "economic projection per enrolled patient (docs/model.md, economics)";
    case Reduction::Incremental: return "projection of the arm minus that of its patients under usual care";
    case Reduction::ClusterAnova: return "ANOVA over the clinics, clinic randomization only (NaN otherwise)";
    case Reduction::WeeksToFollowup: return "ratio of the arm's weekly series, each summed over weeks 1 to follow-up";
    case Reduction::PerProgramWeek: return "mean of the weekly series over the program's weeks up to follow-up";
  }
  return "";
}

std::vector<std::string> dimensions_of(Shape shape) {
  switch (shape) {
    case Shape::ArmWeek: return {"arm", "week"};
    case Shape::ArmWeekQuantile: return {"arm", "week", "quantile"};
    case Shape::Week: return {"week"};
    case Shape::Arm: return {"arm"};
    case Shape::Replicate: return {};
  }
  return {};
}

std::vector<std::size_t> extents_of(Shape shape, std::size_t arms, std::size_t weeks) {
  switch (shape) {
    case Shape::ArmWeek: return {arms, weeks};
    case Shape::ArmWeekQuantile: return {arms, weeks, kQuantiles.size()};
    case Shape::Week: return {weeks};
    case Shape::Arm: return {arms};
    case Shape::Replicate: return {};
  }
  return {};
}

std::vector<double>* series_of(ReplicateResult& r, const OutputInfo& output) {
  switch (output.shape) {
    case Shape::ArmWeek: return &r.arm_week[output.id];
    case Shape::ArmWeekQuantile: return &r.quantiles;
    case Shape::Week: return &r.week[output.id];
    case Shape::Arm: return &r.arm_summary[output.id];
    case Shape::Replicate: return nullptr;
  }
  return nullptr;
}

std::span<double> values_of(ReplicateResult& r, const OutputInfo& output) {
  switch (output.shape) {
    case Shape::ArmWeek: return r.arm_week[output.id];
    case Shape::ArmWeekQuantile: return r.quantiles;
    case Shape::Week: return r.week[output.id];
    case Shape::Arm: return r.arm_summary[output.id];
    case Shape::Replicate: break;
  }
  return std::span<double>(&r.summary[output.id], 1);
}

std::span<const double> values_of(const ReplicateResult& r, const OutputInfo& output) {
  return values_of(const_cast<ReplicateResult&>(r), output);
}

namespace {

constexpr double kHistogramLow = 3.0;  // % HbA1c
constexpr double kHistogramBin = 0.01;
constexpr std::size_t kHistogramBins = 1800;  // 3% .. 21%

// Sums over one arm's patients, one per arm-week output (sum[kAliveShare] counts the living, the
// denominator of the intention-to-treat means); reduced to values by each output's Reduction.
struct ArmTotals {
  std::array<double, kArmWeekSeriesCount> sum{};
  double enrolled = 0;
  std::vector<std::uint32_t> histogram = std::vector<std::uint32_t>(kHistogramBins, 0);
};

std::size_t bin_of(double hba1c) {
  // Clamped first, then truncated: the floor of every value that is not clamped to bin 0.
  const double b = (hba1c - kHistogramLow) / kHistogramBin;
  return static_cast<std::size_t>(std::clamp(b, 0.0, static_cast<double>(kHistogramBins - 1)));
}

// Quantile of a binned distribution, interpolated linearly within the bin (error < 0.01 points).
double ratio(double sum, double count) { return count > 0 ? sum / count : std::nan(""); }

double histogram_quantile(const std::vector<std::uint32_t>& histogram, double total, double q) {
  const double wanted = q * total;
  double cumulative = 0;
  for (std::size_t b = 0; b < histogram.size(); ++b) {
    if (histogram[b] == 0) continue;
    if (cumulative + histogram[b] >= wanted) {
      const double within = (wanted - cumulative) / histogram[b];
      return kHistogramLow + (static_cast<double>(b) + within) * kHistogramBin;
    }
    cumulative += histogram[b];
  }
  return std::nan("");
}

// `week`: the recorded week, the one ahead of the patients waiting for a coach.
void accumulate(const World& w, sim::AgentRange r, std::uint32_t week, std::vector<ArmTotals>& arms) {
  const auto& pts = w.patients;
  const auto& people = pts.people;
  const auto& rec = pts.records;
  // Outputs that count patients (or contacts, or treatment steps) are summed as integers -- what their
  // double sums were, exactly, and cheaper -- and added to the sums once per chunk.
  struct Counts {
    std::array<std::uint32_t, kArmWeekSeriesCount> n{};
    std::uint32_t enrolled = 0;
  };
  std::vector<Counts> counts(arms.size());
  for (std::size_t i = r.begin; i < r.end; ++i) {
    auto& t = arms[pts.arm[i]];
    auto& n = counts[pts.arm[i]].n;
    ++counts[pts.arm[i]].enrolled;
    const auto state = pts.engagement(i);
    n[kPatientsInCoaching] += pts.flag(i, PatientFlag::Scheduled);
    if (!w.alive(i)) continue;
    const double measured = people.hba1c_measured[i];
    n[kAliveShare] += 1;
    n[kRetainedShare] += pts.flag(i, PatientFlag::Followed);
    n[kInClinicShare] += pts.care(i) == Care::InClinic;
    n[kEngagedShare] +=
        static_cast<std::uint32_t>((w.arm_coached[pts.arm[i]] != 0) & (state == Engagement::Active));
    t.sum[kHba1cTrueMean] += people.hba1c_true[i];
    t.sum[kHba1cMeasuredMean] += measured;
    n[kShareBelow70] += measured < 7.0;
    n[kShareBelow75] += measured < 7.5;
    n[kShareBelow80] += measured < 8.0;
    n[kShareAtOrAbove90] += measured >= 9.0;
    n[kShareDropGe1] += measured - pts.baseline_measured[i] <= -1.0;
    t.sum[kSelfManagementMean] += people.self_management[i];
    t.sum[kAdherenceMean] += people.adherence[i];
    t.sum[kActivationMean] += people.activation[i];
    n[kTreatmentStepMean] += people.treatment_step(i);
    ++t.histogram[bin_of(people.hba1c_true[i])];
  }
  // What the program's records hold (the others' contacts, trust and waits are none: the same sums).
  rec.held.for_each_member(r, [&](std::size_t i, std::size_t s) {
    auto& n = counts[pts.arm[i]].n;
    n[kContactsPhone] += rec.phone[s];
    n[kContactsInPerson] += rec.in_person[s];
    n[kContactsGroup] += rec.group[s];
    const bool running = w.program_running(pts.arm[i], week), waiting = waiting_for_a_coach(w, i, s, week);
    n[kPatientsWaiting] += static_cast<std::uint32_t>(running & waiting & (pts.care(i) == Care::InClinic));
    if (!w.alive(i)) return;
    arms[pts.arm[i]].sum[kTrustMean] += rec.trust[s];
    n[kShareNewCoach] += rec.coaches_had[s] > 1;
  });
  for (std::size_t a = 0; a < arms.size(); ++a) {
    for (std::size_t series = 0; series < kArmWeekSeriesCount; ++series)
      arms[a].sum[series] += counts[a].n[series];
    arms[a].enrolled += counts[a].enrolled;
  }
}

}  // namespace

Recorder::Recorder(const ModelParams& params) : params_(params) {
  result_.arms = params.arms.size();
  result_.weeks = params.run.weeks + 1;
  for (auto& series : result_.arm_week) series.assign(result_.arms * result_.weeks, std::nan(""));
  result_.quantiles.assign(result_.arms * result_.weeks * kQuantiles.size(), std::nan(""));
  for (auto& series : result_.week) series.assign(result_.weeks, std::nan(""));
  for (auto& summary : result_.arm_summary) summary.assign(result_.arms, std::nan(""));
  result_.summary.fill(std::nan(""));
}

void Recorder::record(const World& w, std::uint32_t week, const sim::Executor& executor) {
  if (week == 0) {
    const auto& founders = w.coaches.founders.people;
    coach_hba1c_at_start_.assign(founders.hba1c_true.begin(), founders.hba1c_true.end());
    coach_contacts_.assign(coach_hba1c_at_start_.size(), 0.0);
    coach_hours_.assign(coach_hba1c_at_start_.size(), 0.0);
  } else if (params_.output.coach_table && week <= params_.run.followup_week) {
    for (std::size_t k = 0; k < coach_contacts_.size(); ++k) {
      coach_contacts_[k] += w.coaches.contacts[k];
      coach_hours_[k] += w.coaches.hours[k];
    }
  }
  record_arms(w, week, executor);
  record_coaches(w, week);
  if (week == params_.run.followup_week) record_followup(w);
}

void Recorder::record_arms(const World& w, std::uint32_t week, const sim::Executor& executor) {
  constexpr std::size_t kChunk = 8192;
  const std::size_t chunks = sim::Executor::chunk_count(w.patients.size(), kChunk);
  std::vector<std::vector<ArmTotals>> partial(chunks, std::vector<ArmTotals>(result_.arms));
  executor.for_each_fixed_chunk(w.patients.size(), kChunk,
                                [&](std::size_t k, sim::AgentRange r) {
                                  accumulate(w, r, week, partial[k]);
                                });
  for (std::size_t a = 0; a < result_.arms; ++a) {
    // Week w records step w - 1: its contacts, and what the arm's schedule asked for.
    const ContactRates rates = week > 0 ? scheduled_rates(w.arm_p(a).program, week - 1) : ContactRates{};
    ArmTotals total;
    for (const auto& chunk : partial) {  // combined in chunk order: bit-identical for any thread count
      for (std::size_t s = 0; s < kArmWeekSeriesCount; ++s) total.sum[s] += chunk[a].sum[s];
      total.enrolled += chunk[a].enrolled;
      for (std::size_t b = 0; b < kHistogramBins; ++b) total.histogram[b] += chunk[a].histogram[b];
    }
    const double in_coaching = total.sum[kPatientsInCoaching];
    total.sum[kContactsScheduledPhone] = in_coaching * rates.phone / kWeeksPerMonth;
    total.sum[kContactsScheduledInPerson] = in_coaching * rates.in_person / kWeeksPerMonth;
    total.sum[kContactsScheduledGroup] = in_coaching * rates.group / kWeeksPerMonth;
    const double alive = total.sum[kAliveShare];
    const std::size_t at = a * result_.weeks + week;
    for (const OutputInfo& output : kArmWeekSeriesInfo) {
      const double sum = total.sum[output.id];
      double& value = result_.arm_week[output.id][at];
      switch (output.reduction) {
        case Reduction::PerAlive: value = ratio(sum, alive); break;
        case Reduction::PerEnrolled: value = ratio(sum, total.enrolled); break;
        case Reduction::Total: value = sum; break;
        case Reduction::Cost: value = w.ledger.cost_cumulative[a]; break;
        default: throw std::logic_error(std::string("no arm-week reduction for ") + output.name);
      }
    }
    for (std::size_t q = 0; q < kQuantiles.size(); ++q) {
      result_.quantiles[at * kQuantiles.size() + q] = histogram_quantile(total.histogram, alive, kQuantiles[q]);
    }
  }
}

void Recorder::record_coaches(const World& w, std::uint32_t week) {
  const auto& c = w.coaches;
  std::array<double, kWeekSeriesCount> sum{};
  double founders = 0;
  for (std::size_t k = 0; k < c.size(); ++k) {
    sum[kCoachHoursUsed] += c.hours[k];
    if (c.active[k]) {
      sum[kCoachesActive] += 1;
      sum[kCoachLoadMean] += c.load[k];
    }
  }
  const auto& cohort = c.founders;
  for (std::size_t f = 0; f < cohort.size(); ++f) {
    if (!cohort.simulated(f)) continue;  // reciprocal peers' own results are their patients'
    founders += 1;
    sum[kCoachHba1cMean] += cohort.people.hba1c_true[f];
    sum[kCoachSelfManagementMean] += cohort.people.self_management[f];
    sum[kCoachTwinHba1cMean] += cohort.twin.hba1c_true[f];
    sum[kCoachTwinSelfManagementMean] += cohort.twin.self_management[f];
  }
  // Week w records step w - 1 (week 0, enrolment, has no coaching).
  if (week > 0) {
    const std::uint32_t step = week - 1;
    for (std::size_t a = 0; a < result_.arms; ++a) {
      const auto& program = w.arm_p(a).program;
      const double per_patient = scheduled_hours_per_patient_week(program, scheduled_rates(program, step));
      sum[kCoachHoursScheduled] += result_.arm_week[kPatientsInCoaching][a * result_.weeks + week] * per_patient;
    }
    // Coaches at work in that step: their program running, started by then, active or quitting at its end.
    for (std::size_t k = 0; k < c.size(); ++k) {
      const auto started = static_cast<std::int64_t>(c.start_week[k]);
      if (!w.program_running(c.arm[k], step) || started > step) continue;
      if (c.active[k] || c.quit_week[k] == static_cast<std::int32_t>(step)) {
        sum[kCoachHoursAvailable] += w.coach_p(k).coaches.weekly_hours;
      }
    }
  }
  for (const OutputInfo& output : kWeekSeriesInfo) {
    double& value = result_.week[output.id][week];
    switch (output.reduction) {
      case Reduction::Total: value = sum[output.id]; break;
      case Reduction::PerActiveCoach: value = ratio(sum[output.id], sum[kCoachesActive]); break;
      case Reduction::PerFoundingCoach: value = ratio(sum[output.id], founders); break;
      case Reduction::CoachLedger: value = w.ledger.quits; break;
      default: throw std::logic_error(std::string("no week reduction for ") + output.name);
    }
  }
}

void Recorder::record_followup(const World& w) {
  const auto& pts = w.patients;
  // Per arm, one sum per arm-summary output: completer outputs over the patients the study still
  // follows, intention-to-treat outputs over everyone alive; plus the sums of squared changes.
  struct Totals {
    std::array<double, kArmSummaryCount> sum{};
    double change_sq = 0, itt_change_sq = 0;
  };
  std::vector<Totals> arms(result_.arms);
  if (params_.output.patient_table) record_patient_table(w);
  if (params_.output.coach_table) record_coach_table(w);
  for (std::size_t i = 0; i < pts.size(); ++i) {  // serial: the follow-up summary is taken once
    auto& t = arms[pts.arm[i]];
    t.sum[kEnrolled] += 1;
    const std::size_t s = pts.record(i);
    t.sum[kWeeksWaitedMean] += pts.records.weeks_waited[s];
    t.sum[kShareWaited] += pts.records.weeks_waited[s] > 0;
    t.sum[kShareGraduated] += pts.records.coach[s] == kGraduated;
    if (!w.alive(i)) continue;
    const double baseline = pts.baseline_measured[i];
    const double followup = pts.people.hba1c_measured[i];
    const double change = followup - baseline;
    t.sum[kAlive] += 1;
    t.sum[kIttBaselineMean] += baseline;
    t.sum[kIttChangeMeasured] += change;
    t.sum[kIttChangeSd] += change;
    t.itt_change_sq += change * change;
    t.sum[kIttChangeTrue] += pts.people.hba1c_true[i] - pts.baseline_true[i];
    t.sum[kIttShareDropGe1] += change <= -1.0;
    t.sum[kIttShareBelow75] += followup < 7.5;
    if (!pts.flag(i, PatientFlag::Followed)) continue;
    t.sum[kCompleted] += 1;
    t.sum[kRetention] += 1;
    t.sum[kBaselineMean] += baseline;
    t.sum[kChangeMean] += change;
    t.sum[kChangeSd] += change;
    t.change_sq += change * change;
    t.sum[kShareDropGe1AtFollowup] += change <= -1.0;
    t.sum[kShareBelow75AtFollowup] += followup < 7.5;
    t.sum[kShareBelow75AtBaseline] += baseline < 7.5;
    t.sum[kFollowupTrueMean] += pts.people.hba1c_true[i];
  }
  auto sd = [](double sum, double sum_sq, double n) {
    const double mean = sum / n;
    return n > 1 ? std::sqrt(std::max(0.0, (sum_sq - n * mean * mean) / (n - 1))) : std::nan("");
  };
  for (std::size_t a = 0; a < result_.arms; ++a) {
    const auto& t = arms[a];
    for (const OutputInfo& output : kArmSummaryInfo) {
      const double sum = t.sum[output.id];
      double& value = result_.arm_summary[output.id][a];
      switch (output.reduction) {
        case Reduction::Total: value = sum; break;
        case Reduction::PerEnrolled: value = ratio(sum, t.sum[kEnrolled]); break;
        case Reduction::PerCompleter: value = ratio(sum, t.sum[kCompleted]); break;
        case Reduction::SdOverCompleters: value = sd(sum, t.change_sq, t.sum[kCompleted]); break;
        case Reduction::PerAliveAtFollowup: value = ratio(sum, t.sum[kAlive]); break;
        case Reduction::SdOverAliveAtFollowup: value = sd(sum, t.itt_change_sq, t.sum[kAlive]); break;
        case Reduction::CostPerEnrolled: break;  // at the end of the run (finish)
        case Reduction::Projection:
        case Reduction::Incremental: break;      // after the run (models/simulation.cpp)
        case Reduction::WeeksToFollowup: value = dose_to_followup(output.id, a); break;
        default: throw std::logic_error(std::string("no arm-summary reduction for ") + output.name);
      }
    }
  }
  // Coaches recruited at week 0: their change, their uncoached twins' change, and coach minus twin.
  const auto& cohort = w.coaches.founders;
  std::array<double, kReplicateSummaryCount> sum{};
  double founders = 0;
  for (std::size_t f = 0; f < cohort.size(); ++f) {
    if (!cohort.simulated(f)) continue;  // reciprocal peers' own results are their patients'
    founders += 1;
    const auto &own = cohort.people, &twin = cohort.twin;
    sum[kCoachHba1cChange] += own.hba1c_true[f] - coach_hba1c_at_start_[f];
    sum[kCoachTwinHba1cChange] += twin.hba1c_true[f] - coach_hba1c_at_start_[f];
    sum[kCoachEffectHba1c] += own.hba1c_true[f] - twin.hba1c_true[f];
    sum[kCoachEffectSelfManagement] += own.self_management[f] - twin.self_management[f];
  }
  for (auto id : {kCoachHba1cChange, kCoachTwinHba1cChange, kCoachEffectHba1c, kCoachEffectSelfManagement}) {
    result_.summary[id] = ratio(sum[id], founders);
  }
  // Coach hours per week of the program up to follow-up.
  std::uint32_t longest_program = 0;
  for (const auto& arm : w.arms) longest_program = std::max(longest_program, arm.program.weeks);
  const std::size_t program_weeks = std::min(params_.run.followup_week, longest_program);
  for (auto [id, series] : {std::pair{kCoachHoursUsedPerWeek, kCoachHoursUsed},
                            std::pair{kCoachHoursScheduledPerWeek, kCoachHoursScheduled},
                            std::pair{kCoachHoursAvailablePerWeek, kCoachHoursAvailable}}) {
    double total = 0;
    for (std::size_t week = 1; week <= program_weeks; ++week) total += result_.week[series][week];
    result_.summary[id] = ratio(total, static_cast<double>(program_weeks));
  }
  if (params_.run.randomization == Randomization::Clinic) record_cluster_analysis(w);
}

void Recorder::record_cluster_analysis(const World& w) {
  const auto& arms = params_.arms;
  const auto treated = std::find_if(arms.begin(), arms.end(), [](const ArmParams& a) { return a.coached(); });
  const auto reference = std::find_if(arms.begin(), arms.end(), [](const ArmParams& a) { return !a.coached(); });
  const bool contrast = treated != arms.end() && reference != arms.end();
  const ClusterAnalysis c = analyse_clusters(w, contrast ? static_cast<std::size_t>(treated - arms.begin()) : 0,
                                             contrast ? static_cast<std::size_t>(reference - arms.begin()) : 0);
  result_.summary[kClusterIcc] = c.icc;
  result_.summary[kClusterSizeMean] = c.mean_cluster_size;
  result_.summary[kDesignEffect] = c.design_effect;
  result_.summary[kClusterDifferenceLo] = c.difference_lo;
  result_.summary[kClusterDifferenceHi] = c.difference_hi;
}

double Recorder::dose_to_followup(std::size_t output, std::size_t arm) const {
  double patient_weeks = 0, scheduled = 0, delivered = 0;
  for (std::size_t week = 1; week <= params_.run.followup_week; ++week) {
    const std::size_t at = arm * result_.weeks + week;
    const auto& s = result_.arm_week;
    patient_weeks += s[kPatientsInCoaching][at];
    scheduled += s[kContactsScheduledPhone][at] + s[kContactsScheduledInPerson][at] + s[kContactsScheduledGroup][at];
    delivered += s[kContactsPhone][at] + s[kContactsInPerson][at] + s[kContactsGroup][at];
  }
  switch (output) {
    case kContactsScheduledPerPatientWeek: return ratio(scheduled, patient_weeks);
    case kContactsDeliveredPerPatientWeek: return ratio(delivered, patient_weeks);
    case kDeliveredShare: return ratio(delivered, scheduled);
    default: throw std::logic_error("not a dose output");
  }
}

void Recorder::record_patient_table(const World& w) {
  const auto& pts = w.patients;
  auto& table = result_.patients;
  for (std::size_t i = 0; i < pts.size(); ++i) {
    table.arm.push_back(pts.arm[i]);
    table.completed.push_back(pts.flag(i, PatientFlag::Followed));
    table.baseline_measured.push_back(pts.baseline_measured[i]);
    table.followup_measured.push_back(pts.people.hba1c_measured[i]);
    table.baseline_true.push_back(pts.baseline_true[i]);
    table.followup_true.push_back(pts.people.hba1c_true[i]);
    table.first_coach.push_back(pts.records.first_coach[pts.record(i)]);
    table.coaches_had.push_back(pts.records.coaches_had[pts.record(i)]);
    table.self_management0.push_back(pts.people.self_management0[i]);
    table.adherence0.push_back(pts.people.adherence0[i]);
    table.activation0.push_back(pts.people.activation0[i]);
  }
}

void Recorder::record_coach_table(const World& w) {
  const auto& c = w.coaches;
  const std::size_t founders = coach_contacts_.size();
  auto& t = result_.coaches;
  struct Theirs {
    double patients = 0, alive = 0, change = 0;
  };
  std::vector<Theirs> theirs(founders);
  const auto& pts = w.patients;
  for (std::size_t i = 0; i < pts.size(); ++i) {
    const auto k = pts.records.first_coach[pts.record(i)];
    if (k < 0 || static_cast<std::size_t>(k) >= founders) continue;
    auto& of = theirs[static_cast<std::size_t>(k)];
    of.patients += 1;
    if (!w.alive(i)) continue;
    of.alive += 1;
    of.change += pts.people.hba1c_measured[i] - pts.baseline_measured[i];
  }
  for (std::size_t k = 0; k < founders; ++k) {
    t.advisor.push_back(c.advisor[k]);
    t.supporter.push_back(c.supporter[k]);
    t.role_model.push_back(c.role_model[k]);
    t.openness.push_back(c.openness[k]);
    t.responsibility.push_back(c.responsibility[k]);
    t.resource_seeking.push_back(c.resource_seeking[k]);
    t.fidelity.push_back(c.fidelity[k]);
    t.self_efficacy.push_back(c.self_efficacy[k]);
    t.distress.push_back(c.distress[k]);
    t.depressed.push_back(c.depressed[k]);
    t.skill.push_back(c.skill[k]);
    t.patients.push_back(theirs[k].patients);
    t.contacts.push_back(coach_contacts_[k]);
    t.hours.push_back(coach_hours_[k]);
    t.load.push_back(c.load[k]);
    t.quit_week.push_back(c.quit_week[k]);
    // A reciprocal peer has no uncoached twin: their own result is their patient record's.
    const auto& cohort = c.founders;  // founder k is coach k: the table keeps the founders' rows
    t.own_effect_hba1c.push_back(cohort.simulated(k) ? cohort.people.hba1c_true[k] - cohort.twin.hba1c_true[k]
                                                     : std::nan(""));
    t.patients_change.push_back(ratio(theirs[k].change, theirs[k].alive));
  }
}

ReplicateResult Recorder::finish(const World& w) {
  result_.summary[kCoachesEver] = w.ledger.coaches_recruited;
  result_.summary[kCoachesQuit] = w.ledger.quits;
  result_.summary[kMentors] = w.ledger.mentors;
  for (std::size_t a = 0; a < result_.arms; ++a) {
    const double enrolled = result_.arm_summary[kEnrolled][a];
    result_.arm_summary[kCostPerPatient][a] = enrolled > 0 ? w.ledger.cost_cumulative[a] / enrolled : std::nan("");
  }
  result_.costs = w.ledger.costs;
  return std::move(result_);
}

}  // namespace coachsim
