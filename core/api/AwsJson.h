#pragma once

// Reading AWS JSON 1.0/1.1 request members and writing response documents.
// A member of the wrong JSON type is a SerializationException naming the
// member, as the service answers it; absent members read as empty.

#include "core/api/ApiMessage.h"
#include "core/bus/JsonValue.h"
#include "core/bus/ServiceError.h"
#include "core/bus/SimTime.h"

#include <QString>
#include <QStringList>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ef::api {

inline const QByteArray kAmzJson10 = QByteArrayLiteral("application/x-amz-json-1.0");
inline const QByteArray kAmzJson11 = QByteArrayLiteral("application/x-amz-json-1.1");

// The members of one JSON object of a request. `path` prefixes member names
// in messages ("Targets[2].").
class JsonArgs
{
public:
    JsonArgs(const json::Value *object, QString path = {});

    bool has(std::string_view name) const;
    QString string(std::string_view name);
    std::optional<QString> optString(std::string_view name);
    std::string utf8(std::string_view name);  // the raw UTF-8 text, no QString
    std::optional<qint64> optInteger(std::string_view name);
    int integer(std::string_view name, int fallback);
    bool boolean(std::string_view name, bool fallback);
    QStringList stringList(std::string_view name);
    const json::Value *object(std::string_view name);  // nullptr when absent
    const json::Value *array(std::string_view name);   // nullptr when absent
    // A timestamp member: epoch seconds (a number, possibly fractional).
    std::optional<SimTime> optEpochSeconds(std::string_view name);
    // A CloudWatch Logs time member: epoch milliseconds.
    std::optional<SimTime> optEpochMillis(std::string_view name);

    QString memberPath(std::string_view name) const;
    // The first type error met, as a SerializationException.
    const std::optional<ServiceError> &error() const { return m_error; }
    void fail(const QString &message);

private:
    const json::Value *member(std::string_view name, json::Value::Kind kind, const char *what);

    const json::Value *m_object;
    QString m_path;
    std::optional<ServiceError> m_error;
};

// A JSON document written in one pass. Strings are escaped by core/bus's
// JSON writer; the caller keeps objects and arrays balanced.
class JsonOut
{
public:
    JsonOut();
    JsonOut &beginObject();
    JsonOut &endObject();
    JsonOut &beginArray();
    JsonOut &endArray();
    JsonOut &key(const char *name);
    JsonOut &value(const QString &text);
    JsonOut &value(std::string_view text);
    JsonOut &value(qint64 number);
    JsonOut &value(double number);
    JsonOut &value(bool flag);
    JsonOut &valueSeconds(SimTime t);  // epoch seconds, as JSON timestamps travel
    JsonOut &valueMillis(SimTime t);   // epoch milliseconds (CloudWatch Logs)

    template <typename T>
    JsonOut &member(const char *name, const T &v)
    {
        return key(name).value(v);
    }
    JsonOut &memberIfSet(const char *name, const QString &text)
    {
        return text.isEmpty() ? *this : member(name, text);
    }

    QByteArray take() const;

private:
    void separate();  // the comma before a value or key, when one is due

    std::string m_text;
    std::vector<bool> m_first;  // per open container: nothing written in it yet
    bool m_afterKey = false;
};

// {"__type": code, "message": message} with HTTP 400 (500 for internal
// errors), and the x-amzn-ErrorType header the SDKs also read.
ApiResponse jsonError(const ServiceError &error, const QByteArray &contentType);
ApiResponse jsonOk(QByteArray body, const QByteArray &contentType);

// Parses a request body: an empty body reads as {}; anything but a JSON
// object is a SerializationException.
Result<json::Value> parseJsonBody(const QByteArray &body);

// One AWS JSON 1.1 request, as every service here answers it: an operation it
// does not have (`call` is null), a body that is no JSON object, or the
// operation's own reply or error.
ApiResponse answerJson11(const QString &target,
                         const std::function<Result<QByteArray>(JsonArgs &)> &call,
                         const QByteArray &body);

} // namespace ef::api
