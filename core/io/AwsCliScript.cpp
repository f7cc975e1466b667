#include "core/io/AwsCliScript.h"

#include "core/bus/Arn.h"
#include "core/io/ExportJsonText.h"

#include <QStringList>

namespace ef::io {

namespace {

// Text that is partly literal, partly a shell variable (PREFIX, ACCOUNT, REGION).
struct ShellText
{
    struct Segment
    {
        bool variable = false;
        QString text;  // the literal, or the variable's name
    };
    std::vector<Segment> segments;

    void literal(const QString &text)
    {
        if (text.isEmpty())
            return;
        if (!segments.empty() && !segments.back().variable)
            segments.back().text += text;
        else
            segments.push_back({false, text});
    }
    void variable(const QString &name) { segments.push_back({true, name}); }
    void append(const ShellText &other)
    {
        for (const Segment &s : other.segments)
            s.variable ? variable(s.text) : literal(s.text);
    }
};

class Parameterizer
{
public:
    explicit Parameterizer(const ScenarioSettings &settings) : m_settings(settings) {}

    // "user3-orders" -> ${PREFIX}-orders
    ShellText name(const QString &name) const
    {
        ShellText text;
        const QString prefix = m_settings.usernamePrefix + QLatin1Char('-');
        if (!m_settings.usernamePrefix.isEmpty() && name.startsWith(prefix)
            && name.size() > prefix.size()) {
            text.variable(QStringLiteral("PREFIX"));
            text.literal(name.mid(prefix.size() - 1));
        } else {
            text.literal(name);
        }
        return text;
    }

    // Region, account and every prefixed name inside the resource part.
    ShellText arn(const QString &value) const
    {
        const std::optional<Arn> arn = Arn::parse(value);
        if (!arn)
            return name(value);
        ShellText text;
        text.literal(QStringLiteral("arn:%1:%2:").arg(arn->partition, arn->service));
        field(text, arn->region, m_settings.region, QStringLiteral("REGION"));
        text.literal(QStringLiteral(":"));
        field(text, arn->account, m_settings.account, QStringLiteral("ACCOUNT"));
        text.literal(QStringLiteral(":"));
        // "function:user3-x", "event-bus/user3-bus", "rule/user3-bus/user3-rule"
        QString token;
        for (const QChar c : arn->resource) {
            if (c == QLatin1Char(':') || c == QLatin1Char('/')) {
                text.append(name(token));
                text.literal(QString(c));
                token.clear();
            } else {
                token += c;
            }
        }
        text.append(name(token));
        return text;
    }

    // A bus is named by name or by ARN.
    ShellText busRef(const QString &bus) const
    {
        return bus.startsWith(QLatin1String("arn:")) ? arn(bus) : name(bus);
    }

private:
    const ScenarioSettings &m_settings;

