#include "core/bus/InputTransformer.h"

#include <algorithm>

namespace ef {

namespace {

const char *const kRuleArn = "aws.events.rule-arn";
const char *const kRuleName = "aws.events.rule-name";
const char *const kIngestionTime = "aws.events.event.ingestion-time";
const char *const kEvent = "aws.events.event";
const char *const kEventJson = "aws.events.event.json";

bool isPredefined(std::string_view name)
{
    return name == kRuleArn || name == kRuleName || name == kIngestionTime || name == kEvent
           || name == kEventJson;
}

// "InputTemplate for target t1 ..." or, without an id, "InputTemplate ...".
QString forTarget(const QString &targetId)
{
    return targetId.isEmpty() ? QString() : QStringLiteral(" for target ") + targetId;
}

QString fromStd(const std::string &s)
{
    return QString::fromStdString(s);
}

bool isKeyChar(QChar c)
{
    return (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9')
           || c == u'_' || c == u'-';
}

// Characters a placeholder name may hold: the InputPathsMap key characters
// plus '.', which the predefined variables use. Anything else between '<'
// and '>' is ordinary text (e.g. "a < b > c").
bool isPlaceholderChar(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'
           || c == '-' || c == '.';
}

std::size_t skipSpaces(const std::string &s, std::size_t i)
{
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        ++i;
    return i;
}

QString validatePath(const QString &path, const QString &what)
{
    if (path.size() > kMaxInputPathLength) {
        return what + QStringLiteral(" is longer than %1 characters.").arg(kMaxInputPathLength);
    }
    std::string reason;
    if (!json::JsonPath::parse(path.toStdString(), &reason))
        return what + QStringLiteral(" is not a valid JSON path: ") + fromStd(reason) + u'.';
    return {};
}

} // namespace

QString TargetInputTransform::compileTemplate(const InputTransformer &transformer,
                                              const QString &forTarget,
                                              TargetInputTransform &into)
{
    const QString &templ = transformer.inputTemplate;
    if (templ.isEmpty())
        return QStringLiteral("InputTemplate") + forTarget + QStringLiteral(" is empty.");
    if (templ.size() > kMaxInputTemplateLength) {
        return QStringLiteral("InputTemplate") + forTarget
               + QStringLiteral(" is longer than %1 characters.").arg(kMaxInputTemplateLength);
    }
    if (transformer.inputPathsMap.size() > kMaxInputPathsMapEntries) {
        return QStringLiteral("InputPathsMap") + forTarget
               + QStringLiteral(" has %1 entries; at most %2 are allowed.")
                     .arg(transformer.inputPathsMap.size())
                     .arg(kMaxInputPathsMapEntries);
    }

    // Variables: the map's keys (last one wins for a repeated key), then the
    // predefined ones on first use.
    for (const auto &[key, path] : transformer.inputPathsMap) {
        const QString keyText = QStringLiteral("InputPathsMap key \"") + key + u'"' + forTarget;
        if (isPredefined(key.toStdString())
            || key.startsWith(QStringLiteral("aws."), Qt::CaseInsensitive)) {
            return keyText + QStringLiteral(" is reserved: names starting with \"aws.\" belong to "
                                            "the predefined variables.");
        }
        if (key.isEmpty() || key.size() > kMaxInputPathsMapKeyLength
            || !std::all_of(key.begin(), key.end(), isKeyChar)) {
            return keyText
                   + QStringLiteral(" is not valid: a key is 1 to %1 characters of A-Z, a-z, "
                                    "0-9, '_' and '-'.")
                         .arg(kMaxInputPathsMapKeyLength);
        }
        const QString pathError = validatePath(
            path, QStringLiteral("InputPathsMap value of \"") + key + u'"' + forTarget);
        if (!pathError.isEmpty())
            return pathError;
        const std::string name = key.toStdString();
        Variable variable{name, Source::Path, json::JsonPath::parse(path.toStdString())};
        auto existing = std::find_if(into.m_variables.begin(), into.m_variables.end(),
                                     [&](const Variable &v) { return v.name == name; });
        if (existing != into.m_variables.end())
            *existing = std::move(variable);
        else
            into.m_variables.push_back(std::move(variable));
    }

    const std::string text = templ.toStdString();
    const std::size_t first = skipSpaces(text, 0);
    into.m_jsonTemplate = first < text.size() && text[first] == '{';

    auto variableIndex = [&](const std::string &name) -> int {
        for (std::size_t v = 0; v < into.m_variables.size(); ++v) {
            if (into.m_variables[v].name == name)
                return static_cast<int>(v);
        }
        Source source;
        if (name == kRuleArn)
            source = Source::RuleArn;
        else if (name == kRuleName)
            source = Source::RuleName;
        else if (name == kIngestionTime)
            source = Source::IngestionTime;
        else if (name == kEvent)
            source = Source::Event;
        else if (name == kEventJson)
            source = Source::EventJson;
        else
            return -1;
        into.m_variables.push_back({name, source, std::nullopt});
        return static_cast<int>(into.m_variables.size()) - 1;
    };

    // Split into literal text and placeholders, noting for each placeholder
    // whether it sits inside a quoted string. A backslash escapes the next
    // character inside a string, as in JSON.
    std::string probe;  // the template with placeholders stood in for, to check JSON syntax
    std::string literal;
    bool inString = false;
    bool escaped = false;
    std::string placeholderInString;  // a placeholder met in the current string
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        if (c == '<' && !escaped) {
            std::size_t end = i + 1;
            while (end < text.size() && isPlaceholderChar(text[end]))
                ++end;
            if (end < text.size() && text[end] == '>' && end > i + 1) {
                const std::string name = text.substr(i + 1, end - i - 1);
                const int index = variableIndex(name);
                if (index < 0) {
                    return QStringLiteral("InputTemplate") + forTarget
                           + QStringLiteral(" contains invalid placeholder ") + fromStd(name)
                           + u'.';
                }
                const Source source = into.m_variables[static_cast<std::size_t>(index)].source;
                if (inString && (source == Source::Event || source == Source::EventJson)) {
                    return QStringLiteral("InputTemplate") + forTarget + QStringLiteral(" uses <")
                           + fromStd(name)
                           + QStringLiteral("> inside a quoted string; it can only be the value "
                                            "of a JSON field.");
                }
                if (into.m_jsonTemplate && !inString) {
                    const std::size_t next = skipSpaces(text, end + 1);
                    if (next < text.size() && text[next] == ':') {
                        return QStringLiteral("InputTemplate") + forTarget
                               + QStringLiteral(" uses placeholder <") + fromStd(name)
                               + QStringLiteral("> as an object key, which is not allowed.");
                    }
                }
                if (inString)
                    placeholderInString = name;
                if (!literal.empty())
                    into.m_parts.push_back({Context::Literal, std::move(literal), -1});
                literal.clear();
                into.m_parts.push_back({inString ? Context::Quoted : Context::Bare, {}, index});
                // Same length, so a syntax error's offset is the template's; "[]"
                // cannot merge with its neighbours as a number would ("-<v>", "1<v>").
                const std::size_t length = end + 1 - i;
                probe += inString ? std::string(length, 'x') : "[]" + std::string(length - 2, ' ');
                i = end + 1;
                continue;
            }
        }
        if (inString) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                inString = false;
                const std::size_t next = skipSpaces(text, i + 1);
                if (into.m_jsonTemplate && !placeholderInString.empty() && next < text.size()
                    && text[next] == ':') {
                    return QStringLiteral("InputTemplate") + forTarget
                           + QStringLiteral(" uses placeholder <") + fromStd(placeholderInString)
                           + QStringLiteral("> in an object key, which is not allowed.");
                }
            }
        } else if (c == '"') {
            inString = true;
            placeholderInString.clear();
        }
        literal += c;
        probe += c;
        ++i;
    }
    if (!literal.empty())
        into.m_parts.push_back({Context::Literal, std::move(literal), -1});

    if (into.m_jsonTemplate) {
        json::Value ignored;
        std::string reason;
        if (!json::parse(probe, ignored, &reason)) {
            return QStringLiteral("InputTemplate") + forTarget
                   + QStringLiteral(" is not valid JSON: ") + fromStd(reason) + u'.';
        }
    }
    return {};
}

