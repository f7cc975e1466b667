#include "core/api/AwsJson.h"

#include <charconv>
#include <cmath>
#include <limits>

namespace ef::api {

namespace {

ServiceError serialization(const QString &message)
{
    return {QStringLiteral("SerializationException"), message};
}

const char *kindWord(json::Value::Kind kind)
{
    switch (kind) {
    case json::Value::Kind::Null: return "null";
    case json::Value::Kind::False:
    case json::Value::Kind::True: return "a boolean";
    case json::Value::Kind::Number: return "a number";
    case json::Value::Kind::String: return "a string";
    case json::Value::Kind::Array: return "a list";
    case json::Value::Kind::Object: return "a structure";
    }
    return "a value";
}

} // namespace

JsonArgs::JsonArgs(const json::Value *object, QString path)
    : m_object(object), m_path(std::move(path))
{
}

QString JsonArgs::memberPath(std::string_view name) const
{
    return m_path + QString::fromUtf8(name.data(), qsizetype(name.size()));
}

void JsonArgs::fail(const QString &message)
{
    if (!m_error)
        m_error = serialization(message);
}

bool JsonArgs::has(std::string_view name) const
{
    const json::Value *v = m_object ? m_object->find(name) : nullptr;
    return v && v->kind != json::Value::Kind::Null;
}

const json::Value *JsonArgs::member(std::string_view name, json::Value::Kind kind,
                                    const char *what)
{
    const json::Value *v = m_object ? m_object->find(name) : nullptr;
    if (!v || v->kind == json::Value::Kind::Null)
        return nullptr;
    const bool boolWanted = kind == json::Value::Kind::True;
    const bool matches = boolWanted ? (v->kind == json::Value::Kind::True
                                       || v->kind == json::Value::Kind::False)
                                    : v->kind == kind;
    if (!matches) {
        fail(QStringLiteral("%1 must be %2, not %3")
                 .arg(memberPath(name), QLatin1String(what), QLatin1String(kindWord(v->kind))));
        return nullptr;
    }
    return v;
}

QString JsonArgs::string(std::string_view name)
{
    return optString(name).value_or(QString());
}

std::optional<QString> JsonArgs::optString(std::string_view name)
{
    const json::Value *v = member(name, json::Value::Kind::String, "a string");
    if (!v)
        return std::nullopt;
    return QString::fromUtf8(v->text.data(), qsizetype(v->text.size()));
}

std::string JsonArgs::utf8(std::string_view name)
{
    const json::Value *v = member(name, json::Value::Kind::String, "a string");
    return v ? v->text : std::string();
}

std::optional<qint64> JsonArgs::optInteger(std::string_view name)
{
    const json::Value *v = member(name, json::Value::Kind::Number, "an integer");
    if (!v)
        return std::nullopt;
    bool ok = false;
    const qint64 n = QByteArray::fromStdString(v->text).toLongLong(&ok);
    if (!ok) {
        fail(QStringLiteral("%1 must be an integer, not %2")
                 .arg(memberPath(name), QString::fromStdString(v->text)));
        return std::nullopt;
    }
    return n;
}

int JsonArgs::integer(std::string_view name, int fallback)
{
    const std::optional<qint64> n = optInteger(name);
    if (!n)
        return fallback;
    if (*n < std::numeric_limits<int>::min() || *n > std::numeric_limits<int>::max()) {
        fail(QStringLiteral("%1 is out of range: %2").arg(memberPath(name)).arg(*n));
        return fallback;
    }
    return int(*n);
}

bool JsonArgs::boolean(std::string_view name, bool fallback)
{
    const json::Value *v = member(name, json::Value::Kind::True, "a boolean");
    return v ? v->kind == json::Value::Kind::True : fallback;
}

QStringList JsonArgs::stringList(std::string_view name)
{
    QStringList out;
    const json::Value *v = array(name);
    if (!v)
        return out;
    for (std::size_t i = 0; i < v->items.size(); ++i) {
        const json::Value &item = v->items[i];
        if (!item.isString()) {
            fail(QStringLiteral("%1[%2] must be a string, not %3")
                     .arg(memberPath(name)).arg(i).arg(QLatin1String(kindWord(item.kind))));
            return {};
        }
        out.append(QString::fromUtf8(item.text.data(), qsizetype(item.text.size())));
    }
    return out;
}

const json::Value *JsonArgs::object(std::string_view name)
{
    return member(name, json::Value::Kind::Object, "a structure");
}

const json::Value *JsonArgs::array(std::string_view name)
{
    return member(name, json::Value::Kind::Array, "a list");
}

std::optional<SimTime> JsonArgs::optEpochSeconds(std::string_view name)
{
    const json::Value *v = member(name, json::Value::Kind::Number, "a timestamp (epoch seconds)");
    if (!v)
        return std::nullopt;
    bool ok = false;
    const double seconds = QByteArray::fromStdString(v->text).toDouble(&ok);
    if (!ok || !std::isfinite(seconds) || std::fabs(seconds) > 1e13) {
        fail(QStringLiteral("%1 is not a valid timestamp: %2")
                 .arg(memberPath(name), QString::fromStdString(v->text)));
        return std::nullopt;
    }
    return fromSeconds(seconds);
}

std::optional<SimTime> JsonArgs::optEpochMillis(std::string_view name)
{
    const std::optional<qint64> ms = optInteger(name);
    if (!ms)
        return std::nullopt;
    if (*ms < -1'000'000'000'000'000LL || *ms > 1'000'000'000'000'000LL) {
        fail(QStringLiteral("%1 is out of range: %2").arg(memberPath(name)).arg(*ms));
        return std::nullopt;
    }
    return fromMillis(*ms);
}

JsonOut::JsonOut() { m_text.reserve(256); }

void JsonOut::separate()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (!m_first.empty()) {
        if (!m_first.back())
            m_text += ',';
        m_first.back() = false;
    }
}

