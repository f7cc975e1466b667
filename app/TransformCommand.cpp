// `eventflow transform --vectors FILE`: what a target receives, one JSON line
// out per line in. Each input line is
//   {"event":{...},"target":{"Input":..|"InputPath":..|"InputTransformer":{..}},
//    "rule":{"name":..,"arn":..},"ingestion_time":".."}
// and each output line {"input":"<text>"} or {"error":"<message>"}. stdout
// carries those lines only; the exit code is 0 whenever FILE was read.

#include "Command.h"

#include "core/bus/InputTransformer.h"
#include "core/bus/JsonValue.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>

#include <cstdio>
#include <string>

namespace {

using ef::json::Value;

// The member `key` of `object` as a string, or false with `error` set.
bool stringMember(const Value &object, const char *key, const char *where,
                  std::optional<QString> &out, std::string &error)
{
    const Value *v = object.find(key);
    if (!v)
        return true;
    if (!v->isString()) {
        error = std::string(where) + key + " must be a string";
        return false;
    }
    out = QString::fromStdString(v->text);
    return true;
}

bool readTarget(const Value &target, ef::TargetInput &input, QString &targetId, std::string &error)
{
    if (!target.isObject()) {
        error = "\"target\" must be a JSON object";
        return false;
    }
    std::optional<QString> id;
    if (!stringMember(target, "Id", "target.", id, error))
        return false;
    targetId = id.value_or(QString());
    if (const Value *constant = target.find("Input")) {
        // The API carries Input as a string of JSON text; a JSON value written
        // in its place is taken as that text.
        input.input = QString::fromStdString(constant->isString() ? constant->text
                                                                  : ef::json::toText(*constant));
    }
    if (!stringMember(target, "InputPath", "target.", input.inputPath, error))
        return false;
    if (const Value *transformer = target.find("InputTransformer")) {
        if (!transformer->isObject()) {
            error = "target.InputTransformer must be a JSON object";
            return false;
        }
        ef::InputTransformer t;
        if (const Value *map = transformer->find("InputPathsMap")) {
            if (!map->isObject()) {
                error = "target.InputTransformer.InputPathsMap must be a JSON object";
                return false;
            }
            for (const auto &[key, path] : map->members) {
                if (!path.isString()) {
                    error = "target.InputTransformer.InputPathsMap." + key + " must be a string";
                    return false;
                }
                t.inputPathsMap.append({QString::fromStdString(key),
                                        QString::fromStdString(path.text)});
            }
        }
        std::optional<QString> templ;
        if (!stringMember(*transformer, "InputTemplate", "target.InputTransformer.", templ, error))
            return false;
        if (!templ) {
            error = "target.InputTransformer.InputTemplate is required";
            return false;
        }
        t.inputTemplate = *templ;
        input.inputTransformer = std::move(t);
    }
    return true;
}

// One vector line to the text of its output line.
std::string answer(std::string_view line)
{
    auto fail = [](const std::string &message) {
        std::string out = "{\"error\":";
        ef::json::writeString(message, out);
        out += '}';
        return out;
    };
    Value vector;
    std::string reason;
    if (line.empty())
        return fail("the line is empty");
    if (!ef::json::parse(line, vector, &reason))
        return fail("the line is not valid JSON: " + reason);
    if (!vector.isObject())
        return fail("the line is not a JSON object");
    const Value *event = vector.find("event");
    if (!event || !event->isObject())
        return fail("\"event\" is required and must be a JSON object");

    ef::TargetInput input;
    QString targetId;
    if (const Value *target = vector.find("target")) {
        if (!readTarget(*target, input, targetId, reason))
            return fail(reason);
    }
    ef::RuleContext rule;
    if (const Value *r = vector.find("rule")) {
        if (!r->isObject())
            return fail("\"rule\" must be a JSON object");
        std::optional<QString> name, arn;
        if (!stringMember(*r, "name", "rule.", name, reason)
            || !stringMember(*r, "arn", "rule.", arn, reason)) {
            return fail(reason);
        }
        rule.ruleName = name.value_or(QString());
        rule.ruleArn = arn.value_or(QString());
    }
    std::optional<QString> ingestion;
    if (!stringMember(vector, "ingestion_time", "", ingestion, reason))
        return fail(reason);
    rule.ingestionTime = ingestion.value_or(QString());

    QString error;
    const auto transform = ef::TargetInputTransform::compile(input, targetId, &error);
    if (!transform)
        return fail(error.toStdString());
    std::string text;
    transform->apply(*event, ef::json::toText(*event), rule, text);
    std::string out = "{\"input\":";
    ef::json::writeString(text, out);
    out += '}';
    return out;
}

int runTransform(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("eventflow transform"));
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Prints what a rule target receives (Input, InputPath, InputTransformer) "
                       "for each line of FILE, one JSON line each."));
    parser.addHelpOption();
    const QCommandLineOption vectors(QStringLiteral("vectors"),
                                     QStringLiteral("JSON Lines of {event, target, rule, "
                                                    "ingestion_time}."),
                                     QStringLiteral("FILE"));
    parser.addOption(vectors);
    QStringList arguments = QCoreApplication::arguments();
    arguments.removeAt(1);  // the command name
    parser.process(arguments);
    if (!parser.isSet(vectors)) {
        std::fprintf(stderr, "eventflow transform: --vectors FILE is required\n");
        return 2;
    }
    QFile file(parser.value(vectors));
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "eventflow transform: cannot read %s: %s\n",
                     qPrintable(file.fileName()), qPrintable(file.errorString()));
        return 2;
    }
    const QByteArray content = file.readAll();
    std::string_view rest(content.constData(), static_cast<std::size_t>(content.size()));
    if (rest.substr(0, 3) == "\xEF\xBB\xBF")
        rest.remove_prefix(3);  // a UTF-8 byte order mark, as some editors write
    std::string output;
    while (!rest.empty()) {
        const std::size_t end = rest.find('\n');
        std::string_view line = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        output += answer(line);
        output += '\n';
    }
    std::fwrite(output.data(), 1, output.size(), stdout);
    return 0;
}

const CommandRegistration registration{
    Command{QStringLiteral("transform"),
            QStringLiteral("print what a target receives for each line of --vectors FILE"),
            runTransform}};

} // namespace
