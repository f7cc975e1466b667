#include "core/api/MetricsApi.h"

#include "core/api/AwsJson.h"
#include "core/bus/Engine.h"

#include <QMap>
#include <QXmlStreamWriter>

#include <cmath>

namespace ef::api {

namespace {

const QString kXmlNamespace = QStringLiteral("http://monitoring.amazonaws.com/doc/2010-08-01/");

// One call, whichever protocol carried it. Absent members stay unset so
// "required" can be told from "empty".
struct MetricsCall
{
    QString action;
    std::optional<QString> nameSpace;
    std::optional<QString> metricName;
    std::optional<QString> unit;
    std::vector<Dimension> dimensions;
    std::optional<SimTime> startTime;
    std::optional<SimTime> endTime;
    std::optional<int> period;
    QStringList statistics;
    QStringList extendedStatistics;
};

ServiceError invalidValue(const QString &message)
{
    return {QStringLiteral("InvalidParameterValueException"), message};
}

ServiceError missing(const char *parameter)
{
    return {QStringLiteral("MissingRequiredParameterException"),
            QStringLiteral("The parameter %1 is required.").arg(QLatin1String(parameter))};
}

Result<GetMetricStatisticsResponse> getMetricStatistics(Engine &engine, const MetricsCall &c)
{
    if (!c.nameSpace)
        return missing("Namespace");
    if (!c.metricName)
        return missing("MetricName");
    if (!c.startTime)
        return missing("StartTime");
    if (!c.endTime)
        return missing("EndTime");
    if (!c.period)
        return missing("Period");
    if (!c.extendedStatistics.isEmpty()) {
        return invalidValue(QStringLiteral("ExtendedStatistics (percentiles) are not "
                                           "supported; use Statistics"));
    }
    GetMetricStatisticsRequest r;
    r.nameSpace = *c.nameSpace;
    r.metricName = *c.metricName;
    r.dimensions = c.dimensions;
    std::sort(r.dimensions.begin(), r.dimensions.end(),
              [](const Dimension &a, const Dimension &b) { return a.name < b.name; });
    r.startTime = *c.startTime;
    r.endTime = *c.endTime;
    r.periodSeconds = *c.period;
    r.statistics = c.statistics;
    auto result = engine.getMetricStatistics(r);
    if (result && c.unit) {
        // CloudWatch answers a unit that differs from the data's with no datapoints.
        auto &points = result.value().datapoints;
        points.erase(std::remove_if(points.begin(), points.end(),
                                    [&](const Datapoint &p) { return p.unit != *c.unit; }),
                     points.end());
    }
    return result;
}

ListMetricsResponse listMetrics(Engine &engine, const MetricsCall &c)
{
    ListMetricsRequest r;
    r.nameSpace = c.nameSpace.value_or(QString());
    r.metricName = c.metricName.value_or(QString());
    r.dimensions = c.dimensions;
    return engine.listMetrics(r);
}

// ---- Query protocol ------------------------------------------------------------

QMap<QString, QString> parseForm(const QByteArray &form)
{
    QMap<QString, QString> params;
    for (const QByteArray &pair : form.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        QByteArray key = eq < 0 ? pair : pair.left(eq);
        QByteArray value = eq < 0 ? QByteArray() : pair.mid(eq + 1);
        key.replace('+', ' ');
        value.replace('+', ' ');
        params.insert(QString::fromUtf8(QByteArray::fromPercentEncoding(key)),
                      QString::fromUtf8(QByteArray::fromPercentEncoding(value)));
    }
    return params;
}

std::optional<QString> param(const QMap<QString, QString> &p, const QString &key)
{
    const auto it = p.constFind(key);
    return it == p.constEnd() ? std::nullopt : std::optional<QString>(it.value());
}

QStringList memberList(const QMap<QString, QString> &p, const QString &prefix)
{
    QStringList out;
    for (int i = 1;; ++i) {
        const auto v = param(p, QStringLiteral("%1.member.%2").arg(prefix).arg(i));
        if (!v)
            return out;
        out.append(*v);
    }
}

Result<MetricsCall> decodeQuery(const QMap<QString, QString> &p)
{
    MetricsCall c;
    c.action = p.value(QStringLiteral("Action"));
    c.nameSpace = param(p, QStringLiteral("Namespace"));
    c.metricName = param(p, QStringLiteral("MetricName"));
    c.unit = param(p, QStringLiteral("Unit"));
    for (int i = 1;; ++i) {
        const QString base = QStringLiteral("Dimensions.member.%1.").arg(i);
        const auto name = param(p, base + QStringLiteral("Name"));
        if (!name)
            break;
        c.dimensions.push_back({*name, p.value(base + QStringLiteral("Value"))});
    }
    for (const char *member : {"StartTime", "EndTime"}) {
        if (const auto text = param(p, QLatin1String(member))) {
            const auto t = parseTime(text->toStdString());
            if (!t) {
                return invalidValue(QStringLiteral("The parameter %1 must be an ISO 8601 "
                                                   "timestamp, not '%2'.")
                                        .arg(QLatin1String(member), *text));
            }
            (QLatin1String(member) == QLatin1String("StartTime") ? c.startTime : c.endTime) = *t;
        }
    }
    if (const auto text = param(p, QStringLiteral("Period"))) {
        bool ok = false;
        const int period = text->toInt(&ok);
        if (!ok) {
            return invalidValue(
                QStringLiteral("The parameter Period must be an integer, not '%1'.").arg(*text));
        }
        c.period = period;
    }
    c.statistics = memberList(p, QStringLiteral("Statistics"));
    c.extendedStatistics = memberList(p, QStringLiteral("ExtendedStatistics"));
    return c;
}

// The error codes of the Query protocol ("InvalidParameterValue") differ
// from the exception names ("InvalidParameterValueException").
QString queryCode(const QString &code)
{
    if (code == QLatin1String("InvalidParameterValueException")
        || code == QLatin1String("ValidationException"))
        return QStringLiteral("InvalidParameterValue");
    if (code == QLatin1String("MissingRequiredParameterException"))
        return QStringLiteral("MissingParameter");
    if (code == QLatin1String("InvalidParameterCombinationException"))
        return QStringLiteral("InvalidParameterCombination");
    if (code == QLatin1String("ResourceNotFoundException"))
        return QStringLiteral("ResourceNotFound");
    return code;
}

QString jsonCode(const QString &code)
{
    if (code == QLatin1String("ValidationException"))
        return QStringLiteral("InvalidParameterValueException");
    return code;
}

QString xmlNumber(double v)
{
    if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15)
        return QString::number(v, 'f', 1);
    return QString::number(v, 'g', 17);
}

ApiResponse xmlError(const ServiceError &error, const QByteArray &requestId)
{
    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.writeStartDocument();
    xml.writeStartElement(QStringLiteral("ErrorResponse"));
    xml.writeDefaultNamespace(kXmlNamespace);
    xml.writeStartElement(QStringLiteral("Error"));
    const bool internal = error.code.startsWith(QLatin1String("Internal"));
    xml.writeTextElement(QStringLiteral("Type"),
                         internal ? QStringLiteral("Receiver") : QStringLiteral("Sender"));
    xml.writeTextElement(QStringLiteral("Code"), queryCode(error.code));
    xml.writeTextElement(QStringLiteral("Message"), error.message);
    xml.writeEndElement();
    xml.writeTextElement(QStringLiteral("RequestId"), QString::fromLatin1(requestId));
    xml.writeEndElement();
    xml.writeEndDocument();
    ApiResponse r = ApiResponse::make(internal ? 500 : 400, "text/xml", out);
    r.requestId = requestId;
    return r;
}

void writeDimensions(QXmlStreamWriter &xml, const std::vector<Dimension> &dimensions)
{
    xml.writeStartElement(QStringLiteral("Dimensions"));
    for (const Dimension &d : dimensions) {
        xml.writeStartElement(QStringLiteral("member"));
        xml.writeTextElement(QStringLiteral("Name"), d.name);
        xml.writeTextElement(QStringLiteral("Value"), d.value);
        xml.writeEndElement();
    }
    xml.writeEndElement();
}

template <typename Body>
ApiResponse xmlResult(const QString &action, const QByteArray &requestId, Body body)
{
    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.writeStartDocument();
    xml.writeStartElement(action + QStringLiteral("Response"));
    xml.writeDefaultNamespace(kXmlNamespace);
    xml.writeStartElement(action + QStringLiteral("Result"));
    body(xml);
    xml.writeEndElement();
    xml.writeStartElement(QStringLiteral("ResponseMetadata"));
    xml.writeTextElement(QStringLiteral("RequestId"), QString::fromLatin1(requestId));
    xml.writeEndElement();
    xml.writeEndElement();
    xml.writeEndDocument();
    ApiResponse r = ApiResponse::make(200, "text/xml", out);
    r.requestId = requestId;
    return r;
}

// ---- JSON 1.0 ------------------------------------------------------------------------

Result<MetricsCall> decodeJson(const QByteArray &operation, JsonArgs &a)
{
    MetricsCall c;
    c.action = QString::fromUtf8(operation);
    c.nameSpace = a.optString("Namespace");
    c.metricName = a.optString("MetricName");
    c.unit = a.optString("Unit");
    if (const json::Value *dims = a.array("Dimensions")) {
        for (std::size_t i = 0; i < dims->items.size(); ++i) {
            JsonArgs d(&dims->items[i], QStringLiteral("Dimensions[%1].").arg(i));
            c.dimensions.push_back({d.string("Name"), d.string("Value")});
            if (d.error())
                return *d.error();
        }
    }
    c.startTime = a.optEpochSeconds("StartTime");
    c.endTime = a.optEpochSeconds("EndTime");
    if (const auto period = a.optInteger("Period"))
        c.period = int(*period);
    c.statistics = a.stringList("Statistics");
    c.extendedStatistics = a.stringList("ExtendedStatistics");
    if (a.error())
        return *a.error();
    return c;
}

void writeJsonDatapoint(JsonOut &o, const Datapoint &p)
{
    o.beginObject().key("Timestamp").valueSeconds(p.timestamp);
    if (p.hasSampleCount)
        o.member("SampleCount", p.sampleCount);
    if (p.hasAverage)
        o.member("Average", p.average);
    if (p.hasSum)
        o.member("Sum", p.sum);
    if (p.hasMinimum)
        o.member("Minimum", p.minimum);
    if (p.hasMaximum)
        o.member("Maximum", p.maximum);
    o.memberIfSet("Unit", p.unit).endObject();
}

ApiResponse jsonMetricsError(const ServiceError &error)
{
    ApiResponse r = jsonError({jsonCode(error.code), error.message}, kAmzJson10);
    // Query-compatible services tell the SDKs the Query protocol's code too.
    r.headers.append({QByteArrayLiteral("x-amzn-query-error"),
                      queryCode(error.code).toUtf8() + ";Sender"});
    return r;
}

} // namespace

