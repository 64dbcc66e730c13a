#pragma once
// What a replicate reports. Outputs are declared once here, in kOutputs (name, units, long
// name, description, shape, reduction); the recorder fills them, the run and sweep writers and
// the run-record codec iterate the table, and docs/output.md is generated from it.
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "models/state.hpp"
#include "sim/engine/executor.hpp"

namespace coachsim {

// Where a value lives: its dimensions after the leading `replicate` (runs) or `point, replicate`
// (sweeps), and so which ReplicateResult member holds it.
enum class Shape : std::uint8_t { ArmWeek, ArmWeekQuantile, Week, Arm, Replicate };

// How a value is formed from the agents.
enum class Reduction : std::uint8_t {
  PerAlive,         // sum over the arm's living patients / their number (intention to treat)
  PerEnrolled,      // sum over the arm's enrolled patients / their number
  Total,            // sum over the arm's enrolled patients (or count)
  Cost,             // the program's cost ledger for the arm
  HistogramQuantile,  // quantile of the binned distribution over the arm's living patients
  PerActiveCoach,   // mean over coaches active that week
  PerFoundingCoach, // mean over the coaches recruited at week 0 (quitters included)
  CoachLedger,      // counted by the program's coach ledger
  PerCompleter,     // mean over completers (observed by the study at follow-up)
  SdOverCompleters, // sample SD over completers
  PerAliveAtFollowup,  // mean over the arm's patients alive at follow-up (intention to treat)
  SdOverAliveAtFollowup,  // sample SD over them
  CostPerEnrolled,  // cost ledger at the end of the run / enrolled patients
  Projection,       // the economic projection per enrolled patient (models/economics.hpp)
  Incremental,      // the projection minus that of the same patients under usual care
  ClusterAnova,     // ANOVA over the clinics of the ITT change (clinic randomization only; models/cluster_analysis.hpp)
  WeeksToFollowup,  // ratio of the arm's weekly series summed over weeks 1 to follow-up
  PerProgramWeek,   // mean of a weekly series over the program's weeks up to follow-up
};

// How a Reduction forms a value, in words (docs/output.md).
const char* reduction_text(Reduction reduction);

// One row of the output catalog. `id` is the row's index within its shape (the enum below);
// `description` is the longer text of docs/output.md (the files carry units and long_name).
struct OutputInfo {
  Shape shape;
  std::size_t id;
  const char* name;
  const char* units;
  const char* long_name;
  const char* description;
  Reduction reduction;
};

// Per arm and week; means and shares over the arm's living patients (intention to treat).
enum ArmWeekSeries : std::size_t {
  kHba1cTrueMean, kHba1cMeasuredMean, kShareBelow70, kShareBelow75, kShareBelow80, kShareAtOrAbove90,
  kShareDropGe1, kRetainedShare, kEngagedShare, kSelfManagementMean, kAdherenceMean, kActivationMean,
  kTrustMean, kTreatmentStepMean, kContactsPhone, kContactsInPerson, kContactsGroup, kCostCumulative,
  kAliveShare, kInClinicShare, kShareNewCoach,
  // dose: what the contact schedule asks for the patients it applies to, against contacts_* delivered
  kPatientsInCoaching, kContactsScheduledPhone, kContactsScheduledInPerson, kContactsScheduledGroup,
  kPatientsWaiting, kArmWeekSeriesCount
};

// Per week (coaches belong to the program, not to an arm).
enum WeekSeries : std::size_t {
  kCoachesActive, kCoachLoadMean, kCoachQuitsCumulative, kCoachHba1cMean, kCoachSelfManagementMean,
  kCoachTwinHba1cMean, kCoachTwinSelfManagementMean,
  // capacity: coach hours delivered, the hours the contact schedule would need, and the hours coaches have
  kCoachHoursUsed, kCoachHoursScheduled, kCoachHoursAvailable, kWeekSeriesCount
};

// Per arm at the follow-up week. Completers: patients the study observes at follow-up (what a
// trial reports); intention to treat (itt): everyone randomized and alive at follow-up.
enum ArmSummary : std::size_t {
  kEnrolled, kCompleted, kBaselineMean, kChangeMean, kChangeSd, kShareDropGe1AtFollowup, kShareBelow75AtFollowup,
  kShareBelow75AtBaseline, kRetention, kCostPerPatient, kFollowupTrueMean, kAlive, kIttBaselineMean,
  kIttChangeMeasured, kIttChangeTrue, kIttChangeSd, kIttShareDropGe1, kIttShareBelow75,
  // open programs: the waitlist and graduation
  kWeeksWaitedMean, kShareWaited, kShareGraduated,
  // economics over outcomes.horizon_years, per enrolled patient, discounted (one per CostCategory first)
  kArmCostRecruitment, kArmCostTraining, kArmCostCoachPay, kArmCostStipends, kArmCostSupervision, kArmCostOverhead,
  kArmCostProviderVisits, kArmCostProviderRequests, kArmCostAddedTherapy, kArmCostComplications, kArmCostTotal,
  kArmCostTotalUndiscounted, kArmLifeYears, kArmQalys, kIncrementalCost, kIncrementalQalys, kIncrementalLifeYears,
  // delivered dose against the schedule, over the weeks up to follow-up
  kContactsScheduledPerPatientWeek, kContactsDeliveredPerPatientWeek, kDeliveredShare,
  kArmSummaryCount
};
static_assert(kArmCostComplications - kArmCostRecruitment + 1 == kCostCategoryCount,
              "one arm-summary cost output per cost category, in category order");

enum ReplicateSummary : std::size_t {
  kCoachesEver, kCoachesQuit, kMentors, kCoachHba1cChange, kCoachTwinHba1cChange, kCoachEffectHba1c, kCoachEffectSelfManagement,
  kClusterIcc, kClusterSizeMean, kDesignEffect, kClusterDifferenceLo, kClusterDifferenceHi,
  kCoachHoursUsedPerWeek, kCoachHoursScheduledPerWeek, kCoachHoursAvailablePerWeek,
  kReplicateSummaryCount
};

inline constexpr std::size_t kHba1cTrueQuantiles = 0;  // the one ArmWeekQuantile output

// Every output a replicate reports, in file order: the recorder fills them, the results and sweep
// writers and the run-record codec iterate this table, and docs/output.md is generated from it.
// Rows of one shape are contiguous and in enum order (checked below).
inline constexpr OutputInfo kOutputs[] = {
    // clang-format off
    {Shape::ArmWeek, kHba1cTrueMean, "hba1c_true_mean", "%", "mean true HbA1c", "mean true HbA1c", Reduction::PerAlive},
    {Shape::ArmWeek, kHba1cMeasuredMean, "hba1c_measured_mean", "%", "mean measured HbA1c (true value plus within-person variation)", "mean HbA1c as a laboratory would measure it that week (true value plus within-person variation)", Reduction::PerAlive},
    {Shape::ArmWeek, kShareBelow70, "share_below_7_0", "1", "share with measured HbA1c below 7.0%", "share with measured HbA1c below 7.0 %", Reduction::PerAlive},
    {Shape::ArmWeek, kShareBelow75, "share_below_7_5", "1", "share with measured HbA1c below 7.5%", "share with measured HbA1c below 7.5 %", Reduction::PerAlive},
    {Shape::ArmWeek, kShareBelow80, "share_below_8_0", "1", "share with measured HbA1c below 8.0%", "share with measured HbA1c below 8.0 %", Reduction::PerAlive},
    {Shape::ArmWeek, kShareAtOrAbove90, "share_at_or_above_9_0", "1", "share with measured HbA1c at or above 9.0%", "share with measured HbA1c at or above 9.0 %", Reduction::PerAlive},
    {Shape::ArmWeek, kShareDropGe1, "share_drop_ge1", "1", "share with measured HbA1c at least 1 point below their measured baseline", "share whose measured HbA1c is at least 1 point below their measured baseline", Reduction::PerAlive},
    {Shape::ArmWeek, kRetainedShare, "retained_share", "1", "share of enrolled patients the study still follows", "share of enrolled patients the study still observes (follow-up retention; alive, not moved away, not lost to follow-up)", Reduction::PerEnrolled},
    {Shape::ArmWeek, kEngagedShare, "engaged_share", "1", "share of enrolled patients actively engaged with the program", "share of enrolled patients actively engaged with the coaching program (not lapsed, not dropped; 0 in arms without one)", Reduction::PerEnrolled},
    {Shape::ArmWeek, kSelfManagementMean, "self_management_mean", "1", "mean self-management behaviour", "mean self-management behaviour, on [0, 1]", Reduction::PerAlive},
    {Shape::ArmWeek, kAdherenceMean, "adherence_mean", "1", "mean medication adherence", "mean medication adherence, on [0, 1]", Reduction::PerAlive},
    {Shape::ArmWeek, kActivationMean, "activation_mean", "1", "mean activation / self-efficacy", "mean activation / self-efficacy, on [0, 1]", Reduction::PerAlive},
    {Shape::ArmWeek, kTrustMean, "trust_mean", "1", "mean trust in the coach", "mean trust in the coach, on [0, 1]", Reduction::PerAlive},
    {Shape::ArmWeek, kTreatmentStepMean, "treatment_step_mean", "steps", "mean step of therapy", "mean step of therapy", Reduction::PerAlive},
    {Shape::ArmWeek, kContactsPhone, "contacts_phone", "contacts/week", "phone contacts delivered", "phone contacts delivered that week", Reduction::Total},
    {Shape::ArmWeek, kContactsInPerson, "contacts_in_person", "contacts/week", "in-person contacts delivered", "in-person contacts delivered that week", Reduction::Total},
    {Shape::ArmWeek, kContactsGroup, "contacts_group", "contacts/week", "group-session attendances", "group-session attendances that week", Reduction::Total},
    {Shape::ArmWeek, kCostCumulative, "cost_cumulative", "USD", "program cost accumulated so far", "program cost accumulated up to that week", Reduction::Cost},
    {Shape::ArmWeek, kAliveShare, "alive_share", "1", "share of enrolled patients alive", "share of enrolled patients alive (deaths by age and HbA1c)", Reduction::PerEnrolled},
    {Shape::ArmWeek, kInClinicShare, "in_clinic_share", "1", "share of enrolled patients alive and in the clinic population", "share of enrolled patients alive and still in the clinic population (retention in care; moving away is the other exit)", Reduction::PerEnrolled},
    {Shape::ArmWeek, kShareNewCoach, "share_new_coach", "1", "share who have been given a new coach", "share of living patients who have been given a new coach at least once (continuity of coach: each new coach starts a new relationship)", Reduction::PerAlive},
    {Shape::ArmWeek, kPatientsInCoaching, "patients_in_coaching", "patients", "patients the contact schedule applied to", "patients the contact schedule applied to that week: program running, a coach, not dropped out of the program", Reduction::Total},
    {Shape::ArmWeek, kContactsScheduledPhone, "contacts_scheduled_phone", "contacts/week", "phone contacts scheduled", "phone contacts the schedule asked for that week for `patients_in_coaching`, before coach time, fidelity and reach (compare `contacts_phone`, delivered)", Reduction::Total},
    {Shape::ArmWeek, kContactsScheduledInPerson, "contacts_scheduled_in_person", "contacts/week", "in-person contacts scheduled", "in-person contacts the schedule asked for that week for `patients_in_coaching`, before coach time, fidelity and reach (compare `contacts_in_person`)", Reduction::Total},
    {Shape::ArmWeek, kContactsScheduledGroup, "contacts_scheduled_group", "contacts/week", "group-session attendances scheduled", "group-session attendances the schedule asked for that week for `patients_in_coaching`, before coach time, fidelity and reach (compare `contacts_group`)", Reduction::Total},
    {Shape::ArmWeek, kPatientsWaiting, "patients_waiting", "patients", "patients waiting for a coach", "patients of a coached arm in the program (not dropped out) without a coach that week, while the program runs (patients released when their coach quit are not waiting)", Reduction::Total},
    {Shape::ArmWeekQuantile, kHba1cTrueQuantiles, "hba1c_true_quantiles", "%", "quantiles of true HbA1c", "quantiles of true HbA1c (binned at 0.01 points, interpolated within the bin)", Reduction::HistogramQuantile},
    {Shape::Week, kCoachesActive, "coaches_active", "coaches", "coaches active", "coaches active that week", Reduction::Total},
    {Shape::Week, kCoachLoadMean, "coach_load_mean", "1", "mean emotional load of active coaches", "mean accumulated emotional load of active coaches", Reduction::PerActiveCoach},
    {Shape::Week, kCoachQuitsCumulative, "coach_quits_cumulative", "coaches", "coaches who have quit so far", "coaches who have quit up to that week", Reduction::CoachLedger},
    {Shape::Week, kCoachHba1cMean, "coach_hba1c_mean", "%", "mean true HbA1c of the coaches recruited at week 0", "mean true HbA1c of the coaches recruited at week 0", Reduction::PerFoundingCoach},
    {Shape::Week, kCoachSelfManagementMean, "coach_self_management_mean", "1", "mean self-management of the coaches recruited at week 0", "mean self-management of the coaches recruited at week 0", Reduction::PerFoundingCoach},
    {Shape::Week, kCoachTwinHba1cMean, "coach_twin_hba1c_mean", "%", "mean true HbA1c of the founding coaches' uncoached twins", "mean true HbA1c of the uncoached twins of the coaches recruited at week 0 (same person and draws, no coaching gains)", Reduction::PerFoundingCoach},
    {Shape::Week, kCoachTwinSelfManagementMean, "coach_twin_self_management_mean", "1", "mean self-management of the founding coaches' uncoached twins", "mean self-management of the uncoached twins of the coaches recruited at week 0", Reduction::PerFoundingCoach},
    {Shape::Week, kCoachHoursUsed, "coach_hours_used", "hours/week", "coach hours spent on contacts", "coach hours spent on the contacts delivered that week, all coaches", Reduction::Total},
    {Shape::Week, kCoachHoursScheduled, "coach_hours_scheduled", "hours/week", "coach hours the contact schedule would need", "coach hours the schedule would need that week for every patient it applied to (all coached arms)", Reduction::Total},
    {Shape::Week, kCoachHoursAvailable, "coach_hours_available", "hours/week", "coach hours available", "coaches at work that week (active, or quitting at its end) x `coaches.weekly_hours` while the program runs (0 after it)", Reduction::Total},
    {Shape::Arm, kEnrolled, "n_enrolled", "patients", "patients randomized to the arm", "patients randomized to the arm", Reduction::Total},
    {Shape::Arm, kCompleted, "n_completed", "patients", "completers: patients the study observes at follow-up", "completers: patients the study still observes at follow-up (alive, not moved away, not lost to follow-up)", Reduction::Total},
    {Shape::Arm, kBaselineMean, "baseline_hba1c_mean", "%", "mean measured baseline HbA1c of completers", "mean measured HbA1c at enrolment among completers", Reduction::PerCompleter},
    {Shape::Arm, kChangeMean, "change_mean", "%", "mean change in measured HbA1c from baseline to follow-up, completers", "mean change in measured HbA1c, follow-up minus baseline, among completers (negative is better)", Reduction::PerCompleter},
    {Shape::Arm, kChangeSd, "change_sd", "%", "SD of the change among completers", "SD of the change among completers", Reduction::SdOverCompleters},
    {Shape::Arm, kShareDropGe1AtFollowup, "share_drop_ge1_at_followup", "1", "share of completers whose HbA1c fell by at least 1 point", "share of completers whose measured HbA1c fell by at least 1 point", Reduction::PerCompleter},
    {Shape::Arm, kShareBelow75AtFollowup, "share_below_7_5_at_followup", "1", "share of completers below 7.5% at follow-up", "share of completers below 7.5 % at follow-up", Reduction::PerCompleter},
    {Shape::Arm, kShareBelow75AtBaseline, "share_below_7_5_at_baseline", "1", "share of completers below 7.5% at baseline", "share of completers below 7.5 % at baseline", Reduction::PerCompleter},
    {Shape::Arm, kRetention, "retention", "1", "completers / enrolled", "`n_completed / n_enrolled`", Reduction::PerEnrolled},
    {Shape::Arm, kCostPerPatient, "cost_per_patient", "USD", "program cost at the end of the run per enrolled patient", "program cost at the end of the run / `n_enrolled`", Reduction::CostPerEnrolled},
    {Shape::Arm, kFollowupTrueMean, "followup_hba1c_true_mean", "%", "mean true HbA1c of completers at follow-up", "mean true HbA1c of completers at follow-up", Reduction::PerCompleter},
    {Shape::Arm, kAlive, "n_alive", "patients", "patients randomized to the arm and alive at follow-up", "intention to treat: patients randomized to the arm and alive at follow-up", Reduction::Total},
    {Shape::Arm, kIttBaselineMean, "itt_baseline_hba1c_mean", "%", "mean measured baseline HbA1c, intention to treat", "mean measured HbA1c at enrolment of everyone alive at follow-up", Reduction::PerAliveAtFollowup},
    {Shape::Arm, kIttChangeMeasured, "itt_change_mean", "%", "mean change in measured HbA1c, intention to treat", "mean change in measured HbA1c, follow-up minus baseline, of everyone randomized and alive at follow-up", Reduction::PerAliveAtFollowup},
    {Shape::Arm, kIttChangeTrue, "itt_change_true_mean", "%", "mean change in true HbA1c, intention to treat", "mean change in true HbA1c (no measurement noise), of everyone randomized and alive at follow-up", Reduction::PerAliveAtFollowup},
    {Shape::Arm, kIttChangeSd, "itt_change_sd", "%", "SD of the change in measured HbA1c, intention to treat", "SD of the change in measured HbA1c of everyone alive at follow-up", Reduction::SdOverAliveAtFollowup},
    {Shape::Arm, kIttShareDropGe1, "itt_share_drop_ge1", "1", "share whose measured HbA1c fell by at least 1 point, intention to treat", "share of everyone alive at follow-up whose measured HbA1c fell by at least 1 point", Reduction::PerAliveAtFollowup},
    {Shape::Arm, kIttShareBelow75, "itt_share_below_7_5", "1", "share below 7.5% at follow-up, intention to treat", "share of everyone alive at follow-up below 7.5 %", Reduction::PerAliveAtFollowup},
    {Shape::Arm, kWeeksWaitedMean, "weeks_waited_mean", "weeks", "mean weeks waited for a coach", "mean weeks an enrolled patient waited for a coach after entering the program, up to follow-up (0 in arms without a coach pool)", Reduction::PerEnrolled},
    {Shape::Arm, kShareWaited, "share_waited", "1", "share who waited for a coach", "share of enrolled patients who waited at least one week for a coach after entering the program, up to follow-up", Reduction::PerEnrolled},
    {Shape::Arm, kShareGraduated, "share_graduated", "1", "share who graduated from coaching", "share of enrolled patients whose coaching ended by graduation (program.graduation_months) by follow-up", Reduction::PerEnrolled},
    {Shape::Arm, kArmCostRecruitment, "cost_recruitment", "USD", "recruitment and screening cost per patient, discounted", "program cost of recruiting and screening patients and coaches (`costs.screening_per_candidate` per candidate screened) per enrolled patient, discounted", Reduction::Projection},
    {Shape::Arm, kArmCostTraining, "cost_training", "USD", "training cost per patient, discounted", "coach training (`costs.training_per_trainee` + `costs.training_per_trainee_hour` x `program.training_hours`, per trainee) per enrolled patient, discounted", Reduction::Projection},
    {Shape::Arm, kArmCostCoachPay, "cost_coach_pay", "USD", "coach pay per patient, discounted", "coach pay for hours worked per enrolled patient, discounted", Reduction::Projection},
    {Shape::Arm, kArmCostStipends, "cost_stipends", "USD", "coach stipends per patient, discounted", "coach stipends per enrolled patient, discounted", Reduction::Projection},
    {Shape::Arm, kArmCostSupervision, "cost_supervision", "USD", "supervision cost per patient, discounted", "supervision of coaches per enrolled patient, discounted", Reduction::Projection},
    {Shape::Arm, kArmCostOverhead, "cost_overhead", "USD", "program overhead per patient, discounted", "program overhead per enrolled patient, discounted", Reduction::Projection},
    {Shape::Arm, kArmCostProviderVisits, "cost_provider_visits", "USD", "primary-care visits per patient during the run, discounted", "scheduled primary-care visits during the simulated weeks per enrolled patient, discounted", Reduction::Projection},
    {Shape::Arm, kArmCostProviderRequests, "cost_provider_requests", "USD", "coach-raised requests answered per patient, discounted", "clinician time answering coach-raised requests per enrolled patient, discounted", Reduction::Projection},
    {Shape::Arm, kArmCostAddedTherapy, "cost_added_therapy", "USD", "drugs of therapy added since enrolment per patient over the horizon, discounted", "drugs of the therapy steps added since enrolment: booked for the simulated weeks, then the arm's difference from usual care waning (expected survivors), per enrolled patient, discounted", Reduction::Projection},
    {Shape::Arm, kArmCostComplications, "cost_complications", "USD", "complication costs per patient over the horizon, discounted", "expected costs of myocardial infarction, stroke, heart failure, amputation, blindness and renal failure along the arm's HbA1c path, per enrolled patient, discounted", Reduction::Projection},
    {Shape::Arm, kArmCostTotal, "cost_total", "USD", "every cost per patient over the horizon, discounted", "sum of the cost categories per enrolled patient over `outcomes.horizon_years`, discounted at `economics.discount_rate`", Reduction::Projection},
    {Shape::Arm, kArmCostTotalUndiscounted, "cost_total_undiscounted", "USD", "every cost per patient over the horizon, undiscounted", "sum of the cost categories per enrolled patient over `outcomes.horizon_years`, undiscounted", Reduction::Projection},
    {Shape::Arm, kArmLifeYears, "life_years", "years", "expected life-years per patient over the horizon, discounted", "expected life-years per patient over the horizon (survival from the care.* mortality along the arm's HbA1c path), discounted", Reduction::Projection},
    {Shape::Arm, kArmQalys, "qalys", "QALY", "expected QALYs per patient over the horizon, discounted", "expected quality-adjusted life-years per patient over the horizon (utility without complications less the decrements of those living with one), discounted", Reduction::Projection},
    {Shape::Arm, kIncrementalCost, "incremental_cost", "USD", "cost_total minus that of the same patients under usual care", "`cost_total` minus that of the arm's patients under usual care (the same replicate run again with every arm uncoached; 0 for uncoached arms)", Reduction::Incremental},
    {Shape::Arm, kIncrementalQalys, "incremental_qalys", "QALY", "qalys minus those of the same patients under usual care", "`qalys` minus those of the arm's patients under usual care (exactly 0 when coaching changes nothing)", Reduction::Incremental},
    {Shape::Arm, kIncrementalLifeYears, "incremental_life_years", "years", "life_years minus those of the same patients under usual care", "`life_years` minus those of the arm's patients under usual care", Reduction::Incremental},
    {Shape::Arm, kContactsScheduledPerPatientWeek, "contacts_scheduled_per_patient_week", "contacts/week", "contacts scheduled per patient-week in coaching, up to follow-up", "`contacts_scheduled_*` (all modes) / `patients_in_coaching`, each summed over weeks 1 to follow-up", Reduction::WeeksToFollowup},
    {Shape::Arm, kContactsDeliveredPerPatientWeek, "contacts_delivered_per_patient_week", "contacts/week", "contacts delivered per patient-week in coaching, up to follow-up", "`contacts_*` (all modes, patient-initiated calls included) / `patients_in_coaching`, each summed over weeks 1 to follow-up", Reduction::WeeksToFollowup},
    {Shape::Arm, kDeliveredShare, "delivered_share", "1", "share of the scheduled contacts delivered, up to follow-up", "contacts delivered / contacts scheduled, each summed over weeks 1 to follow-up (below 1: coach time, fidelity, depression and lapsed patients; above 1: open coaches and patient-initiated calls)", Reduction::WeeksToFollowup},
    {Shape::Replicate, kCoachesEver, "coaches_n", "coaches", "coaches ever active", "coaches ever active", Reduction::Total},
    {Shape::Replicate, kCoachesQuit, "coaches_quit", "coaches", "coaches who quit", "coaches who quit during the run", Reduction::CoachLedger},
    {Shape::Replicate, kMentors, "mentors_n", "coaches", "graduates who became mentors", "graduates trained as coaches of their arm's pool during the run (program.graduate_mentor_share); counted in coaches_n", Reduction::Total},
    {Shape::Replicate, kCoachHba1cChange, "coach_hba1c_change_mean", "%", "coaches' own true HbA1c change, week 0 to follow-up", "coaches' own true HbA1c change from week 0 to follow-up (coaches recruited at week 0)", Reduction::PerFoundingCoach},
    {Shape::Replicate, kCoachTwinHba1cChange, "coach_twin_hba1c_change_mean", "%", "the uncoached twins' true HbA1c change, week 0 to follow-up", "the founding coaches' uncoached twins' true HbA1c change from week 0 to follow-up: regression to the mean, progression and provider care without coaching", Reduction::PerFoundingCoach},
    {Shape::Replicate, kCoachEffectHba1c, "coach_effect_hba1c", "%", "effect of coaching on coaches' own true HbA1c: coach - uncoached twin", "effect of coaching on the founding coaches' own true HbA1c at follow-up: coach minus uncoached twin (common random numbers)", Reduction::PerFoundingCoach},
    {Shape::Replicate, kCoachEffectSelfManagement, "coach_effect_self_management", "1", "effect of coaching on coaches' own self-management: coach - twin", "effect of coaching on the founding coaches' own self-management at follow-up: coach minus uncoached twin", Reduction::PerFoundingCoach},
    {Shape::Replicate, kClusterIcc, "cluster_icc", "1", "intra-cluster correlation of the ITT change in measured HbA1c", "intra-cluster correlation of the change in measured HbA1c of everyone alive at follow-up, clinics nested in arms (one-way ANOVA estimator; NaN unless run.randomization = \"clinic\")", Reduction::ClusterAnova},
    {Shape::Replicate, kClusterSizeMean, "cluster_size_mean", "patients", "mean cluster size", "patients alive at follow-up per clinic (clinic randomization only)", Reduction::ClusterAnova},
    {Shape::Replicate, kDesignEffect, "design_effect", "1", "design effect 1 + (m - 1) x ICC", "design effect `1 + (cluster_size_mean - 1) x max(0, cluster_icc)`: how much clustering inflates the variance of the arm difference (clinic randomization only)", Reduction::ClusterAnova},
    {Shape::Replicate, kClusterDifferenceLo, "itt_change_difference_cluster_lo", "%", "lower cluster-adjusted 95% limit of the ITT arm difference", "lower 95% limit of the ITT change difference (first coached - first uncoached arm) a cluster trial would report: difference - 1.96 x SE x sqrt(design_effect)", Reduction::ClusterAnova},
    {Shape::Replicate, kClusterDifferenceHi, "itt_change_difference_cluster_hi", "%", "upper cluster-adjusted 95% limit of the ITT arm difference", "upper 95% limit of the ITT change difference a cluster trial would report: difference + 1.96 x SE x sqrt(design_effect)", Reduction::ClusterAnova},
    {Shape::Replicate, kCoachHoursUsedPerWeek, "coach_hours_used_per_week", "hours/week", "coach hours spent on contacts per program week", "`coach_hours_used` averaged over the program's weeks up to follow-up", Reduction::PerProgramWeek},
    {Shape::Replicate, kCoachHoursScheduledPerWeek, "coach_hours_scheduled_per_week", "hours/week", "coach hours the schedule would need per program week", "`coach_hours_scheduled` averaged over the program's weeks up to follow-up", Reduction::PerProgramWeek},
    {Shape::Replicate, kCoachHoursAvailablePerWeek, "coach_hours_available_per_week", "hours/week", "coach hours available per program week", "`coach_hours_available` averaged over the program's weeks up to follow-up", Reduction::PerProgramWeek},
    // clang-format on
};

// The rows of one shape, in enum order (a compile-time error for the tables below if they are not).
constexpr std::span<const OutputInfo> outputs_of(Shape shape) {
  std::size_t first = 0, count = 0;
  for (std::size_t i = 0; i < std::size(kOutputs); ++i) {
    if (kOutputs[i].shape != shape) continue;
    if (count == 0) first = i;
    if (first + count != i || kOutputs[i].id != count) throw "rows of a shape must be contiguous and in enum order";
    ++count;
  }
  return std::span<const OutputInfo>(kOutputs).subspan(first, count);
}

inline constexpr std::span<const OutputInfo> kArmWeekSeriesInfo = outputs_of(Shape::ArmWeek);
inline constexpr std::span<const OutputInfo> kWeekSeriesInfo = outputs_of(Shape::Week);
inline constexpr std::span<const OutputInfo> kArmSummaryInfo = outputs_of(Shape::Arm);
inline constexpr std::span<const OutputInfo> kReplicateSummaryInfo = outputs_of(Shape::Replicate);
static_assert(kArmWeekSeriesInfo.size() == kArmWeekSeriesCount && kWeekSeriesInfo.size() == kWeekSeriesCount &&
                  kArmSummaryInfo.size() == kArmSummaryCount && kReplicateSummaryInfo.size() == kReplicateSummaryCount &&
                  outputs_of(Shape::ArmWeekQuantile).size() == 1,
              "the output catalog has one row per enum value");

inline constexpr std::array<double, 5> kQuantiles = {0.1, 0.25, 0.5, 0.75, 0.9};

// Patient-level baseline and follow-up values (only when output.patient_table is set), in
// enrolment order; `arm` indexes ModelParams::arms.
struct PatientTable {
  std::vector<std::int32_t> arm;
  std::vector<std::uint8_t> completed;
  std::vector<double> baseline_measured, followup_measured, baseline_true, followup_true;
  // who coached them and what they brought: the first coach's index (-1: none), coaches had, and
  // enrolment behaviour, so coach traits can be joined from the coach table
  std::vector<std::int32_t> first_coach;
  std::vector<double> coaches_had, self_management0, adherence0, activation0;
};

// The coaches recruited at week 0 (only when output.coach_table is set), in recruitment order: their
// style and traits after training, their work up to follow-up and their results. Within-trial
// regressions of coach traits on patients' change (Rogers 2014) run on this table.
struct CoachTable {
  std::vector<double> advisor, supporter, role_model, openness, responsibility, resource_seeking, fidelity,
      self_efficacy, distress, depressed, skill, patients, contacts, hours, load, quit_week, own_effect_hba1c,
      patients_change;
};

struct TableColumn {
  const char* name;
  const char* units;
  const char* long_name;
  std::vector<double> CoachTable::*member;
};
inline const TableColumn kCoachColumns[] = {
    {"coach_advisor", "1", "weight of the advisor role", &CoachTable::advisor},
    {"coach_supporter", "1", "weight of the supporter role", &CoachTable::supporter},
    {"coach_role_model", "1", "weight of the role-model role", &CoachTable::role_model},
    {"coach_openness", "1", "boundary openness at follow-up (after training and practice)", &CoachTable::openness},
    {"coach_responsibility", "1", "responsibility style at follow-up (1 coach-owned)", &CoachTable::responsibility},
    {"coach_resource_seeking", "1", "resource-seeking propensity", &CoachTable::resource_seeking},
    {"coach_fidelity", "1", "fidelity at follow-up", &CoachTable::fidelity},
    {"coach_self_efficacy", "1", "diabetes self-efficacy", &CoachTable::self_efficacy},
    {"coach_distress", "1", "diabetes distress", &CoachTable::distress},
    {"coach_depressed", "1", "1 if depressed", &CoachTable::depressed},
    {"coach_skill", "1", "skill at follow-up (training and experience)", &CoachTable::skill},
    {"coach_patients", "patients", "patients whose first coach this was", &CoachTable::patients},
    {"coach_contacts", "contacts", "contacts delivered up to follow-up", &CoachTable::contacts},
    {"coach_hours", "hours", "hours coached up to follow-up", &CoachTable::hours},
    {"coach_load", "1", "emotional load at follow-up", &CoachTable::load},
    {"coach_quit_week", "weeks", "week the coach quit (-1: did not)", &CoachTable::quit_week},
    {"coach_own_effect_hba1c", "%", "own true HbA1c at follow-up minus the uncoached twin's", &CoachTable::own_effect_hba1c},
    {"coach_patients_change", "%",
     "mean change in measured HbA1c of the living patients whose first coach this was (intention to treat)",
     &CoachTable::patients_change},
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
  // Not written: what the economics of run_replicate read, and the projection by year it leaves.
  CostLedger costs;                         // the run's cost ledger
  std::vector<ArmProjection> projection;    // per arm
  std::vector<ArmProjection> usual_care;    // per arm: the same patients under usual care
  CoachTable coaches;
};

// Dimension names of a shape after the leading replicate, and how many values it has.
std::vector<std::string> dimensions_of(Shape shape);
std::vector<std::size_t> extents_of(Shape shape, std::size_t arms, std::size_t weeks);
// One output's values in a replicate, laid out as its dimensions (row-major).
std::span<const double> values_of(const ReplicateResult& result, const OutputInfo& output);
std::span<double> values_of(ReplicateResult& result, const OutputInfo& output);
// The vector holding one output (every shape but Replicate, whose values are single numbers).
std::vector<double>* series_of(ReplicateResult& result, const OutputInfo& output);

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
  void record_cluster_analysis(const World& world);
  void record_patient_table(const World& world);
  void record_coach_table(const World& world);
  // A Reduction::WeeksToFollowup arm-summary output of `arm` from the weekly dose series.
  double dose_to_followup(std::size_t output, std::size_t arm) const;
  const ModelParams& params_;
  ReplicateResult result_;
  std::vector<float> coach_hba1c_at_start_;
  std::vector<double> coach_contacts_, coach_hours_;  // founding coaches' totals so far (coach table)
};

}  // namespace coachsim
