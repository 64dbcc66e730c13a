#include "models/outputs.hpp"

#include <algorithm>
#include <cmath>

namespace coachsim {

const std::array<OutputInfo, kArmWeekSeriesCount> kArmWeekSeriesInfo = {{
    {"hba1c_true_mean", "%", "mean true HbA1c"},
    {"hba1c_measured_mean", "%", "mean measured HbA1c (true value plus within-person variation)"},
    {"share_below_7_0", "1", "share with measured HbA1c below 7.0%"},
    {"share_below_7_5", "1", "share with measured HbA1c below 7.5%"},
    {"share_below_8_0", "1", "share with measured HbA1c below 8.0%"},
    {"share_at_or_above_9_0", "1", "share with measured HbA1c at or above 9.0%"},
    {"share_drop_ge1", "1", "share with measured HbA1c at least 1 point below their measured baseline"},
    {"retained_share", "1", "share of enrolled patients the study still observes (follow-up retention)"},
    {"engaged_share", "1", "share of enrolled patients actively engaged with the program"},
    {"self_management_mean", "1", "mean self-management behaviour"},
    {"adherence_mean", "1", "mean medication adherence"},
    {"activation_mean", "1", "mean activation / self-efficacy"},
    {"trust_mean", "1", "mean trust in the coach"},
    {"treatment_step_mean", "steps", "mean step of therapy"},
    {"contacts_phone", "contacts/week", "phone contacts delivered"},
    {"contacts_in_person", "contacts/week", "in-person contacts delivered"},
    {"contacts_group", "contacts/week", "group-session attendances"},
    {"cost_cumulative", "USD", "program cost accumulated so far"},
    {"alive_share", "1", "share of enrolled patients alive"},
    {"in_clinic_share", "1", "share of enrolled patients alive and still in the clinic population (retention in care)"},
}};

const std::array<OutputInfo, kWeekSeriesCount> kWeekSeriesInfo = {{
    {"coaches_active", "coaches", "coaches active"},
    {"coach_load_mean", "1", "mean emotional load of active coaches"},
    {"coach_quits_cumulative", "coaches", "coaches who have quit so far"},
    {"coach_hba1c_mean", "%", "mean true HbA1c of the coaches recruited at week 0"},
    {"coach_self_management_mean", "1", "mean self-management of the coaches recruited at week 0"},
    {"coach_twin_hba1c_mean", "%", "mean true HbA1c of the uncoached twins of the coaches recruited at week 0"},
    {"coach_twin_self_management_mean", "1", "mean self-management of the uncoached twins"},
}};

const std::array<OutputInfo, kArmSummaryCount> kArmSummaryInfo = {{
    {"n_enrolled", "patients", "patients randomized to the arm"},
    {"n_completed", "patients", "completers: patients the study observes at follow-up"},
    {"baseline_hba1c_mean", "%", "mean measured baseline HbA1c of completers"},
    {"change_mean", "%", "mean change in measured HbA1c from baseline to follow-up, completers"},
    {"change_sd", "%", "SD of the change among completers"},
    {"share_drop_ge1_at_followup", "1", "share of completers whose HbA1c fell by at least 1 point"},
    {"share_below_7_5_at_followup", "1", "share of completers below 7.5% at follow-up"},
    {"share_below_7_5_at_baseline", "1", "share of completers below 7.5% at baseline"},
    {"retention", "1", "completers / enrolled"},
    {"cost_per_patient", "USD", "program cost at the end of the run per enrolled patient"},
    {"followup_hba1c_true_mean", "%", "mean true HbA1c of completers at follow-up"},
    {"n_alive", "patients", "intention to treat: patients randomized to the arm and alive at follow-up"},
    {"itt_baseline_hba1c_mean", "%", "mean measured baseline HbA1c, intention to treat"},
    {"itt_change_mean", "%", "mean change in measured HbA1c, intention to treat"},
    {"itt_change_true_mean", "%", "mean change in true HbA1c, intention to treat"},
    {"itt_change_sd", "%", "SD of the change in measured HbA1c, intention to treat"},
    {"itt_share_drop_ge1", "1", "share whose measured HbA1c fell by at least 1 point, intention to treat"},
    {"itt_share_below_7_5", "1", "share below 7.5% at follow-up, intention to treat"},
}};

const std::array<OutputInfo, kReplicateSummaryCount> kReplicateSummaryInfo = {{
    {"coaches_n", "coaches", "coaches ever active"},
    {"coaches_quit", "coaches", "coaches who quit"},
    {"coach_hba1c_change_mean", "%", "coaches' own true HbA1c change, week 0 to follow-up"},
    {"coach_twin_hba1c_change_mean", "%", "the uncoached twins' true HbA1c change, week 0 to follow-up"},
    {"coach_effect_hba1c", "%", "effect of coaching on coaches' own true HbA1c at follow-up: coach - uncoached twin"},
    {"coach_effect_self_management", "1", "effect of coaching on coaches' own self-management at follow-up: coach - twin"},
}};

namespace {

constexpr double kHistogramLow = 3.0;  // % HbA1c
constexpr double kHistogramBin = 0.01;
constexpr std::size_t kHistogramBins = 1800;  // 3% .. 21%

struct ArmTotals {
  std::array<double, kArmWeekSeriesCount> sum{};
  double retained = 0;
  double enrolled = 0;
  std::vector<std::uint32_t> histogram = std::vector<std::uint32_t>(kHistogramBins, 0);
};

std::size_t bin_of(double hba1c) {
  const double b = std::floor((hba1c - kHistogramLow) / kHistogramBin);
  return static_cast<std::size_t>(std::clamp(b, 0.0, static_cast<double>(kHistogramBins - 1)));
}

// Quantile of a binned distribution, interpolated linearly within the bin (error < 0.01 points).
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

void accumulate(const World& w, sim::AgentRange r, std::vector<ArmTotals>& arms) {
  const auto& pts = w.patients;
  const auto& people = pts.people;
  for (std::size_t i = r.begin; i < r.end; ++i) {
    auto& t = arms[pts.arm[i]];
    t.enrolled += 1;
    const auto state = static_cast<Engagement>(pts.engagement[i]);
    t.sum[kContactsPhone] += pts.phone[i];
    t.sum[kContactsInPerson] += pts.in_person[i];
    t.sum[kContactsGroup] += pts.group[i];
    if (!w.alive(i)) continue;
    const double measured = people.hba1c_measured[i];
    t.retained += 1;  // the denominator of the means: alive (intention to treat)
    t.sum[kRetainedShare] += pts.followed[i];
    t.sum[kInClinicShare] += pts.care[i] == static_cast<std::uint8_t>(Care::InClinic);
    t.sum[kEngagedShare] += w.arm_coached[pts.arm[i]] && state == Engagement::Active;
    t.sum[kHba1cTrueMean] += people.hba1c_true[i];
    t.sum[kHba1cMeasuredMean] += measured;
    t.sum[kShareBelow70] += measured < 7.0;
    t.sum[kShareBelow75] += measured < 7.5;
    t.sum[kShareBelow80] += measured < 8.0;
    t.sum[kShareAtOrAbove90] += measured >= 9.0;
    t.sum[kShareDropGe1] += measured - pts.baseline_measured[i] <= -1.0;
    t.sum[kSelfManagementMean] += people.self_management[i];
    t.sum[kAdherenceMean] += people.adherence[i];
    t.sum[kActivationMean] += people.activation[i];
    t.sum[kTrustMean] += pts.trust[i];
    t.sum[kTreatmentStepMean] += people.treatment_step[i];
    ++t.histogram[bin_of(people.hba1c_true[i])];
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
  if (week == 0) coach_hba1c_at_start_.assign(w.coaches.people.hba1c_true.begin(), w.coaches.people.hba1c_true.end());
  record_arms(w, week, executor);
  record_coaches(w, week);
  if (week == params_.run.followup_week) record_followup(w);
}

void Recorder::record_arms(const World& w, std::uint32_t week, const sim::Executor& executor) {
  constexpr std::size_t kChunk = 8192;
  const std::size_t chunks = sim::Executor::chunk_count(w.patients.size(), kChunk);
  std::vector<std::vector<ArmTotals>> partial(chunks, std::vector<ArmTotals>(result_.arms));
  executor.for_each_fixed_chunk(w.patients.size(), kChunk,
                                [&](std::size_t k, sim::AgentRange r) { accumulate(w, r, partial[k]); });
  for (std::size_t a = 0; a < result_.arms; ++a) {
    ArmTotals total;
    for (const auto& chunk : partial) {  // combined in chunk order: bit-identical for any thread count
      for (std::size_t s = 0; s < kArmWeekSeriesCount; ++s) total.sum[s] += chunk[a].sum[s];
      total.retained += chunk[a].retained;
      total.enrolled += chunk[a].enrolled;
      for (std::size_t b = 0; b < kHistogramBins; ++b) total.histogram[b] += chunk[a].histogram[b];
    }
    const std::size_t at = a * result_.weeks + week;
    for (std::size_t s = 0; s < kArmWeekSeriesCount; ++s) {
      result_.arm_week[s][at] = total.retained > 0 ? total.sum[s] / total.retained : std::nan("");
    }
    for (auto s : {kContactsPhone, kContactsInPerson, kContactsGroup}) result_.arm_week[s][at] = total.sum[s];
    for (auto s : {kRetainedShare, kEngagedShare, kInClinicShare}) {
      result_.arm_week[s][at] = total.enrolled > 0 ? total.sum[s] / total.enrolled : std::nan("");
    }
    result_.arm_week[kAliveShare][at] = total.enrolled > 0 ? total.retained / total.enrolled : std::nan("");
    result_.arm_week[kCostCumulative][at] = w.ledger.cost_cumulative[a];
    for (std::size_t q = 0; q < kQuantiles.size(); ++q) {
      result_.quantiles[at * kQuantiles.size() + q] = histogram_quantile(total.histogram, total.retained, kQuantiles[q]);
    }
  }
}

void Recorder::record_coaches(const World& w, std::uint32_t week) {
  const auto& c = w.coaches;
  double active = 0, load = 0, hba1c = 0, self_management = 0, twin_hba1c = 0, twin_self_management = 0, founders = 0;
  for (std::size_t k = 0; k < c.size(); ++k) {
    if (c.active[k]) {
      active += 1;
      load += c.load[k];
    }
    if (c.start_week[k] == 0) {
      founders += 1;
      hba1c += c.people.hba1c_true[k];
      self_management += c.people.self_management[k];
      twin_hba1c += c.twin.hba1c_true[k];
      twin_self_management += c.twin.self_management[k];
    }
  }
  result_.week[kCoachesActive][week] = active;
  result_.week[kCoachLoadMean][week] = active > 0 ? load / active : std::nan("");
  result_.week[kCoachQuitsCumulative][week] = w.ledger.quits;
  result_.week[kCoachHba1cMean][week] = founders > 0 ? hba1c / founders : std::nan("");
  result_.week[kCoachSelfManagementMean][week] = founders > 0 ? self_management / founders : std::nan("");
  result_.week[kCoachTwinHba1cMean][week] = founders > 0 ? twin_hba1c / founders : std::nan("");
  result_.week[kCoachTwinSelfManagementMean][week] = founders > 0 ? twin_self_management / founders : std::nan("");
}

namespace {

// Sums for one arm's follow-up summary over one analysis population.
struct FollowupTotals {
  double n = 0, baseline = 0, change = 0, change_sq = 0, change_true = 0, drop = 0, below_followup = 0,
         below_baseline = 0, true_followup = 0;

  void add(const Patients& pts, std::size_t i) {
    const double baseline_value = pts.baseline_measured[i];
    const double followup = pts.people.hba1c_measured[i];
    n += 1;
    baseline += baseline_value;
    change += followup - baseline_value;
    change_sq += (followup - baseline_value) * (followup - baseline_value);
    change_true += pts.people.hba1c_true[i] - pts.baseline_true[i];
    drop += followup - baseline_value <= -1.0;
    below_followup += followup < 7.5;
    below_baseline += baseline_value < 7.5;
    true_followup += pts.people.hba1c_true[i];
  }
  double mean(double sum) const { return n > 0 ? sum / n : std::nan(""); }
  double change_sd() const {
    if (n < 2) return std::nan("");
    const double m = change / n;
    return std::sqrt(std::max(0.0, (change_sq - n * m * m) / (n - 1)));
  }
};

}  // namespace

void Recorder::record_followup(const World& w) {
  const auto& pts = w.patients;
  std::vector<FollowupTotals> itt(result_.arms), completers(result_.arms);
  std::vector<double> enrolled(result_.arms, 0.0);
  if (params_.patient_table) record_patient_table(w);
  for (std::size_t i = 0; i < pts.size(); ++i) {  // serial: the follow-up summary is taken once
    enrolled[pts.arm[i]] += 1;
    if (!w.alive(i)) continue;
    itt[pts.arm[i]].add(pts, i);
    if (pts.followed[i]) completers[pts.arm[i]].add(pts, i);
  }
  auto& s = result_.arm_summary;
  for (std::size_t a = 0; a < result_.arms; ++a) {
    const auto& t = completers[a];
    s[kEnrolled][a] = enrolled[a];
    s[kCompleted][a] = t.n;
    s[kRetention][a] = enrolled[a] > 0 ? t.n / enrolled[a] : std::nan("");
    s[kBaselineMean][a] = t.mean(t.baseline);
    s[kChangeMean][a] = t.mean(t.change);
    s[kChangeSd][a] = t.change_sd();
    s[kShareDropGe1AtFollowup][a] = t.mean(t.drop);
    s[kShareBelow75AtFollowup][a] = t.mean(t.below_followup);
    s[kShareBelow75AtBaseline][a] = t.mean(t.below_baseline);
    s[kFollowupTrueMean][a] = t.mean(t.true_followup);
    const auto& i = itt[a];
    s[kAlive][a] = i.n;
    s[kIttBaselineMean][a] = i.mean(i.baseline);
    s[kIttChangeMeasured][a] = i.mean(i.change);
    s[kIttChangeTrue][a] = i.mean(i.change_true);
    s[kIttChangeSd][a] = i.change_sd();
    s[kIttShareDropGe1][a] = i.mean(i.drop);
    s[kIttShareBelow75][a] = i.mean(i.below_followup);
  }
  // Coaches recruited at week 0: their own change, their twins' change, and coached minus twin.
  const auto& c = w.coaches;
  double change = 0, twin_change = 0, effect_sm = 0, founders = 0;
  for (std::size_t k = 0; k < c.size() && k < coach_hba1c_at_start_.size(); ++k) {
    founders += 1;
    change += c.people.hba1c_true[k] - coach_hba1c_at_start_[k];
    twin_change += c.twin.hba1c_true[k] - coach_hba1c_at_start_[k];
    effect_sm += c.people.self_management[k] - c.twin.self_management[k];
  }
  const double nan = std::nan("");
  result_.summary[kCoachHba1cChange] = founders > 0 ? change / founders : nan;
  result_.summary[kCoachTwinHba1cChange] = founders > 0 ? twin_change / founders : nan;
  result_.summary[kCoachEffectHba1c] = founders > 0 ? (change - twin_change) / founders : nan;
  result_.summary[kCoachEffectSelfManagement] = founders > 0 ? effect_sm / founders : nan;
}

void Recorder::record_patient_table(const World& w) {
  const auto& pts = w.patients;
  auto& table = result_.patients;
  for (std::size_t i = 0; i < pts.size(); ++i) {
    table.arm.push_back(pts.arm[i]);
    table.completed.push_back(pts.followed[i]);
    table.baseline_measured.push_back(pts.baseline_measured[i]);
    table.followup_measured.push_back(pts.people.hba1c_measured[i]);
    table.baseline_true.push_back(pts.baseline_true[i]);
    table.followup_true.push_back(pts.people.hba1c_true[i]);
  }
}

ReplicateResult Recorder::finish(const World& w) {
  result_.summary[kCoachesEver] = static_cast<double>(w.coaches.size());
  result_.summary[kCoachesQuit] = w.ledger.quits;
  for (std::size_t a = 0; a < result_.arms; ++a) {
    const double enrolled = result_.arm_summary[kEnrolled][a];
    result_.arm_summary[kCostPerPatient][a] = enrolled > 0 ? w.ledger.cost_cumulative[a] / enrolled : std::nan("");
  }
  return std::move(result_);
}

}  // namespace coachsim
