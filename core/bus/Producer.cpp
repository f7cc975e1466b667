#include "core/bus/Producer.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace ef {

namespace {

bool toValue(const QJsonValue &v, json::Value &out)
{
    QByteArray text;
    if (v.isObject())
        text = QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact);
    else if (v.isArray())
        text = QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact);
    else
        text = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    json::Value parsed;
    if (!json::parse(std::string_view(text.constData(), static_cast<std::size_t>(text.size())),
                     parsed))
        return false;
    if (!v.isObject() && !v.isArray()) {
        if (parsed.items.empty())
            return false;
        out = parsed.items[0];
    } else {
        out = std::move(parsed);
    }
    return true;
}

std::string generated(const std::string &pattern, bus::Random &random)
{
    std::string out;
    static const char hex[] = "0123456789abcdef";
    auto hexDigits = [&](int n) {
        std::uint64_t bits = random.next();
        for (int i = 0; i < n; ++i) {
            if (i == 16)
                bits = random.next();
            out.push_back(hex[bits & 15]);
            bits >>= 4;
        }
    };
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '{') {
            const std::size_t close = pattern.find('}', i);
            if (close != std::string::npos) {
                const std::string key = pattern.substr(i + 1, close - i - 1);
                if (key == "uuid") {
                    char buf[36];
                    bus::formatUuid(random.next(), random.next(), buf);
                    out.append(buf, 36);
                } else if (key.size() > 3 && key.compare(0, 3, "hex") == 0) {
                    hexDigits(std::atoi(key.c_str() + 3));
                } else {
                    out.append(pattern, i, close - i + 1);
                }
                i = close;
                continue;
            }
        }
        out.push_back(pattern[i]);
    }
    return out;
}

bool validPattern(const QString &pattern)
{
    for (int i = pattern.indexOf(QLatin1Char('{')); i >= 0;
         i = pattern.indexOf(QLatin1Char('{'), i + 1)) {
        const int close = pattern.indexOf(QLatin1Char('}'), i);
        if (close < 0)
            return false;
        const QString key = pattern.mid(i + 1, close - i - 1);
        bool ok = key == QLatin1String("uuid");
        if (key.startsWith(QLatin1String("hex"))) {
            const int n = key.mid(3).toInt(&ok);
            ok = ok && n >= 1 && n <= 32;
        }
        if (!ok)
            return false;
    }
    return true;
}

QString localIso(SimTime t)
{
    // Python's datetime.now().isoformat(): no zone, microseconds.
    std::string s = isoSeconds(t);  // ...T..:..:..Z
    s.pop_back();
    char frac[8];
    std::snprintf(frac, sizeof frac, ".%06d", static_cast<int>(((t % kMicrosPerSecond)
                                                               + kMicrosPerSecond)
                                                              % kMicrosPerSecond));
    return QString::fromStdString(s) + QString::fromLatin1(frac);
}

} // namespace

