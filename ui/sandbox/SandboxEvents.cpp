#include "ui/sandbox/SandboxEvents.h"

#include "core/bus/JsonValue.h"
#include "core/bus/Producer.h"
#include "core/bus/Random.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace ef::ui {

namespace {

void member(std::string &out, const char *name, const QString &value)
{
    json::writeString(name, out);
    out += ':';
    json::writeString(value.toStdString(), out);
    out += ',';
}

QString fakeEventId(std::uint64_t n)
{
    // Shaped like the service's ids; derived from the sample's position.
    bus::Random r(n + 1);
    const auto a = r.next();
    const auto b = r.next();
    return QStringLiteral("%1-%2-%3-%4-%5")
        .arg(a & 0xffffffffULL, 8, 16, QLatin1Char('0'))
        .arg((a >> 32) & 0xffff, 4, 16, QLatin1Char('0'))
        .arg((a >> 48) & 0xffff, 4, 16, QLatin1Char('0'))
        .arg(b & 0xffff, 4, 16, QLatin1Char('0'))
        .arg((b >> 16) & 0xffffffffffffULL, 12, 16, QLatin1Char('0'));
}

} // namespace

QString eventEnvelope(const QString &source, const QString &detailType, const QString &detail,
                      const ScenarioSettings &settings, SimTime time, const QString &id,
                      const QStringList &resources)
{
    std::string out = "{";
    member(out, "version", QStringLiteral("0"));
    member(out, "id", id);
    member(out, "detail-type", detailType);
    member(out, "source", source);
    member(out, "account", settings.account);
    member(out, "time", isoSecondsQ(time));
    member(out, "region", settings.region);
    out += "\"resources\":[";
    for (qsizetype i = 0; i < resources.size(); ++i) {
        if (i)
            out += ',';
        json::writeString(resources[i].toStdString(), out);
    }
    out += "],\"detail\":";
    out += detail.trimmed().isEmpty() ? std::string("{}") : detail.toStdString();
    out += '}';
    return QString::fromStdString(out);
}

std::vector<SandboxEvent> sampleEventEnvelopes(const Scenario &scenario, SimTime time,
                                               QStringList *problems)
{
    std::vector<SandboxEvent> out;
    for (std::size_t i = 0; i < scenario.sampleEvents.size(); ++i) {
        const ScenarioSampleEvent &sample = scenario.sampleEvents[i];
        const QString label = QObject::tr("sample: %1").arg(sample.name);
        const QString id = fakeEventId(i);
        if (sample.producer.isEmpty()) {
            // A PutEvents entry: {"Source", "DetailType", "Detail", ...}.
            const QJsonObject &e = sample.body;
            QStringList resources;
            for (const QJsonValue &r : e.value(QStringLiteral("Resources")).toArray())
                resources << r.toString();
            out.push_back({label, eventEnvelope(e.value(QStringLiteral("Source")).toString(),
                                                e.value(QStringLiteral("DetailType")).toString(),
                                                e.value(QStringLiteral("Detail")).toString(),
                                                scenario.settings, time, id, resources)});
            continue;
        }
        const QJsonObject *definition = nullptr;
        for (const QJsonObject &p : scenario.producers) {
            if (p.value(QStringLiteral("name")).toString() == sample.producer)
                definition = &p;
        }
        QString error;
        const auto producer =
            definition ? Producer::fromJson(*definition, QStringLiteral("$.producers"), &error)
                       : std::nullopt;
        if (!producer) {
            if (problems)
                *problems << QObject::tr("%1: producer %2 %3")
                                 .arg(sample.name, sample.producer,
                                      definition ? error : QObject::tr("not found"));
            continue;
        }
        bus::Random random(i + 1);
        const QByteArray body = QJsonDocument(sample.body).toJson(QJsonDocument::Compact);
        const Producer::Prepared prepared = producer->prepare(body, random, time);
        if (!prepared.ok) {
            if (problems)
                *problems << QObject::tr("%1: %2").arg(sample.name,
                                                       QString::fromUtf8(prepared.errorBody));
            continue;
        }
        out.push_back({label, eventEnvelope(producer->source(),
                                            QString::fromStdString(prepared.detailType),
                                            QString::fromStdString(prepared.detail),
                                            scenario.settings, time, id)});
    }
    return out;
}

} // namespace ef::ui
