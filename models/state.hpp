#pragma once
// The mutable state of one replicate. Agents are stored as structures of arrays (one vector per
// attribute): each phase streams through the few attributes it needs, which is what makes a
// patient-week cheap. The validated parameters are const for the whole run.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "models/beta_quantile.hpp"
#include "models/economics.hpp"
#include "models/params.hpp"
#include "sim/engine/ranked_subset.hpp"

namespace coachsim {

// Engagement with the coaching program only: a dropped patient takes no more contacts but stays
// in clinical care and may still be seen at the study's follow-up.
enum class Engagement : std::uint8_t { Active = 0, Lapsed = 1, Dropped = 2 };
// Clinical care: everyone alive is seen by providers; moving away ends the clinic's care and the
// program (the patient is cared for elsewhere, so their HbA1c goes on), death ends everything.
enum class Care : std::uint8_t { InClinic = 0, Moved = 1, Died = 2 };
enum class Language : std::uint8_t { English = 0, Spanish = 1, Chinese = 2 };
enum class RaceEthnicity : std::uint8_t { Latino = 0, Black = 1, Asian = 2, White = 3, Other = 4 };

// A patient's coach: an index into Coaches, or one of these.
inline constexpr std::int32_t kNoCoach = -1;               // none yet: waits to be matched
inline constexpr std::int32_t kReleasedFromCoaching = -2;  // lost their coach; not matched again
inline constexpr std::int32_t kGraduated = -3;             // finished their coaching; not matched again
inline constexpr std::int32_t kNotAPatient = -1;  // a coach recruited from outside the trial

// A patient's yes-or-no state, bits of Patients::flags (bits 0-1 hold their Engagement, 6-7 their Care).
enum class PatientFlag : std::uint8_t {
  Followed = 1u << 2,        // the study would still observe the patient's HbA1c
  Scheduled = 1u << 3,       // in coaching this week (World::in_coaching), as contact() found it
  Visited = 1u << 4,         // seen at a scheduled provider visit this week
  RequestPending = 1u << 5,  // a coach-raised request waiting at the clinic
};

// A person's traits, constant for life.
struct Traits {
  bool female = false;
  Language language = Language::English;
  bool low_literacy = false;
  RaceEthnicity race_ethnicity = RaceEthnicity::Latino;

  // One byte: female bit 0, low literacy bit 1, language bits 2-3, race/ethnicity bits 4-6.
  std::uint8_t packed() const {
    return static_cast<std::uint8_t>(
        static_cast<unsigned>(female) | static_cast<unsigned>(low_literacy) << 1 |
        static_cast<unsigned>(language) << 2 | static_cast<unsigned>(race_ethnicity) << 4);
  }
};

// Clinical and behavioural state of a person with diabetes: patients and coaches alike
// (coaches are patients who coach, and their own diabetes is an output).
struct People {
  std::vector<float> age;
  std::vector<std::uint8_t> traits;  // Traits::packed(): one byte, not four
  // clinical: true HbA1c = level (lags its target) + fluctuation (slow within-person variation)
  std::vector<float> hba1c_set;       // target HbA1c at enrolment behaviour and therapy, %
  std::vector<float> hba1c_level;     // %
  std::vector<float> fluctuation;     // %
  std::vector<float> hba1c_true;      // %
  std::vector<float> hba1c_measured;  // this week's value as a laboratory would report it, %
  std::vector<float> clinic_hba1c;    // last value measured at a clinic visit, %
  // therapy: the treatment step (bits 0-3) and the step at enrolment (bits 4-7), each at most
  // clinical.max_treatment_step <= 10: one byte, not two
  std::vector<std::uint8_t> treatment;
  // behaviour, each on [0, 1]; *0 are the enrolment values
  std::vector<float> self_management, self_management0;
  std::vector<float> adherence, adherence0;
  std::vector<float> activation, activation0;
  std::vector<float> autonomy;  // a patient's at enrolment is in their program record (ProgramRecords)