std::optional<TargetInputTransform> TargetInputTransform::compile(const TargetInput &input,
                                                                  const QString &targetId,
                                                                  QString *error)
{
    const QString target = forTarget(targetId);
    auto failed = [&](const QString &message) -> std::optional<TargetInputTransform> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    const int given = int(input.input.has_value()) + int(input.inputPath.has_value())
                      + int(input.inputTransformer.has_value());
    if (given > 1) {
        return failed(QStringLiteral("Only one of Input, InputPath, or InputTransformer must be "
                                     "provided")
                      + target + u'.');
    }

    TargetInputTransform t;
    if (input.input) {
        if (input.input->size() > kMaxInputLength) {
            return failed(QStringLiteral("Input") + target
                          + QStringLiteral(" is longer than %1 characters.").arg(kMaxInputLength));
        }
        json::Value ignored;
        std::string reason;
        t.m_constant = input.input->toStdString();
        if (!json::parse(t.m_constant, ignored, &reason)) {
            return failed(QStringLiteral("Input") + target
                          + QStringLiteral(" is not a valid JSON text: ") + fromStd(reason)
                          + u'.');
        }
        t.m_mode = Mode::Constant;
    } else if (input.inputPath) {
        const QString pathError = validatePath(*input.inputPath, QStringLiteral("InputPath") + target);
        if (!pathError.isEmpty())
            return failed(pathError);
        t.m_path = json::JsonPath::parse(input.inputPath->toStdString());
        t.m_mode = Mode::Path;
    } else if (input.inputTransformer) {
        const QString templateError = compileTemplate(*input.inputTransformer, target, t);
        if (!templateError.isEmpty())
            return failed(templateError);
        t.m_mode = Mode::Template;
    }
    return t;
}