MetricsApi::MetricsApi(Engine &engine) : m_engine(engine) {}

ApiResponse MetricsApi::handleQuery(const QByteArray &form, const QByteArray &requestId)
{
    const QMap<QString, QString> params = parseForm(form);
    const Result<MetricsCall> call = decodeQuery(params);
    if (!call)
        return xmlError(call.error(), requestId);
    const MetricsCall &c = call.value();
    if (c.action == QLatin1String("GetMetricStatistics")) {
        const auto result = getMetricStatistics(m_engine, c);
        if (!result)
            return xmlError(result.error(), requestId);
        return xmlResult(c.action, requestId, [&](QXmlStreamWriter &xml) {
            xml.writeTextElement(QStringLiteral("Label"), result->label);
            xml.writeStartElement(QStringLiteral("Datapoints"));
            for (const Datapoint &p : result->datapoints) {
                xml.writeStartElement(QStringLiteral("member"));
                xml.writeTextElement(QStringLiteral("Timestamp"), isoSecondsQ(p.timestamp));
                const std::pair<bool, std::pair<const char *, double>> stats[] = {
                    {p.hasSampleCount, {"SampleCount", p.sampleCount}},
                    {p.hasAverage, {"Average", p.average}},
                    {p.hasSum, {"Sum", p.sum}},
                    {p.hasMinimum, {"Minimum", p.minimum}},
                    {p.hasMaximum, {"Maximum", p.maximum}},
                };
                for (const auto &[has, stat] : stats) {
                    if (has)
                        xml.writeTextElement(QLatin1String(stat.first), xmlNumber(stat.second));
                }
                if (!p.unit.isEmpty())
                    xml.writeTextElement(QStringLiteral("Unit"), p.unit);
                xml.writeEndElement();
            }
            xml.writeEndElement();
        });
    }
    if (c.action == QLatin1String("ListMetrics")) {
        const ListMetricsResponse result = listMetrics(m_engine, c);
        return xmlResult(c.action, requestId, [&](QXmlStreamWriter &xml) {
            xml.writeStartElement(QStringLiteral("Metrics"));
            for (const MetricId &m : result.metrics) {
                xml.writeStartElement(QStringLiteral("member"));
                xml.writeTextElement(QStringLiteral("Namespace"), m.nameSpace);
                xml.writeTextElement(QStringLiteral("MetricName"), m.metricName);
                writeDimensions(xml, m.dimensions);
                xml.writeEndElement();
            }
            xml.writeEndElement();
        });
    }
    const QString action = c.action.isEmpty() ? QStringLiteral("(none)") : c.action;
    return xmlError({QStringLiteral("InvalidAction"),
                     QStringLiteral("The action %1 is not valid for this web service; EventFlow "
                                    "serves GetMetricStatistics and ListMetrics.")
                         .arg(action)},
                    requestId);
}