  std::size_t size() const { return hba1c_true.size(); }
  void set_traits(std::size_t i, const Traits& t) { traits[i] = t.packed(); }
  bool female(std::size_t i) const { return (traits[i] & 1u) != 0; }
  bool low_literacy(std::size_t i) const { return (traits[i] & 2u) != 0; }
  std::uint8_t language(std::size_t i) const { return static_cast<std::uint8_t>(traits[i] >> 2 & 3u); }
  std::uint8_t race_ethnicity(std::size_t i) const { return static_cast<std::uint8_t>(traits[i] >> 4 & 7u); }
  std::uint8_t treatment_step(std::size_t i) const { return static_cast<std::uint8_t>(treatment[i] & 15u); }
  std::uint8_t treatment_step0(std::size_t i) const { return static_cast<std::uint8_t>(treatment[i] >> 4); }
  void set_treatment_step(std::size_t i, std::uint8_t step) {
    treatment[i] = static_cast<std::uint8_t>((treatment[i] & 0xF0u) | (step & 15u));
  }
  void set_treatment_step0(std::size_t i, std::uint8_t step) {
    treatment[i] = static_cast<std::uint8_t>((treatment[i] & 15u) | (step & 15u) << 4);
  }
  // Calls f(column, value a new agent starts with) for every attribute: the one list that resizing,
  // compacting and measuring memory iterate.
  template <class F>
  void for_each_column(F&& f) {
    for (auto* v : {&age, &hba1c_set, &hba1c_level, &fluctuation, &hba1c_true, &hba1c_measured, &clinic_hba1c,
                    &self_management, &self_management0, &adherence, &adherence0, &activation, &activation0,
                    &autonomy}) {
      f(*v, 0.0f);
    }
    for (auto* v : {&traits, &treatment}) {
      f(*v, std::uint8_t{0});
    }
  }
  void resize(std::size_t n);
};

// The program's record of each patient it serves (the coached arms' patients): their coach, trust,
// this week's contacts, coaches had, weeks waited and autonomy at enrolment. Held for those patients
// only (`held`), a row each in patient order; row size() holds what every other patient reads (no
// coach, no trust, no contacts, no wait) and is never written. Patients::record(i) is patient i's row.
struct ProgramRecords {
  sim::RankedSubset held;
  std::vector<std::int32_t> coach;  // index into Coaches, or kNoCoach
  std::vector<float> trust;
  // this week's coach contacts (counts per mode, at most kMaxContactsPerWeek; World::dose weighs them)
  std::vector<std::uint8_t> phone, in_person, group;
  // Coaches the patient has had (saturating at 255): trust and autonomy gains belong to the
  // coach-patient pair, so a patient given a new coach starts a new relationship (back toward autonomy0).
  std::vector<std::uint8_t> coaches_had;
  std::vector<float> autonomy0;
  // open programs: weeks waited for a coach once entered
  std::vector<std::uint16_t> weeks_waited;
  // The number (Coaches::number) of the patient's first coach, or kNoCoach: read only by the patient
  // and coach tables, so held only where the scenario asks for one of them (make_world decides).
  bool has_first_coach = false;
  std::vector<std::int32_t> first_coach;

  std::size_t size() const { return held.size(); }  // the patients with a record
  // Whether row's patient had any coach contact this week (their dose may still be 0 where the arm
  // weighs a mode at 0). Without branches: for selecting patients (sim::for_each_selected_member).
  bool contacted(std::size_t row) const { return (phone[row] | in_person[row] | group[row]) != 0; }
  // Keeps the rows of the patients with keep[i] != 0 (i over every patient), in order, and the last row.
  void keep_only(const std::vector<std::uint8_t>& keep);
  template <class F>
  void for_each_column(F&& f) {
    f(coach, kNoCoach);
    if (has_first_coach) f(first_coach, kNoCoach);
    for (auto* v : {&trust, &autonomy0}) f(*v, 0.0f);
    for (auto* v : {&phone, &in_person, &group, &coaches_had}) f(*v, std::uint8_t{0});
    f(weeks_waited, std::uint16_t{0});
  }
};

struct Patients {
  People people;
  std::vector<std::uint32_t> id;  // candidate index: the stable identity that keys every draw
  std::vector<std::uint8_t> arm;
  std::vector<std::uint16_t> clinic;
  // Engagement with the program (bits 0-1), the PatientFlag bits and Care (bits 6-7: clinic
  // population, alive): one byte, not six.
  std::vector<std::uint8_t> flags;
  std::vector<float> baseline_measured, baseline_true;
  ProgramRecords records;  // of the coached arms' patients only (hold_records)
  // The week the patient enters the program (at most 1,040 weeks: program.enrolment_months <= 240) and
  // weeks coached, held only where an arm enrols on a rolling basis (entry_week) or graduates its
  // patients (weeks_coached): make_world decides before enrolment, and every column loop (resizing,
  // compacting, memory) skips them otherwise.
  bool has_entry_weeks = false, has_weeks_coached = false;
  std::vector<std::uint16_t> entry_week, weeks_coached;
  std::uint32_t entry(std::size_t i) const { return has_entry_weeks ? entry_week[i] : 0u; }