JsonOut &JsonOut::beginObject()
{
    separate();
    m_text += '{';
    m_first.push_back(true);
    return *this;
}

JsonOut &JsonOut::endObject()
{
    m_text += '}';
    m_first.pop_back();
    return *this;
}

JsonOut &JsonOut::beginArray()
{
    separate();
    m_text += '[';
    m_first.push_back(true);
    return *this;
}

JsonOut &JsonOut::endArray()
{
    m_text += ']';
    m_first.pop_back();
    return *this;
}

JsonOut &JsonOut::key(const char *name)
{
    separate();
    json::writeString(name, m_text);
    m_text += ':';
    m_afterKey = true;
    return *this;
}

JsonOut &JsonOut::value(const QString &text)
{
    const std::string utf8 = text.toStdString();
    return value(std::string_view(utf8));
}

JsonOut &JsonOut::value(std::string_view text)
{
    separate();
    json::writeString(text, m_text);
    return *this;
}

JsonOut &JsonOut::value(qint64 number)
{
    separate();
    m_text += std::to_string(number);
    return *this;
}

JsonOut &JsonOut::value(double number)
{
    separate();
    if (!std::isfinite(number)) {
        m_text += "null";
        return *this;
    }
    char buffer[32];
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, number).ptr;
    const std::string_view text(buffer, std::size_t(end - buffer));
    m_text += text;
    // A double stays recognisably a double ("2.0"), as the service writes it.
    if (text.find_first_of(".eE") == std::string_view::npos)
        m_text += ".0";
    return *this;
}

JsonOut &JsonOut::value(bool flag)
{
    separate();
    m_text += flag ? "true" : "false";
    return *this;
}

JsonOut &JsonOut::valueSeconds(SimTime t)
{
    // Whole seconds print as integers (what the service sends); otherwise
    // milliseconds survive as a fraction.
    if (t % kMicrosPerSecond == 0)
        return value(qint64(t / kMicrosPerSecond));
    return value(double(toMillis(t)) / 1000.0);
}

JsonOut &JsonOut::valueMillis(SimTime t) { return value(qint64(toMillis(t))); }

QByteArray JsonOut::take() const
{
    return QByteArray::fromStdString(m_text);
}

ApiResponse jsonError(const ServiceError &error, const QByteArray &contentType)
{
    JsonOut out;
    out.beginObject().member("__type", error.code).member("message", error.message).endObject();
    const bool internal = error.code.startsWith(QLatin1String("Internal"));
    ApiResponse r = ApiResponse::make(internal ? 500 : 400, contentType, out.take());
    r.headers.append({QByteArrayLiteral("x-amzn-ErrorType"), error.code.toUtf8()});
    return r;
}

ApiResponse jsonOk(QByteArray body, const QByteArray &contentType)
{
    return ApiResponse::make(200, contentType, std::move(body));
}

Result<json::Value> parseJsonBody(const QByteArray &body)
{
    json::Value value;
    if (body.trimmed().isEmpty()) {
        value.kind = json::Value::Kind::Object;
        return value;
    }
    std::string error;
    if (!json::parse(std::string_view(body.constData(), std::size_t(body.size())), value,
                     &error)) {
        return serialization(QStringLiteral("The request body is not valid JSON: %1")
                                 .arg(QString::fromStdString(error)));
    }
    if (!value.isObject())
        return serialization(QStringLiteral("The request body must be a JSON object"));
    return value;
}

ApiResponse answerJson11(const QString &target,
                         const std::function<Result<QByteArray>(JsonArgs &)> &call,
                         const QByteArray &body)
{
    if (!call) {
        return jsonError({QStringLiteral("UnknownOperationException"),
                          QStringLiteral("EventFlow does not implement %1").arg(target)},
                         kAmzJson11);
    }
    const Result<json::Value> request = parseJsonBody(body);
    if (!request)
        return jsonError(request.error(), kAmzJson11);
    JsonArgs args(&request.value());
    const Result<QByteArray> reply = call(args);
    if (!reply)
        return jsonError(reply.error(), kAmzJson11);
    return jsonOk(reply.value(), kAmzJson11);
}

} // namespace ef::api
