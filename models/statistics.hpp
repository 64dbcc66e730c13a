#pragma once
// The statistics of a run, declared once: each is a function of one replicate's results (per
// arm, for the treated-reference contrast, or for the whole program), summarized across
// replicates as a mean and a 2.5-97.5 percentile interval. This list feeds the printed summary
// table, the summary JSON keys, the statistics a targets file may name, the per-point
// statistics of sweep files and the calibration objective.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "models/outputs.hpp"

namespace coachsim {

enum class Scope : std::uint8_t {
  Arm,       // one value per arm
  Contrast,  // first coaching arm against first non-coaching arm
  Program,   // one value per run
};

// How a statistic is shown to people.
enum class Display : std::uint8_t {
  Count,   // 1 decimal
  Level,   // 2 decimals
  Change,  // 2 decimals with a sign
  Share,   // percent with 1 decimal
  Money,   // no decimals
  Health,  // life-years and QALYs: 4 decimals
  Ratio,   // correlations: 3 decimals
};

// Which printed table shows an arm statistic as a column.
enum class Table : std::uint8_t { None, IntentionToTreat, Completers };

enum class Statistic : std::size_t {
  NEnrolled, NCompleted, BaselineMean, ChangeMean, ChangeSd, ShareDropGe1, ShareBelow, ShareBelowBaseline,
  Retention, CostPerPatient, FollowupTrueMean, NAlive, IttBaselineMean, IttChangeMean, IttChangeTrueMean,
  IttChangeSd, IttShareDropGe1, IttShareBelow, WeeksWaitedMean, ShareWaited, ShareGraduated, CostRecruitment, CostTraining, CostCoachPay, CostStipends,
  CostSupervision, CostOverhead, CostProviderVisits, CostProviderRequests, CostAddedTherapy, CostComplications,
  CostTotal, CostTotalUndiscounted, LifeYears, Qalys, IncrementalCost, IncrementalQalys, IncrementalLifeYears,
  ContactsScheduledPerPatientWeek, ContactsDeliveredPerPatientWeek, DeliveredShare,
  ChangeDifference, IttChangeDifference, IttChangeTrueDifference,
  CoachesN, CoachAttrition, MentorsN, CoachHba1cChange, CoachTwinHba1cChange, CoachEffectHba1c, CoachEffectSelfManagement,
  ClusterIcc, ClusterSizeMean, DesignEffect, ClusterDifferenceLo, ClusterDifferenceHi,
  CoachHoursUsedPerWeek, CoachHoursScheduledPerWeek, CoachHoursAvailablePerWeek,
};

// Where a statistic is taken in a replicate: `arm` for arm statistics; the treated (`arm`) and
// reference arm for the contrast.
struct StatisticSite {
  std::size_t arm = 0, reference = 0;
};

struct StatisticInfo;
using StatisticValue = double (*)(const ReplicateResult&, const StatisticInfo&, StatisticSite);

struct StatisticInfo {
  Statistic id;
  const char* name;  // the one name: summary JSON key, targets-file statistic
  Scope scope;
  const OutputInfo* output;  // the output it summarizes (sweep files name its statistics after it), or null
  const char* units;
  const char* long_name;  // {treated} and {reference} stand for the contrast's arm names
  StatisticValue value;   // in one replicate; NaN where undefined
  Display display;
  const char* label = "";  // column header in the printed summary table ("" = not a column)
  int width = 0;           // that column's width; negative = left-aligned
  Table table = Table::None;
  bool cluster_trial = false;  // defined only under clinic randomization: reported only there
};

double arm_output_value(const ReplicateResult& r, const StatisticInfo& statistic, StatisticSite at);
// Contrasts: treated minus reference of one arm output (a contrast has no `output` of its own, so
// sweep files name it after the statistic).
double change_difference_value(const ReplicateResult& r, const StatisticInfo& statistic, StatisticSite at);
double itt_change_difference_value(const ReplicateResult& r, const StatisticInfo& statistic, StatisticSite at);
double itt_change_true_difference_value(const ReplicateResult& r, const StatisticInfo& statistic, StatisticSite at);
double replicate_output_value(const ReplicateResult& r, const StatisticInfo& statistic, StatisticSite at);
double coach_attrition_value(const ReplicateResult& r, const StatisticInfo& statistic, StatisticSite at);

namespace detail {
constexpr StatisticInfo per_arm(Statistic id, const char* name, ArmSummary output, Display display,
                                Table table = Table::None, const char* label = "", int width = 0) {
  const OutputInfo& o = kArmSummaryInfo[output];
  return {id, name, Scope::Arm, &o, o.units, o.long_name, &arm_output_value, display, label, width, table};
}
constexpr StatisticInfo per_run(Statistic id, const char* name, ReplicateSummary output, Display display) {
  const OutputInfo& o = kReplicateSummaryInfo[output];
  return {id, name, Scope::Program, &o, o.units, o.long_name, &replicate_output_value, display};
}
constexpr StatisticInfo per_cluster_trial(Statistic id, const char* name, ReplicateSummary output, Display display) {
  StatisticInfo info = per_run(id, name, output, display);
  info.cluster_trial = true;
  return info;
}
}  // namespace detail

// Row i is Statistic i (checked below). Arm statistics come first, in ArmSummary order.
inline constexpr StatisticInfo kStatistics[] = {
    detail::per_arm(Statistic::NEnrolled, "n_enrolled", kEnrolled, Display::Count, Table::Completers, "enrolled", 8),
    detail::per_arm(Statistic::NCompleted, "n_completed", kCompleted, Display::Count, Table::Completers, "completed", 9),
    detail::per_arm(Statistic::BaselineMean, "baseline_hba1c_mean", kBaselineMean, Display::Level, Table::Completers,
                    "baseline", 8),
    detail::per_arm(Statistic::ChangeMean, "change_mean", kChangeMean, Display::Change, Table::Completers,
                    "change [95% interval]", -24),
    detail::per_arm(Statistic::ChangeSd, "change_sd", kChangeSd, Display::Level),
    detail::per_arm(Statistic::ShareDropGe1, "share_drop_ge1", kShareDropGe1AtFollowup, Display::Share,
                    Table::Completers, "drop>=1", 9),
    detail::per_arm(Statistic::ShareBelow, "share_below", kShareBelow75AtFollowup, Display::Share, Table::Completers,
                    "<7.5%", 8),
    detail::per_arm(Statistic::ShareBelowBaseline, "share_below_baseline", kShareBelow75AtBaseline, Display::Share),
    detail::per_arm(Statistic::Retention, "retention", kRetention, Display::Share, Table::Completers, "retention", 9),
    detail::per_arm(Statistic::CostPerPatient, "cost_per_patient", kCostPerPatient, Display::Money),
    detail::per_arm(Statistic::FollowupTrueMean, "followup_hba1c_true_mean", kFollowupTrueMean, Display::Level),
    detail::per_arm(Statistic::NAlive, "n_alive", kAlive, Display::Count, Table::IntentionToTreat, "alive", 8),
    detail::per_arm(Statistic::IttBaselineMean, "itt_baseline_hba1c_mean", kIttBaselineMean, Display::Level,
                    Table::IntentionToTreat, "baseline", 8),
    detail::per_arm(Statistic::IttChangeMean, "itt_change_mean", kIttChangeMeasured, Display::Change,
                    Table::IntentionToTreat, "change [95% interval]", -24),
    detail::per_arm(Statistic::IttChangeTrueMean, "itt_change_true_mean", kIttChangeTrue, Display::Change,
                    Table::IntentionToTreat, "true change", 11),
    detail::per_arm(Statistic::IttChangeSd, "itt_change_sd", kIttChangeSd, Display::Level),
    detail::per_arm(Statistic::IttShareDropGe1, "itt_share_drop_ge1", kIttShareDropGe1, Display::Share,
                    Table::IntentionToTreat, "drop>=1", 9),
    detail::per_arm(Statistic::IttShareBelow, "itt_share_below", kIttShareBelow75, Display::Share,
                    Table::IntentionToTreat, "<7.5%", 8),
    detail::per_arm(Statistic::WeeksWaitedMean, "weeks_waited_mean", kWeeksWaitedMean, Display::Count),
    detail::per_arm(Statistic::ShareWaited, "share_waited", kShareWaited, Display::Share),
    detail::per_arm(Statistic::ShareGraduated, "share_graduated", kShareGraduated, Display::Share),
    detail::per_arm(Statistic::CostRecruitment, "cost_recruitment", kArmCostRecruitment, Display::Money),
    detail::per_arm(Statistic::CostTraining, "cost_training", kArmCostTraining, Display::Money),
    detail::per_arm(Statistic::CostCoachPay, "cost_coach_pay", kArmCostCoachPay, Display::Money),
    detail::per_arm(Statistic::CostStipends, "cost_stipends", kArmCostStipends, Display::Money),
    detail::per_arm(Statistic::CostSupervision, "cost_supervision", kArmCostSupervision, Display::Money),
    detail::per_arm(Statistic::CostOverhead, "cost_overhead", kArmCostOverhead, Display::Money),
    detail::per_arm(Statistic::CostProviderVisits, "cost_provider_visits", kArmCostProviderVisits, Display::Money),
    detail::per_arm(Statistic::CostProviderRequests, "cost_provider_requests", kArmCostProviderRequests,
                    Display::Money),
    detail::per_arm(Statistic::CostAddedTherapy, "cost_added_therapy", kArmCostAddedTherapy, Display::Money),
    detail::per_arm(Statistic::CostComplications, "cost_complications", kArmCostComplications, Display::Money),
    detail::per_arm(Statistic::CostTotal, "cost_total", kArmCostTotal, Display::Money),
    detail::per_arm(Statistic::CostTotalUndiscounted, "cost_total_undiscounted", kArmCostTotalUndiscounted,
                    Display::Money),
    detail::per_arm(Statistic::LifeYears, "life_years", kArmLifeYears, Display::Health),
    detail::per_arm(Statistic::Qalys, "qalys", kArmQalys, Display::Health),
    detail::per_arm(Statistic::IncrementalCost, "incremental_cost", kIncrementalCost, Display::Money),
    detail::per_arm(Statistic::IncrementalQalys, "incremental_qalys", kIncrementalQalys, Display::Health),
    detail::per_arm(Statistic::IncrementalLifeYears, "incremental_life_years", kIncrementalLifeYears,
                    Display::Health),
    detail::per_arm(Statistic::ContactsScheduledPerPatientWeek, "contacts_scheduled_per_patient_week",
                    kContactsScheduledPerPatientWeek, Display::Level),
    detail::per_arm(Statistic::ContactsDeliveredPerPatientWeek, "contacts_delivered_per_patient_week",
                    kContactsDeliveredPerPatientWeek, Display::Level),
    detail::per_arm(Statistic::DeliveredShare, "delivered_share", kDeliveredShare, Display::Share),
    {Statistic::ChangeDifference, "change_difference", Scope::Contrast, nullptr, "%",
     "change ({treated}) - change ({reference}), completers", &change_difference_value, Display::Change},
    {Statistic::IttChangeDifference, "itt_change_difference", Scope::Contrast, nullptr, "%",
     "change ({treated}) - change ({reference}), intention to treat", &itt_change_difference_value, Display::Change},
    {Statistic::IttChangeTrueDifference, "itt_change_true_difference", Scope::Contrast, nullptr, "%",
     "change in true HbA1c ({treated}) - ({reference}), intention to treat", &itt_change_true_difference_value,
     Display::Change},
    detail::per_run(Statistic::CoachesN, "coaches_n", kCoachesEver, Display::Count),
    {Statistic::CoachAttrition, "coach_attrition", Scope::Program, nullptr, "1", "share of coaches who quit",
     &coach_attrition_value, Display::Share},
    detail::per_run(Statistic::MentorsN, "mentors_n", kMentors, Display::Count),
    detail::per_run(Statistic::CoachHba1cChange, "coach_hba1c_change_mean", kCoachHba1cChange, Display::Change),
    detail::per_run(Statistic::CoachTwinHba1cChange, "coach_twin_hba1c_change_mean", kCoachTwinHba1cChange,
                    Display::Change),
    detail::per_run(Statistic::CoachEffectHba1c, "coach_effect_hba1c", kCoachEffectHba1c, Display::Change),
    detail::per_run(Statistic::CoachEffectSelfManagement, "coach_effect_self_management", kCoachEffectSelfManagement,
                    Display::Change),
    detail::per_cluster_trial(Statistic::ClusterIcc, "cluster_icc", kClusterIcc, Display::Ratio),
    detail::per_cluster_trial(Statistic::ClusterSizeMean, "cluster_size_mean", kClusterSizeMean, Display::Count),
    detail::per_cluster_trial(Statistic::DesignEffect, "design_effect", kDesignEffect, Display::Level),
    detail::per_cluster_trial(Statistic::ClusterDifferenceLo, "itt_change_difference_cluster_lo", kClusterDifferenceLo,
                              Display::Change),
    detail::per_cluster_trial(Statistic::ClusterDifferenceHi, "itt_change_difference_cluster_hi", kClusterDifferenceHi,
                              Display::Change),
    detail::per_run(Statistic::CoachHoursUsedPerWeek, "coach_hours_used_per_week", kCoachHoursUsedPerWeek,
                    Display::Count),
    detail::per_run(Statistic::CoachHoursScheduledPerWeek, "coach_hours_scheduled_per_week",
                    kCoachHoursScheduledPerWeek, Display::Count),
    detail::per_run(Statistic::CoachHoursAvailablePerWeek, "coach_hours_available_per_week",
                    kCoachHoursAvailablePerWeek, Display::Count),
};
inline constexpr std::size_t kStatisticCount = std::size(kStatistics);

consteval bool statistics_in_order() {
  for (std::size_t i = 0; i < kStatisticCount; ++i) {
    if (static_cast<std::size_t>(kStatistics[i].id) != i) return false;
  }
  return true;
}
static_assert(statistics_in_order(), "kStatistics row i must be Statistic i");

// Sweep files summarize every arm-summary output per point, in output order.
consteval bool arm_statistics_follow_arm_summary() {
  for (std::size_t i = 0; i < kArmSummaryCount; ++i) {
    if (kStatistics[i].scope != Scope::Arm || kStatistics[i].output != &kArmSummaryInfo[i]) return false;
  }
  return kStatistics[kArmSummaryCount].scope != Scope::Arm;
}
static_assert(arm_statistics_follow_arm_summary(), "the arm statistics are the arm-summary outputs, in order");

constexpr const StatisticInfo& statistic_info(Statistic statistic) { return kStatistics[static_cast<std::size_t>(statistic)]; }
std::optional<Statistic> statistic_named(std::string_view name);
// Whether a statistic comes from the economic projection (it needs RunOptions::economics).
constexpr bool is_economic(Statistic statistic) {
  const OutputInfo* output = statistic_info(statistic).output;
  return output != nullptr && (output->reduction == Reduction::Projection || output->reduction == Reduction::Incremental);
}
// The long name with the contrast's arm names filled in.
std::string long_name_of(const StatisticInfo& statistic, const std::string& treated, const std::string& reference);

}  // namespace coachsim