  std::size_t size() const { return id.size(); }
  Engagement engagement(std::size_t i) const { return static_cast<Engagement>(flags[i] & 3u); }
  void set_engagement(std::size_t i, Engagement e) {
    flags[i] = static_cast<std::uint8_t>((flags[i] & ~3u) | static_cast<unsigned>(e));
  }
  Care care(std::size_t i) const { return static_cast<Care>(flags[i] >> 6); }
  void set_care(std::size_t i, Care c) {
    flags[i] = static_cast<std::uint8_t>((flags[i] & 0x3Fu) | static_cast<unsigned>(c) << 6);
  }
  bool flag(std::size_t i, PatientFlag f) const { return (flags[i] & static_cast<unsigned>(f)) != 0; }
  // Without a branch: set in a patient's pass for every patient.
  void set_flag(std::size_t i, PatientFlag f, bool on) {
    const auto bit = static_cast<unsigned>(f);
    flags[i] = static_cast<std::uint8_t>((flags[i] & ~bit) | ((0u - static_cast<unsigned>(on)) & bit));
  }
  template <class F>
  void for_each_column(F&& f) {
    people.for_each_column(f);
    f(id, 0u);
    for (auto* v : {&arm, &flags}) f(*v, std::uint8_t{0});
    f(clinic, std::uint16_t{0});
    if (has_entry_weeks) f(entry_week, std::uint16_t{0});
    if (has_weeks_coached) f(weeks_coached, std::uint16_t{0});
    for (auto* v : {&baseline_measured, &baseline_true}) f(*v, 0.0f);
  }
  // Patient i's row in `records`: theirs, or the row every patient without a record reads.
  std::size_t record(std::size_t i) const { return records.held.row(i); }
  // Resizes the patients' own columns (`records` are held by hold_records).
  void resize(std::size_t n);
  // Holds a program record, at its initial values, for every patient of an arm with arm_coached[arm]
  // != 0, once they are enrolled (autonomy0: their autonomy now).
  void hold_records(const std::vector<std::uint8_t>& arm_coached);
  // Keeps the patients with keep[i] != 0, in order (their ids, and so their draws, unchanged), and the
  // records of those kept.
  void keep_only(const std::vector<std::uint8_t>& keep);
};

// The coaches recruited at week 0, the cohort whose own diabetes the coach outputs follow to the end
// of the run, by their number (Coaches::number: they are recruited first, so founder f is coach number
// f). Each has an uncoached twin: the same person advanced with the same keyed draws but without
// coaching gains, so coached minus twin is the effect of coaching on the coach (exactly zero when the
// gains are zero). Held apart from the coach table, so that a founder who stops coaching leaves it
// like any other coach (World::former_coach); a founder's row there holds no diabetes.
struct Founders {
  std::vector<std::uint32_t> id;  // the coach's id: keys their draws, as any coach's
  std::vector<std::uint8_t> arm;
  std::vector<std::uint8_t> practising;  // 1 while they coach (Coaches::active): they keep their gains
  // A reciprocal peer's own diabetes is their patient record's: their `people` and `twin` are unused.
  std::vector<std::uint8_t> peer;
  People people, twin;

  std::size_t size() const { return id.size(); }
  // Whether founder f's own diabetes (and twin) is simulated here: everyone's but a reciprocal peer's.
  bool simulated(std::size_t f) const { return peer[f] == 0; }
  template <class F>
  void for_each_column(F&& f) {
    f(id, 0u);
    for (auto* v : {&arm, &practising, &peer}) f(*v, std::uint8_t{0});
    people.for_each_column(f);
    twin.for_each_column(f);
  }
  void resize(std::size_t n);
};

// What coaches are held beyond those needed, as a share of them (1/16): the former coaches kept
// until a release (World::release_coaches) and the room recruitment grows into. Smaller means more
// releases and reallocations, each a pass over the coaches.
inline constexpr std::size_t kCoachSlackDivisor = 16;

struct Coaches {
  People people;  // a founder's or a reciprocal peer's row is unused (World::coach_person)
  Founders founders;
  std::vector<std::uint32_t> id;  // candidate index in the coach recruitment stream (patient id for peers)
  // Recruitment order, from 0: the coach's stable number, which outputs and Patients::first_coach
  // use. A coach's position (the index patients' `coach` holds) moves when former coaches are
  // released; a founder's number is their index in `founders`.
  std::vector<std::uint32_t> number;
  std::vector<std::uint8_t> arm;  // the arm whose program the coach works in
  // A reciprocal peer: the trial patient who also coaches (their own diabetes is simulated as that
  // patient's, so their own records are unused and coaching gains reach the patient), or kNotAPatient.
  std::vector<std::int32_t> patient;
  // style: role mix (sums to 1), boundaries, responsibility, resource seeking
  std::vector<float> advisor, supporter, role_model;
  std::vector<float> openness, responsibility, resource_seeking;
  // traits and training
  std::vector<float> fidelity, self_efficacy, distress, skill;
  // the style and fidelity the coach brings, before training: practice drifts back toward them
  std::vector<float> natural_openness, natural_responsibility, natural_fidelity;
  std::vector<std::uint8_t> depressed;
  // program state
  std::vector<std::uint8_t> active;
  std::vector<std::int32_t> start_week, quit_week;
  std::vector<std::uint32_t> caseload;         // patients currently assigned
  std::vector<float> time_factor;              // share of scheduled contact time the coach has
  std::vector<float> hours, contacts;          // this week
  std::vector<float> load;                     // accumulated emotional load
  // a stipend conditional on delivered contacts (program.stipend_min_contacts_per_month): the
  // contacts and active weeks of the month so far, and whether last month's stipend was withheld
  std::vector<float> month_contacts;
  std::vector<std::uint8_t> month_weeks, stipend_withheld;

