#pragma once

// What a target receives: the whole event, a constant Input, the part of the
// event an InputPath selects, or an InputTransformer's template filled from
// the event. One implementation for delivery, PutTargets validation, the
// sandbox and `eventflow transform`, so all of them show the same text.
//
// The service's rules, as implemented here (EventBridge user guide, "Amazon
// EventBridge input transformation"):
// - No Input, InputPath or InputTransformer: the whole event.
// - Input: exactly the given JSON text, nothing from the event.
// - InputPath: the selected value as minified JSON (a string keeps its quotes);
//   a wildcard path gives the array of matches; a path that selects nothing
//   gives `null`.
// - InputTransformer: InputPathsMap names values of the event; InputTemplate
//   is text in which each <name> is replaced. The template is a JSON template
//   when it starts (after spaces) with "{", else a string template. The
//   template's own text is kept exactly; only placeholders change:
//   * inside a quoted string (in either kind of template) a string value is
//     inserted without quotes, JSON-escaped as it stands in the event, so the
//     string stays valid; numbers, true, false and null as their text; an
//     object or array with its quotes removed ({"a":"b"} -> {a:b});
//   * outside quotes in a JSON template a string value gets its quotes (the
//     service adds them), everything else is inserted as minified JSON;
//   * outside quotes in a string template a string is inserted as is,
//     anything else as minified JSON;
//   * a path that selects nothing is not created: it inserts nothing inside
//     quotes or in a string template, and "" outside quotes in a JSON template.
//   Predefined variables: <aws.events.rule-arn>, <aws.events.rule-name>,
//   <aws.events.event.ingestion-time> (strings), <aws.events.event> (the event
//   without "detail", "detail-type" named "detailType") and
//   <aws.events.event.json> (the whole event); the last two only as a JSON
//   value, never inside quotes. Numbers keep their literal text throughout.
//
// PutTargets validation (validateTargetInput) returns the message in the
// service's words, or an empty string when the target input is valid.

#include "core/bus/EventsTypes.h"
#include "core/bus/JsonPath.h"
#include "core/bus/JsonValue.h"

#include <QList>
#include <QPair>
#include <QString>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ef {

struct InputTransformer
{
    QList<QPair<QString, QString>> inputPathsMap;  // in the request's order
    QString inputTemplate;
};

// At most one member is set; none means the whole event.
struct TargetInput
{
    std::optional<QString> input;      // constant JSON text
    std::optional<QString> inputPath;  // JSONPath, e.g. "$.detail"
    std::optional<InputTransformer> inputTransformer;
};

// The Input / InputPath / InputTransformer members of a PutTargets Target.
TargetInput targetInputOf(const Target &target);

struct RuleContext
{
    QString ruleName;
    QString ruleArn;
    QString ingestionTime;  // ISO 8601; empty: the event's "time"
};

// Limits of the service model (PutTargets).
constexpr int kMaxInputLength = 8192;
constexpr int kMaxInputPathLength = 256;
constexpr int kMaxInputTemplateLength = 8192;
constexpr int kMaxInputPathsMapEntries = 100;
constexpr int kMaxInputPathsMapKeyLength = 256;

// A target input checked and prepared once (at PutTargets), applied per event.
// Immutable after compile(); apply() may run concurrently from several threads.
class TargetInputTransform
{
public:
    // nullopt with `error` set to the PutTargets message when invalid.
    // `targetId` only appears in the messages.
    static std::optional<TargetInputTransform> compile(const TargetInput &input,
                                                       const QString &targetId,
                                                       QString *error);

    // True when the target receives the event text unchanged.
    bool passesWholeEvent() const { return m_mode == Mode::WholeEvent; }

    // Appends the text the target receives to `out`. False, with `error`
    // set, when the event is not a JSON object (or nests too deep).
    bool apply(std::string_view eventJson, const RuleContext &rule, std::string &out,
               std::string *error = nullptr) const;
    // The same for an event already parsed (`eventJson` is its text).
    bool apply(const json::Value &event, std::string_view eventJson, const RuleContext &rule,
               std::string &out) const;

private:
    enum class Mode { WholeEvent, Constant, Path, Template };
    enum class Source { Path, RuleArn, RuleName, IngestionTime, Event, EventJson };
    enum class Context { Literal, Quoted, Bare };

    struct Variable
    {
        std::string name;
        Source source = Source::Path;
        std::optional<json::JsonPath> path;
    };
    struct Part
    {
        Context context = Context::Literal;
        std::string literal;  // Context::Literal
        int variable = -1;    // index into m_variables otherwise
    };

    static QString compileTemplate(const InputTransformer &transformer, const QString &forTarget,
                                   TargetInputTransform &into);
    void insert(const Part &part, const json::Value &event, const RuleContext &rule,
                std::string &out) const;

    Mode m_mode = Mode::WholeEvent;
    std::string m_constant;
    std::optional<json::JsonPath> m_path;
    bool m_jsonTemplate = false;
    std::vector<Variable> m_variables;
    std::vector<Part> m_parts;
};

// PutTargets' check of one target's Input / InputPath / InputTransformer:
// the message (ValidationException) or an empty string.
QString validateTargetInput(const TargetInput &input, const QString &targetId = {});
QString validateTargetInput(const Target &target);  // names target.id

struct TransformOutcome
{
    bool ok = false;
    QString text;   // what the target receives, when ok
    QString error;  // the validation or event error otherwise
};

// Validates, then applies to one event: the sandbox's and `eventflow
// transform`'s entry point. The engine compiles once instead.
TransformOutcome transformTargetInput(const TargetInput &input, std::string_view eventJson,
                                      const RuleContext &rule, const QString &targetId = {});

} // namespace ef
