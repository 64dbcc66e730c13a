#include "app/compare/comparison.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "app/json_text.hpp"
#include "app/report.hpp"
#include "sim/cli/format.hpp"

namespace coachsim::app {
namespace {

using sim::cli::fixed;

constexpr int kLabelWidth = 44;
constexpr std::size_t kCellWidth = 26;

std::string replaced(std::string text, const std::string& key, const std::string& value) {
  for (auto at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size())) {
    text.replace(at, key.size(), value);
  }
  return text;
}

// A difference as shown to people: always signed; shares in percentage points.
std::string shown_difference(double value, Display display) {
  switch (display) {
    case Display::Share: return std::isnan(value) ? "n/a" : fixed(100.0 * value, 1, true) + " pp";
    case Display::Money: return fixed(value, 0, true);
    case Display::Health: return fixed(value, 4, true);
    case Display::Count: return fixed(value, 1, true);
    case Display::Level:
    case Display::Change: return fixed(value, 2, true);
    case Display::Ratio: return fixed(value, 3, true);
  }
  return fixed(value, 3, true);
}

std::string shown_difference(const Interval& i, Display display) {
  if (!i.estimable) return "not estimable (" + std::to_string(i.replicates) + " replicates)";
  return shown_difference(i.mean, display) + " [" + shown_difference(i.lo, display) + ", " +
         shown_difference(i.hi, display) + "]";
}

std::string clipped(const std::string& text, std::size_t width) {
  return text.size() <= width ? text : text.substr(0, width - 3) + "...";
}

void print_row(std::ostream& out, const std::string& label, const std::vector<std::string>& cells) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%-*s", kLabelWidth, clipped(label, kLabelWidth - 1).c_str());
  out << buffer;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    out << "  " << cells[i];
    if (i + 1 < cells.size()) out << std::string(kCellWidth - std::min(kCellWidth, cells[i].size()), ' ');
  }
  out << "\n";
}

Json json_interval(const Interval& i) {
  return {{"mean", json_number(i.mean)},
          {"ci95", Json::array({json_number(i.lo), json_number(i.hi)})},
          {"replicates", i.replicates}};
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  return "\"" + replaced(text, "\"", "\"\"") + "\"";
}

std::string csv_number(double value) {
  if (std::isnan(value)) return "";
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.10g", value);
  return buffer;
}

}  // namespace

std::vector<double> column_values(const CompareColumn& column, const std::vector<ReplicateResult>& replicates,
                                  std::size_t treated, std::size_t reference) {
  const StatisticInfo& statistic = statistic_info(column.statistic);
  StatisticSite site{treated, reference};
  if (column.site == ColumnSite::Reference) site = {reference, 0};
  if (column.site == ColumnSite::Treated) site = {treated, 0};
  std::vector<double> values;
  values.reserve(replicates.size());
  for (const auto& r : replicates) values.push_back(statistic.value(r, statistic, site));
  return values;
}

std::string column_label(const CompareColumn& column, const Comparison& c) {
  return replaced(replaced(column.label, "{treated}", c.treated), "{reference}", c.reference);
}

Interval own_interval(const Comparison& c, std::size_t design, std::size_t column) {
  return across_replicates(c.designs[design].values[column], c.min_replicates);
}

Interval paired_difference(const Comparison& c, std::size_t design, std::size_t column) {
  const auto& values = c.designs[design].values[column];
  const auto& first = c.designs.front().values[column];
  std::vector<double> differences(values.size());
  for (std::size_t r = 0; r < values.size(); ++r) differences[r] = values[r] - first[r];
  return across_replicates(std::move(differences), c.min_replicates);
}

void print_comparison(std::ostream& out, const Comparison& c) {
  out << "coachsim compare: " << c.designs.size() << " designs, seed " << c.seed << ", " << c.replicates
      << " replicates, " << c.weeks << " weeks, follow-up at week " << c.followup_week << "\n";
  out << "Common random numbers: replicate r of every design has the same people and the same noise.\n";
  out << "Means over replicates; [95% interval across replicates]. HbA1c in %-points, change = follow-up - "
         "baseline.\n\n";
  std::vector<std::string> names, titles;
  for (const auto& d : c.designs) {
    names.push_back(clipped(d.name, kCellWidth));
    titles.push_back(clipped(d.title, kCellWidth));
  }
  print_row(out, "design", names);
  print_row(out, "", titles);
  for (std::size_t k = 0; k < kCompareColumnCount; ++k) {
    const Display display = statistic_info(kCompareColumns[k].statistic).display;
    std::vector<std::string> cells;
    for (std::size_t d = 0; d < c.designs.size(); ++d) cells.push_back(shown(own_interval(c, d, k), display));
    print_row(out, column_label(kCompareColumns[k], c), cells);
  }
  if (c.designs.size() < 2) return;
  const std::string& first = c.designs.front().name;
  out << "\nPaired differences to " << first << " (each replicate: design - " << first
      << " on the same people; mean [95% interval])\n";
  print_row(out, "design", std::vector<std::string>(names.begin() + 1, names.end()));
  for (std::size_t k = 0; k < kCompareColumnCount; ++k) {
    const Display display = statistic_info(kCompareColumns[k].statistic).display;
    std::vector<std::string> cells;
    for (std::size_t d = 1; d < c.designs.size(); ++d) {
      cells.push_back(shown_difference(paired_difference(c, d, k), display));
    }
    print_row(out, column_label(kCompareColumns[k], c), cells);
  }
}

std::string comparison_json(const Comparison& c) {
  Json designs = Json::array();
  for (std::size_t d = 0; d < c.designs.size(); ++d) {
    Json statistics = Json::object(), paired = Json::object();
    for (std::size_t k = 0; k < kCompareColumnCount; ++k) {
      statistics[kCompareColumns[k].key] = json_interval(own_interval(c, d, k));
      if (d > 0) paired[kCompareColumns[k].key] = json_interval(paired_difference(c, d, k));
    }
    designs.push_back({{"name", c.designs[d].name},
                       {"title", c.designs[d].title},
                       {"file", c.designs[d].file},
                       {"statistics", std::move(statistics)},
                       {"paired_difference", d > 0 ? std::move(paired) : Json(nullptr)}});
  }
  Json labels = Json::object();
  for (const auto& column : kCompareColumns) labels[column.key] = column_label(column, c);
  return json_text({{"seed", c.seed},
                    {"replicates", c.replicates},
                    {"weeks", c.weeks},
                    {"followup_week", c.followup_week},
                    {"treated_arm", c.treated},
                    {"reference_arm", c.reference},
                    {"reference_design", c.designs.front().name},
                    {"statistics", std::move(labels)},
                    {"designs", std::move(designs)}});
}

std::string comparison_csv(const Comparison& c) {
  std::ostringstream out;
  out << "design,title,statistic,label,kind,mean,lo,hi,replicates\n";
  for (std::size_t d = 0; d < c.designs.size(); ++d) {
    for (std::size_t k = 0; k < kCompareColumnCount; ++k) {
      for (const bool difference : {false, true}) {
        if (difference && d == 0) continue;
        const Interval i = difference ? paired_difference(c, d, k) : own_interval(c, d, k);
        out << csv_field(c.designs[d].name) << "," << csv_field(c.designs[d].title) << ","
            << kCompareColumns[k].key << "," << csv_field(column_label(kCompareColumns[k], c)) << ","
            << (difference ? "paired_difference" : "value") << "," << csv_number(i.mean) << ","
            << csv_number(i.lo) << "," << csv_number(i.hi) << "," << i.replicates << "\n";
      }
    }
  }
  return out.str();
}

}  // namespace coachsim::app