  std::size_t size() const { return id.size(); }
  bool is_founder(std::size_t k) const { return number[k] < founders.size(); }
  template <class F>
  void for_each_column(F&& f) {
    people.for_each_column(f);  // not the founders': held apart
    f(id, 0u);
    f(number, 0u);
    f(caseload, 0u);
    for (auto* v : {&advisor, &supporter, &role_model, &openness, &responsibility, &resource_seeking, &fidelity,
                    &self_efficacy, &distress, &skill, &time_factor, &hours, &contacts, &load, &natural_openness,
                    &natural_responsibility, &natural_fidelity, &month_contacts}) {
      f(*v, 0.0f);
    }
    for (auto* v : {&depressed, &month_weeks, &stipend_withheld, &arm, &active}) f(*v, std::uint8_t{0});
    f(patient, kNotAPatient);
    f(start_week, std::int32_t{0});
    f(quit_week, std::int32_t{-1});
  }
  void resize(std::size_t n);
  // Adds one coach (initial values) and returns their position. Capacity grows by a sixteenth at a
  // time, not doubling: with former coaches released, what is held stays near what is needed.
  std::size_t append();
  // Keeps the coaches with keep[k] != 0, in order; of the room left, a sixteenth more than they are is kept
  // (recruitment goes on into it).
  void keep_only(const std::vector<std::uint8_t>& keep);
};

struct Ledger {
  std::vector<double> cost_cumulative;     // per arm, the program's own costs so far, USD
  CostLedger costs;                        // every cost by arm, category and year of the run
  std::uint32_t next_coach_candidate = 0;  // recruitment continues from here
  std::uint32_t coaches_recruited = 0;     // the next coach's Coaches::number
  std::uint32_t quits = 0;
  std::uint32_t mentors = 0;  // graduates who joined a coach pool
  struct Replacement {
    std::uint32_t week;  // when the replacement coach starts
    std::uint8_t arm;    // whose pool they join
  };
  std::vector<Replacement> replacements_due;
};

struct World {
  const ModelParams* params = nullptr;
  std::vector<ModelParams> arms;  // each arm's own parameters (arm_params())
  std::vector<ModelParams> coach_candidates;  // each arm's, drawing coach candidates (coach_candidate_params())
  std::uint64_t seed = 0;  // this replicate's seed
  std::vector<std::uint8_t> arm_coached;  // bytes, not bits: read for every patient in the hot loops
  // Per arm, per clinic: the providers' probability of intensifying therapy at a visit with poor
  // control (clinics differ in clinical inertia; constant over the run, so taken once).
  std::vector<std::vector<double>> intensification;
  // Each clinic's patients (everyone enrolled, whatever became of them: what the clinic's capacity for
  // coach-raised requests scales with). Patients never change clinic, so counted once, at enrolment.
  std::vector<std::uint32_t> clinic_patients;
  // The copula behaviours' Beta quantiles, tabulated where a run draws many (models/beta_quantile.hpp):
  // the patients' (the scenario's population) and each arm's coach candidates'; empty where they are
  // computed directly (the same values).
  std::optional<BehaviourQuantiles> patient_behaviours;
  std::vector<std::optional<BehaviourQuantiles>> candidate_behaviours;
  Patients patients;
  Coaches coaches;
  Ledger ledger;

