#include "app/html_report.hpp"

#include <unistd.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "app/plotting.hpp"
#include "app/report.hpp"
#include "app/results_file.hpp"
#include "app/scenario_input.hpp"
#include "sim/cli/format.hpp"
#include "sim/input_error.hpp"
#include "sim/io/result_file.hpp"
#include "sim/io/text_file.hpp"

namespace coachsim::app {
namespace {

using sim::cli::fixed;

std::string escaped(const std::string& text) {
  std::string out;
  for (const char ch : text) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += ch;
    }
  }
  return out;
}

std::string months(double weeks) {
  const double m = weeks * 12.0 / 52.0;
  return fixed(m, std::abs(m - std::round(m)) < 0.05 ? 0 : 1) + (std::abs(m - 1.0) < 0.05 ? " month" : " months");
}

std::string read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The arm table of the summary as HTML: the same columns as the printed table.
void html_table(std::ostream& out, const RunSummary& s, Table table, const std::string& caption) {
  out << "<table class=\"summary\"><caption>" << escaped(caption) << "</caption>\n<tr><th>arm</th><th>enrolled</th>";
  for (const auto& statistic : kStatistics) {
    if (statistic.table == table && statistic.id != Statistic::NEnrolled) out << "<th>" << escaped(statistic.label) << "</th>";
  }
  out << "</tr>\n";
  for (const auto& a : s.arms) {
    out << "<tr><th>" << escaped(a.name) << "</th><td>" << shown(a[Statistic::NEnrolled].mean, Display::Count) << "</td>";
    for (const auto& statistic : kStatistics) {
      if (statistic.table != table || statistic.id == Statistic::NEnrolled) continue;
      const Interval& i = a[statistic.id];
      const bool with_interval = statistic.display == Display::Change && statistic.width < 0;
      out << "<td>" << escaped(with_interval ? shown(i, statistic.display) : shown(i.mean, statistic.display)) << "</td>";
    }
    out << "</tr>\n";
  }
  out << "</table>\n";
}

