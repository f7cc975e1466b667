#include "ui/sandbox/SandboxVerdict.h"

#include "core/bus/InputTransformer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace ef::ui {

namespace {
int countFields(const QJsonObject &object)
{
    int n = 0;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() == u"$or") {
            for (const QJsonValue &branch : it.value().toArray())
                n += countFields(branch.toObject());
        } else if (it.value().isObject()) {
            n += countFields(it.value().toObject());
        } else {
            ++n;
        }
    }
    return n;
}
} // namespace

int patternFieldCount(const QString &patternJson)
{
    return countFields(QJsonDocument::fromJson(patternJson.toUtf8()).object());
}

SandboxVerdict evaluateSandbox(const QString &patternJson, const QString &eventJson,
                               const RuleInfo *rule, const std::vector<Target> &targets)
{
    SandboxVerdict v;
    const QByteArray pattern = patternJson.toUtf8();
    const QByteArray event = eventJson.toUtf8();
    const std::string_view p(pattern.constData(), pattern.size());
    const std::string_view e(event.constData(), event.size());
    std::string error;
    const int verdict = pattern::testEventPattern(p, e, &error);
    if (verdict < 0) {
        v.result = SandboxVerdict::Result::Error;
        v.error = QString::fromStdString(error);
        return v;
    }
    v.result = verdict == 1 ? SandboxVerdict::Result::Match : SandboxVerdict::Result::NoMatch;
    std::string explainError;
    v.explanation = pattern::explain(p, e, &explainError);
    if (!v.matched() || !rule)
        return v;

    RuleContext context;
    context.ruleName = rule->name;
    context.ruleArn = rule->arn;
    // Ingestion time: the event's own time, as for an event just put.
    context.ingestionTime =
        QJsonDocument::fromJson(event).object().value(QStringLiteral("time")).toString();
    for (const Target &t : targets) {
        TargetPreview preview;
        preview.id = t.id;
        preview.arn = t.arn;
        const TransformOutcome out = transformTargetInput(targetInputOf(t), e, context, t.id);
        preview.ok = out.ok;
        preview.received = out.text;
        preview.error = out.error;
        v.targets.push_back(preview);
    }
    return v;
}

} // namespace ef::ui