  // The scenario's parameters: what is common to every arm (population, study, run, projection).
  const ModelParams& p() const { return *params; }
  // The parameters an arm's patients, coaches and program run on.
  const ModelParams& arm_p(std::size_t arm) const { return arms[arm]; }
  const ModelParams& patient_p(std::size_t patient) const { return arms[patients.arm[patient]]; }
  const ModelParams& coach_p(std::size_t coach) const { return arms[coaches.arm[coach]]; }
  // The person a coach is: their own record, or a reciprocal peer's patient record (their HbA1c and
  // traits as they are now).
  struct PersonRef {
    const People& people;
    std::size_t index;
  };
  PersonRef coach_person(std::size_t coach) const {
    const std::int32_t patient = coaches.patient[coach];
    if (patient != kNotAPatient) return {patients.people, static_cast<std::size_t>(patient)};
    if (coaches.is_founder(coach)) return {coaches.founders.people, coaches.number[coach]};
    return {coaches.people, coach};
  }
  struct MutablePersonRef {
    People& people;
    std::size_t index;
  };
  MutablePersonRef coach_person(std::size_t coach) {
    const PersonRef person = std::as_const(*this).coach_person(coach);
    return {const_cast<People&>(person.people), person.index};
  }
  // Whether the coach's own diabetes is simulated in the coach table (`people`): while they coach
  // (the coaching effects read it), unless a founder's (simulated in Coaches::founders to the end of
  // the run) or a reciprocal peer's (their patient record). A replacement who quit is read by nothing
  // again: no work (their draws are keyed by their identity, so skipping them moves no one else's).
  bool simulates_coach_person(std::size_t coach) const {
    return coaches.patient[coach] == kNotAPatient && coaches.active[coach] && !coaches.is_founder(coach);
  }
  // A former coach -- quit in an earlier week, owed no more of a month's stipend -- is read by no
  // mechanism or output again (a founder's own diabetes is held apart), unless the coach table is
  // asked for: it reads the founders' rows at the end of the run, at their position, their number.
  bool former_coach(std::size_t k, std::uint32_t step) const {
    return !coaches.active[k] && coaches.quit_week[k] >= 0 &&
           static_cast<std::uint32_t>(coaches.quit_week[k]) < step && coaches.month_weeks[k] == 0 &&
           !(coaches.is_founder(k) && p().output.coach_table);
  }
  // Releases the coaches with keep[k] == 0 (none may hold a patient): the rest keep their order
  // (matching's tie-breaks, sums over coaches), so no result moves; patients' coach positions are
  // renumbered.
  void release_coaches(const std::vector<std::uint8_t>& keep);
  // Books a cost of `category` in `week` to an arm (program categories also to cost_cumulative).
  void book(std::size_t arm, CostCategory category, std::uint32_t week, double cost);
  bool program_running(std::size_t arm, std::uint32_t step) const { return step < arms[arm].program.weeks; }
  // Whether any arm has a program (coaches, contacts): a world of usual care only has none.
  bool any_arm_coached() const {
    return std::find(arm_coached.begin(), arm_coached.end(), std::uint8_t{1}) != arm_coached.end();
  }
  bool alive(std::size_t patient) const { return patients.care(patient) != Care::Died; }
  // The patient's dose of coaching this week: their contacts weighted by mode (a phone call 1, in
  // person and group by their arm's weights). Derived from the counts, not stored. `row`: the
  // patient's Patients::record.
  float dose(std::size_t patient, std::size_t row) const {
    const auto& rec = patients.records;
    if (!rec.contacted(row)) return 0.0f;
    const auto& k = arms[patients.arm[patient]].coaching;
    return static_cast<float>(rec.phone[row] + k.in_person_weight * rec.in_person[row] +
                              k.group_weight * rec.group[row]);
  }
  float dose(std::size_t patient) const { return dose(patient, patients.record(patient)); }
  // Whether the patient receives coaching this week: program running, a coach, still engaged.
  // Every condition evaluated, then combined with `&`: no branches, for selecting patients
  // (sim::for_each_selected).
  bool in_coaching(std::size_t patient, std::size_t row, std::uint32_t step) const {
    const bool running = program_running(patients.arm[patient], step);
    const bool coached = patients.records.coach[row] >= 0;
    const bool engaged = patients.engagement(patient) != Engagement::Dropped;
    return running & coached & engaged;
  }
  bool in_coaching(std::size_t patient, std::uint32_t step) const {
    return in_coaching(patient, patients.record(patient), step);
  }
};

}  // namespace coachsim
