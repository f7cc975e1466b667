#pragma once

// A producer function defined by data: it turns an HTTP request body such as
// {"eventType":"OrderPlaced","amount":149.99} into one PutEvents entry, logs
// like a Lambda function and answers like the function behind the lab's API.
// Nothing about a particular shop is in here; the scenario file says which
// event types exist, which fields each detail has and where they come from.
//
// Definition (JSON):
//   {"name": "...", "eventBusName": "...", "source": "...",
//    "typeField": "eventType", "defaultType": "OrderPlaced",
//    "variables": {"customerId": <value>},          evaluated once per request
//    "types": {"OrderPlaced": [{"field": "orderId", "value": <value>}, ...]},
//    "logLines": ["Published ${$.detail-type} event", ...],  consumer log lines
//                 (core/consumers), rendered on the event it published
//    "successMessage": "...${type}...", "unknownTypeMessage": "...${type}...",
//    "publishErrorMessage": "...${error}..."}
// where <value> is one of
//   {"const": <json>}                       a constant
//   {"body": "amount", "default": <json>}   a body field, else the default
//   {"body": "items", "defaultJson": "[...]"}  the same, the default as JSON text
//                                             (keeps object members in their order)
//   {"body": "customerId", "generate": "customer-{hex8}"}  ... else generated
//   {"generate": "order-{hex8}"}            {hex4} {hex8} {hex12} {uuid}
//   {"variable": "customerId"}              a variable's value
//   {"now": "local"}                        the time, "2026-01-01T00:00:00.000000"
//   {"now": "utc"}                          the time, "2026-01-01T00:00:00Z"

#include "core/bus/JsonValue.h"
#include "core/bus/Random.h"
#include "core/bus/SimTime.h"
#include "core/consumers/ConsumerDefinition.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ef {

class Producer
{
public:
    // nullopt with `error` = "<path>: <reason>" (path e.g. "$.producers[0].types") when invalid.
    static std::optional<Producer> fromJson(const QJsonObject &definition, const QString &path,
                                            QString *error);
    QJsonObject toJson() const { return m_definition; }

    const QString &name() const { return m_name; }
    const QString &eventBusName() const { return m_bus; }
    const QString &source() const { return m_source; }
    QStringList eventTypes() const;

    // One request turned into an event detail, or the answer refusing it.
    struct Prepared
    {
        bool ok = false;
        int statusCode = 200;       // when !ok: 400
        QByteArray errorBody;       // when !ok
        std::string detailType;
        std::string detail;         // JSON text
        json::Value detailValue;
    };
    Prepared prepare(const QByteArray &body, bus::Random &random, SimTime now) const;
    // What the function logs (consumer log lines), rendered on the event it published.
    const consumers::ConsumerDefinition *logger() const { return m_logger.get(); }
    // An envelope-like text for the log when the bus refused the entry.
    std::string unpublishedEnvelope(const Prepared &request) const;
    QByteArray successBody(const Prepared &request, const QString &eventId) const;
    QByteArray errorBody(const QString &error) const;

private:
    struct ValueSpec
    {
        enum class Kind { Const, Body, Generate, Variable, Now } kind = Kind::Const;
        json::Value constant;
        std::string bodyField;
        std::optional<json::Value> fallback;
        std::string generate;  // pattern; with Body: generated when absent
        std::string variable;
        bool utc = false;
    };
    struct Field
    {
        std::string name;
        ValueSpec value;
    };
    struct EventType
    {
        std::string name;
        std::vector<Field> fields;
    };

    static std::optional<ValueSpec> parseSpec(const QJsonObject &o, const QString &path,
                                              QString *error);
    json::Value evaluate(const ValueSpec &spec, const json::Value &body,
                         const std::vector<std::pair<std::string, json::Value>> &variables,
                         bus::Random &random, SimTime now) const;
    QString fill(const QString &text, const QString &type, const QString &detail,
                 const QString &error = QString()) const;

    QJsonObject m_definition;
    QString m_name, m_bus, m_source;
    std::string m_typeField = "eventType";
    std::string m_defaultType;
    std::vector<std::pair<std::string, ValueSpec>> m_variables;
    std::vector<EventType> m_types;
    std::shared_ptr<const consumers::ConsumerDefinition> m_logger;
    QString m_successMessage, m_unknownTypeMessage, m_publishErrorMessage;
};

} // namespace ef
