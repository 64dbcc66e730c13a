#pragma once
// Parameters bound to the members that hold them. Each key is declared once, together with the
// member of a typed struct (`Root`) that receives its value. The same declarations give the Schema
// (parser, validator, `coachsim params`, docs) and fill(), which turns validated ParamValues into a
// Root, so no key is ever spelled a second time.
//
// A key "section.leaf" binds a member of the struct held by Root's section member (registered with
// section(), e.g. "population" -> &ModelParams::population); a bare key "leaf" binds a member of
// Root itself. Members bind as:
//   real         double
//   integer      any integer type (not bool); the declared range must fit the member's type
//   boolean      bool
//   choice       an enum, with a table of Choice{name, value}: the schema's choice list and the
//                conversion both come from that one table
//   text         std::string, free text (a Choice parameter without a choice list)
//   table_array  std::vector<Item>, whose items bind through their own Bindings<Item>
// Cross-field rules are written over a filled Root and report at a declared blame key, or at a more
// precise key of their own (an item's, "program.phases[1].to_week"). Validating values fills one
// Root for all the rules, however many there are.
//
// Mistakes in the declarations throw std::invalid_argument while the bindings are built (at
// start-up): a key declared twice (reported by ParamTable), a member bound twice, a key whose
// section is not registered or holds another struct, a range that does not fit the member, a
// default that is not among the choices, a rule blaming an undeclared key.
#include <any>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "sim/config/parameter.hpp"

namespace sim::config {

// One allowed string of an enum-valued parameter and the enumerator it stands for.
template <class E>
struct Choice {
  const char* name;
  E value;
};

template <class E>
const char* choice_name(std::span<const Choice<E>> choices, E value) {
  for (const auto& choice : choices) {
    if (choice.value == value) return choice.name;
  }
  throw std::invalid_argument("enumerator missing from its choice table");
}

template <class E>
E choice_value(std::span<const Choice<E>> choices, std::string_view name) {
  for (const auto& choice : choices) {
    if (name == choice.name) return choice.value;
  }
  throw std::invalid_argument("unexpected choice '" + std::string(name) + "'");
}

template <class T>
concept BindableInteger = std::integral<T> && !std::same_as<T, bool>;

template <class T>
concept Enumeration = std::is_enum_v<T>;

template <class Root>
class Bindings {
 public:
  using Rule = std::function<std::optional<RuleBreach>(const Root&)>;

  explicit Bindings(std::int64_t schema_version = 1) { schema_.schema_version = schema_version; }

  // Keys "name.leaf" bind members of the struct held by `member`.
  template <class Section>
  Bindings& section(const std::string& name, Section Root::*member) {
    if (!sections_.emplace(name, member).second) {
      throw std::invalid_argument("section '" + name + "' registered twice");
    }
    return *this;
  }

  template <class S>
  Bindings& real(const std::string& path, double S::*member, std::string unit, double default_value,
                 double min, double max, std::string description, std::string source) {
    schema_.params.real(path, std::move(unit), default_value, min, max, std::move(description),
                        std::move(source));
    auto at = locate(path, member);
    fills_->push_back([path, at](const ParamValues& v, Root& r) { at(r) = v.real(path); });
    setter(path, [at](const Scalar& s, Root& r) { at(r) = std::get<double>(s); });
    return *this;
  }

  template <class S, BindableInteger T>
  Bindings& integer(const std::string& path, T S::*member, std::string unit, std::int64_t default_value,
                    std::int64_t min, std::int64_t max, std::string description, std::string source) {
    schema_.params.integer(path, std::move(unit), default_value, min, max, std::move(description),
                           std::move(source));
    if (!std::in_range<T>(min) || !std::in_range<T>(max)) {
      throw std::invalid_argument("parameter '" + path + "': range [" + std::to_string(min) + ", " +
                                  std::to_string(max) + "] does not fit the type of its member");
    }
    auto at = locate(path, member);
    fills_->push_back([path, at](const ParamValues& v, Root& r) { at(r) = static_cast<T>(v.integer(path)); });
    setter(path, [at](const Scalar& s, Root& r) { at(r) = static_cast<T>(std::get<std::int64_t>(s)); });
    return *this;
  }