const char* const kStyle = R"(body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:1100px;margin:2em auto;
padding:0 1em;color:#1a1a1a;line-height:1.45}h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:1.6em;
border-bottom:1px solid #ccc}table{border-collapse:collapse;margin:.8em 0}caption{text-align:left;font-weight:600;
padding:.3em 0}th,td{border:1px solid #ccc;padding:.25em .6em;text-align:right}th:first-child{text-align:left}
pre{background:#f6f6f6;padding:.8em;overflow-x:auto;font-size:.85em}figure{margin:1em 0}img{max-width:100%;
border:1px solid #eee}figcaption{font-size:.9em;color:#444}.provenance td{text-align:left;font-family:monospace})";

}  // namespace

std::string scenario_in_words(const ModelParams& p) {
  std::ostringstream out;
  out << p.population.enrolled << " patients with HbA1c between " << fixed(p.eligibility.hba1c_min, 1) << "% and "
      << fixed(p.eligibility.hba1c_max, 1) << "% are randomized to ";
  for (std::size_t a = 0; a < p.arms.size(); ++a) {
    out << (a == 0 ? "" : a + 1 == p.arms.size() ? " and " : ", ") << p.arms[a].name << " ("
        << fixed(100.0 * p.arms[a].share, 0) << "%" << (p.arms[a].coached() ? ", coached" : ", not coached") << ")";
  }
  out << ". " << p.coaches.count << " peer coaches, trained for " << fixed(p.program.training_hours, 0)
      << " hours, each coach up to " << p.program.caseload << " patients with " << fixed(p.program.phone_contacts_per_month, 1)
      << " phone and " << fixed(p.program.in_person_contacts_per_month, 1) << " in-person contacts a month and "
      << fixed(p.program.supervision_hours_per_month, 1) << " hours of supervision a month; the program lasts "
      << months(p.program.weeks) << ". The simulation follows everyone for " << months(p.run.weeks)
      << " and the study measures HbA1c at " << months(p.run.followup_week) << ". " << p.run.replicates
      << " replicates (seed " << p.run.seed << ") give the intervals.";
  return out.str();
}

std::string base64(const std::string& bytes) {
  static const char* const kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const unsigned b0 = static_cast<unsigned char>(bytes[i]);
    const auto b1 = i + 1 < bytes.size() ? static_cast<unsigned char>(bytes[i + 1]) : 0u;
    const auto b2 = i + 2 < bytes.size() ? static_cast<unsigned char>(bytes[i + 2]) : 0u;
    const unsigned triple = (b0 << 16) | (b1 << 8) | b2;
    out += kAlphabet[(triple >> 18) & 63];
    out += kAlphabet[(triple >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(triple >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kAlphabet[triple & 63] : '=';
  }
  return out;
}

void write_html_report(const std::filesystem::path& results, const std::filesystem::path& html) {
  if (!std::filesystem::exists(results)) throw sim::InputError(results.string() + ": no such file");
  const sim::io::ResultReader reader(results);
  if (!reader.has_attribute("/", "Conventions") || reader.read_string_attribute("/", "Conventions") != "coachsim-1") {
    throw sim::InputError(results.string() + ": not the results file of a run (coachsim run); reports are of runs");
  }
  const Scenario scenario = load_scenario_text(reader.read_string_attribute("/", "scenario"), results.string());
  const ModelParams& p = scenario.params;
  const RunSummary summary = summarize(p, read_replicate_summaries(results));
  const std::string scenario_file = reader.read_string_attribute("/", "scenario_file");
  std::ostringstream text;
  print_summary(text, header_of(scenario_file, p), summary, p);

  // The figures, drawn by the analysis package into a private directory and inlined.
  const auto figures = std::filesystem::temp_directory_path() /
                       ("coachsim-report-" + std::to_string(getpid()) + "-" + results.stem().string());
  std::filesystem::remove_all(figures);
  plot_results(results, figures, true);
  const std::pair<const char*, const char*> kFigures[] = {
      {"hba1c_trajectory", "HbA1c by arm over time"},
      {"change_at_followup", "Change in HbA1c at follow-up"},
      {"share_at_goal", "Share of patients below 7.5%"},
      {"coaches", "Coaches: active, quitting, and their own HbA1c"}};

  std::ostringstream out;
  const std::string title = scenario.loaded.title.empty() ? scenario_file : scenario.loaded.title;
  out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>coachsim report: "
      << escaped(title) << "</title>\n<style>" << kStyle << "</style></head>\n<body>\n<h1>" << escaped(title)
      << "</h1>\n<p>coachsim report of <code>" << escaped(results.filename().string()) << "</code> (scenario <code>"
      << escaped(scenario_file) << "</code>)</p>\n<h2>The scenario</h2>\n<p id=\"scenario\">"
      << escaped(scenario_in_words(p)) << "</p>\n";
  if (!scenario.loaded.description.empty()) out << "<p>" << escaped(scenario.loaded.description) << "</p>\n";
  out << "<h2>Results</h2>\n<p>Means over replicates; [95% interval across replicates]. HbA1c in %-points, change = "
         "follow-up - baseline.</p>\n";
  html_table(out, summary, Table::IntentionToTreat, "Intention to treat: everyone randomized and alive at follow-up");
  html_table(out, summary, Table::Completers, "Completers: the patients the study observes at follow-up");
  out << "<details><summary>The summary as coachsim prints it</summary><pre>" << escaped(text.str())
      << "</pre></details>\n<h2>Figures</h2>\n";
  for (const auto& [stem, caption] : kFigures) {
    const auto png = figures / (std::string(stem) + ".png");
    if (!std::filesystem::exists(png)) continue;
    out << "<figure id=\"" << stem << "\"><img alt=\"" << caption << "\" src=\"data:image/png;base64,"
        << base64(read_bytes(png)) << "\"><figcaption>" << caption << "</figcaption></figure>\n";
  }
  std::filesystem::remove_all(figures);
  out << "<h2>Provenance</h2>\n<table class=\"provenance\">\n";
  for (const char* key : {"scenario_file", "coachsim_version", "git_commit", "build_type", "compiler", "host",
                          "start_time", "end_time"}) {
    if (reader.has_attribute("/", key)) {
      out << "<tr><th>" << key << "</th><td>" << escaped(reader.read_string_attribute("/", key)) << "</td></tr>\n";
    }
  }
  for (const char* key : {"seed", "replicates", "weeks", "threads"}) {
    if (reader.has_attribute("/", key)) {
      out << "<tr><th>" << key << "</th><td>" << reader.read_int64_attribute("/", key) << "</td></tr>\n";
    }
  }
  out << "</table>\n<details><summary>The resolved scenario (re-running it reproduces these results)</summary><pre>"
      << escaped(reader.read_string_attribute("/", "scenario")) << "</pre></details>\n</body></html>\n";
  if (html.has_parent_path()) std::filesystem::create_directories(html.parent_path());
  sim::io::write_text_atomically(html, out.str());
}

}  // namespace coachsim::app
