#pragma once
// What a replicate reports. Outputs are declared once here (name, units, description); the
// recorder fills them and the results writer lays them out (docs/output.md).
#include <array>
#include <cstdint>
#include <vector>

#include "models/state.hpp"
#include "sim/engine/executor.hpp"

namespace coachsim {

struct OutputInfo {
  const char* name;
  const char* units;
  const char* long_name;
};

// Per arm and week; means and shares over the arm's patients alive (intention to treat).
enum ArmWeekSeries : std::size_t {
  kHba1cTrueMean, kHba1cMeasuredMean, kShareBelow70, kShareBelow75, kShareBelow80, kShareAtOrAbove90,
  kShareDropGe1, kRetainedShare, kEngagedShare, kSelfManagementMean, kAdherenceMean, kActivationMean,
  kTrustMean, kTreatmentStepMean, kContactsPhone, kContactsInPerson, kContactsGroup, kCostCumulative,
  kAliveShare, kInClinicShare, kArmWeekSeriesCount
};
extern const std::array<OutputInfo, kArmWeekSeriesCount> kArmWeekSeriesInfo;

// Per week (coaches belong to the program, not to an arm).
enum WeekSeries : std::size_t {
  kCoachesActive, kCoachLoadMean, kCoachQuitsCumulative, kCoachHba1cMean, kCoachSelfManagementMean,
  kCoachTwinHba1cMean, kCoachTwinSelfManagementMean, kWeekSeriesCount
};
extern const std::array<OutputInfo, kWeekSeriesCount> kWeekSeriesInfo;

// Per arm at the follow-up week. Intention to treat: everyone randomized and alive at follow-up;
// completers: those the study still observes at follow-up (what a trial reports).
enum ArmSummary : std::size_t {
  kEnrolled, kCompleted, kBaselineMean, kChangeMean, kChangeSd, kShareDropGe1AtFollowup, kShareBelow75AtFollowup,
  kShareBelow75AtBaseline, kRetention, kCostPerPatient, kFollowupTrueMean, kAlive, kIttBaselineMean,
  kIttChangeMeasured, kIttChangeTrue, kIttChangeSd, kIttShareDropGe1, kIttShareBelow75, kArmSummaryCount
};
extern const std::array<OutputInfo, kArmSummaryCount> kArmSummaryInfo;

enum ReplicateSummary : std::size_t {
  kCoachesEver, kCoachesQuit, kCoachHba1cChange, kCoachTwinHba1cChange, kCoachEffectHba1c,
  kCoachEffectSelfManagement, kReplicateSummaryCount
};
extern const std::array<OutputInfo, kReplicateSummaryCount> kReplicateSummaryInfo;

inline constexpr std::array<double, 5> kQuantiles = {0.1, 0.25, 0.5, 0.75, 0.9};

// Patient-level baseline and follow-up values (only when output.patient_table is set), in
// enrolment order; `arm` indexes ModelParams::arms.
struct PatientTable {
  std::vector<std::int32_t> arm;
  std::vector<std::uint8_t> completed;
  std::vector<double> baseline_measured, followup_measured, baseline_true, followup_true;
};

struct ReplicateResult {
  std::size_t arms = 0;
  std::size_t weeks = 0;  // recorded weeks = run weeks + 1 (week 0 is enrolment)
  std::array<std::vector<double>, kArmWeekSeriesCount> arm_week;   // [arm * weeks + week]
  std::vector<double> quantiles;                                  // [(arm * weeks + week) * 5 + q]
  std::array<std::vector<double>, kWeekSeriesCount> week;         // [week]
  std::array<std::vector<double>, kArmSummaryCount> arm_summary;  // [arm]
  std::array<double, kReplicateSummaryCount> summary{};
  PatientTable patients;
};

class Recorder {
 public:
  explicit Recorder(const ModelParams& params);
  // Records the state at the end of `week` (0 = enrolment); the follow-up summary is taken
  // at params.run.followup_week.
  void record(const World& world, std::uint32_t week, const sim::Executor& executor);
  ReplicateResult finish(const World& world);

 private:
  void record_arms(const World& world, std::uint32_t week, const sim::Executor& executor);
  void record_coaches(const World& world, std::uint32_t week);
  void record_followup(const World& world);
  void record_patient_table(const World& world);
  const ModelParams& params_;
  ReplicateResult result_;
  std::vector<float> coach_hba1c_at_start_;
};

}  // namespace coachsim