  template <class S>
  Bindings& boolean(const std::string& path, bool S::*member, bool default_value, std::string description,
                    std::string source) {
    schema_.params.boolean(path, default_value, std::move(description), std::move(source));
    auto at = locate(path, member);
    fills_->push_back([path, at](const ParamValues& v, Root& r) { at(r) = v.boolean(path); });
    setter(path, [at](const Scalar& s, Root& r) { at(r) = std::get<bool>(s); });
    return *this;
  }

  // `choices` must outlive the bindings (a table with static storage).
  template <class S, Enumeration E>
  Bindings& choice(const std::string& path, E S::*member, E default_value,
                   std::span<const Choice<std::type_identity_t<E>>> choices, std::string description,
                   std::string source) {
    std::vector<std::string> names;
    for (const auto& choice : choices) names.emplace_back(choice.name);
    const char* default_name = nullptr;
    for (const auto& choice : choices) {
      if (choice.value == default_value) default_name = choice.name;
    }
    if (default_name == nullptr) {
      throw std::invalid_argument("parameter '" + path + "': the default is not in the choice table");
    }
    schema_.params.choice(path, default_name, std::move(names), std::move(description), std::move(source));
    auto at = locate(path, member);
    fills_->push_back(
        [path, choices, at](const ParamValues& v, Root& r) { at(r) = choice_value(choices, v.choice(path)); });
    setter(path, [choices, at](const Scalar& s, Root& r) { at(r) = choice_value(choices, std::get<std::string>(s)); });
    return *this;
  }

  template <class S>
  Bindings& text(const std::string& path, std::string S::*member, std::string default_value,
                 std::string description, std::string source) {
    schema_.params.choice(path, std::move(default_value), {}, std::move(description), std::move(source));
    auto at = locate(path, member);
    fills_->push_back([path, at](const ParamValues& v, Root& r) { at(r) = v.choice(path); });
    setter(path, [at](const Scalar& s, Root& r) { at(r) = std::get<std::string>(s); });
    return *this;
  }

  // A table of another schema's keys and their values (e.g. an arm's parameter overrides), held
  // as given; `domain` checks the keys and values (sim/config/parameter.hpp). Absent means empty.
  template <class S>
  Bindings& open_table(const std::string& path, std::map<std::string, Scalar> S::*member,
                       std::shared_ptr<const KeyDomain> domain, std::string description) {
    schema_.params.open_table(path, std::move(domain), std::move(description));
    fills_->push_back([path, at = locate(path, member)](const ParamValues& v, Root& r) {
      if (v.has(path)) at(r) = v.table(path);
    });
    return *this;
  }

  template <class S, class Item>
  Bindings& table_array(const std::string& path, std::vector<Item> S::*member, const Bindings<Item>& items,
                        std::size_t min_items, std::size_t max_items,
                        std::vector<std::map<std::string, Scalar>> default_items, std::string description) {
    if (!items.schema_.rules.empty()) {
      throw std::invalid_argument("parameter '" + path +
                                  "': rules belong to the whole scenario, not to items");
    }
    schema_.params.table_array(path, items.schema_.params, min_items, max_items, std::move(default_items),
                               std::move(description));
    fills_->push_back(
        [path, item_fills = items.fills_, at = locate(path, member)](const ParamValues& v, Root& r) {
          auto& out = at(r);
          out.clear();
          for (const auto& item_values : v.items(path)) {
            out.push_back(Bindings<Item>::fill_with(*item_fills, item_values));
          }
        });
    return *this;
  }

  // Marks the most recently declared parameter as required.
  Bindings& required() {
    schema_.params.required();
    return *this;
  }

  // Gives the most recently declared parameter an uncertainty (probabilistic sensitivity analysis).
  Bindings& uncertain(Distribution distribution, double relative_sd, std::string source) {
    schema_.params.uncertain(distribution, relative_sd, std::move(source));
    return *this;
  }