std::optional<Producer::ValueSpec> Producer::parseSpec(const QJsonObject &o, const QString &path,
                                                       QString *error)
{
    ValueSpec spec;
    auto fail = [&](const QString &reason) -> std::optional<ValueSpec> {
        *error = path + QStringLiteral(": ") + reason;
        return std::nullopt;
    };
    if (o.contains(QLatin1String("const"))) {
        spec.kind = ValueSpec::Kind::Const;
        if (!toValue(o.value(QLatin1String("const")), spec.constant))
            return fail(QStringLiteral("\"const\" is not a JSON value"));
    } else if (o.contains(QLatin1String("body"))) {
        spec.kind = ValueSpec::Kind::Body;
        if (!o.value(QLatin1String("body")).isString()
            || o.value(QLatin1String("body")).toString().isEmpty())
            return fail(QStringLiteral("\"body\" must name a request field"));
        spec.bodyField = o.value(QLatin1String("body")).toString().toStdString();
        if (o.contains(QLatin1String("default"))) {
            json::Value v;
            if (!toValue(o.value(QLatin1String("default")), v))
                return fail(QStringLiteral("\"default\" is not a JSON value"));
            spec.fallback = std::move(v);
        }
        if (o.contains(QLatin1String("defaultJson"))) {
            // JSON text: keeps the members' order, which a JSON object value here would not.
            json::Value v;
            std::string parseError;
            if (!o.value(QLatin1String("defaultJson")).isString()
                || !json::parse(o.value(QLatin1String("defaultJson")).toString().toStdString(), v,
                                &parseError))
                return fail(QStringLiteral("\"defaultJson\" must be JSON text"));
            spec.fallback = std::move(v);
        }
        if (o.contains(QLatin1String("generate"))) {
            const QString g = o.value(QLatin1String("generate")).toString();
            if (!validPattern(g))
                return fail(QStringLiteral("\"generate\" has an unknown {placeholder}"));
            spec.generate = g.toStdString();
        }
        if (!spec.fallback && spec.generate.empty())
            return fail(QStringLiteral("a \"body\" value needs a \"default\" or a \"generate\""));
    } else if (o.contains(QLatin1String("generate"))) {
        spec.kind = ValueSpec::Kind::Generate;
        const QString g = o.value(QLatin1String("generate")).toString();
        if (g.isEmpty() || !validPattern(g))
            return fail(QStringLiteral("\"generate\" must be text with {hexN} or {uuid}"));
        spec.generate = g.toStdString();
    } else if (o.contains(QLatin1String("variable"))) {
        spec.kind = ValueSpec::Kind::Variable;
        spec.variable = o.value(QLatin1String("variable")).toString().toStdString();
    } else if (o.contains(QLatin1String("now"))) {
        spec.kind = ValueSpec::Kind::Now;
        const QString how = o.value(QLatin1String("now")).toString();
        if (how != QLatin1String("local") && how != QLatin1String("utc"))
            return fail(QStringLiteral("\"now\" must be \"local\" or \"utc\""));
        spec.utc = how == QLatin1String("utc");
    } else {
        return fail(QStringLiteral("a value needs one of \"const\", \"body\", \"generate\", "
                                   "\"variable\" or \"now\""));
    }
    return spec;
}

