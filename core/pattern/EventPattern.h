#pragma once

// Public surface of the event-pattern engine. Everything else in core/pattern
// is private to it: parse/validate -> compile -> match -> explain, a file each.
//
// Concurrency: a RuleSet is not synchronised. Build and mutate it on one thread;
// const member functions (match, explain) may run concurrently from several
// threads as long as nobody mutates the set meanwhile.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ef::pattern {

// "Event pattern is not valid. Reason: <reason>" is the full message the service
// shows; `reason` alone names the field path and the problem.
struct PatternError
{
    std::string reason;
    std::string path;  // the field the reason is about ("detail.amount"), or "" for the whole

    std::string message() const { return "Event pattern is not valid. Reason: " + reason; }
};

using RuleId = std::uint32_t;

struct RuleSetData;  // the compiled form, private to core/pattern

// Outcome of compiling one pattern: ok, or the reason it was rejected.
struct CompileResult
{
    bool ok = false;
    PatternError error;
    explicit operator bool() const { return ok; }
};

// One field's part in a verdict, for the sandbox and `--explain`.
struct FieldExplanation
{
    std::string path;      // e.g. "detail.amount"
    bool satisfied = false;
    std::string wanted;    // the pattern's matchers for this path, as JSON text
    std::string had;       // the event's values at this path as JSON text, or "" when missing
    bool missing = false;  // the event has no leaf at this path
};

struct Explanation
{
    bool match = false;
    // For a miss: every failing field. For a hit: the fields and the values that
    // satisfied them (within the $or branch that matched, if any).
    std::vector<FieldExplanation> fields;
    // Set when no single field fails on its own but the fields are satisfied only
    // by different elements of one event array (array consistency).
    std::string note;
    std::string text() const;  // human-readable, one line per field
};

class RuleSet
{
public:
    RuleSet();
    ~RuleSet();
    RuleSet(RuleSet &&) noexcept;
    RuleSet &operator=(RuleSet &&) noexcept;

    // Adds (or replaces) a named rule. Only this rule's structures are touched.
    CompileResult add(std::string_view name, std::string_view patternJson);
    bool remove(std::string_view name);
    bool contains(std::string_view name) const;
    std::size_t size() const;

    // Matches a raw JSON event (parsed once) against every rule at once.
    // Appends the matched rules' ids to `out` (unordered, no duplicates).
    // Returns false, with `error` set, when the event is not a JSON object.
    bool match(std::string_view eventJson, std::vector<RuleId> &out,
               std::string *error = nullptr) const;
    const std::string &name(RuleId id) const;

    // The compiled form, for the explainer and white-box tests inside core/pattern.
    const RuleSetData &data() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

// Validates a pattern on its own (no rule set); the same compiler as RuleSet::add.
CompileResult validatePattern(std::string_view patternJson);

// TestEventPattern: a one-rule set, matched once. Returns 1 (match), 0 (no
// match) or -1 with `error` set (invalid pattern, or an event that is not a
// JSON object).
int testEventPattern(std::string_view patternJson, std::string_view eventJson,
                     std::string *error = nullptr);

// Which fields decided the verdict. Shares the compiler and matcher with the
// above; `error` is set (and an empty explanation returned) on invalid input.
Explanation explain(std::string_view patternJson, std::string_view eventJson,
                    std::string *error = nullptr);

} // namespace ef::pattern
