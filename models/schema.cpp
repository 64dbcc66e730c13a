// Every scenario parameter, declared once and bound to the ModelParams member that holds it
// (sim/config/binding.hpp). The parser, the validator, `coachsim params`, docs/parameters.md and
// read_params() all come from these declarations. Sources: see docs/model.md for full references.
#include <algorithm>
#include <cmath>
#include <iterator>
#include <string>

#include "models/clinics.hpp"
#include "models/economics.hpp"
#include "models/params.hpp"
#include "models/schedule.hpp"
#include "sim/config/document.hpp"

namespace coachsim {
namespace {

using Params = sim::config::Bindings<ModelParams>;
using sim::config::Distribution;
using sim::config::Scalar;

constexpr const char* kGoldman13 = "Goldman 2013 (Diabetes Educ 39(6))";
constexpr const char* kCalibrated = "calibrated to Thom 2013 (docs/validation.md)";
constexpr double kMaxPatients = 50'000'000;

void declare_run(Params& t) {
  t.section("run", &ModelParams::run)
      .integer("run.weeks", &RunParams::weeks, "weeks", 26, 1, 1040, "weeks simulated after enrolment",
               "Thom 2013: 6-month trial")
      .integer("run.replicates", &RunParams::replicates, "", 200, 1, 1'000'000,
               "independent replicates (each draws a new population)",
               "judgement: enough for a tight 95% interval of the arm means")
      .integer("run.seed", &RunParams::seed, "", 20130101, 0, 9'007'199'254'740'991,
               "master seed; every draw is keyed by it", "user choice")
      .integer("run.followup_week", &RunParams::followup_week, "weeks", 26, 0, 1040,
               "week of the trial-style follow-up measurement", "Thom 2013: 6 months")
      .choice("run.randomization", &RunParams::randomization, Randomization::Individual, kRandomizationChoices,
              "individual: each patient is randomized to an arm; clinic: whole clinics are (a restricted "
              "allocation: each arm gets its share of population.clinics), and the summary reports the "
              "intra-cluster correlation, design effect and cluster-adjusted interval",
              "Thom 2013: individual randomization");
}

void declare_population(Params& t) {
  t.section("population", &ModelParams::population)
      .integer("population.enrolled", &PopulationParams::enrolled, "patients", 299, 1,
               static_cast<std::int64_t>(kMaxPatients),
               "patients enrolled (screened eligible) and randomized to arms", "Thom 2013: 148 + 151")
      .real("population.hba1c_mean", &PopulationParams::hba1c_mean, "%", 9.0, 5.5, 15,
            "mean true HbA1c of the clinic population before screening",
            "calibrated to Thom 2013 baseline 9.95 (SD 2.0) after screening")
      .real("population.hba1c_sd", &PopulationParams::hba1c_sd, "%", 2.0, 0.1, 5,
            "SD of true HbA1c in the clinic population before screening",
            "brief: between-patient SD 1.5-2.0 in low-income clinics")
      .real("population.age_mean", &PopulationParams::age_mean, "years", 55, 18, 90, "mean age",
            "Thom 2013 Table 1 (mean about 55)")
      .real("population.age_sd", &PopulationParams::age_sd, "years", 10, 0, 30, "SD of age", "judgement")
      .real("population.share_female", &PopulationParams::share_female, "", 0.55, 0, 1, "share female",
            "judgement near Thom 2013 Table 1")
      .real("population.share_spanish", &PopulationParams::share_spanish, "", 0.35, 0, 1,
            "share preferring Spanish", "judgement near Thom 2013 Table 1 (San Francisco public clinics)")
      .real("population.share_chinese", &PopulationParams::share_chinese, "", 0.15, 0, 1,
            "share preferring Chinese", "judgement near Thom 2013 Table 1")
      .real("population.share_low_literacy", &PopulationParams::share_low_literacy, "", 0.45, 0, 1,
            "share with low health literacy", "judgement")
      .real("population.share_latino", &PopulationParams::share_latino, "", 0.40, 0, 1,
            "share Latino or Hispanic (Spanish speakers are; at least population.share_spanish)",
            "judgement for San Francisco safety-net clinics")
      .real("population.share_black", &PopulationParams::share_black, "", 0.25, 0, 1,
            "share Black or African American", "judgement for San Francisco safety-net clinics")
      .real("population.share_asian", &PopulationParams::share_asian, "", 0.20, 0, 1,
            "share Asian (Chinese speakers are; at least population.share_chinese)",
            "judgement for San Francisco safety-net clinics")
      .real("population.share_white", &PopulationParams::share_white, "", 0.10, 0, 1,
            "share White, not Hispanic (the rest of the population, after the four shares, is 'other')",
            "judgement for San Francisco safety-net clinics")
      .real("population.self_management_mean", &PopulationParams::self_management_mean, "", 0.35, 0.01, 0.99,
            "mean self-management behaviour on [0, 1]", "judgement: poorly controlled population")
      .real("population.self_management_concentration", &PopulationParams::self_management_concentration, "",
            10, 0.5, 1000, "Beta concentration of self-management", "judgement")
      .real("population.adherence_mean", &PopulationParams::adherence_mean, "", 0.6, 0.01, 0.99,
            "mean medication adherence on [0, 1]",
            "judgement: typical adherence 0.5-0.7 in low-income clinics")
      .real("population.adherence_concentration", &PopulationParams::adherence_concentration, "", 8, 0.5,
            1000, "Beta concentration of adherence", "judgement")
      .real("population.activation_mean", &PopulationParams::activation_mean, "", 0.4, 0.01, 0.99,
            "mean activation / self-efficacy on [0, 1]", "judgement")
      .real("population.activation_concentration", &PopulationParams::activation_concentration, "", 10, 0.5,
            1000, "Beta concentration of activation", "judgement")
      .real("population.autonomy_mean", &PopulationParams::autonomy_mean, "", 0.5, 0.01, 0.99,
            "mean autonomy (how far behaviour is the patient's own) on [0, 1]", "judgement")
      .real("population.autonomy_concentration", &PopulationParams::autonomy_concentration, "", 10, 0.5, 1000,
            "Beta concentration of autonomy", "judgement")
      .real("population.treatment_step_mean", &PopulationParams::treatment_step_mean, "steps", 1.8, 0, 4,
            "mean step of therapy at enrolment (0 lifestyle ... 4 intensive insulin)", "judgement")
      .real("population.behaviour_hba1c_correlation", &PopulationParams::behaviour_hba1c_correlation, "", -0.3,
            -0.95, 0.95,
            "Gaussian-copula correlation of self-management and adherence with the HbA1c set level at enrolment "
            "(negative: poorer behaviour, higher HbA1c)",
            "judgement: observational studies find self-care and adherence weakly to moderately correlated with "
            "HbA1c (about -0.1 to -0.4)")
      .integer("population.clinics", &PopulationParams::clinics, "clinics", 6, 1, 10000,
               "clinics the patients attend", "Thom 2013: 6 clinics")
      .real("population.between_clinic_sd", &PopulationParams::between_clinic_sd, "%", 0, 0, 2.5,
            "SD between clinics of the shift of their patients' HbA1c set level (part of population.hba1c_sd; "
            "the ICC of HbA1c is about its square over population.hba1c_sd squared)",
            "default 0 keeps the Thom 2013 fit; Martin 2016 (Trials 17:402): ICC of HbA1c 0.032 in UK general "
            "practices, i.e. about 0.18 x population.hba1c_sd");
}

void declare_eligibility(Params& t) {
  t.section("eligibility", &ModelParams::eligibility)
      .real("eligibility.hba1c_min", &EligibilityParams::hba1c_min, "%", 8.0, 4, 20,
            "lowest measured screening HbA1c enrolled", "Thom 2013: >= 8.0%")
      .real("eligibility.hba1c_max", &EligibilityParams::hba1c_max, "%", 20, 4, 25,
            "highest measured screening HbA1c enrolled", "judgement: none")
      .integer("eligibility.screening_lead_weeks", &EligibilityParams::screening_lead_weeks, "weeks", 8, 0,
               104, "weeks between the screening measurement and the baseline visit",
               "judgement: registry value from recent months")
      .integer("eligibility.measurements", &EligibilityParams::measurements, "measurements", 1, 1, 12,
               "screening measurements that must all lie in [hba1c_min, hba1c_max] (persistently poor control); "
               "the last is eligibility.screening_lead_weeks before baseline",
               "Thom 2013: one value")
      .integer("eligibility.measurement_interval_weeks", &EligibilityParams::measurement_interval_weeks, "weeks",
               12, 0, 104, "weeks between successive screening measurements (eligibility.measurements > 1)",
               "judgement: quarterly HbA1c tests")
      .real("eligibility.uptake", &EligibilityParams::uptake, "", 1, 0, 1,
            "share of patients randomized to a coached arm who take the program up; the others never get a coach "
            "and stay in their arm (intention to treat)",
            "Thom 2013: randomized after consent (uptake 1)");
}

// The keys an arm may give its own values: what its patients receive and how their care and
// program run. The population and its physiology, the study, the run and the long-term projection
// are the scenario's.
std::optional<std::string> refused_for_arms(const std::string& key) {
  static const char* const kArmSections[] = {"coaches.", "program.", "providers.", "coaching.", "engagement.", "costs."};
  const bool arm_section = std::any_of(std::begin(kArmSections), std::end(kArmSections),
                                       [&](const char* section) { return key.starts_with(section); });
  const bool projected_cost = key.starts_with("costs.") &&
                              (key.ends_with("_event") || key.ends_with("_annual") || key == "costs.therapy_step_per_year");
  const bool clinic_wide = key == "providers.request_capacity_per_1000";
  if (const auto* spec = scenario_schema().params.find(key);
      spec != nullptr && (spec->shape != sim::config::ParamShape::Single || spec->type == sim::config::ParamType::TableArray)) {
    return key + " is a table: it is the scenario's, not an arm's";
  }
  if (arm_section && !projected_cost && !clinic_wide) return std::nullopt;
  return key + " is the scenario's, not an arm's: an arm sets keys of coaches, program, providers, "
               "coaching, engagement and program costs (not the clinic's request capacity)";
}

// The population keys a coach pool may draw from differently: all but its size and clinics.
std::shared_ptr<const sim::config::KeyDomain> coach_population_keys() {
  auto domain = std::make_shared<sim::config::KeyDomain>();
  domain->what = "population parameter (without its section)";
  domain->names = [] {
    std::vector<std::string> names;
    for (const auto& spec : scenario_schema().params.specs()) {
      if (spec.path.starts_with("population.") && spec.path != "population.enrolled" &&
          spec.path != "population.clinics") {
        names.push_back(spec.path.substr(std::string("population.").size()));
      }
    }
    return names;
  };
  domain->check = [](const std::string& key, Scalar& value) {
    return sim::config::parameter_domain(scenario_schema())->check("population." + key, value);
  };
  return domain;
}

std::shared_ptr<const sim::config::KeyDomain> arm_parameters() {
  auto domain = std::make_shared<sim::config::KeyDomain>();
  domain->what = "coaches, program, providers, coaching, engagement or program-cost parameter";
  // Lazily: the domain is part of the schema it names.
  domain->names = [] { return sim::config::parameter_domain(scenario_schema())->names(); };
  domain->check = [](const std::string& key, Scalar& value) {
    return sim::config::parameter_domain(scenario_schema())->check(key, value);
  };
  domain->refuse = refused_for_arms;
  return domain;
}

void declare_arms(Params& t) {
  sim::config::Bindings<ArmParams> arm;
  arm.text("name", &ArmParams::name, "arm", "arm name (free text; used as the `arm` coordinate)",
           "user choice")
      .real("share", &ArmParams::share, "", 0.5, 0, 1, "share of enrolled patients randomized to the arm",
            "Thom 2013: 1:1")
      .choice("intervention", &ArmParams::intervention, Intervention::UsualCare, kInterventionChoices,
              "what the arm's patients receive: usual care only, a peer coach from the arm's own trained pool, or "
              "a fellow patient of the arm as reciprocal peer (each partner coaches the other)",
              "design")
      .open_table("set", &ArmParams::set, arm_parameters(),
                  "the arm's own values of scenario parameters, e.g. { program.caseload = 6, "
                  "providers.intensification_probability = 0.4 }: the arm runs on the scenario's parameters "
                  "with these in place");
  t.table_array("arms", &ModelParams::arms, arm, 1, 16,
                {{{"name", Scalar{std::string("coached")}},
                  {"share", Scalar{0.5}},
                  {"intervention", Scalar{std::string("peer_coaching")}}},
                 {{"name", Scalar{std::string("usual_care")}},
                  {"share", Scalar{0.5}},
                  {"intervention", Scalar{std::string("usual_care")}}}},
                "trial arms; patients are randomized by their share");
}

void declare_coaches(Params& t) {
  t.section("coaches", &ModelParams::coaches)
      .integer("coaches.count", &CoachParams::count, "coaches", 23, 0, 10'000'000,
               "qualified coaches at the start", "Thom 2013: 23 coaches")
      .real("coaches.own_hba1c_min", &CoachParams::own_hba1c_min, "%", 0, 0, 20,
            "coach eligibility: own measured HbA1c at least this (0: no lower bound)", "Thom 2013: none")
      .real("coaches.own_hba1c_max", &CoachParams::own_hba1c_max, "%", 8.5, 4, 20,
            "coach eligibility: own measured HbA1c below this", "Thom 2013: < 8.5%")
      .real("coaches.former_hba1c_min", &CoachParams::former_hba1c_min, "%", 0, 0, 20,
            "coach eligibility on former poor control: the candidate's measured HbA1c coaches.former_hba1c_years "
            "ago at least this (0: not used)",
            "design lever (programs recruiting peers who brought their diabetes under control)")
      .real("coaches.former_hba1c_years", &CoachParams::former_hba1c_years, "years", 2, 0.25, 30,
            "how long ago the former HbA1c of coaches.former_hba1c_min was measured", "design lever")
      .real("coaches.hba1c_drift_sd", &CoachParams::hba1c_drift_sd, "%/sqrt(year)", 0.5, 0, 3,
            "SD of a person's HbA1c set level's own course over time (random walk), for the former HbA1c",
            "stated prior (docs/model.md §5)")
      .real("coaches.weekly_hours", &CoachParams::weekly_hours, "hours/week", 3, 0, 60,
            "hours a coach has for coaching each week", "judgement")
      .real("coaches.training_dropout", &CoachParams::training_dropout, "", 0.135, 0, 0.99,
            "share of trainees leaving training", "Goldman 2015: 5 of 37")
      .real("coaches.exam_pass_rate", &CoachParams::exam_pass_rate, "", 0.81, 0.01, 1,
            "share of trainees who finish training and pass the exam", "Goldman 2015: 26 of 32")
      .choice("coaches.style_mix", &CoachParams::style_mix, StyleMix::Diverse, kStyleMixChoices,
              "diverse: styles vary between coaches; standardized: every coach has the mean style",
              kGoldman13)
      .real("coaches.advisor_share", &CoachParams::advisor_share, "", 0.34, 0, 1,
            "mean weight of the advisor role in a coach's role mix",
            "Goldman 2013: three principal roles; equal weights are a judgement")
      .real("coaches.supporter_share", &CoachParams::supporter_share, "", 0.33, 0, 1,
            "mean weight of the supporter role", kGoldman13)
      .real("coaches.role_model_share", &CoachParams::role_model_share, "", 0.33, 0, 1,
            "mean weight of the role-model role", kGoldman13)
      .real("coaches.role_concentration", &CoachParams::role_concentration, "", 6, 0.5, 1000,
            "Dirichlet concentration of role mixes (diverse pools)", "judgement")
      .real("coaches.boundary_openness_mean", &CoachParams::boundary_openness_mean, "", 0.5, 0, 1,
            "emotional boundaries: 0 firm and professional ... 1 open, friend-like, available any time",
            "Goldman 2013: coaches differ")
      .real("coaches.boundary_openness_concentration", &CoachParams::boundary_openness_concentration, "", 4,
            0.5, 1000, "Beta concentration of openness", "judgement: wide variation")
      .real("coaches.responsibility_mean", &CoachParams::responsibility_mean, "", 0.4, 0, 1,
            "responsibility style: 0 patient-owned change ... 1 coach-owned change",
            "Goldman 2013: coaches differ")
      .real("coaches.responsibility_concentration", &CoachParams::responsibility_concentration, "", 4, 0.5,
            1000, "Beta concentration of responsibility style", "judgement: wide variation")
      .real("coaches.resource_seeking_mean", &CoachParams::resource_seeking_mean, "", 0.8, 0, 1,
            "propensity to bring patients' problems to providers",
            "Goldman 2013: more consistent than other style traits")
      .real("coaches.resource_seeking_concentration", &CoachParams::resource_seeking_concentration, "", 20,
            0.5, 1000, "Beta concentration of resource seeking", "Goldman 2013: consistent across coaches")
      .real("coaches.fidelity_mean", &CoachParams::fidelity_mean, "", 0.75, 0, 1,
            "share of scheduled contacts a coach delivers",
            "Goldman 2015: techniques not used consistently; value a judgement")
      .real("coaches.fidelity_concentration", &CoachParams::fidelity_concentration, "", 8, 0.5, 1000,
            "Beta concentration of fidelity", "judgement")
      .real("coaches.self_efficacy_mean", &CoachParams::self_efficacy_mean, "", 0.6, 0, 1,
            "coach diabetes self-efficacy (lower: a more credible, empathic peer; coaching.self_efficacy_distance_gain)",
            "judgement")
      .real("coaches.self_efficacy_concentration", &CoachParams::self_efficacy_concentration, "", 8, 0.5,
            1000, "Beta concentration of self-efficacy", "judgement")
      .real("coaches.distress_mean", &CoachParams::distress_mean, "", 0.3, 0, 1,
            "coach diabetes distress (raises emotional load; a more empathic peer, coaching.distress_empathy_gain)",
            "judgement")
      .real("coaches.distress_concentration", &CoachParams::distress_concentration, "", 8, 0.5, 1000,
            "Beta concentration of distress", "judgement")
      .real("coaches.share_depressed", &CoachParams::share_depressed, "", 0.2, 0, 1,
            "share of coaches with depression (raises quitting, fewer contacts)", "judgement")
      .boolean("coaches.replace_quitters", &CoachParams::replace_quitters, false,
               "recruit and train a new coach for each one who quits", "design lever")
      .integer("coaches.replacement_delay_weeks", &CoachParams::replacement_delay_weeks, "weeks", 6, 0, 520,
               "weeks from a quit to the replacement's start", "judgement: recruitment plus training")
      .integer("coaches.hire_at_waitlist", &CoachParams::hire_at_waitlist, "patients", 0, 0, 10'000'000,
               "hiring policy of an open program: when at least this many of an arm's patients wait for a coach "
               "(beyond the places of coaches already being hired), recruit and train enough coaches for them, "
               "starting coaches.replacement_delay_weeks later; 0 = never hire",
               "design lever")
      .open_table("coaches.population", &CoachParams::population, coach_population_keys(),
                  "the population coach candidates are drawn from, where it differs from the patients' (e.g. "
                  "{ hba1c_mean = 7.2, hba1c_sd = 0.9 } for coaches from general practice): population keys "
                  "without their section; the rest are the patients' population's")
      .choice(
          "coaches.reassignment", &CoachParams::reassignment, Reassignment::Reassign, kReassignmentChoices,
          "a quitting coach's patients: reassign to coaches with room, or release (no coach)", "design lever")
      .real("coaches.load_per_hour", &CoachParams::load_per_hour, "1/hour", 0.1, 0, 10,
            "emotional load added per hour of coaching", "judgement")
      .real("coaches.load_recovery_weeks", &CoachParams::load_recovery_weeks, "weeks", 4, 0.1, 520,
            "time constant of recovery from load", "judgement")
      .real(
          "coaches.supervision_relief", &CoachParams::supervision_relief, "1/hour", 0.25, 0, 10,
          "extra recovery per monthly supervision hour (multiplies the recovery rate by 1 + relief x hours)",
          "judgement")
      .real("coaches.openness_load_factor", &CoachParams::openness_load_factor, "", 1.0, 0, 10,
            "load multiplier 1 + factor x openness", kGoldman13)
      .real("coaches.distress_load_factor", &CoachParams::distress_load_factor, "", 1.0, 0, 10,
            "load multiplier 1 + factor x distress", "judgement")
      .real("coaches.quit_hazard_base", &CoachParams::quit_hazard_base, "1/week", 0.00889, 0, 1,
            "weekly quit hazard at zero load", kCalibrated)
      .uncertain(Distribution::Gamma, 0.2, "stated: calibration gives a point estimate")
      .real("coaches.quit_load_sensitivity", &CoachParams::quit_load_sensitivity, "", 0.416, 0, 20,
            "hazard multiplier exp(sensitivity x load)", kCalibrated)
      .real("coaches.stipend_retention", &CoachParams::stipend_retention, "1/(100 USD/month)", 0.2, 0, 10,
            "hazard multiplier exp(-retention x stipend / 100)", "judgement")
      .real("coaches.depression_quit_factor", &CoachParams::depression_quit_factor, "", 1.5, 1, 10,
            "hazard multiplier for depressed coaches", "judgement")
      .real("coaches.experience_quit_reduction", &CoachParams::experience_quit_reduction, "1/year", 0.3, 0, 5,
            "quit hazard x exp(-reduction x years coached): experienced volunteers stay",
            "judgement: volunteer turnover falls with tenure")
      .real("coaches.screening_max_distance", &CoachParams::screening_max_distance, "", 1.0, 0, 1,
            "recruitment screening by style: eligible candidates whose boundaries and responsibility are further "
            "than this (mean absolute difference) from the program norms are not trained; 1 = no screening",
            "design lever (Goldman 2013: styles should be considered in recruitment)");
}

// [[program.phases]]: the contact schedule as a list of phases (models/schedule.hpp).
void declare_schedule_phases(Params& t) {
  sim::config::Bindings<SchedulePhase> phase;
  phase.integer("from_week", &SchedulePhase::from_week, "weeks", 0, 0, 1039, "first week of the phase", "design lever")
      .required()
      .integer("to_week", &SchedulePhase::to_week, "weeks", 1, 1, 1040,
               "week the phase ends (exclusive: the phase's last week is to_week - 1)", "design lever")
      .required()
      .real("phone_contacts_per_month", &SchedulePhase::phone_contacts_per_month, "contacts/month", 0, 0,
            kMaxContactsPerMonth, "scheduled phone contacts per patient during the phase", "design lever")
      .real("in_person_contacts_per_month", &SchedulePhase::in_person_contacts_per_month, "contacts/month", 0, 0,
            kMaxContactsPerMonth, "scheduled in-person contacts per patient during the phase", "design lever")
      .real("group_sessions_per_month", &SchedulePhase::group_sessions_per_month, "sessions/month", 0, 0,
            kMaxContactsPerMonth, "scheduled group sessions per patient during the phase", "design lever");
  t.table_array("program.phases", &ProgramParams::phases, phase, 0, 52, {},
                "the contact schedule as phases, neither empty nor overlapping; when given it is the whole schedule "
                "(weeks outside every phase schedule no contacts) and program.*_per_month, taper_after_weeks and "
                "taper_factor are unused");
}

void declare_program(Params& t) {
  t.section("program", &ModelParams::program)
      .integer("program.weeks", &ProgramParams::weeks, "weeks", 26, 0, 1040,
               "weeks the coaching program runs", "Thom 2013: 6 months")
      .real("program.training_hours", &ProgramParams::training_hours, "hours", 36, 0, 500,
            "training hours per coach", "Thom 2013: 36 hours")
      .integer("program.caseload", &ProgramParams::caseload, "patients", 10, 1, 1000,
               "most patients one coach may hold", "judgement: Thom 2013 had about 6.4 per coach")
      .real("program.phone_contacts_per_month", &ProgramParams::phone_contacts_per_month, "contacts/month", 2,
            0, kMaxContactsPerMonth, "scheduled phone contacts per patient", "Thom 2013: at least twice a month")
      .real("program.in_person_contacts_per_month", &ProgramParams::in_person_contacts_per_month,
            "contacts/month", 0.34, 0, kMaxContactsPerMonth, "scheduled in-person contacts per patient",
            "Thom 2013: at least 2 in 6 months")
      .real("program.group_sessions_per_month", &ProgramParams::group_sessions_per_month, "sessions/month", 0,
            0, kMaxContactsPerMonth, "scheduled group sessions per patient", "design lever")
      .integer("program.taper_after_weeks", &ProgramParams::taper_after_weeks, "weeks", 1040, 0, 1040,
               "week from which contact rates are tapered", "design lever (1040 = never)")
      .real("program.taper_factor", &ProgramParams::taper_factor, "", 1, 0, 1,
            "contact-rate multiplier after the taper week", "design lever")
      .real("program.supervision_hours_per_month", &ProgramParams::supervision_hours_per_month, "hours/month",
            2, 0, 100, "supervision per coach", "judgement: monthly staff meetings")
      .choice("program.matching", &ProgramParams::matching, Matching::Language, kMatchingChoices,
              "how patients are matched to coaches: random; concordant on language, sex, age_band (decade of "
              "age) or race_ethnicity (the least loaded coach who shares the patient's category, else the least "
              "loaded); similarity (language, sex, age); style (same language first, then the coach whose style "
              "best serves the patient's needs)",
              "Thom 2013: matched by language")
      .real("program.enrolment_months", &ProgramParams::enrolment_months, "months", 0, 0, 240,
            "rolling enrolment: patients enter the program evenly over this many months, in enrolment order "
            "(0 = everyone at week 0); until then they are in usual care and wait for no one",
            "design lever")
      .real("program.graduation_months", &ProgramParams::graduation_months, "months", 0, 0, 240,
            "graduation: a patient's coaching ends after this many months with a coach, freeing the place "
            "(0 = coaching lasts as long as the program)",
            "design lever")
      .real("program.graduate_mentor_share", &ProgramParams::graduate_mentor_share, "", 0, 0, 1,
            "share of graduates who are trained and join the arm's coach pool as mentors (mentee to mentor)",
            "design lever")
      .real("program.stipend_per_month", &ProgramParams::stipend_per_month, "USD/month", 0, 0, 10000,
            "stipend paid to each active coach", "design lever")
      .real("program.stipend_min_contacts_per_month", &ProgramParams::stipend_min_contacts_per_month,
            "contacts/month", 0, 0, 10000,
            "contacts a coach must deliver in a month (pro-rated to the weeks active) to be paid that month's "
            "stipend; 0 = unconditional",
            "design lever")
      .real("program.hours_per_phone_contact", &ProgramParams::hours_per_phone_contact, "hours", 0.5, 0, 10,
            "coach time per phone contact", "judgement")
      .real("program.hours_per_in_person_contact", &ProgramParams::hours_per_in_person_contact, "hours", 1.5,
            0, 10, "coach time per in-person contact", "judgement: includes travel")
      .real("program.hours_per_group_session", &ProgramParams::hours_per_group_session, "hours", 2, 0, 10,
            "coach time per group session", "judgement")
      .real("program.group_size", &ProgramParams::group_size, "patients", 8, 1, 100,
            "patients per group session", "judgement")
      .real("program.norm_openness", &ProgramParams::norm_openness, "", 0.5, 0, 1,
            "the program's norm for emotional boundaries, toward which training and supervision pull coaches",
            "design lever (Goldman 2013: boundaries should be addressed in training and oversight)")
      .real("program.norm_responsibility", &ProgramParams::norm_responsibility, "", 0.3, 0, 1,
            "the program's norm for allocating responsibility (0 patient-owned ... 1 coach-owned)",
            "design lever; default: Goldman 2015, the course taught patient-centred techniques (ask-tell-ask, "
            "action plans)");
}

void declare_providers(Params& t) {
  t.section("providers", &ModelParams::providers)
      .real("providers.visit_interval_weeks", &ProviderParams::visit_interval_weeks, "weeks", 12, 1, 104,
            "mean weeks between primary-care visits", "judgement: quarterly visits")
      .real("providers.intensification_threshold", &ProviderParams::intensification_threshold, "%", 7.5, 5,
            15, "measured HbA1c at or above which a provider considers intensifying", "judgement")
      .real("providers.intensification_probability", &ProviderParams::intensification_probability, "", 0.184,
            0, 1, "chance a provider intensifies at a visit with poor control (clinical inertia)",
            kCalibrated)
      .uncertain(Distribution::Beta, 0.2, "stated: calibration gives a point estimate")
      .real("providers.between_clinic_intensification_sd", &ProviderParams::between_clinic_intensification_sd, "",
            0, 0, 3,
            "SD between clinics of the log-odds of intensifying at a visit with poor control (clinics differ in "
            "clinical inertia)",
            "default 0 keeps the Thom 2013 fit; stated prior 0.5 (docs/model.md §7.6)")
      .real("providers.request_capacity_per_1000", &ProviderParams::request_capacity_per_1000,
            "requests/(1000 patients)/week", 100, 0, 1000,
            "coach-initiated requests a clinic answers each week per 1,000 of its patients (capacity scales with "
            "clinic size)",
            "judgement: 5 a week at a Thom 2013 clinic of about 50 enrolled patients")
      .real("providers.request_intensification_probability",
            &ProviderParams::request_intensification_probability, "", 0.2, 0, 1,
            "chance an answered request leads to intensification when control is poor", "judgement")
      .real("providers.request_adherence_gain", &ProviderParams::request_adherence_gain, "", 0.15, 0, 1,
            "adherence gain (share of the gap to 1) from an answered request", "judgement: medication review");
}

void declare_clinical(Params& t) {
  t.section("clinical", &ModelParams::clinical)
      .real("clinical.progression_per_year", &ClinicalParams::progression_per_year, "%/year", 0.2, -1, 2,
            "underlying drift of HbA1c with disease duration, before the therapy providers add",
            "UKPDS 33 (Lancet 1998): about +0.2 per year in both arms; net of usual care +0.05 to +0.2 per "
            "year (Lind 2014; Donnelly 2018), checked in docs/validation.md")
      .real("clinical.lag_weeks", &ClinicalParams::lag_weeks, "weeks", 6, 0.1, 52,
            "time constant of HbA1c following its target",
            "brief: HbA1c reflects about three months of glucose (half-life about 30 days)")
      .real("clinical.measurement_sd", &ClinicalParams::measurement_sd, "%", 0.3, 0, 3,
            "SD of a measurement around the true value", "judgement: assay plus short-term variation")
      .real("clinical.fluctuation_sd", &ClinicalParams::fluctuation_sd, "%", 1.17, 0, 5,
            "stationary SD of slow within-person fluctuation", kCalibrated)
      .real("clinical.fluctuation_weeks", &ClinicalParams::fluctuation_weeks, "weeks", 26, 1, 520,
            "correlation time of the fluctuation", "judgement")
      .real("clinical.self_management_effect", &ClinicalParams::self_management_effect, "%", 2.0, 0, 10,
            "HbA1c lowered by self-management moving from 0 to 1", kCalibrated)
      .uncertain(Distribution::LogNormal, 0.2, "stated: calibration gives a point estimate")
      .real("clinical.adherence_effect", &ClinicalParams::adherence_effect, "%", 1.0, 0, 10,
            "HbA1c lowered by adherence moving from 0 to 1", "judgement")
      .real("clinical.treatment_step_effect", &ClinicalParams::treatment_step_effect, "%", 1.0, 0, 5,
            "HbA1c lowered per added therapy step at full adherence",
            "judgement: about 1 point per added agent")
      .integer("clinical.max_treatment_step", &ClinicalParams::max_treatment_step, "steps", 4, 1, 10,
               "highest step of therapy", "judgement")
      .real("clinical.hba1c_floor", &ClinicalParams::hba1c_floor, "%", 4.0, 2, 6,
            "physiological floor: lowering effects saturate and true HbA1c stays above it",
            "lower end of the non-diabetic reference range (about 4.0%)");
}

void declare_coaching(Params& t) {
  t.section("coaching", &ModelParams::coaching)
      .real("coaching.advisor_effect", &CoachingParams::advisor_effect, "1/contact", 0.027, 0, 1,
            "advisor: share of the self-management gap closed per contact (before modifiers)", kCalibrated)
      .uncertain(Distribution::Beta, 0.2, "stated: calibration gives a point estimate")
      .real("coaching.training_half_hours", &CoachingParams::training_half_hours, "hours", 12, 0.1, 500,
            "training hours giving half of full skill", "judgement")
      .real("coaching.language_mismatch_factor", &CoachingParams::language_mismatch_factor, "", 0.5, 0, 1,
            "advisor effect multiplier when languages differ", "judgement")
      .real("coaching.low_literacy_factor", &CoachingParams::low_literacy_factor, "", 0.7, 0, 1,
            "advisor effect multiplier for low health literacy", "judgement")
      .real("coaching.supporter_trust_effect", &CoachingParams::supporter_trust_effect, "1/contact", 0.15, 0,
            1, "supporter: share of the trust gap closed", "judgement")
      .real("coaching.openness_trust_gain", &CoachingParams::openness_trust_gain, "", 1.0, 0, 10,
            "trust-building multiplier 1 + gain x openness", kGoldman13)
      .real("coaching.supporter_adherence_effect", &CoachingParams::supporter_adherence_effect, "1/contact",
            0.034, 0, 1, "supporter: share of the adherence gap closed per contact at full trust",
            kCalibrated)
      .uncertain(Distribution::Beta, 0.2, "stated: calibration gives a point estimate")
      .real("coaching.role_model_effect", &CoachingParams::role_model_effect, "1/contact", 0.08, 0, 1,
            "role model: share of the activation gap closed per contact", "judgement")
      .real("coaching.credible_hba1c", &CoachingParams::credible_hba1c, "%", 7.5, 4, 15,
            "coach HbA1c at which the coach is half-credible as a role model", "judgement")
      .real("coaching.activation_to_self_management", &CoachingParams::activation_to_self_management, "", 0.5,
            0, 2, "self-management supported by activation above the patient's own baseline", "judgement")
      .real("coaching.ownership_speedup", &CoachingParams::ownership_speedup, "", 1.0, 0, 10,
            "behaviour change speed multiplier 1 + speedup x responsibility (coach-owned is faster)",
            kGoldman13)
      .real("coaching.autonomy_rate", &CoachingParams::autonomy_rate, "1/contact", 0.05, 0, 1,
            "autonomy moves toward 1 - responsibility by this share per contact", kGoldman13)
      .real("coaching.behaviour_decay", &CoachingParams::behaviour_decay, "1/week", 0.04, 0, 1,
            "weekly decay of behaviour gains at zero autonomy (scaled by 1 - autonomy)", "judgement")
      .real("coaching.trust_decay", &CoachingParams::trust_decay, "1/week", 0.02, 0, 1,
            "weekly trust decay without contact", "judgement")
      .real("coaching.activation_decay", &CoachingParams::activation_decay, "1/week", 0.01, 0, 1,
            "weekly decay of activation gains", "judgement")
      .real("coaching.in_person_weight", &CoachingParams::in_person_weight, "", 1.5, 0, 10,
            "dose of an in-person contact relative to phone", "judgement")
      .real("coaching.group_weight", &CoachingParams::group_weight, "", 0.7, 0, 10,
            "dose of a group session relative to phone", "judgement")
      .real("coaching.patient_initiated_per_week", &CoachingParams::patient_initiated_per_week, "1/week", 0.3,
            0, 1, "chance of a patient-initiated call per week at full openness and trust", kGoldman13)
      .real("coaching.openness_availability_gain", &CoachingParams::openness_availability_gain, "", 0.3, 0,
            10, "coach availability multiplier 1 + gain x openness", kGoldman13)
      .real(
          "coaching.resource_seeking_probability", &CoachingParams::resource_seeking_probability, "1/contact",
          0.3, 0, 1,
          "chance per contact, at full propensity, that a coach takes a poorly controlled patient's problem "
          "to the provider",
          kGoldman13)
      .real("coaching.coach_self_management_gain", &CoachingParams::coach_self_management_gain, "1/contact",
            0.01, 0, 1, "coach's own self-management gap closed per contact given",
            "Goldman 2013: coaches empowered; value judgement")
      .real("coaching.coach_activation_gain", &CoachingParams::coach_activation_gain, "1/contact", 0.01, 0, 1,
            "coach's own activation gap closed per contact given", "Goldman 2013; value judgement")
      .real("coaching.distress_empathy_gain", &CoachingParams::distress_empathy_gain, "", 1.0, 0, 10,
            "supporter and role-model effects x (1 + gain x coach distress): shared struggle makes an empathic peer",
            "Rogers 2014 (Diabetes Educ 40:107): patients of coaches with higher diabetes distress improved more "
            "(P = .01); size judgement")
      .real("coaching.self_efficacy_distance_gain", &CoachingParams::self_efficacy_distance_gain, "", 1.0, 0, 10,
            "supporter and role-model effects x (1 + gain x (1 - coach self-efficacy)): a peer who still struggles "
            "is credible",
            "Rogers 2014: patients of coaches with lower diabetes self-efficacy improved more (P < .001); size "
            "judgement")
      .real("coaching.depression_contact_factor", &CoachingParams::depression_contact_factor, "", 0.8, 0, 1,
            "contact-probability multiplier for a depressed coach",
            "Rogers 2014: patients of less depressed coaches improved more (P = .03); size judgement")
      .real("coaching.need_fit", &CoachingParams::need_fit, "", 0.5, 0, 1,
            "how far each role acts on the patient need it serves: effects x (1 - fit + 2 fit need); 0 none, "
            "1 proportional to need",
            "Goldman 2013 (roles serve different patients); strength judgement")
      .real("coaching.openness_dependency", &CoachingParams::openness_dependency, "", 0.3, 0, 1,
            "autonomy target lowered by this x openness (open boundaries invite dependency)",
            "Goldman 2013 (friend-like coaches available any time); strength judgement")
      .real("coaching.relationship_carryover", &CoachingParams::relationship_carryover, "", 0.0, 0, 1,
            "share of trust and autonomy gains a patient keeps when given a new coach",
            "judgement: trust and autonomy built with a coach belong to the pair; a new coach starts anew")
      .real("coaching.training_style_pull", &CoachingParams::training_style_pull, "", 0.4, 0, 1,
            "share of the distance from a coach's own boundaries and responsibility to the program norms that full "
            "training closes (scaled by skill from training)",
            "Goldman 2015: taught techniques not used consistently, so training changes practice only in part; "
            "size judgement")
      .real("coaching.training_fidelity_gain", &CoachingParams::training_fidelity_gain, "", 0.3, 0, 1,
            "share of the fidelity gap closed by full training (scaled by skill from training)",
            "Goldman 2015 (partial uptake); size judgement")
      .real("coaching.practice_waning_per_week", &CoachingParams::practice_waning_per_week, "1/week", 0.03, 0, 0.5,
            "weekly drift of trained style and fidelity back toward the coach's own",
            "judgement: skills taught without reinforcement fade over months")
      .real("coaching.supervision_style_pull", &CoachingParams::supervision_style_pull, "1/(hour/month)/week", 0.01,
            0, 0.1,
            "weekly pull of style toward the program norms and of fidelity toward 1, per monthly supervision hour",
            "Goldman 2013 (oversight should address styles); size judgement")
      .real("coaching.experience_hours_per_week", &CoachingParams::experience_hours_per_week, "hours/week", 0.5, 0,
            20, "training-hour equivalent of a week of coaching (skill from experience)", "judgement")
      .real("coaching.conditional_stipend_fidelity_gain", &CoachingParams::conditional_stipend_fidelity_gain, "",
            0.25, 0, 1,
            "share of a coach's fidelity gap closed while the stipend is paid only for delivered contacts "
            "(program.stipend_min_contacts_per_month > 0)",
            "stated prior: pay for performance improves process measures modestly (Mendelson 2017, Ann Intern "
            "Med 166:341); size judgement");
}

void declare_engagement(Params& t) {
  t.section("engagement", &ModelParams::engagement)
      .real("engagement.lapse_per_week", &EngagementParams::lapse_per_week, "1/week", 0.0215, 0, 1,
            "weekly chance an engaged patient lapses (no trust)", kCalibrated)
      .real("engagement.trust_protection", &EngagementParams::trust_protection, "", 0.7, 0, 20,
            "lapse hazard multiplier exp(-protection x trust)", "judgement")
      .real("engagement.result_protection", &EngagementParams::result_protection, "1/%", 0.5, 0, 20,
            "lapse hazard multiplier exp(-protection x HbA1c improvement)", "brief: results keep them in")
      .real("engagement.return_per_week", &EngagementParams::return_per_week, "1/week", 0.1, 0, 1,
            "weekly chance a lapsed patient re-engages", "judgement")
      .real("engagement.contact_reengagement", &EngagementParams::contact_reengagement, "", 0.3, 0, 1,
            "chance a coach contact re-engages a lapsed patient", "judgement")
      .real("engagement.dropout_from_lapsed", &EngagementParams::dropout_from_lapsed, "1/week", 0.142, 0, 1,
            "weekly chance a lapsed patient drops out of the program", kCalibrated)
      .real("engagement.dropout_per_week", &EngagementParams::dropout_per_week, "1/week", 0.002, 0, 1,
            "weekly chance of leaving the program from any engagement state (moves and deaths are care exits)",
            "judgement")
      .real("engagement.lapsed_reach", &EngagementParams::lapsed_reach, "", 0.3, 0, 1,
            "contact-probability multiplier while lapsed", "judgement");
}

void declare_care_and_followup(Params& t) {
  t.section("care", &ModelParams::care)
      .section("followup", &ModelParams::followup)
      .section("durability", &ModelParams::durability)
      .real("care.mortality_at_55", &CareParams::mortality_at_55, "1/year", 0.0076, 0, 1,
            "annual death probability at age 55, general population", "US life tables 2019 (Arias & Xu, NVSR 70(19))")
      .real("care.mortality_age_slope", &CareParams::mortality_age_slope, "1/year", 0.072, 0, 0.2,
            "Gompertz slope: log mortality rises by this per year of age", "fit to US life tables 2019, ages 45-75")
      .real("care.diabetes_mortality_ratio", &CareParams::diabetes_mortality_ratio, "", 1.8, 1, 5,
            "all-cause mortality ratio of diabetes at the reference HbA1c",
            "Emerging Risk Factors Collaboration 2011 (NEJM 364:829): HR 1.80")
      .real("care.mortality_rrr_per_point", &CareParams::mortality_rrr_per_point, "", 0.14, 0, 0.9,
            "all-cause mortality lower by this share per point lower HbA1c", "UKPDS 35 (Stratton 2000): 14% per 1%")
      .uncertain(Distribution::Beta, 0.2, "stated, near UKPDS 35's interval (8-19%)")
      .real("care.mortality_reference_hba1c", &CareParams::mortality_reference_hba1c, "%", 7.5, 5, 12,
            "HbA1c at which the diabetes mortality ratio applies", "judgement: mean HbA1c of the cohorts behind it")
      .real("care.moves_per_year", &CareParams::moves_per_year, "1/year", 0.04, 0, 1,
            "annual chance of moving away from the clinic population",
            "US Census Bureau CPS ASEC 2019: about 4% moved to another county")
      .real("followup.loss_per_week", &FollowupParams::loss_per_week, "1/week", 0.0113, 0, 1,
            "weekly chance the study loses a patient's follow-up (no trust, no improvement)", kCalibrated)
      .real("followup.trust_protection", &FollowupParams::trust_protection, "", 0.5, 0, 20,
            "loss hazard multiplier exp(-protection x trust in the coach)", kCalibrated)
      .real("followup.result_protection", &FollowupParams::result_protection, "1/%", 0.5, 0, 20,
            "loss hazard multiplier exp(-protection x HbA1c improvement)", "brief: results keep them in")
      .real("durability.waning_half_life_weeks", &DurabilityParams::waning_half_life_weeks, "weeks", 13, 1, 520,
            "half-life of coaching gains (behaviour, adherence, activation) once coaching ends, at zero autonomy",
            "prior from Norris 2002 (Diabetes Care 25:1159: effects fade 1-3 months after education ends) and "
            "Holman 2008 (NEJM 359:1577: HbA1c difference lost within a year)")
      .uncertain(Distribution::LogNormal, 0.3, "stated: Norris 2002 and Holman 2008 bound fading to 1-12 months")
      .real("durability.autonomy_shield", &DurabilityParams::autonomy_shield, "", 0.5, 0, 0.99,
            "waning slowed by 1 - shield x autonomy (patient-owned change lasts)", kGoldman13);
}

constexpr const char* kUkpds35 = "UKPDS 35 (Stratton 2000, BMJ 321:405)";
constexpr const char* kUkpds62 = "UKPDS 62 (Clarke 2002, Med Decis Making 22:340)";
constexpr const char* kCostJudgement = "stated assumption (2023 USD; docs/model.md, economics)";

// Each complication's defaults and sources, in kComplications order (models/economics.hpp, which
// binds them to their members): incidence, gradient and utility decrement (outcomes.*) and costs.
struct ComplicationDefaults {
  double rate, rrr, utility, event, annual;
  const char* rrr_source;
  const char* utility_source;
  const char* cost_source;
};

constexpr ComplicationDefaults kComplicationDefaults[] = {
    {12, 0.14, 0.055, 50000, 5000, kUkpds35, kUkpds62, kCostJudgement},                        // mi
    {5, 0.12, 0.164, 45000, 8000, kUkpds35, kUkpds62, kCostJudgement},                         // stroke
    {5, 0.16, 0.108, 30000, 10000, kUkpds35, kUkpds62, kCostJudgement},                        // heart failure
    {2, 0.43, 0.28, 55000, 6000, "UKPDS 35 (Stratton 2000, BMJ 321:405): amputation or death from peripheral "
     "vascular disease", kUkpds62, kCostJudgement},                                              // amputation
    {2, 0.37, 0.074, 5000, 3000, "UKPDS 35 (Stratton 2000, BMJ 321:405): microvascular end points", kUkpds62,
     kCostJudgement},                                                                            // blindness
    {1.5, 0.37, 0.2, 80000, 90000, "UKPDS 35 (Stratton 2000, BMJ 321:405): microvascular end points",
     "stated assumption (UKPDS 62 gives no renal-failure decrement)",
     "stated assumption near US dialysis spending per patient-year (2023 USD)"},                 // renal failure
};
static_assert(std::size(kComplicationDefaults) == kComplicationCount);

void declare_costs(Params& t) {
  t.section("costs", &ModelParams::costs)
      .real("costs.coach_pay_per_hour", &CostParams::coach_pay_per_hour, "USD/hour", 20, 0, 1000,
            "pay per coaching hour", "judgement")
      .uncertain(Distribution::Gamma, 0.2, "stated")
      .real("costs.training_per_trainee", &CostParams::training_per_trainee, "USD", 80, 0, 100000,
            "fixed training cost per trainee (materials, exam), whatever the hours", "judgement")
      .real("costs.training_per_trainee_hour", &CostParams::training_per_trainee_hour, "USD/hour", 20, 0, 10000,
            "training cost per trainee per hour of program.training_hours (trainer share, trainee time)",
            "judgement: with the fixed part, 800 USD for 36 hours")
      .uncertain(Distribution::Gamma, 0.25, "stated")
      .real("costs.style_interview_per_candidate", &CostParams::style_interview_per_candidate, "USD", 50, 0, 100000,
            "cost of interviewing one eligible coach candidate on style (only when coaches.screening_max_distance < 1)",
            "judgement: an hour's structured interview")
      .real("costs.supervisor_pay_per_hour", &CostParams::supervisor_pay_per_hour, "USD/hour", 50, 0, 1000,
            "supervisor pay per hour", "judgement")
      .uncertain(Distribution::Gamma, 0.2, "stated")
      .real("costs.overhead_per_patient_week", &CostParams::overhead_per_patient_week, "USD", 2, 0, 1000,
            "program overhead per coached patient per week", "judgement")
      .uncertain(Distribution::Gamma, 0.25, "stated")
      .real("costs.screening_per_candidate", &CostParams::screening_per_candidate, "USD", 15, 0, 10000,
            "recruitment and screening per candidate screened (patients and coaches), booked to the program",
            "stated assumption: a point-of-care HbA1c test and staff time")
      .uncertain(Distribution::Gamma, 0.25, "stated")
      .real("costs.provider_visit", &CostParams::provider_visit, "USD", 110, 0, 10000,
            "one primary-care visit (every arm)", "stated assumption near an established-patient office visit")
      .uncertain(Distribution::Gamma, 0.2, "stated")
      .real("costs.provider_request", &CostParams::provider_request, "USD", 40, 0, 10000,
            "clinician time to answer one coach-raised request", "stated assumption")
      .uncertain(Distribution::Gamma, 0.25, "stated")
      .real("costs.therapy_step_per_year", &CostParams::therapy_step_per_year, "USD/year", 1000, 0, 100000,
            "drug cost per year of each therapy step added since enrolment",
            "stated assumption: a mix of generic oral agents and insulin")
      .uncertain(Distribution::Gamma, 0.3, "stated");
  for (std::size_t i = 0; i < kComplicationCount; ++i) {
    const ComplicationInfo& c = kComplications[i];
    const ComplicationDefaults& d = kComplicationDefaults[i];
    const std::string cost = std::string("costs.") + c.name;
    t.real(cost + "_event", c.event, "USD", d.event, 0, 10'000'000,
           std::string("cost of ") + c.label + " in the year of the event", d.cost_source)
        .uncertain(Distribution::Gamma, 0.25, "stated")
        .real(cost + "_annual", c.annual, "USD/year", d.annual, 0, 10'000'000,
              std::string("cost of each later year lived with ") + c.label, d.cost_source)
        .uncertain(Distribution::Gamma, 0.25, "stated");
  }
}

void declare_outcomes(Params& t) {
  t.section("outcomes", &ModelParams::outcomes)
      .section("economics", &ModelParams::economics)
      .real("outcomes.horizon_years", &OutcomeParams::horizon_years, "years", 10, 0, 50,
            "horizon of the long-term projection (life-years, QALYs, complications and their costs)", "judgement")
      .real("outcomes.reference_hba1c", &OutcomeParams::reference_hba1c, "%", 7.5, 5, 12,
            "HbA1c at which the complication incidences below apply", "judgement")
      .real("outcomes.utility_no_complications", &OutcomeParams::utility_no_complications, "", 0.785, 0, 1,
            "utility of type 2 diabetes without complications", kUkpds62)
      .uncertain(Distribution::Beta, 0.05, "stated");
  for (std::size_t i = 0; i < kComplicationCount; ++i) {
    const ComplicationInfo& c = kComplications[i];
    const ComplicationDefaults& d = kComplicationDefaults[i];
    const std::string key = std::string("outcomes.") + c.name;
    t.real(key + "_rate", c.rate, "1/(1000 patient-years)", d.rate, 0, 1000,
           std::string("first-event incidence of ") + c.label + " at outcomes.reference_hba1c",
           "stated assumption near UKPDS crude incidence")
        .uncertain(Distribution::Gamma, 0.25, "stated")
        .real(key + "_rrr", c.rrr, "", d.rrr, 0, 0.9,
              std::string("relative risk reduction of ") + c.label + " per 1 point lower HbA1c", d.rrr_source)
        .uncertain(Distribution::Beta, 0.2, "stated, near the width of UKPDS 35's intervals")
        .real(key + "_utility", c.utility, "", d.utility, 0, 1,
              std::string("utility decrement while living with ") + c.label, d.utility_source)
        .uncertain(Distribution::Beta, 0.2, "stated");
  }
  t.real("economics.discount_rate", &EconomicsParams::discount_rate, "1/year", 0.03, 0, 0.2,
         "annual discount rate of costs and health (year k weighs (1 + rate)^-k)",
         "Second Panel on Cost-Effectiveness in Health and Medicine (Sanders 2016, JAMA 316:1093): 3%")
      .real("economics.wtp_low", &EconomicsParams::wtp_low, "USD/QALY", 50000, 0, 10'000'000,
            "willingness to pay per QALY, lowest threshold reported",
            "Neumann 2014 (NEJM 371:796): the customary 50,000 USD")
      .real("economics.wtp_mid", &EconomicsParams::wtp_mid, "USD/QALY", 100000, 0, 10'000'000,
            "willingness to pay per QALY, middle threshold", "Neumann 2014 (NEJM 371:796): 100,000-150,000 USD")
      .real("economics.wtp_high", &EconomicsParams::wtp_high, "USD/QALY", 150000, 0, 10'000'000,
            "willingness to pay per QALY, highest threshold", "Neumann 2014 (NEJM 371:796): 100,000-150,000 USD");
}

void declare_output(Params& t) {
  t.section("output", &ModelParams::output)
      .boolean("output.patient_table", &OutputParams::patient_table, false,
               "also write patient-level baseline and follow-up tables", "user choice")
      .boolean("output.coach_table", &OutputParams::coach_table, false,
               "also write a table of the coaches recruited at week 0 (style, traits, work, results)", "user choice")
      .integer("output.min_replicates", &OutputParams::min_replicates, "replicates", 5, 1, 1'000'000,
               "fewest replicates a summary statistic may rest on; below it the summary says so instead of a number",
               "judgement")
      .real("output.delivery_warning_share", &OutputParams::delivery_warning_share, "", 0.8, 0, 1,
            "coachsim run warns when a coached arm receives less than this share of its scheduled contacts while "
            "the schedule needs more coach hours than the coaches have",
            "judgement");
}

// Cross-field rules over the typed values (each reported at the key named where it is added).
std::optional<std::string> check_arm_shares(const ModelParams& p) {
  double total = 0;
  for (const auto& arm : p.arms) total += arm.share;
  if (std::abs(total - 1.0) > 1e-9) return "arm shares sum to " + std::to_string(total) + ", expected 1";
  return std::nullopt;
}

std::optional<std::string> check_followup(const ModelParams& p) {
  if (p.run.followup_week > p.run.weeks) {
    return "run.followup_week is after the last simulated week (run.weeks = " + std::to_string(p.run.weeks) +
           ")";
  }
  return std::nullopt;
}

std::optional<std::string> check_roles(const ModelParams& p) {
  if (p.coaches.advisor_share + p.coaches.supporter_share + p.coaches.role_model_share <= 0) {
    return "the three role shares are all zero; at least one must be positive";
  }
  return std::nullopt;
}

std::optional<std::string> check_languages(const ModelParams& p) {
  if (p.population.share_spanish + p.population.share_chinese > 1.0) {
    return "population.share_spanish + population.share_chinese exceeds 1";
  }
  return std::nullopt;
}

std::optional<std::string> check_race_ethnicity(const ModelParams& p) {
  const auto& q = p.population;
  if (q.share_latino + q.share_black + q.share_asian + q.share_white > 1.0 + 1e-9) {
    return "population.share_latino + share_black + share_asian + share_white exceeds 1";
  }
  if (q.share_latino < q.share_spanish) return "population.share_latino is below population.share_spanish";
  if (q.share_asian < q.share_chinese) return "population.share_asian is below population.share_chinese";
  return std::nullopt;
}

std::optional<std::string> check_between_clinic(const ModelParams& p) {
  if (p.population.between_clinic_sd > 0.5 * p.population.hba1c_sd) {
    return "population.between_clinic_sd must be at most half of population.hba1c_sd";
  }
  return std::nullopt;
}

std::optional<std::string> check_coach_eligibility(const ModelParams& p) {
  if (p.coaches.own_hba1c_min >= p.coaches.own_hba1c_max) {
    return "coaches.own_hba1c_min must be below coaches.own_hba1c_max";
  }
  return std::nullopt;
}

std::optional<std::string> check_clinic_randomization(const ModelParams& p) {
  if (p.run.randomization != Randomization::Clinic) return std::nullopt;
  const auto counts = clinics_per_arm(p.arms, p.population.clinics);
  for (std::size_t a = 0; a < counts.size(); ++a) {
    if (counts[a] == 0 && p.arms[a].share > 0) {
      return "clinic randomization gives arm '" + p.arms[a].name + "' no clinic of " +
             std::to_string(p.population.clinics) + "; raise population.clinics";
    }
  }
  return std::nullopt;
}

// Phases of the contact schedule are not empty and do not overlap (in any order).
std::optional<sim::config::RuleBreach> check_schedule_phases(const ModelParams& p) {
  const auto& phases = p.program.phases;
  const auto key = [](std::size_t i, const char* leaf) {
    return "program.phases[" + std::to_string(i) + "]." + leaf;
  };
  for (std::size_t i = 0; i < phases.size(); ++i) {
    if (phases[i].to_week <= phases[i].from_week) {
      return sim::config::RuleBreach("empty phase: to_week " + std::to_string(phases[i].to_week) +
                                         " must be after from_week " + std::to_string(phases[i].from_week),
                                     key(i, "to_week"));
    }
  }
  for (std::size_t i = 0; i < phases.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (phases[i].from_week < phases[j].to_week && phases[j].from_week < phases[i].to_week) {
        return sim::config::RuleBreach(
            "weeks " + std::to_string(phases[i].from_week) + " to " + std::to_string(phases[i].to_week) +
                " overlap program.phases[" + std::to_string(j) + "] (weeks " + std::to_string(phases[j].from_week) +
                " to " + std::to_string(phases[j].to_week) + "); phases must not overlap",
            key(i, "from_week"));
      }
    }
  }
  return std::nullopt;
}

std::optional<std::string> check_eligibility(const ModelParams& p) {
  if (p.eligibility.hba1c_min >= p.eligibility.hba1c_max) {
    return "eligibility.hba1c_min must be below eligibility.hba1c_max";
  }
  return std::nullopt;
}

// The rules over one set of parameters, each reported at its key; arms with their own values are
// checked against the same rules (reported at arms).
using Check = std::optional<std::string> (*)(const ModelParams&);
struct KeyedRule {
  const char* blame;
  Check check;
};
constexpr KeyedRule kRules[] = {{"run.followup_week", check_followup},
                                {"coaches.advisor_share", check_roles},
                                {"population.share_spanish", check_languages},
                                {"eligibility.hba1c_min", check_eligibility},
                                {"population.share_latino", check_race_ethnicity},
                                {"population.between_clinic_sd", check_between_clinic},
                                {"coaches.own_hba1c_min", check_coach_eligibility},
                                {"run.randomization", check_clinic_randomization}};

std::optional<std::string> check_arms_own_values(const ModelParams& p) {
  for (std::size_t a = 0; a < p.arms.size(); ++a) {
    if (p.arms[a].set.empty()) continue;
    const ModelParams own = arm_params(p, a);
    for (const auto& rule : kRules) {
      if (auto problem = rule.check(own)) return "arm '" + p.arms[a].name + "' with its own values: " + *problem;
    }
  }
  return std::nullopt;
}

Params build_bindings() {
  Params t(/*schema_version=*/1);
  declare_run(t);
  declare_population(t);
  declare_eligibility(t);
  declare_arms(t);
  declare_coaches(t);
  declare_program(t);
  declare_schedule_phases(t);
  declare_providers(t);
  declare_clinical(t);
  declare_coaching(t);
  declare_engagement(t);
  declare_care_and_followup(t);
  declare_costs(t);
  declare_outcomes(t);
  declare_output(t);
  t.rule("arms", check_arm_shares).rule("arms", check_arms_own_values);
  for (const auto& rule : kRules) t.rule(rule.blame, rule.check);
  t.rule("program.phases", check_schedule_phases);
  return t;
}

}  // namespace

const sim::config::Bindings<ModelParams>& parameter_bindings() {
  static const Params bindings = build_bindings();  // immutable after construction
  return bindings;
}

}  // namespace coachsim