std::optional<Producer> Producer::fromJson(const QJsonObject &d, const QString &path,
                                           QString *error)
{
    Producer p;
    p.m_definition = d;
    auto fail = [&](const QString &where, const QString &reason) -> std::optional<Producer> {
        *error = path + where + QStringLiteral(": ") + reason;
        return std::nullopt;
    };
    auto text = [&](const char *key, QString &out, bool required) {
        const QJsonValue v = d.value(QLatin1String(key));
        if (v.isUndefined() && !required)
            return true;
        if (!v.isString() || v.toString().isEmpty())
            return false;
        out = v.toString();
        return true;
    };
    if (!text("name", p.m_name, true))
        return fail(QStringLiteral(".name"), QStringLiteral("required, a function name"));
    if (!text("eventBusName", p.m_bus, true))
        return fail(QStringLiteral(".eventBusName"), QStringLiteral("required, a bus name"));
    if (!text("source", p.m_source, true))
        return fail(QStringLiteral(".source"), QStringLiteral("required"));
    if (p.m_source.startsWith(QLatin1String("aws.")))
        return fail(QStringLiteral(".source"),
                    QStringLiteral("the \"aws.\" prefix is reserved for AWS services"));
    QString typeField = QStringLiteral("eventType"), defaultType;
    if (!text("typeField", typeField, false))
        return fail(QStringLiteral(".typeField"), QStringLiteral("must be a field name"));
    p.m_typeField = typeField.toStdString();
    if (!text("successMessage", p.m_successMessage, false)
        || !text("unknownTypeMessage", p.m_unknownTypeMessage, false)
        || !text("publishErrorMessage", p.m_publishErrorMessage, false))
        return fail(QString(), QStringLiteral("messages must be text"));
    if (p.m_successMessage.isEmpty())
        p.m_successMessage = QStringLiteral("Event ${type} published");
    if (p.m_unknownTypeMessage.isEmpty())
        p.m_unknownTypeMessage = QStringLiteral("Unknown event type: ${type}");
    if (p.m_publishErrorMessage.isEmpty())
        p.m_publishErrorMessage = QStringLiteral("Failed to publish event: ${error}");

    const QJsonValue vars = d.value(QLatin1String("variables"));
    if (!vars.isUndefined() && !vars.isObject())
        return fail(QStringLiteral(".variables"), QStringLiteral("must be an object"));
    const QJsonObject varsObject = vars.toObject();
    for (auto it = varsObject.begin(); it != varsObject.end(); ++it) {
        const QString where = path + QStringLiteral(".variables.") + it.key();
        if (!it.value().isObject()) {
            *error = where + QStringLiteral(": must be a value object");
            return std::nullopt;
        }
        auto spec = parseSpec(it.value().toObject(), where, error);
        if (!spec)
            return std::nullopt;
        if (spec->kind == ValueSpec::Kind::Variable) {
            *error = where + QStringLiteral(": a variable cannot refer to a variable");
            return std::nullopt;
        }
        p.m_variables.emplace_back(it.key().toStdString(), std::move(*spec));
    }
    const QJsonValue types = d.value(QLatin1String("types"));
    if (!types.isObject() || types.toObject().isEmpty())
        return fail(QStringLiteral(".types"),
                    QStringLiteral("required, an object of event types and their fields"));
    const QJsonObject typesObject = types.toObject();
    for (auto it = typesObject.begin(); it != typesObject.end(); ++it) {
        const QString where = path + QStringLiteral(".types.") + it.key();
        if (!it.value().isArray()) {
            *error = where + QStringLiteral(": must be an array of fields");
            return std::nullopt;
        }
        EventType type;
        type.name = it.key().toStdString();
        const QJsonArray fields = it.value().toArray();
        for (int i = 0; i < fields.size(); ++i) {
            const QString fieldPath = where + QStringLiteral("[%1]").arg(i);
            const QJsonObject f = fields[i].toObject();
            if (!f.value(QLatin1String("field")).isString()
                || f.value(QLatin1String("field")).toString().isEmpty()) {
                *error = fieldPath + QStringLiteral(".field: required, the detail field name");
                return std::nullopt;
            }
            if (!f.value(QLatin1String("value")).isObject()) {
                *error = fieldPath + QStringLiteral(".value: required, a value object");
                return std::nullopt;
            }
            auto spec = parseSpec(f.value(QLatin1String("value")).toObject(),
                                  fieldPath + QStringLiteral(".value"), error);
            if (!spec)
                return std::nullopt;
            if (spec->kind == ValueSpec::Kind::Variable) {
                const bool known = std::any_of(p.m_variables.begin(), p.m_variables.end(),
                                               [&](const auto &v) {
                                                   return v.first == spec->variable;
                                               });
                if (!known) {
                    *error = fieldPath + QStringLiteral(".value.variable: no variable named \"%1\"")
                                             .arg(QString::fromStdString(spec->variable));
                    return std::nullopt;
                }
            }
            type.fields.push_back({f.value(QLatin1String("field")).toString().toStdString(),
                                   std::move(*spec)});
        }
        p.m_types.push_back(std::move(type));
    }
    if (!text("defaultType", defaultType, false))
        return fail(QStringLiteral(".defaultType"), QStringLiteral("must be an event type"));
    if (!defaultType.isEmpty() && !typesObject.contains(defaultType))
        return fail(QStringLiteral(".defaultType"),
                    QStringLiteral("\"%1\" is not one of the types").arg(defaultType));
    p.m_defaultType = defaultType.toStdString();
    // The log lines are consumer log lines (same placeholders and conditions).
    QJsonObject logger{{QStringLiteral("name"), p.m_name}, {QStringLiteral("latencyMs"), 0}};
    if (d.contains(QLatin1String("logLines")))
        logger.insert(QStringLiteral("logLines"), d.value(QLatin1String("logLines")));
    QString loggerError;
    auto definition = consumers::ConsumerDefinition::fromJson(logger, path, &loggerError);
    if (!definition) {
        *error = loggerError;
        return std::nullopt;
    }
    p.m_logger = std::make_shared<const consumers::ConsumerDefinition>(std::move(*definition));
    return p;
}

QStringList Producer::eventTypes() const
{
    QStringList out;
    for (const EventType &t : m_types)
        out << QString::fromStdString(t.name);
    return out;
}

