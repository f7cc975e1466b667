#include "core/bus/Trace.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace ef {

QString happeningKindName(HappeningKind kind)
{
    switch (kind) {
    case HappeningKind::EntryAccepted: return QStringLiteral("EntryAccepted");
    case HappeningKind::EntryRejected: return QStringLiteral("EntryRejected");
    case HappeningKind::RuleMatched: return QStringLiteral("RuleMatched");
    case HappeningKind::NoRuleMatched: return QStringLiteral("NoRuleMatched");
    case HappeningKind::TargetInvoked: return QStringLiteral("TargetInvoked");
    case HappeningKind::Throttled: return QStringLiteral("Throttled");
    case HappeningKind::PermissionDenied: return QStringLiteral("PermissionDenied");
    case HappeningKind::TargetFailed: return QStringLiteral("TargetFailed");
    case HappeningKind::FunctionStarted: return QStringLiteral("FunctionStarted");
    case HappeningKind::FunctionFailed: return QStringLiteral("FunctionFailed");
    case HappeningKind::Retried: return QStringLiteral("Retried");
    case HappeningKind::Delivered: return QStringLiteral("Delivered");
    case HappeningKind::DeadLettered: return QStringLiteral("DeadLettered");
    case HappeningKind::Dropped: return QStringLiteral("Dropped");
    case HappeningKind::Forwarded: return QStringLiteral("Forwarded");
    }
    return QString();
}

QString serviceName(Service service)
{
    switch (service) {
    case Service::EventBridge: return QStringLiteral("EventBridge");
    case Service::Lambda: return QStringLiteral("Lambda");
    case Service::Sqs: return QStringLiteral("SQS");
    }
    return QString();
}

QString reasonText(Reason reason)
{
    switch (reason) {
    case Reason::None: return QString();
    case Reason::Throttled:
        return QStringLiteral("Rate exceeded: the function's concurrency limit is reached");
    case Reason::PermissionDenied:
        return QStringLiteral("EventBridge is not allowed to invoke the function "
                              "(no lambda:InvokeFunction permission for events.amazonaws.com)");
    case Reason::FunctionNotFound: return QStringLiteral("Function not found");
    case Reason::EventBusNotFound: return QStringLiteral("Event bus not found");
    case Reason::QueueNotFound: return QStringLiteral("Queue not found");
    case Reason::FunctionError: return QStringLiteral("The function returned an error");
    case Reason::RetriesExhausted:
        return QStringLiteral("Retry attempts exhausted (RetryPolicy.MaximumRetryAttempts)");
    case Reason::MaximumEventAgeExceeded:
        return QStringLiteral("Event older than the maximum event age");
    case Reason::LoopDetected:
        return QStringLiteral("Not invoked: the event would run the same rule again (loop)");
    case Reason::DeadLetterQueueFailed:
        return QStringLiteral("The dead-letter queue could not take the event");
    case Reason::RuleDeleted: return QStringLiteral("The rule or target was removed");
    case Reason::InvalidEntry: return QStringLiteral("The entry was not valid");
    }
    return QString();
}

QString HappeningView::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("happening"), kind);
    o.insert(QStringLiteral("time"), time);
    if (!eventId.isEmpty())
        o.insert(QStringLiteral("eventId"), eventId);
    if (!bus.isEmpty())
        o.insert(QStringLiteral("eventBus"), bus);
    if (!rule.isEmpty())
        o.insert(QStringLiteral("rule"), rule);
    if (!target.isEmpty())
        o.insert(QStringLiteral("target"), target);
    if (!consumer.isEmpty())
        o.insert(QStringLiteral("consumer"), consumer);
    o.insert(QStringLiteral("service"), service);
    if (attempt > 0)
        o.insert(QStringLiteral("attempt"), attempt);
    if (!requestId.isEmpty())
        o.insert(QStringLiteral("requestId"), requestId);
    if (!reason.isEmpty())
        o.insert(QStringLiteral("reason"), reason);
    if (!errorCode.isEmpty())
        o.insert(QStringLiteral("errorCode"), errorCode);
    if (valueMs != 0)
        o.insert(kind == QLatin1String("Retried") ? QStringLiteral("delayMs")
                                                   : QStringLiteral("durationMs"),
                 valueMs);
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

} // namespace ef
