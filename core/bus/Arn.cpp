#include "core/bus/Arn.h"

#include <QStringList>

namespace ef {

QString Arn::toString() const
{
    return QStringLiteral("arn:%1:%2:%3:%4:%5")
        .arg(partition, service, region, account, resource);
}

std::optional<Arn> Arn::parse(const QString &text)
{
    // arn:partition:service:region:account:resource, where the resource may
    // itself contain ':' (lambda's "function:name").
    const QStringList parts = text.split(QLatin1Char(':'));
    if (parts.size() < 6 || parts[0] != QLatin1String("arn") || parts[1].isEmpty()
        || parts[2].isEmpty())
        return std::nullopt;
    Arn arn;
    arn.partition = parts[1];
    arn.service = parts[2];
    arn.region = parts[3];
    arn.account = parts[4];
    arn.resource = parts.mid(5).join(QLatin1Char(':'));
    if (arn.resource.isEmpty())
        return std::nullopt;
    return arn;
}

QString Arn::eventBus(const QString &region, const QString &account, const QString &bus)
{
    return Arn{QStringLiteral("aws"), QStringLiteral("events"), region, account,
               QStringLiteral("event-bus/") + bus}
        .toString();
}

QString Arn::rule(const QString &region, const QString &account, const QString &bus,
                  const QString &rule)
{
    const QString resource = bus == QLatin1String("default")
                                 ? QStringLiteral("rule/") + rule
                                 : QStringLiteral("rule/%1/%2").arg(bus, rule);
    return Arn{QStringLiteral("aws"), QStringLiteral("events"), region, account, resource}
        .toString();
}

QString Arn::lambdaFunction(const QString &region, const QString &account,
                            const QString &function)
{
    return Arn{QStringLiteral("aws"), QStringLiteral("lambda"), region, account,
               QStringLiteral("function:") + function}
        .toString();
}

QString Arn::sqsQueue(const QString &region, const QString &account, const QString &queue)
{
    return Arn{QStringLiteral("aws"), QStringLiteral("sqs"), region, account, queue}.toString();
}

bool Arn::isSqsQueueName(const QString &name)
{
    if (name.isEmpty() || name.size() > 80)
        return false;
    for (const QChar c : name) {
        const bool ascii = c.unicode() < 128 && c.isLetterOrNumber();
        if (!ascii && c != u'-' && c != u'_')
            return false;
    }
    return true;
}

} // namespace ef
