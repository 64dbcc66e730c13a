#include "models/statistics.hpp"

#include <cmath>

namespace coachsim {

double arm_output_value(const ReplicateResult& r, const StatisticInfo& statistic, StatisticSite at) {
  return r.arm_summary[statistic.output->id][at.arm];
}

double change_difference_value(const ReplicateResult& r, const StatisticInfo&, StatisticSite at) {
  return r.arm_summary[kChangeMean][at.arm] - r.arm_summary[kChangeMean][at.reference];
}

double itt_change_difference_value(const ReplicateResult& r, const StatisticInfo&, StatisticSite at) {
  return r.arm_summary[kIttChangeMeasured][at.arm] - r.arm_summary[kIttChangeMeasured][at.reference];
}

double itt_change_true_difference_value(const ReplicateResult& r, const StatisticInfo&, StatisticSite at) {
  return r.arm_summary[kIttChangeTrue][at.arm] - r.arm_summary[kIttChangeTrue][at.reference];
}

double replicate_output_value(const ReplicateResult& r, const StatisticInfo& statistic, StatisticSite) {
  return r.summary[statistic.output->id];
}

double coach_attrition_value(const ReplicateResult& r, const StatisticInfo&, StatisticSite) {
  return r.summary[kCoachesEver] > 0 ? r.summary[kCoachesQuit] / r.summary[kCoachesEver] : std::nan("");
}

std::optional<Statistic> statistic_named(std::string_view name) {
  for (const auto& s : kStatistics) {
    if (name == s.name) return s.id;
  }
  return std::nullopt;
}

std::string long_name_of(const StatisticInfo& statistic, const std::string& treated, const std::string& reference) {
  std::string text = statistic.long_name;
  for (const auto& [key, value] : {std::pair<std::string, const std::string&>{"{treated}", treated},
                                   std::pair<std::string, const std::string&>{"{reference}", reference}}) {
    for (auto at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size())) {
      text.replace(at, key.size(), value);
    }
  }
  return text;
}

}  // namespace coachsim