  // A cross-field rule over the typed values; a broken rule is reported at `blame_path`. Rules run
  // only on values that passed every per-key check, so fill() cannot fail inside them. The rules
  // of one Bindings form one group (RuleGroup): the values are filled once for all of them.
  Bindings& rule(const std::string& blame_path, Rule check) {
    if (schema_.params.find(blame_path) == nullptr) {
      throw std::invalid_argument("rule blames undeclared parameter '" + blame_path + "'");
    }
    schema_.rules.push_back({blame_path, nullptr, typed_,
                             [check = std::move(check)](const std::any& root) {
                               return check(std::any_cast<const Root&>(root));
                             }});
    return *this;
  }

  const Schema& schema() const { return schema_; }

  // Sets scalar keys on an already filled Root, each value as validated for its key (a real as a
  // double): how a part of a scenario (an arm) overrides some of its parameters.
  void apply(Root& root, const std::map<std::string, Scalar>& values) const {
    for (const auto& [path, value] : values) {
      const auto it = setters_.find(path);
      if (it == setters_.end()) throw std::invalid_argument("no scalar parameter '" + path + "' to set");
      it->second(value, root);
    }
  }

  // The typed values of validated (fully resolved) ParamValues.
  Root fill(const ParamValues& values) const { return fill_with(*fills_, values); }

 private:
  template <class>
  friend class Bindings;
  using Fill = std::function<void(const ParamValues&, Root&)>;

  static Root fill_with(const std::vector<Fill>& fills, const ParamValues& values) {
    Root root{};
    for (const auto& fill : fills) fill(values, root);
    return root;
  }

  // The accessor of the member bound to `path`, after checking the key's shape and section and that
  // no other key binds the same member.
  template <class S, class T>
  auto locate(const std::string& path, T S::*member) {
    const auto dot = path.find('.');
    if constexpr (std::is_same_v<S, Root>) {
      if (dot != std::string::npos) {
        throw std::invalid_argument("parameter '" + path +
                                    "' binds a member of the root struct: expected a key without a section");
      }
      claim(path, &(probe_.get()->*member));
      return [member](Root& r) -> T& { return r.*member; };
    } else {
      if (dot == std::string::npos || path.find('.', dot + 1) != std::string::npos) {
        throw std::invalid_argument("parameter '" + path +
                                    "' binds a section member: expected a key 'section.leaf'");
      }
      const std::string name = path.substr(0, dot);
      const auto it = sections_.find(name);
      if (it == sections_.end()) {
        throw std::invalid_argument("parameter '" + path + "': no section '" + name + "' is registered");
      }
      const auto* section = std::any_cast<S Root::*>(&it->second);
      if (section == nullptr) {
        throw std::invalid_argument("parameter '" + path + "': section '" + name +
                                    "' holds another struct than the one its member belongs to");
      }
      claim(path, &((probe_.get()->**section).*member));
      return [section = *section, member](Root& r) -> T& { return (r.*section).*member; };
    }
  }

  void setter(const std::string& path, std::function<void(const Scalar&, Root&)> set) {
    setters_.emplace(path, std::move(set));
  }

  void claim(const std::string& path, const void* address) {
    const auto [it, inserted] = claimed_.emplace(address, path);
    if (!inserted) {
      throw std::invalid_argument("parameters '" + it->second + "' and '" + path +
                                  "' are bound to the same member");
    }
  }

  Schema schema_;
  std::shared_ptr<std::vector<Fill>> fills_ = std::make_shared<std::vector<Fill>>();
  // The group of this Bindings' rules: the Root filled from the values being validated.
  std::shared_ptr<const RuleGroup> typed_ = std::make_shared<const RuleGroup>(
      RuleGroup{[fills = fills_](const ParamValues& v) { return std::any(fill_with(*fills, v)); }});
  std::map<std::string, std::function<void(const Scalar&, Root&)>> setters_;  // scalar key -> apply()
  std::map<std::string, std::any> sections_;                // section name -> `Section Root::*`
  std::unique_ptr<Root> probe_ = std::make_unique<Root>();  // where each bound member lies
  std::map<const void*, std::string> claimed_;              // member address in *probe_ -> its key
};

}  // namespace sim::config