bool TargetInputTransform::apply(std::string_view eventJson, const RuleContext &rule,
                                 std::string &out, std::string *error) const
{
    if (m_mode == Mode::WholeEvent) {
        out += eventJson;
        return true;
    }
    if (m_mode == Mode::Constant) {
        out += m_constant;
        return true;
    }
    json::Value event;
    std::string reason;
    if (!json::parse(eventJson, event, &reason)) {
        if (error)
            *error = "The event is not valid JSON: " + reason + ".";
        return false;
    }
    if (!event.isObject()) {
        if (error)
            *error = "The event is not a JSON object.";
        return false;
    }
    return apply(event, eventJson, rule, out);
}

bool TargetInputTransform::apply(const json::Value &event, std::string_view eventJson,
                                 const RuleContext &rule, std::string &out) const
{
    switch (m_mode) {
    case Mode::WholeEvent:
        out += eventJson;
        return true;
    case Mode::Constant:
        out += m_constant;
        return true;
    case Mode::Path:
        if (std::optional<json::Value> v = m_path->evaluate(event))
            json::write(*v, out);
        else
            out += "null";
        return true;
    case Mode::Template:
        for (const Part &part : m_parts) {
            if (part.context == Context::Literal)
                out += part.literal;
            else
                insert(part, event, rule, out);
        }
        return true;
    }
    return true;
}

void TargetInputTransform::insert(const Part &part, const json::Value &event,
                                  const RuleContext &rule, std::string &out) const
{
    const Variable &variable = m_variables[static_cast<std::size_t>(part.variable)];
    std::optional<json::Value> value;
    switch (variable.source) {
    case Source::Path:
        value = variable.path->evaluate(event);
        break;
    case Source::RuleArn:
        value = json::Value::string(rule.ruleArn.toStdString());
        break;
    case Source::RuleName:
        value = json::Value::string(rule.ruleName.toStdString());
        break;
    case Source::IngestionTime:
        if (!rule.ingestionTime.isEmpty()) {
            value = json::Value::string(rule.ingestionTime.toStdString());
        } else if (const json::Value *time = event.find("time"); time && time->isString()) {
            value = *time;
        } else {
            value = json::Value::string({});
        }
        break;
    case Source::Event: {
        json::Value copy;
        copy.kind = json::Value::Kind::Object;
        for (const auto &[key, member] : event.members) {
            if (key == "detail")
                continue;
            copy.members.push_back(
                json::Member{key == "detail-type" ? std::string("detailType") : key, member});
        }
        value = std::move(copy);
        break;
    }
    case Source::EventJson:
        json::write(event, out);  // compile() allows it outside quotes only
        return;
    }

    if (!value) {
        // The variable "isn't created": nothing, or an empty string where the
        // service would have added quotes around a string.
        if (part.context == Context::Bare && m_jsonTemplate)
            out += "\"\"";
        return;
    }
    const json::Value &v = *value;
    if (part.context == Context::Quoted) {
        if (v.isString())
            json::writeEscaped(v.text, out);
        else if (v.isContainer())
            json::writeUnquoted(v, out);
        else
            json::write(v, out);
        return;
    }
    if (!m_jsonTemplate && v.isString()) {
        out += v.text;
        return;
    }
    json::write(v, out);
}

TargetInput targetInputOf(const Target &target)
{
    TargetInput input;
    input.input = target.input;
    input.inputPath = target.inputPath;
    if (target.inputTransformer) {
        input.inputTransformer = InputTransformer{target.inputTransformer->inputPathsMap,
                                                  target.inputTransformer->inputTemplate};
    }
    return input;
}

QString validateTargetInput(const Target &target)
{
    return validateTargetInput(targetInputOf(target), target.id);
}

QString validateTargetInput(const TargetInput &input, const QString &targetId)
{
    QString error;
    if (!TargetInputTransform::compile(input, targetId, &error))
        return error;
    return {};
}

TransformOutcome transformTargetInput(const TargetInput &input, std::string_view eventJson,
                                      const RuleContext &rule, const QString &targetId)
{
    TransformOutcome outcome;
    QString error;
    const std::optional<TargetInputTransform> transform =
        TargetInputTransform::compile(input, targetId, &error);
    if (!transform) {
        outcome.error = error;
        return outcome;
    }
    std::string text;
    std::string reason;
    if (!transform->apply(eventJson, rule, text, &reason)) {
        outcome.error = QString::fromStdString(reason);
        return outcome;
    }
    outcome.ok = true;
    outcome.text = QString::fromStdString(text);
    return outcome;
}

} // namespace ef
