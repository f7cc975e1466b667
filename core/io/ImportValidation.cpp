#include "core/io/ImportValidation.h"

#include "core/bus/Engine.h"

#include <QRegularExpression>

namespace ef::io {

namespace {

ImportProblem problemAt(const SourceLocation &at, const ServiceError &error)
{
    return {at.file, at.line, at.path, QStringLiteral("%1: %2").arg(error.code, error.message)};
}

} // namespace

void validateOnEngine(const Scenario &base, const ImportedResources &resources,
                      std::vector<ImportProblem> &problems)
{
    EngineOptions options;
    options.traceCapacity = 1024;  // a trial: nothing is delivered
    options.eventCapacity = 1024;
    Engine engine(options);
    if (const Status applied = engine.applyScenario(base); !applied) {
        problems.push_back({QString(), 0, QString(),
                            QStringLiteral("the scenario to import into is not valid: %1")
                                .arg(applied.error().message)});
        return;
    }
    for (const ImportedBus &bus : resources.buses) {
        if (engine.describeEventBus(bus.bus.name))
            continue;  // importing a bus that exists keeps it
        if (const Result<EventBusInfo> created = engine.createEventBus(bus.bus); !created)
            problems.push_back(problemAt(bus.at, created.error()));
    }
    for (const ImportedRule &rule : resources.rules) {
        if (rule.mode != ImportedRule::Mode::TargetsOnly) {
            if (const Result<QString> put = engine.putRule(rule.rule); !put) {
                problems.push_back(problemAt(rule.at, put.error()));
                continue;
            }
        }
        if (rule.targets.empty())
            continue;
        PutTargetsRequest request{rule.rule.name, rule.rule.eventBusName, rule.targets};
        const Result<PutTargetsResponse> put = engine.putTargets(request);
        if (!put) {
            // "... at 'targets.2.member.retryPolicy...'" names the target (from 1).
            static const QRegularExpression member(QStringLiteral("'targets\\.([0-9]+)\\."));
            const QRegularExpressionMatch m = member.match(put.error().message);
            const std::size_t index = m.hasMatch() ? m.captured(1).toULongLong() : 0;
            problems.push_back(problemAt(index >= 1 && index <= rule.targetAt.size()
                                             ? rule.targetAt[index - 1]
                                             : rule.at,
                                         put.error()));
            continue;
        }
        for (const FailedTargetEntry &failed : put->failedEntries) {
            SourceLocation at = rule.at;
            for (std::size_t i = 0; i < rule.targets.size() && i < rule.targetAt.size(); ++i) {
                if (rule.targets[i].id == failed.targetId)
                    at = rule.targetAt[i];
            }
            problems.push_back(problemAt(at, {failed.errorCode, failed.errorMessage}));
        }
    }
}

} // namespace ef::io
