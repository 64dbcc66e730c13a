#include "models/population.hpp"

#include <boost/random/bernoulli_distribution.hpp>
#include <boost/random/beta_distribution.hpp>
#include <boost/random/binomial_distribution.hpp>
#include <boost/random/gamma_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/uniform_01.hpp>
#include <boost/random/uniform_int_distribution.hpp>

#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>

#include "models/beta_quantile.hpp"
#include "models/clinics.hpp"
#include "models/matching.hpp"
#include "models/purposes.hpp"
#include "sim/engine/executor.hpp"
#include "sim/input_error.hpp"
#include "sim/random/keyed_stream.hpp"
#include "sim/random/variates.hpp"

namespace coachsim {
namespace {

using sim::random::KeyedStream;

// HbA1c is right-skewed: a lognormal above this floor (%) fits clinic populations better than a normal.
constexpr double kHba1cFloor = 4.0;
// The most of a population's HbA1c variance the within-person fluctuation may take (docs/model.md §5).
constexpr double kMaxWithinPersonVarianceShare = 0.5;
// Candidates screened per enrolled patient before eligibility is declared unreachable.
constexpr std::uint32_t kMaxCandidatesPerSlot = 10000;

float f(double x) { return static_cast<float>(x); }

double beta_draw(KeyedStream& stream, double mean, double concentration) {
  if (mean <= 0.0) return 0.0;
  if (mean >= 1.0) return 1.0;
  return boost::random::beta_distribution<double>(mean * concentration, (1.0 - mean) * concentration)(stream);
}

// A behaviour correlated with the person's HbA1c set level (Gaussian copula): z_hba1c is the
// standard normal behind the set level, rho the copula correlation; the marginal stays Beta. The
// normal is drawn with the person; its Beta value (the costliest step of drawing a person) is taken
// only for the people screening admits (admit_behaviours): no draw depends on it.
double copula_normal(KeyedStream& stream, double z_hba1c, double rho) {
  return rho * z_hba1c +
         std::sqrt(1.0 - rho * rho) * boost::random::normal_distribution<double>(0.0, 1.0)(stream);
}
// `table`: the behaviour's quantiles where tabulated (the same values, faster), or null.
double copula_behaviour(double mean, double concentration, double z, const BetaQuantiles* table) {
  const double u = 0.5 * std::erfc(-z / std::sqrt(2.0));
  return table != nullptr ? (*table)(z, u) : beta_quantile(mean, concentration, u);
}

struct PersonDraw {
  double age, h_set, fluctuation, self_management, adherence, activation, autonomy;
  double z_self_management, z_adherence;  // the copula normals behind the two (admit_behaviours)
  bool female, low_literacy;
  Language language;
  RaceEthnicity race_ethnicity;
  std::uint8_t treatment_step;
};

// Race/ethnicity given language, so that the marginal shares are the population.share_* keys:
// Spanish speakers are Latino, Chinese speakers Asian, and English speakers take what the shares
// leave after them (the validator keeps share_latino >= share_spanish, share_asian >= share_chinese).
RaceEthnicity race_ethnicity_given(Language language, double u, const PopulationParams& q) {
  if (language == Language::Spanish) return RaceEthnicity::Latino;
  if (language == Language::Chinese) return RaceEthnicity::Asian;
  const double english = 1.0 - q.share_spanish - q.share_chinese;
  const double shares[] = {q.share_latino - q.share_spanish, q.share_black, q.share_asian - q.share_chinese,
                           q.share_white};
  double cumulative = 0;
  for (std::size_t r = 0; r < std::size(shares); ++r) {
    cumulative += shares[r] / english;
    if (u < cumulative) return static_cast<RaceEthnicity>(r);
  }
  return RaceEthnicity::Other;
}

// One person of the clinic population, drawn in a fixed order from their own stream. The population
// SD covers the fluctuation, the person's set level and `clinic_sd`, the part of the set level's
// spread that is drawn per clinic (0 for people drawn without a clinic).
PersonDraw draw_person(KeyedStream& stream, const ModelParams& p, double fluct_sd, double clinic_sd) {
  const auto& q = p.population;
  PersonDraw d{};
  d.age = std::clamp(boost::random::normal_distribution<double>(q.age_mean, q.age_sd)(stream), 18.0, 95.0);
  d.female = boost::random::uniform_01<double>()(stream) < q.share_female;
  const double lang = boost::random::uniform_01<double>()(stream);
  d.language = lang < q.share_spanish ? Language::Spanish
               : lang < q.share_spanish + q.share_chinese ? Language::Chinese
                                                          : Language::English;
  d.low_literacy = boost::random::uniform_01<double>()(stream) < q.share_low_literacy;
  // True HbA1c = personal set level (+ the clinic's shift) + fluctuation.
  const double set_sd = std::sqrt(q.hba1c_sd * q.hba1c_sd - fluct_sd * fluct_sd - clinic_sd * clinic_sd);
  const double m = q.hba1c_mean - kHba1cFloor;
  const double sigma_ln = std::sqrt(std::log1p(set_sd * set_sd / (m * m)));
  const double mu_ln = std::log(m) - 0.5 * sigma_ln * sigma_ln;
  const double z_hba1c = boost::random::normal_distribution<double>(0.0, 1.0)(stream);
  d.h_set = kHba1cFloor + std::exp(mu_ln + sigma_ln * z_hba1c);  // lognormal
  d.fluctuation = boost::random::normal_distribution<double>(0.0, fluct_sd)(stream);
  // Behaviour is part of why HbA1c is high: self-management and adherence correlate with the set level.
  const double rho = q.behaviour_hba1c_correlation;
  d.z_self_management = copula_normal(stream, z_hba1c, rho);
  d.z_adherence = copula_normal(stream, z_hba1c, rho);
  d.activation = beta_draw(stream, q.activation_mean, q.activation_concentration);
  d.autonomy = beta_draw(stream, q.autonomy_mean, q.autonomy_concentration);
  const auto max_step = static_cast<int>(p.clinical.max_treatment_step);
  const double step_p = std::clamp(q.treatment_step_mean / max_step, 0.0, 1.0);
  d.treatment_step = static_cast<std::uint8_t>(boost::random::binomial_distribution<int>(max_step, step_p)(stream));
  return d;
}

// Self-management and adherence of a person screening admitted, from their copula normals; `p`: the
// parameters draw_person drew them with, `tables` their quantiles where tabulated.
void admit_behaviours(PersonDraw& d, const ModelParams& p, const std::optional<BehaviourQuantiles>& tables) {
  const auto& q = p.population;
  d.self_management = copula_behaviour(q.self_management_mean, q.self_management_concentration,
                                       d.z_self_management, tables ? &tables->self_management : nullptr);
  d.adherence = copula_behaviour(q.adherence_mean, q.adherence_concentration, d.z_adherence,
                                 tables ? &tables->adherence : nullptr);
}

// Reciprocal peers' coach ids: the patient's id with the top bit set, so their keyed draws (attrition)
// never coincide with those of a recruited candidate of the same index.
constexpr std::uint32_t kReciprocalPeerId = 0x8000'0000u;

void place_person(People& people, std::size_t i, const PersonDraw& d) {
  people.age[i] = f(d.age);
  people.set_traits(i, {d.female, d.language, d.low_literacy, d.race_ethnicity});
  people.hba1c_set[i] = f(d.h_set);
  people.hba1c_level[i] = f(d.h_set);
  people.fluctuation[i] = f(d.fluctuation);
  people.hba1c_true[i] = f(d.h_set + d.fluctuation);
  people.hba1c_measured[i] = people.hba1c_true[i];
  people.clinic_hba1c[i] = people.hba1c_true[i];
  people.set_treatment_step0(i, d.treatment_step);
  people.set_treatment_step(i, d.treatment_step);
  people.self_management[i] = people.self_management0[i] = f(d.self_management);
  people.adherence[i] = people.adherence0[i] = f(d.adherence);
  people.activation[i] = people.activation0[i] = f(d.activation);
  people.autonomy[i] = f(d.autonomy);
}

double measurement(KeyedStream& stream, double true_value, double sd) {
  return true_value + boost::random::normal_distribution<double>(0.0, sd)(stream);
}

// One keyed uniform draw on (0, 1) of an initialization purpose.
double keyed_uniform(std::uint64_t seed, sim::random::Purpose stream, std::uint32_t id) {
  return sim::random::to_open_unit(sim::random::stream_block({seed, stream, id, 0})[0]);
}

double standard_normal(KeyedStream& stream) {
  return boost::random::normal_distribution<double>(0.0, 1.0)(stream);
}

// The slow fluctuation `rho` of the way to independence later (rho = exp(-weeks / fluctuation_weeks)).
double fluctuation_later(double fluctuation, double rho, double sd, double innovation) {
  return rho * fluctuation + sd * std::sqrt(1.0 - rho * rho) * innovation;
}

// Screening: eligibility.measurements values eligibility.measurement_interval_weeks apart, the last
// eligibility.screening_lead_weeks before baseline, must all fall in [hba1c_min, hba1c_max]
// ("persistently poor control"). d.fluctuation is the value at the first measurement and moves on
// between them, so the enrolled are selected less on transient highs. The first measurement and the
// move to baseline draw from the kScreening stream, measurement k > 1 from (kRepeatScreening, k).
// On success d.fluctuation is the value at baseline.
bool screened_eligible(PersonDraw& d, std::uint64_t seed, std::uint32_t candidate, const ModelParams& p,
                       double fluct_sd) {
  const auto& e = p.eligibility;
  const double measurement_sd = p.clinical.measurement_sd;
  auto eligible = [&](double value) { return value >= e.hba1c_min && value <= e.hba1c_max; };
  KeyedStream screening({seed, purpose::kScreening, candidate, 0});
  if (!eligible(measurement(screening, d.h_set + d.fluctuation, measurement_sd))) return false;
  const double rho_interval =
      std::exp(-static_cast<double>(e.measurement_interval_weeks) / p.clinical.fluctuation_weeks);
  for (std::uint32_t k = 1; k < e.measurements; ++k) {
    KeyedStream repeat({seed, purpose::kRepeatScreening, candidate, k});
    d.fluctuation = fluctuation_later(d.fluctuation, rho_interval, fluct_sd, standard_normal(repeat));
    if (!eligible(measurement(repeat, d.h_set + d.fluctuation, measurement_sd))) return false;
  }
  const double rho_lead =
      std::exp(-static_cast<double>(e.screening_lead_weeks) / p.clinical.fluctuation_weeks);
  d.fluctuation = fluctuation_later(d.fluctuation, rho_lead, fluct_sd, standard_normal(screening));
  return true;
}

std::uint8_t randomized_arm(std::uint64_t seed, std::uint32_t candidate, const std::vector<ArmParams>& arms) {
  const double u = keyed_uniform(seed, purpose::kAllocation, candidate);
  double cumulative = 0;
  for (std::size_t a = 0; a < arms.size(); ++a) {
    cumulative += arms[a].share;
    if (u < cumulative) return static_cast<std::uint8_t>(a);
  }
  return static_cast<std::uint8_t>(arms.size() - 1);
}

// A screened candidate: the person drawn, their clinic, and whether screening admitted them.
struct Screened {
  PersonDraw d{};
  std::uint32_t clinic = 0;
  bool eligible = false;
};

// One candidate screened: their person, clinic (and its shift) and whether screening admits them;
// every draw is keyed by the candidate.
Screened screen_candidate(const World& w, std::uint32_t candidate, const std::vector<double>& clinic_shift,
                          double fluct_sd) {
  const auto& p = w.p();
  const auto& q = p.population;
  KeyedStream traits({w.seed, purpose::kPatientTraits, candidate, 0});
  Screened s;
  s.d = draw_person(traits, p, fluct_sd, q.between_clinic_sd);
  s.clinic = boost::random::uniform_int_distribution<std::uint32_t>(0, q.clinics - 1)(traits);
  s.d.h_set += clinic_shift[s.clinic];
  // Screening happened before baseline; the slow fluctuation then moved on, which is how
  // regression to the mean arises between screening and baseline.
  s.eligible = screened_eligible(s.d, w.seed, candidate, p, fluct_sd);
  if (s.eligible) admit_behaviours(s.d, p, w.patient_behaviours);
  return s;
}

// Candidates are screened independently, so a block of them is screened in parallel and then taken
// in candidate order: the enrolled are the first eligible candidates whatever the thread count.
void screen_block(const World& w, std::uint32_t first, std::vector<Screened>& block,
                  const std::vector<double>& clinic_shift, double fluct_sd, const sim::Executor& executor) {
  executor.for_each_range(block.size(), [&](sim::AgentRange r) {
    for (std::size_t n = r.begin; n < r.end; ++n) {
      block[n] = screen_candidate(w, first + static_cast<std::uint32_t>(n), clinic_shift, fluct_sd);
    }
  });
}

// Finding the coached arms' patients is the program's: each arm's share of the candidates screened.
void book_patient_screening(World& w, std::uint32_t screened) {
  const auto& p = w.p();
  for (std::size_t a = 0; a < p.arms.size(); ++a) {
    if (w.arm_coached[a]) {
      w.book(a, kCostRecruitment, 0, screened * p.arms[a].share * w.arm_p(a).costs.screening_per_candidate);
    }
  }
}

// Places enrolled patient i, candidate `candidate` as screening found them.
void place_patient(World& w, std::size_t i, std::uint32_t candidate, const Screened& screened,
                   std::uint8_t arm) {
  const auto& p = w.p();
  auto& pts = w.patients;
  PersonDraw d = screened.d;
  d.race_ethnicity = race_ethnicity_given(
      d.language, keyed_uniform(w.seed, purpose::kPatientRaceEthnicity, candidate), p.population);
  place_person(pts.people, i, d);
  pts.id[i] = candidate;
  pts.clinic[i] = static_cast<std::uint16_t>(screened.clinic);
  pts.arm[i] = arm;
  KeyedStream baseline({w.seed, purpose::kBaselineMeasurement, candidate, 0});
  pts.baseline_true[i] = pts.people.hba1c_true[i];
  pts.baseline_measured[i] = f(measurement(baseline, pts.people.hba1c_true[i], p.clinical.measurement_sd));
  pts.people.hba1c_measured[i] = pts.baseline_measured[i];
  pts.people.clinic_hba1c[i] = pts.baseline_measured[i];
  // A patient of a coached arm who declines the program never gets a coach but stays in the arm
  // (intention to treat): recorded as dropped from the program at enrolment.
  const bool declines = w.arm_coached[arm] && p.eligibility.uptake < 1.0 &&
                        keyed_uniform(w.seed, purpose::kUptake, candidate) >= p.eligibility.uptake;
  pts.set_engagement(i, declines ? Engagement::Dropped : Engagement::Active);
  // Rolling enrolment: patients enter the program evenly over the months, in enrolment order.
  if (pts.has_entry_weeks) {
    const double entry_weeks = w.arm_p(arm).program.enrolment_months * 52.0 / 12.0;
    pts.entry_week[i] = static_cast<std::uint16_t>(
        std::floor(entry_weeks * static_cast<double>(i) / static_cast<double>(pts.size())));
  }
  pts.set_care(i, Care::InClinic);
  pts.set_flag(i, PatientFlag::Followed, true);
}

// The enrolment an earlier make_world found (`known`), for the arms in `arms_wanted` only: each of
// their patients screened again by candidate (the same draws, so the same person); the rest get only
// their arm, by which the caller drops them.
void enrol_known(World& w, const Enrolment& known, const std::vector<bool>& arms_wanted,
                 const std::vector<double>& clinic_shift, double fluct_sd, const sim::Executor& executor) {
  auto& pts = w.patients;
  pts.resize(known.candidate.size());
  executor.for_each_range(pts.size(), [&](sim::AgentRange r) {
    for (std::size_t i = r.begin; i < r.end; ++i) {
      pts.arm[i] = known.arm[i];  // the rest are dropped by their arm
      if (!arms_wanted[known.arm[i]]) continue;
      const Screened screened = screen_candidate(w, known.candidate[i], clinic_shift, fluct_sd);
      if (!screened.eligible) throw std::logic_error("an enrolled candidate is no longer eligible");
      place_patient(w, i, known.candidate[i], screened, known.arm[i]);
    }
  });
  book_patient_screening(w, known.screened);
}

void enrol_patients(World& w, const sim::Executor& executor, const Enrolment* known,
                    const std::vector<bool>* arms_wanted, Enrolment* found) {
  const auto& p = w.p();
  const auto& q = p.population;
  const double fluct_sd = within_person_sd(q.hba1c_sd, p.clinical.fluctuation_sd);
  std::vector<double> clinic_shift(q.clinics);
  for (std::uint32_t c = 0; c < q.clinics; ++c) clinic_shift[c] = clinic_hba1c_shift(p, w.seed, c);
  if (known != nullptr) {
    enrol_known(w, *known, *arms_wanted, clinic_shift, fluct_sd, executor);
    return;
  }
  const bool by_clinic = p.run.randomization == Randomization::Clinic;
  const std::vector<std::uint8_t> arm_of_clinic =
      by_clinic ? allocate_clinics(p, w.seed) : std::vector<std::uint8_t>{};
  auto& pts = w.patients;
  pts.resize(p.population.enrolled);
  std::size_t enrolled = 0;
  const std::uint64_t max_candidates = static_cast<std::uint64_t>(kMaxCandidatesPerSlot) * p.population.enrolled;
  std::uint32_t candidate = 0;
  std::vector<Screened> block;
  std::size_t next = 0;
  double screened_per_enrolled = 1.0;  // grows with what screening has admitted so far
  for (; enrolled < pts.size(); ++candidate, ++next) {
    if (candidate >= max_candidates) {
      throw sim::InputError("eligibility rules admit almost no one: fewer than 1 in " +
                            std::to_string(kMaxCandidatesPerSlot) + " screened candidates is eligible");
    }
    if (next == block.size()) {  // screen the next block: about as many candidates as the rest will take
      if (enrolled > 0) screened_per_enrolled = static_cast<double>(candidate) / static_cast<double>(enrolled);
      const double wanted = std::ceil(1.1 * screened_per_enrolled * static_cast<double>(pts.size() - enrolled));
      const double left = static_cast<double>(max_candidates - candidate);
      const auto size = static_cast<std::size_t>(std::min(left, std::clamp(wanted, 256.0, 65536.0)));
      block.assign(size, Screened{});
      screen_block(w, candidate, block, clinic_shift, fluct_sd, executor);
      next = 0;
    }
    if (!block[next].eligible) continue;
    const std::uint8_t arm =
        by_clinic ? arm_of_clinic[block[next].clinic] : randomized_arm(w.seed, candidate, p.arms);
    place_patient(w, enrolled++, candidate, block[next], arm);
  }
  book_patient_screening(w, candidate);
  if (found != nullptr) *found = Enrolment{pts.id, pts.arm, candidate};
}

// A coach's style and traits as drawn, before training.
struct CoachStyle {
  float advisor, supporter, role_model, openness, responsibility, resource_seeking, fidelity, self_efficacy,
      distress;
  bool depressed;
};

CoachStyle draw_style(KeyedStream& stream, const CoachParams& cp) {
  const double shares[3] = {cp.advisor_share, cp.supporter_share, cp.role_model_share};
  double mix[3];
  double total = 0;
  for (int r = 0; r < 3; ++r) {
    const double share = shares[r] / (shares[0] + shares[1] + shares[2]);
    // Dirichlet by normalized gammas; a zero share stays zero. Drawn for standardized pools too,
    // so the traits drawn after it are the same person's in both kinds of pool.
    const double drawn = share <= 0 ? 0.0 : boost::random::gamma_distribution<double>(share * cp.role_concentration)(stream);
    mix[r] = cp.style_mix == StyleMix::Standardized ? share : drawn;
    total += mix[r];
  }
  CoachStyle s{};
  s.advisor = f(mix[0] / total);
  s.supporter = f(mix[1] / total);
  s.role_model = f(mix[2] / total);
  const bool diverse = cp.style_mix == StyleMix::Diverse;
  auto style = [&](double mean, double concentration) {
    const double drawn = beta_draw(stream, mean, concentration);  // drawn either way: streams stay aligned
    return f(diverse ? drawn : mean);
  };
  s.openness = style(cp.boundary_openness_mean, cp.boundary_openness_concentration);
  s.responsibility = style(cp.responsibility_mean, cp.responsibility_concentration);
  s.resource_seeking = style(cp.resource_seeking_mean, cp.resource_seeking_concentration);
  s.fidelity = f(beta_draw(stream, cp.fidelity_mean, cp.fidelity_concentration));
  s.self_efficacy = f(beta_draw(stream, cp.self_efficacy_mean, cp.self_efficacy_concentration));
  s.distress = f(beta_draw(stream, cp.distress_mean, cp.distress_concentration));
  s.depressed = boost::random::uniform_01<double>()(stream) < cp.share_depressed;
  return s;
}

void place_style(Coaches& c, std::size_t i, const CoachStyle& s) {
  c.advisor[i] = s.advisor;
  c.supporter[i] = s.supporter;
  c.role_model[i] = s.role_model;
  c.openness[i] = s.openness;
  c.responsibility[i] = s.responsibility;
  c.resource_seeking[i] = s.resource_seeking;
  c.fidelity[i] = s.fidelity;
  c.self_efficacy[i] = s.self_efficacy;
  c.distress[i] = s.distress;
  c.depressed[i] = s.depressed;
}

// Coach k, recruited at week 0, joins the founders (Coaches::founders) under their number: the
// coaches recruited at week 0 are the first numbered.
void add_founder(Coaches& c, std::size_t k) {
  auto& founders = c.founders;
  const std::size_t f = founders.size();
  if (c.number[k] != f) throw std::logic_error("the coaches recruited at week 0 are numbered first");
  founders.resize(f + 1);
  founders.id[f] = c.id[k];
  founders.arm[f] = c.arm[k];
  founders.practising[f] = 1;
  founders.peer[f] = c.patient[k] != kNotAPatient;
}

// Training gives skill and, imperfectly, moves boundaries and responsibility toward the program's
// norms and raises fidelity, in proportion to the skill it gives (docs/model.md §7.14). It numbers the
// coach, and one trained at week 0 becomes a founder.
void train(World& w, std::size_t i, const ModelParams& p, std::uint32_t week) {
  auto& c = w.coaches;
  c.number[i] = w.ledger.coaches_recruited++;
  if (week == 0) add_founder(c, i);
  const double skill = training_skill(p.program.training_hours, p.coaching.training_half_hours);
  c.skill[i] = f(skill);
  c.natural_openness[i] = c.openness[i];
  c.natural_responsibility[i] = c.responsibility[i];
  c.natural_fidelity[i] = c.fidelity[i];
  const double pull = p.coaching.training_style_pull * skill;
  c.openness[i] += f(pull * (p.program.norm_openness - c.openness[i]));
  c.responsibility[i] += f(pull * (p.program.norm_responsibility - c.responsibility[i]));
  c.fidelity[i] += f(p.coaching.training_fidelity_gain * skill * (1.0 - c.fidelity[i]));
  c.active[i] = 1;
  c.start_week[i] = static_cast<std::int32_t>(week);
  c.time_factor[i] = 1.0f;
}

}  // namespace

std::size_t train_patient_as_coach(World& w, std::size_t i, std::uint32_t week, sim::random::Purpose style_stream) {
  auto& pts = w.patients;
  auto& c = w.coaches;
  const std::size_t arm = pts.arm[i];
  const ModelParams& p = w.arm_p(arm);
  const std::size_t k = c.append();
  KeyedStream stream({w.seed, style_stream, pts.id[i], 0});
  place_style(c, k, draw_style(stream, p.coaches));
  c.id[k] = kReciprocalPeerId | pts.id[i];
  c.arm[k] = static_cast<std::uint8_t>(arm);
  c.patient[k] = static_cast<std::int32_t>(i);  // their own diabetes, traits and all (World::coach_person)
  train(w, k, p, week);
  w.book(arm, kCostTraining, week, p.costs.training_per_trainee + p.costs.training_per_trainee_hour * p.program.training_hours);
  return k;
}

namespace {

// Reciprocal peers of an arm: its patients paired in enrolment order (which randomization makes
// random), the two partners each other's coach; by the arm's matching policy, first grouped by
// language (language, style) or by language, sex and age (similarity: age-matched pairs). Each
// partner is trained as a coach with a style drawn from their own stream; an odd patient out of
// the arm has no partner.
void pair_reciprocal_peers(World& w, std::size_t arm) {
  auto& pts = w.patients;
  std::vector<std::size_t> members;
  for (std::size_t i = 0; i < pts.size(); ++i) {
    if (pts.arm[i] == arm) members.push_back(i);
  }
  const Matching policy = w.arm_p(arm).program.matching;
  const auto& people = pts.people;
  if (policy == Matching::Language || policy == Matching::Style) {
    std::stable_sort(members.begin(), members.end(),
                     [&](std::size_t a, std::size_t b) { return people.language(a) < people.language(b); });
  } else if (policy == Matching::Similarity) {
    std::stable_sort(members.begin(), members.end(), [&](std::size_t a, std::size_t b) {
      return std::tuple(people.language(a), people.female(a), people.age[a]) <
             std::tuple(people.language(b), people.female(b), people.age[b]);
    });
  }
  for (std::size_t n = 0; n + 1 < members.size(); n += 2) {
    const std::size_t pair[2] = {members[n], members[n + 1]};
    std::size_t as_coach[2];
    for (int side = 0; side < 2; ++side) {
      as_coach[side] = train_patient_as_coach(w, pair[side], 0, purpose::kReciprocalPeer);
      w.coaches.caseload[as_coach[side]] = 1;
    }
    for (int side = 0; side < 2; ++side) {
      auto& rec = pts.records;
      const std::size_t s = pts.record(pair[side]);
      rec.coach[s] = static_cast<std::int32_t>(as_coach[1 - side]);
      if (rec.has_first_coach)
        rec.first_coach[s] = static_cast<std::int32_t>(w.coaches.number[as_coach[1 - side]]);
      rec.coaches_had[s] = 1;
    }
  }
}

// A coach candidate's measured HbA1c coaches.former_hba1c_years ago (docs/model.md §5): the set level
// then was today's less the progression since, plus a random walk of the person's own course (SD
// coaches.hba1c_drift_sd per square-root year: changes of therapy, behaviour, weight); the slow
// fluctuation then correlates with today's by exp(-weeks / fluctuation_weeks); plus measurement error.
double former_measured_hba1c(const PersonDraw& d, const ModelParams& p, double fluct_sd, std::uint64_t seed,
                             std::uint32_t candidate) {
  const double years = p.coaches.former_hba1c_years;
  const auto u = sim::random::stream_block({seed, purpose::kCoachHistory, candidate, 0});
  const double set_then = d.h_set - p.clinical.progression_per_year * years +
                          p.coaches.hba1c_drift_sd * std::sqrt(years) * sim::random::to_standard_normal(u[0]);
  const double rho = std::exp(-52.0 * years / p.clinical.fluctuation_weeks);
  const double fluctuation_then =
      fluctuation_later(d.fluctuation, rho, fluct_sd, sim::random::to_standard_normal(u[1]));
  return set_then + fluctuation_then + p.clinical.measurement_sd * sim::random::to_standard_normal(u[2]);
}

}  // namespace

double within_person_sd(double population_sd, double fluctuation_sd) {
  return std::min(fluctuation_sd, population_sd * std::sqrt(kMaxWithinPersonVarianceShare));
}

namespace {
double distance_from_norms(double openness, double responsibility, const ProgramParams& program) {
  return 0.5 * (std::abs(openness - program.norm_openness) +
                std::abs(responsibility - program.norm_responsibility));
}
}  // namespace

double style_distance(const Coaches& c, std::size_t k, const ProgramParams& program) {
  return distance_from_norms(c.openness[k], c.responsibility[k], program);
}

double training_skill(double training_hours, double half_hours) {
  return 1.0 - std::exp2(-training_hours / half_hours);
}

namespace {

// A coach candidate as screening finds them: the person, their own measured HbA1c, whether they are
// eligible (own and former HbA1c); for an eligible one, what their own stream draws next: race and
// ethnicity, whether they complete training and pass its exam, and their style.
struct CoachScreen {
  PersonDraw d{};
  double own_measured = 0;
  bool eligible = false;
  bool completes = false, passes = false;
  CoachStyle style{};
};

CoachScreen screen_coach_candidate(const World& w, std::size_t arm, std::uint32_t candidate) {
  const auto& p = w.arm_p(arm);
  const auto& from = w.coach_candidates[arm];  // the population coach candidates come from
  const auto& cp = p.coaches;
  const double fluct_sd = within_person_sd(from.population.hba1c_sd, p.clinical.fluctuation_sd);
  CoachScreen s;
  KeyedStream stream({w.seed, purpose::kCoachCandidate, candidate, 0});
  // Coaches have no clinic: the clinics' share of the spread stays in their own set level.
  s.d = draw_person(stream, from, fluct_sd, 0.0);
  s.own_measured = measurement(stream, s.d.h_set + s.d.fluctuation, p.clinical.measurement_sd);
  s.eligible = s.own_measured < cp.own_hba1c_max && s.own_measured >= cp.own_hba1c_min &&
               (cp.former_hba1c_min <= 0 ||
                former_measured_hba1c(s.d, p, fluct_sd, w.seed, candidate) >= cp.former_hba1c_min);
  if (!s.eligible) return s;
  s.d.race_ethnicity = race_ethnicity_given(
      s.d.language, keyed_uniform(w.seed, purpose::kCoachRaceEthnicity, candidate), from.population);
  s.completes = boost::random::uniform_01<double>()(stream) >= cp.training_dropout;
  s.passes = boost::random::uniform_01<double>()(stream) < cp.exam_pass_rate;
  s.style = draw_style(stream, cp);  // drawn whatever happens next: no one else's draws move
  // The behaviours' Beta quantiles draw nothing (their normals are drawn): computed only for those who
  // become coaches, not for the candidates training and the exam turn away.
  if (s.completes && s.passes) admit_behaviours(s.d, from, w.candidate_behaviours[arm]);
  return s;
}

// Coach candidates screened ahead, a block at a time on the executor's threads (every draw is keyed
// by the candidate, so screening ahead changes no one's draws), for one arm at a time.
class ScreenedCandidates {
 public:
  explicit ScreenedCandidates(const sim::Executor& executor) : executor_(executor) {}

