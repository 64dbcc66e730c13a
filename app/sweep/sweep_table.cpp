#include "app/sweep/sweep_table.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "app/compare/comparison.hpp"
#include "app/report.hpp"
#include "sim/io/result_file.hpp"

namespace coachsim::app {
namespace {

std::string number_text(double value, int digits = 10) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.*g", digits, value);
  return buffer;
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char ch : text) quoted += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return quoted + "\"";
}

std::string replaced(std::string text, const std::string& key, const std::string& value) {
  if (const auto at = text.find(key); at != std::string::npos) text.replace(at, key.size(), value);
  return text;
}

}  // namespace

PointTable read_point_table(const std::filesystem::path& path) {
  const sim::io::ResultReader reader(path);
  PointTable table;
  table.parameters = reader.read_strings("parameter").values;
  const auto points = static_cast<std::size_t>(reader.read_int64_attribute("/", "points"));
  table.values.assign(points, {});
  table.exact.assign(points, {});
  for (const auto& parameter : table.parameters) {
    const bool text = reader.variable_info(parameter).type == sim::io::ElementType::String;
    const auto strings = text ? reader.read_strings(parameter).values : std::vector<std::string>{};
    const auto numbers = text ? std::vector<double>{} : reader.read_doubles(parameter).values;
    for (std::size_t p = 0; p < points; ++p) {
      table.values[p].push_back(text ? strings[p] : number_text(numbers[p], 5));
      table.exact[p].push_back(text ? strings[p] : number_text(numbers[p]));
    }
  }
  const auto arms = reader.read_strings("arm").values;
  const bool contrast = reader.has_attribute("/", "treated_arm");
  const std::string treated = contrast ? reader.read_string_attribute("/", "treated_arm") : "";
  const std::string reference = contrast ? reader.read_string_attribute("/", "reference_arm") : "";
  table.mean.assign(points, {});
  table.lo.assign(points, {});
  table.hi.assign(points, {});
  for (const CompareColumn& column : kCompareColumns) {
    const StatisticInfo& statistic = statistic_info(column.statistic);
    if (statistic.scope == Scope::Program || !contrast) continue;  // not summarized per point
    const std::string stem = statistic.output ? statistic.output->name : statistic.name;
    if (!reader.has_object(stem + "_mean")) continue;
    const std::string& arm_name = column.site == ColumnSite::Reference ? reference : treated;
    const auto arm = static_cast<std::size_t>(std::find(arms.begin(), arms.end(), arm_name) - arms.begin());
    const bool per_arm = statistic.scope == Scope::Arm;
    const auto mean = reader.read_doubles(stem + "_mean").values;
    const auto lo = reader.read_doubles(stem + "_lo").values;
    const auto hi = reader.read_doubles(stem + "_hi").values;
    for (std::size_t p = 0; p < points; ++p) {
      const std::size_t at = per_arm ? p * arms.size() + arm : p;
      table.mean[p].push_back(mean[at]);
      table.lo[p].push_back(lo[at]);
      table.hi[p].push_back(hi[at]);
    }
    table.statistics.push_back(replaced(replaced(column.label, "{treated}", treated), "{reference}", reference));
    table.keys.push_back(column.key);
    table.displays.push_back(static_cast<int>(statistic.display));
  }
  return table;
}

void print_point_table(std::ostream& out, const PointTable& t, std::size_t max_rows) {
  std::vector<std::string> header{"point"};
  header.insert(header.end(), t.parameters.begin(), t.parameters.end());
  header.insert(header.end(), t.statistics.begin(), t.statistics.end());
  const std::size_t shown_rows = max_rows == 0 ? t.values.size() : std::min(max_rows, t.values.size());
  std::vector<std::vector<std::string>> rows;
  for (std::size_t p = 0; p < shown_rows; ++p) {
    std::vector<std::string> row{std::to_string(p)};
    row.insert(row.end(), t.values[p].begin(), t.values[p].end());
    for (std::size_t k = 0; k < t.statistics.size(); ++k) {
      const auto display = static_cast<Display>(t.displays[k]);
      const Interval interval{t.mean[p][k], t.lo[p][k], t.hi[p][k], 0, !std::isnan(t.mean[p][k])};
      row.push_back(interval.estimable ? shown(interval, display) : "n/a");
    }
    rows.push_back(std::move(row));
  }
  std::vector<std::size_t> widths(header.size());
  for (std::size_t i = 0; i < header.size(); ++i) {
    widths[i] = header[i].size();
    for (const auto& row : rows) widths[i] = std::max(widths[i], row[i].size());
  }
  auto line = [&](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      out << (i ? "  " : "") << std::string(widths[i] - cells[i].size(), ' ') << cells[i];
    }
    out << "\n";
  };
  out << "Per point: means over replicates [95% interval across replicates]\n";
  line(header);
  for (const auto& row : rows) line(row);
  if (shown_rows < t.values.size()) {
    out << "... and " << t.values.size() - shown_rows << " more points (--csv FILE writes them all)\n";
  }
}

std::string point_table_csv(const PointTable& t) {
  std::ostringstream out;
  out << "point";
  for (const auto& p : t.parameters) out << "," << csv_field(p);
  for (const auto& k : t.keys) out << "," << k << "_mean," << k << "_lo," << k << "_hi";
  out << "\n";
  for (std::size_t p = 0; p < t.values.size(); ++p) {
    out << p;
    for (const auto& v : t.exact[p]) out << "," << csv_field(v);
    for (std::size_t k = 0; k < t.keys.size(); ++k) {
      for (const double v : {t.mean[p][k], t.lo[p][k], t.hi[p][k]}) out << "," << (std::isnan(v) ? "" : number_text(v));
    }
    out << "\n";
  }
  return out.str();
}

}  // namespace coachsim::app
