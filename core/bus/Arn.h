#pragma once

#include <QString>

#include <optional>

namespace ef {

// Amazon Resource Names as EventBridge prints and accepts them. The account
// and region come from the scenario's settings.
struct Arn
{
    QString partition = QStringLiteral("aws");
    QString service;   // "events", "lambda", "sqs", "logs"
    QString region;
    QString account;
    QString resource;  // "event-bus/orders", "function:name", "queue-name", "rule/bus/name"

    QString toString() const;
    static std::optional<Arn> parse(const QString &text);

    static QString eventBus(const QString &region, const QString &account, const QString &bus);
    // Rules on the default bus are "rule/<name>"; on a custom bus "rule/<bus>/<name>".
    static QString rule(const QString &region, const QString &account, const QString &bus,
                        const QString &rule);
    static QString lambdaFunction(const QString &region, const QString &account,
                                  const QString &function);
    static QString sqsQueue(const QString &region, const QString &account, const QString &queue);
    // SQS's own rule (1-80 of [-_A-Za-z0-9]); a queue named in an ARN becomes a
    // queue node, so it must be a name the scenario file would accept too.
    static bool isSqsQueueName(const QString &name);
};

} // namespace ef