    static void field(ShellText &text, const QString &value, const QString &setting,
                      const QString &variable)
    {
        if (!value.isEmpty() && value == setting)
            text.variable(variable);
        else
            text.literal(value);
    }
};

// A word in double quotes: variables expand, everything else is literal.
QString doubleQuoted(const ShellText &text)
{
    QString out = QStringLiteral("\"");
    for (const ShellText::Segment &s : text.segments) {
        if (s.variable) {
            out += QStringLiteral("${%1}").arg(s.text);
            continue;
        }
        for (const QChar c : s.text) {
            if (c == QLatin1Char('\\') || c == QLatin1Char('"') || c == QLatin1Char('$')
                || c == QLatin1Char('`'))
                out += QLatin1Char('\\');
            out += c;
        }
    }
    return out + QLatin1Char('"');
}

// A literal word: single quotes keep everything as is ('\'' for a quote).
QString singleQuoted(const QString &text)
{
    QString out = QStringLiteral("'");
    for (const QChar c : text) {
        if (c == QLatin1Char('\''))
            out += QStringLiteral("'\\''");
        else
            out += c;
    }
    return out + QLatin1Char('\'');
}

// Inside an unquoted here-document only \, $ and ` are special.
void hereDocEscape(std::string_view text, std::string &out)
{
    for (const char c : text) {
        if (c == '\\' || c == '$' || c == '`')
            out += '\\';
        out += c;
    }
}

// The string body of a JSON string in a here-document: JSON-escaped, then
// here-document-escaped, with the variables left to expand.
std::string hereDocJsonString(const ShellText &text)
{
    std::string out;
    for (const ShellText::Segment &s : text.segments) {
        if (s.variable) {
            out += "${" + s.text.toStdString() + "}";
            continue;
        }
        std::string escaped;
        json::writeEscaped(s.text.toStdString(), escaped);
        hereDocEscape(escaped, out);
    }
    return out;
}

std::string hereDocLiteral(const QString &text)
{
    return hereDocJsonString(ShellText{{{false, text}}});
}

// The Targets list of put-targets with every string ready for the here-document.
json::Value targetsForHereDoc(const std::vector<Target> &targets, const Parameterizer &p)
{
    json::Value list;
    list.kind = json::Value::Kind::Array;
    for (const Target &target : targets) {
        json::Value doc = jsonObject();
        auto add = [&](json::Value &into, const char *key, const std::string &escaped) {
            jsonAdd(into, key, json::Value::string(escaped));
        };
        add(doc, "Id", hereDocLiteral(target.id));
        add(doc, "Arn", hereDocJsonString(p.arn(target.arn)));
        if (!target.roleArn.isEmpty())
            add(doc, "RoleArn", hereDocJsonString(p.arn(target.roleArn)));
        if (target.input)
            add(doc, "Input", hereDocLiteral(*target.input));
        if (target.inputPath)
            add(doc, "InputPath", hereDocLiteral(*target.inputPath));
        if (target.inputTransformer) {
            json::Value transformer = jsonObject();
            if (!target.inputTransformer->inputPathsMap.isEmpty()) {
                json::Value map = jsonObject();
                for (const auto &[key, path] : target.inputTransformer->inputPathsMap)
                    add(map, hereDocLiteral(key).c_str(), hereDocLiteral(path));
                jsonAdd(transformer, "InputPathsMap", std::move(map));
            }
            add(transformer, "InputTemplate",
                hereDocLiteral(target.inputTransformer->inputTemplate));
            jsonAdd(doc, "InputTransformer", std::move(transformer));
        }
        if (target.deadLetterConfig) {
            json::Value dlq = jsonObject();
            add(dlq, "Arn", hereDocJsonString(p.arn(target.deadLetterConfig->arn)));
            jsonAdd(doc, "DeadLetterConfig", std::move(dlq));
        }
        if (target.retryPolicy) {
            json::Value retry = jsonObject();
            jsonAdd(retry, "MaximumRetryAttempts",
                    jsonInt(target.retryPolicy->maximumRetryAttempts));
            jsonAdd(retry, "MaximumEventAgeInSeconds",
                    jsonInt(target.retryPolicy->maximumEventAgeInSeconds));
            jsonAdd(doc, "RetryPolicy", std::move(retry));
        }
        list.items.push_back(std::move(doc));
    }
    return list;
}

QString header(const ExportSelection &selection, const QString &purpose)
{
    const QString scenario = selection.scenarioName.isEmpty()
                                 ? QStringLiteral("(unnamed)")
                                 : selection.scenarioName;
    QString s;
    s += QStringLiteral("#!/usr/bin/env bash\n");
    s += QStringLiteral("# %1 the EventBridge resources of the EventFlow scenario %2\n")
             .arg(purpose, scenario);
    s += QStringLiteral("# (%1 custom event bus(es), %2 rule(s) and their targets).\n")
             .arg(selection.buses.size())
             .arg(selection.rules.size());
    s += QStringLiteral(
        "# Variables (environment overrides): PREFIX, ACCOUNT, REGION; ENDPOINT_URL sends\n"
        "# the calls elsewhere, e.g. ENDPOINT_URL=http://127.0.0.1:4010 for EventFlow's\n"
        "# local endpoint (awscli 2.9 has no AWS_ENDPOINT_URL). Safe to run again.\n"
        "set -euo pipefail\n\n");
    s += QStringLiteral("PREFIX=\"${PREFIX:-%1}\"\n").arg(selection.settings.usernamePrefix);
    s += QStringLiteral("ACCOUNT=\"${ACCOUNT:-%1}\"\n").arg(selection.settings.account);
    s += QStringLiteral("REGION=\"${REGION:-%1}\"\n").arg(selection.settings.region);
    s += QStringLiteral("ENDPOINT_URL=\"${ENDPOINT_URL:-}\"\n\n");
    s += QStringLiteral("aws_events() {\n"
                        "  if [[ -n \"$ENDPOINT_URL\" ]]; then\n"
                        "    aws --region \"$REGION\" --endpoint-url \"$ENDPOINT_URL\" "
                        "events \"$@\"\n"
                        "  else\n"
                        "    aws --region \"$REGION\" events \"$@\"\n"
                        "  fi\n"
                        "}\n\n");
    return s;
}

QString busOption(const PutRuleRequest &rule, const Parameterizer &p, const QString &option)
{
    if (isDefaultBus(rule.eventBusName))
        return {};
    return QStringLiteral(" \\\n  %1 %2").arg(option, doubleQuoted(p.busRef(rule.eventBusName)));
}

// add-permission's statement id: [a-zA-Z0-9-_.]+, at most 100 characters.
ShellText statementId(const Parameterizer &p, const QString &rule, const QString &targetId)
{
    ShellText id;
    id.literal(QStringLiteral("eventflow-"));
    id.append(p.name(rule));
    id.literal(QLatin1Char('-') + targetId);
    return id;
}

QString deployScript(const ExportSelection &selection)
{
    const Parameterizer p(selection.settings);
    QString s = header(selection, QStringLiteral("Creates"));
    s += QStringLiteral(
        "# put-targets exits 0 even when targets fail; its FailedEntryCount tells.\n"
        "put_targets() {\n"
        "  local failed\n"
        "  failed=$(aws_events put-targets \"$@\" --query FailedEntryCount --output text)\n"
        "  if [[ \"$failed\" != \"0\" ]]; then\n"
        "    echo \"put-targets $*: $failed target(s) failed\" >&2\n"
        "    return 1\n"
        "  fi\n"
        "}\n");
    for (const CreateEventBusRequest &bus : selection.buses) {
        const QString name = doubleQuoted(p.name(bus.name));
        s += QStringLiteral("\n# Event bus %1 (kept when it exists already)\n").arg(name);
        s += QStringLiteral("if ! aws_events describe-event-bus --name %1 >/dev/null 2>&1; then\n"
                            "  aws_events create-event-bus --name %1 >/dev/null\n"
                            "fi\n"
                            "echo \"event bus %2\"\n")
                 .arg(name, name.mid(1, name.size() - 2));
    }
    QStringList permissions;
    for (const ScenarioRule &rule : selection.rules) {
        const PutRuleRequest &r = rule.rule;
        const QString name = doubleQuoted(p.name(r.name));
        s += QStringLiteral("\n# Rule %1\n").arg(name);
        s += QStringLiteral("aws_events put-rule \\\n  --name %1").arg(name);
        s += busOption(r, p, QStringLiteral("--event-bus-name"));
        s += QStringLiteral(" \\\n  --state %1").arg(r.state.value_or(QStringLiteral("ENABLED")));
        if (r.description)
            s += QStringLiteral(" \\\n  --description %1").arg(singleQuoted(*r.description));
        if (r.roleArn && !r.roleArn->isEmpty())
            s += QStringLiteral(" \\\n  --role-arn %1").arg(doubleQuoted(p.arn(*r.roleArn)));
        if (r.scheduleExpression)
            s += QStringLiteral(" \\\n  --schedule-expression %1")
                     .arg(singleQuoted(*r.scheduleExpression));
        if (r.eventPattern) {
            QString error;
            const std::optional<json::Value> pattern = parsedPattern(r, &error);
            const QString text = pattern ? QString::fromStdString(prettyJson(*pattern)).trimmed()
                                         : *r.eventPattern;
            s += QStringLiteral(" \\\n  --event-pattern %1").arg(singleQuoted(text));
        }
        s += QStringLiteral(" >/dev/null\necho \"rule %1\"\n").arg(name.mid(1, name.size() - 2));
        if (rule.targets.empty())
            continue;
        PrettyJsonOptions options;
        options.stringsPreEscaped = true;
        s += QStringLiteral("targets=$(cat <<JSON\n");
        s += QString::fromStdString(prettyJson(targetsForHereDoc(rule.targets, p), options));
        s += QStringLiteral("JSON\n)\n");
        s += QStringLiteral("put_targets \\\n  --rule %1").arg(name);
        s += busOption(r, p, QStringLiteral("--event-bus-name"));
        s += QStringLiteral(" \\\n  --targets \"$targets\"\n");
        s += QStringLiteral("echo \"%1 target(s) of rule %2\"\n")
                 .arg(rule.targets.size())
                 .arg(name.mid(1, name.size() - 2));
        const QString ruleArn = Arn::rule(selection.settings.region, selection.settings.account,
                                          ruleBusName(r), r.name);
        QStringList granted;
        for (const Target &target : rule.targets) {
            const std::optional<Arn> arn = Arn::parse(target.arn);
            if (!arn || arn->service != QLatin1String("lambda") || granted.contains(target.arn))
                continue;
            granted << target.arn;
            permissions << QStringLiteral(
                               "#   aws lambda add-permission --function-name %1 \\\n"
                               "#     --statement-id %2 --action lambda:InvokeFunction \\\n"
                               "#     --principal events.amazonaws.com --source-arn %3")
                               .arg(doubleQuoted(p.arn(target.arn)),
                                    doubleQuoted(statementId(p, r.name, target.id)),
                                    doubleQuoted(p.arn(ruleArn)));
        }
    }
    if (!permissions.isEmpty()) {
        s += QStringLiteral(
            "\n# On real AWS each function must also allow EventBridge to invoke it (once):\n");
        s += permissions.join(QLatin1Char('\n')) + QLatin1Char('\n');
    }
    return s;
}

QString cleanupScript(const ExportSelection &selection)
{
    const Parameterizer p(selection.settings);
    QString s = header(selection, QStringLiteral("Deletes"));
    s += QStringLiteral("# Targets first, then the rules, then the buses (the service refuses\n"
                        "# to delete a rule that has targets or a bus that has rules).\n");
    for (auto it = selection.rules.rbegin(); it != selection.rules.rend(); ++it) {
        const PutRuleRequest &r = it->rule;
        const QString name = doubleQuoted(p.name(r.name));
        const QString bus = isDefaultBus(r.eventBusName)
                                ? QString()
                                : QStringLiteral(" --event-bus-name ")
                                      + doubleQuoted(p.busRef(r.eventBusName));
        s += QStringLiteral("\n# Rule %1\n").arg(name);
        s += QStringLiteral("if aws_events describe-rule --name %1%2 >/dev/null 2>&1; then\n")
                 .arg(name, bus);
        if (!it->targets.empty()) {
            QStringList ids;
            for (const Target &target : it->targets)
                ids << singleQuoted(target.id);
            s += QStringLiteral("  aws_events remove-targets --rule %1%2 \\\n    --ids %3 "
                                ">/dev/null\n")
                     .arg(name, bus, ids.join(QLatin1Char(' ')));
        }
        s += QStringLiteral("  aws_events delete-rule --name %1%2\n").arg(name, bus);
        s += QStringLiteral("  echo \"deleted rule %1\"\nfi\n").arg(name.mid(1, name.size() - 2));
    }
    for (auto it = selection.buses.rbegin(); it != selection.buses.rend(); ++it) {
        const QString name = doubleQuoted(p.name(it->name));
        s += QStringLiteral("\n# Event bus %1\n").arg(name);
        s += QStringLiteral("if aws_events describe-event-bus --name %1 >/dev/null 2>&1; then\n"
                            "  aws_events delete-event-bus --name %1\n"
                            "  echo \"deleted event bus %2\"\n"
                            "fi\n")
                 .arg(name, name.mid(1, name.size() - 2));
    }
    return s;
}

} // namespace

ExportResult exportAwsCliScript(const ExportSelection &selection)
{
    ExportResult result;
    if (selection.buses.empty() && selection.rules.empty()) {
        result.error = QStringLiteral("the scenario has no event buses or rules to export");
        return result;
    }
    for (const CreateEventBusRequest &bus : selection.buses) {
        if (!bus.description.isEmpty())
            result.warnings << QStringLiteral("event bus %1: its Description is not exported "
                                              "(awscli 2.9's create-event-bus has no "
                                              "--description)").arg(bus.name);
    }
    result.files.push_back({QStringLiteral("deploy.sh"), deployScript(selection).toUtf8(), true});
    result.files.push_back({QStringLiteral("cleanup.sh"), cleanupScript(selection).toUtf8(),
                            true});
    result.ok = true;
    return result;
}

} // namespace ef::io