ApiResponse MetricsApi::handleJson(const QByteArray &operation, const QByteArray &body)
{
    if (operation != "GetMetricStatistics" && operation != "ListMetrics") {
        return jsonError({QStringLiteral("UnknownOperationException"),
                          QStringLiteral("EventFlow does not implement "
                                         "GraniteServiceVersion20100801.%1")
                              .arg(QString::fromUtf8(operation))},
                         kAmzJson10);
    }
    const Result<json::Value> request = parseJsonBody(body);
    if (!request)
        return jsonError(request.error(), kAmzJson10);
    JsonArgs args(&request.value());
    const Result<MetricsCall> call = decodeJson(operation, args);
    if (!call)
        return jsonMetricsError(call.error());
    JsonOut o;
    if (operation == "GetMetricStatistics") {
        const auto result = getMetricStatistics(m_engine, call.value());
        if (!result)
            return jsonMetricsError(result.error());
        o.beginObject().member("Label", result->label).key("Datapoints").beginArray();
        for (const Datapoint &p : result->datapoints)
            writeJsonDatapoint(o, p);
        o.endArray().endObject();
    } else {
        const ListMetricsResponse result = listMetrics(m_engine, call.value());
        o.beginObject().key("Metrics").beginArray();
        for (const MetricId &m : result.metrics) {
            o.beginObject().member("Namespace", m.nameSpace).member("MetricName", m.metricName);
            o.key("Dimensions").beginArray();
            for (const Dimension &d : m.dimensions)
                o.beginObject().member("Name", d.name).member("Value", d.value).endObject();
            o.endArray().endObject();
        }
        o.endArray().endObject();
    }
    return jsonOk(o.take(), kAmzJson10);
}

} // namespace ef::api