json::Value Producer::evaluate(const ValueSpec &spec, const json::Value &body,
                               const std::vector<std::pair<std::string, json::Value>> &variables,
                               bus::Random &random, SimTime now) const
{
    switch (spec.kind) {
    case ValueSpec::Kind::Const: return spec.constant;
    case ValueSpec::Kind::Body:
        if (const json::Value *v = body.find(spec.bodyField))
            return *v;
        if (spec.fallback)
            return *spec.fallback;
        return json::Value::string(generated(spec.generate, random));
    case ValueSpec::Kind::Generate: return json::Value::string(generated(spec.generate, random));
    case ValueSpec::Kind::Variable:
        for (const auto &[name, value] : variables) {
            if (name == spec.variable)
                return value;
        }
        return json::Value();
    case ValueSpec::Kind::Now:
        return json::Value::string((spec.utc ? isoSecondsQ(now) : localIso(now)).toStdString());
    }
    return json::Value();
}

Producer::Prepared Producer::prepare(const QByteArray &body, bus::Random &random,
                                     SimTime now) const
{
    Prepared out;
    json::Value request;
    const std::string_view text(body.constData(), static_cast<std::size_t>(body.size()));
    std::string parseError;
    if (body.trimmed().isEmpty()) {
        request.kind = json::Value::Kind::Object;
    } else if (!json::parse(text, request, &parseError) || !request.isObject()) {
        out.statusCode = 400;
        out.errorBody = errorBody(QStringLiteral("The request body must be a JSON object"));
        return out;
    }
    std::string type = m_defaultType;
    if (const json::Value *t = request.find(m_typeField)) {
        type = t->isString() ? t->text : json::toText(*t);
    }
    const EventType *et = nullptr;
    for (const EventType &candidate : m_types) {
        if (candidate.name == type)
            et = &candidate;
    }
    if (!et) {
        out.statusCode = 400;
        out.errorBody = errorBody(fill(m_unknownTypeMessage, QString::fromStdString(type),
                                       QString()));
        return out;
    }
    std::vector<std::pair<std::string, json::Value>> variables;
    for (const auto &[name, spec] : m_variables)
        variables.emplace_back(name, evaluate(spec, request, variables, random, now));
    out.detailValue.kind = json::Value::Kind::Object;
    for (const Field &f : et->fields)
        out.detailValue.members.push_back({f.name,
                                           evaluate(f.value, request, variables, random, now)});
    out.ok = true;
    out.detailType = type;
    out.detail = json::toText(out.detailValue);
    return out;
}

QString Producer::fill(const QString &text, const QString &type, const QString &detail,
                       const QString &error) const
{
    QString out = text;
    out.replace(QLatin1String("${type}"), type);
    out.replace(QLatin1String("${detail}"), detail);
    out.replace(QLatin1String("${error}"), error);
    out.replace(QLatin1String("${bus}"), m_bus);
    out.replace(QLatin1String("${source}"), m_source);
    return out;
}

std::string Producer::unpublishedEnvelope(const Prepared &request) const
{
    json::Value o;
    o.kind = json::Value::Kind::Object;
    o.members.push_back({"detail-type", json::Value::string(request.detailType)});
    o.members.push_back({"source", json::Value::string(m_source.toStdString())});
    o.members.push_back({"detail", request.detailValue});
    return json::toText(o);
}

QByteArray Producer::successBody(const Prepared &request, const QString &eventId) const
{
    json::Value o;
    o.kind = json::Value::Kind::Object;
    o.members.push_back({"message",
                         json::Value::string(fill(m_successMessage,
                                                  QString::fromStdString(request.detailType),
                                                  QString())
                                                 .toStdString())});
    o.members.push_back({"eventId", eventId.isEmpty()
                                        ? json::Value()
                                        : json::Value::string(eventId.toStdString())});
    o.members.push_back({"eventDetail", request.detailValue});
    return QByteArray::fromStdString(json::toText(o));
}

QByteArray Producer::errorBody(const QString &error) const
{
    json::Value o;
    o.kind = json::Value::Kind::Object;
    o.members.push_back({"error", json::Value::string(error.toStdString())});
    return QByteArray::fromStdString(json::toText(o));
}

} // namespace ef