  const CoachScreen& at(const World& w, std::size_t arm, std::uint32_t candidate, std::size_t ahead) {
    if (arm != arm_ || candidate < first_ || candidate - first_ >= block_.size()) {
      arm_ = arm;
      first_ = candidate;
      block_.assign(std::max<std::size_t>(ahead, 1), CoachScreen{});
      // Small chunks: a week's block is a few dozen to a few hundred candidates of about 10 us each,
      // far below the executor's grain for cheap per-agent work, and both threads should have some.
      constexpr std::size_t kCandidatesPerChunk = 2;
      executor_.for_each_fixed_chunk(block_.size(), kCandidatesPerChunk, [&](std::size_t, sim::AgentRange r) {
        for (std::size_t n = r.begin; n < r.end; ++n) {
          block_[n] = screen_coach_candidate(w, arm, first_ + static_cast<std::uint32_t>(n));
        }
      });
    }
    return block_[candidate - first_];
  }

 private:
  const sim::Executor& executor_;
  std::size_t arm_ = 0;
  std::uint32_t first_ = 0;
  std::vector<CoachScreen> block_;
};

// Recruits trainees from the coach candidate stream until one qualifies (recruit_coach); `ahead`:
// how many candidates to screen at once when the screened ones run out.
std::size_t recruit_screened(World& w, std::size_t arm, std::uint32_t week, ScreenedCandidates& screened,
                             std::size_t ahead) {
  const auto& p = w.arm_p(arm);
  const auto& cp = p.coaches;
  for (std::uint32_t tries = 0;; ++tries) {
    if (tries > kMaxCandidatesPerSlot) {
      throw sim::InputError(
          "coach eligibility and training admit almost no one (coaches.own_hba1c_min, "
          "coaches.own_hba1c_max, coaches.former_hba1c_min, coaches.training_dropout, "
          "coaches.exam_pass_rate)");
    }
    const std::uint32_t candidate = w.ledger.next_coach_candidate++;
    const CoachScreen& screen = screened.at(w, arm, candidate, ahead);
    w.book(arm, kCostRecruitment, week, p.costs.screening_per_candidate);
    // Not eligible: never enters training.
    if (!screen.eligible) continue;
    // Screening by style (an interview against the program's norms) before training, when the program screens.
    if (cp.screening_max_distance < 1.0) {
      w.book(arm, kCostRecruitment, week, p.costs.style_interview_per_candidate);
      if (distance_from_norms(screen.style.openness, screen.style.responsibility, p.program) >
          cp.screening_max_distance) {
        continue;
      }
    }
    w.book(arm, kCostTraining, week, p.costs.training_per_trainee + p.costs.training_per_trainee_hour * p.program.training_hours);
    if (!screen.completes || !screen.passes) continue;
    auto& c = w.coaches;
    const std::size_t i = c.append();
    place_style(c, i, screen.style);
    c.id[i] = candidate;
    c.arm[i] = static_cast<std::uint8_t>(arm);
    train(w, i, p, week);
    auto place = [&](People& people, std::size_t at) {
      place_person(people, at, screen.d);
      people.clinic_hba1c[at] = f(screen.own_measured);
    };
    const auto own = w.coach_person(i);  // a founder's in Coaches::founders, with their twin
    place(own.people, own.index);
    if (c.is_founder(i)) place(c.founders.twin, own.index);
    return i;
  }
}

}  // namespace

std::size_t recruit_coach(World& w, std::size_t arm, std::uint32_t week) {
  const sim::Executor serial(sim::ExecutionMode::Serial);
  ScreenedCandidates screened(serial);
  return recruit_screened(w, arm, week, screened, 1);
}

void recruit_coaches(World& w, const std::vector<std::uint8_t>& arms, std::uint32_t week,
                     const sim::Executor& executor) {
  ScreenedCandidates screened(executor);
  const std::uint32_t first_candidate = w.ledger.next_coach_candidate;
  for (std::size_t n = 0; n < arms.size(); ++n) {
    // Screen ahead about as many candidates as the recruits left will take (two per recruit at first).
    const double per_recruit =
        n == 0 ? 2.0 : static_cast<double>(w.ledger.next_coach_candidate - first_candidate) / static_cast<double>(n);
    const auto ahead = static_cast<std::size_t>(std::clamp(1.2 * per_recruit * static_cast<double>(arms.size() - n), 8.0, 4096.0));
    recruit_screened(w, arms[n], week, screened, ahead);
  }
}

namespace {

// Tabulates the copula behaviours' quantiles (models/beta_quantile.hpp) where a run draws enough of
// them to repay the tables: the values are the same either way. A Beta shape that several behaviours
// or populations share (patients and coach candidates alike) is tabulated once.
void tabulate_behaviours(World& w) {
  w.candidate_behaviours.assign(w.arms.size(), std::nullopt);
  if (w.p().population.enrolled < kTabulatedBehavioursFrom) return;
  std::vector<BetaQuantiles> built;
  auto shape = [&built](double mean, double concentration) {
    for (const auto& table : built) {
      if (table.mean() == mean && table.concentration() == concentration) return table;
    }
    return built.emplace_back(mean, concentration);
  };
  auto tables = [&shape](const PopulationParams& q) {
    return BehaviourQuantiles{shape(q.self_management_mean, q.self_management_concentration),
                              shape(q.adherence_mean, q.adherence_concentration)};
  };
  w.patient_behaviours = tables(w.p().population);
  for (std::size_t a = 0; a < w.arms.size(); ++a)
    w.candidate_behaviours[a] = tables(w.coach_candidates[a].population);
}

}  // namespace

World make_world(const ModelParams& params, std::uint64_t replicate_seed, const sim::Executor& executor,
                 const Enrolment* known, const std::vector<bool>* arms_wanted, Enrolment* found) {
  World w;
  w.params = &params;
  w.seed = replicate_seed;
  for (std::size_t a = 0; a < params.arms.size(); ++a) {
    w.arms.push_back(arm_params(params, a));
    w.coach_candidates.push_back(coach_candidate_params(w.arms.back()));
    w.arm_coached.push_back(params.arms[a].coached() ? 1 : 0);
    auto& by_clinic = w.intensification.emplace_back(params.population.clinics);
    for (std::uint32_t c = 0; c < params.population.clinics; ++c) {
      by_clinic[c] = clinic_intensification_probability(w.arms.back(), replicate_seed, c);
    }
  }
  tabulate_behaviours(w);
  w.ledger.cost_cumulative.assign(params.arms.size(), 0.0);
  w.ledger.costs = CostLedger(params.arms.size(), run_years(params));
  for (const auto& arm : w.arms) {
    w.patients.has_entry_weeks |= arm.program.enrolment_months > 0;
    w.patients.has_weeks_coached |= arm.program.graduation_months > 0;
  }
  w.patients.records.has_first_coach = params.output.patient_table || params.output.coach_table;
  enrol_patients(w, executor, known, arms_wanted, found);
  if (arms_wanted != nullptr) {
    std::vector<std::uint8_t> keep(w.patients.size());
    for (std::size_t i = 0; i < keep.size(); ++i) keep[i] = (*arms_wanted)[w.patients.arm[i]] ? 1 : 0;
    w.patients.keep_only(keep);
  }
  w.patients.hold_records(w.arm_coached);
  w.clinic_patients.assign(params.population.clinics, 0);
  for (const auto clinic : w.patients.clinic) ++w.clinic_patients[clinic];
  for (std::size_t a = 0; a < params.arms.size(); ++a) {
    if (w.arm_p(a).program.weeks == 0) continue;
    if (params.arms[a].intervention == Intervention::PeerCoaching) {
      recruit_coaches(w, std::vector<std::uint8_t>(w.arm_p(a).coaches.count, static_cast<std::uint8_t>(a)), 0, executor);
    } else if (params.arms[a].intervention == Intervention::ReciprocalPeer) {
      pair_reciprocal_peers(w, a);
    }
  }
  // Every founder is recruited (at week 0): their columns keep no room for more.
  w.coaches.founders.for_each_column([](auto& column, auto) { column.shrink_to_fit(); });
  match_unassigned(w, 0);
  return w;
}

}  // namespace coachsim
