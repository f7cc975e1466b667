#include "core/io/ScenarioFile.h"

#include "core/bus/Engine.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>

namespace ef {

namespace {

const QString kFormat = QStringLiteral("eventflow-scenario");

QJsonValue resolve(const QJsonValue &v, const ScenarioSettings &s)
{
    if (v.isString()) {
        QString text = v.toString();
        text.replace(QLatin1String("{prefix}"), s.usernamePrefix);
        text.replace(QLatin1String("{account}"), s.account);
        text.replace(QLatin1String("{region}"), s.region);
        return text;
    }
    if (v.isArray()) {
        QJsonArray out;
        for (const QJsonValue &item : v.toArray())
            out.append(resolve(item, s));
        return out;
    }
    if (v.isObject()) {
        QJsonObject out;
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            out.insert(it.key(), resolve(it.value(), s));
        return out;
    }
    return v;
}

QString typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return QStringLiteral("a boolean");
    case QJsonValue::Double: return QStringLiteral("a number");
    case QJsonValue::String: return QStringLiteral("a string");
    case QJsonValue::Array: return QStringLiteral("an array");
    case QJsonValue::Object: return QStringLiteral("an object");
    case QJsonValue::Undefined: return QStringLiteral("missing");
    }
    return QString();
}

// Reads one scenario document, collecting every structural problem.
class Reader
{
public:
    QStringList errors;

    void fail(const QString &path, const QString &reason) { errors << path + QStringLiteral(": ") + reason; }

    void known(const QJsonObject &o, const QStringList &keys, const QString &path)
    {
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!keys.contains(it.key()))
                fail(path + QLatin1Char('.') + it.key(),
                     QStringLiteral("unknown member (expected one of: %1)")
                         .arg(keys.join(QStringLiteral(", "))));
        }
    }

    bool string(const QJsonObject &o, const QString &key, const QString &path, QString &out,
                bool required)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined()) {
            if (required)
                fail(path + QLatin1Char('.') + key, QStringLiteral("required"));
            return !required;
        }
        if (!v.isString()) {
            fail(path + QLatin1Char('.') + key,
                 QStringLiteral("must be a string, not %1").arg(typeName(v)));
            return false;
        }
        out = v.toString();
        return true;
    }

    std::optional<QString> optString(const QJsonObject &o, const QString &key, const QString &path)
    {
        if (!o.contains(key))
            return std::nullopt;
        QString out;
        if (!string(o, key, path, out, false))
            return std::nullopt;
        return out;
    }

    QJsonArray array(const QJsonObject &o, const QString &key, const QString &path)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return {};
        if (!v.isArray()) {
            fail(path + QLatin1Char('.') + key, QStringLiteral("must be an array, not %1").arg(typeName(v)));
            return {};
        }
        return v.toArray();
    }

    std::optional<QJsonObject> object(const QJsonValue &v, const QString &path)
    {
        if (!v.isObject()) {
            fail(path, QStringLiteral("must be an object, not %1").arg(typeName(v)));
            return std::nullopt;
        }
        return v.toObject();
    }

    std::optional<Target> target(const QJsonObject &o, const QString &path)
    {
        known(o, {QStringLiteral("Id"), QStringLiteral("Arn"), QStringLiteral("RoleArn"),
                  QStringLiteral("Input"), QStringLiteral("InputPath"),
                  QStringLiteral("InputTransformer"), QStringLiteral("RetryPolicy"),
                  QStringLiteral("DeadLetterConfig")},
              path);
        Target t;
        const int before = static_cast<int>(errors.size());
        string(o, QStringLiteral("Id"), path, t.id, true);
        string(o, QStringLiteral("Arn"), path, t.arn, true);
        string(o, QStringLiteral("RoleArn"), path, t.roleArn, false);
        t.input = optString(o, QStringLiteral("Input"), path);
        t.inputPath = optString(o, QStringLiteral("InputPath"), path);
        if (o.contains(QLatin1String("InputTransformer"))) {
            const QString p = path + QStringLiteral(".InputTransformer");
            if (auto it = object(o.value(QLatin1String("InputTransformer")), p)) {
                known(*it, {QStringLiteral("InputPathsMap"), QStringLiteral("InputTemplate")}, p);
                InputTransformerSpec x;
                string(*it, QStringLiteral("InputTemplate"), p, x.inputTemplate, true);
                if (it->contains(QLatin1String("InputPathsMap"))) {
                    if (auto map = object(it->value(QLatin1String("InputPathsMap")),
                                          p + QStringLiteral(".InputPathsMap"))) {
                        for (auto m = map->begin(); m != map->end(); ++m) {
                            if (!m.value().isString())
                                fail(p + QStringLiteral(".InputPathsMap.") + m.key(),
                                     QStringLiteral("must be a string (a JSONPath)"));
                            x.inputPathsMap.append({m.key(), m.value().toString()});
                        }
                    }
                }
                t.inputTransformer = x;
            }
        }
        if (o.contains(QLatin1String("RetryPolicy"))) {
            const QString p = path + QStringLiteral(".RetryPolicy");
            if (auto rp = object(o.value(QLatin1String("RetryPolicy")), p)) {
                known(*rp, {QStringLiteral("MaximumRetryAttempts"),
                            QStringLiteral("MaximumEventAgeInSeconds")},
                      p);
                RetryPolicy policy;
                auto whole = [&](const char *key, int &out) {
                    const QJsonValue v = rp->value(QLatin1String(key));
                    if (v.isUndefined())
                        return;
                    if (!v.isDouble() || v.toDouble() != static_cast<int>(v.toDouble()))
                        fail(p + QLatin1Char('.') + QLatin1String(key),
                             QStringLiteral("must be a whole number"));
                    else
                        out = v.toInt();
                };
                whole("MaximumRetryAttempts", policy.maximumRetryAttempts);
                whole("MaximumEventAgeInSeconds", policy.maximumEventAgeInSeconds);
                t.retryPolicy = policy;
            }
        }
        if (o.contains(QLatin1String("DeadLetterConfig"))) {
            const QString p = path + QStringLiteral(".DeadLetterConfig");
            if (auto dl = object(o.value(QLatin1String("DeadLetterConfig")), p)) {
                known(*dl, {QStringLiteral("Arn")}, p);
                DeadLetterConfig config;
                string(*dl, QStringLiteral("Arn"), p, config.arn, true);
                t.deadLetterConfig = config;
            }
        }
        if (errors.size() > before)
            return std::nullopt;
        return t;
    }

    void read(const QJsonObject &root, Scenario &s)
    {
        known(root, {QStringLiteral("format"), QStringLiteral("version"), QStringLiteral("name"),
                     QStringLiteral("description"), QStringLiteral("settings"),
                     QStringLiteral("buses"), QStringLiteral("rules"), QStringLiteral("consumers"),
                     QStringLiteral("producers"), QStringLiteral("queues"),
                     QStringLiteral("sampleEvents"), QStringLiteral("layout")},
              QStringLiteral("$"));
        string(root, QStringLiteral("name"), QStringLiteral("$"), s.name, false);
        string(root, QStringLiteral("description"), QStringLiteral("$"), s.description, false);
        for (int i = 0; const QJsonValue &v : array(root, QStringLiteral("buses"), QStringLiteral("$"))) {
            const QString p = QStringLiteral("$.buses[%1]").arg(i++);
            if (auto o = object(v, p)) {
                known(*o, {QStringLiteral("name"), QStringLiteral("description")}, p);
                CreateEventBusRequest bus;
                string(*o, QStringLiteral("name"), p, bus.name, true);
                string(*o, QStringLiteral("description"), p, bus.description, false);
                s.buses.push_back(bus);
            }
        }
        for (int i = 0; const QJsonValue &v : array(root, QStringLiteral("rules"), QStringLiteral("$"))) {
            const QString p = QStringLiteral("$.rules[%1]").arg(i++);
            auto o = object(v, p);
            if (!o)
                continue;
            known(*o, {QStringLiteral("name"), QStringLiteral("eventBusName"),
                       QStringLiteral("description"), QStringLiteral("state"),
                       QStringLiteral("eventPattern"), QStringLiteral("scheduleExpression"),
                       QStringLiteral("roleArn"), QStringLiteral("targets")},
                  p);
            ScenarioRule rule;
            string(*o, QStringLiteral("name"), p, rule.rule.name, true);
            string(*o, QStringLiteral("eventBusName"), p, rule.rule.eventBusName, false);
            rule.rule.description = optString(*o, QStringLiteral("description"), p);
            rule.rule.state = optString(*o, QStringLiteral("state"), p);
            rule.rule.scheduleExpression = optString(*o, QStringLiteral("scheduleExpression"), p);
            rule.rule.roleArn = optString(*o, QStringLiteral("roleArn"), p);
            const QJsonValue pattern = o->value(QLatin1String("eventPattern"));
            if (pattern.isObject())
                rule.rule.eventPattern = QString::fromUtf8(
                    QJsonDocument(pattern.toObject()).toJson(QJsonDocument::Compact));
            else if (pattern.isString())
                rule.rule.eventPattern = pattern.toString();
            else if (!pattern.isUndefined())
                fail(p + QStringLiteral(".eventPattern"),
                     QStringLiteral("must be an object or a string, not %1").arg(typeName(pattern)));
            for (int k = 0; const QJsonValue &t : array(*o, QStringLiteral("targets"), p)) {
                const QString tp = p + QStringLiteral(".targets[%1]").arg(k++);
                if (auto to = object(t, tp)) {
                    if (auto target = this->target(*to, tp))
                        rule.targets.push_back(*target);
                }
            }
            s.rules.push_back(std::move(rule));
        }
        for (int i = 0; const QJsonValue &v : array(root, QStringLiteral("consumers"), QStringLiteral("$"))) {
            if (auto o = object(v, QStringLiteral("$.consumers[%1]").arg(i++)))
                s.consumers.push_back(*o);
        }
        for (int i = 0; const QJsonValue &v : array(root, QStringLiteral("producers"), QStringLiteral("$"))) {
            if (auto o = object(v, QStringLiteral("$.producers[%1]").arg(i++)))
                s.producers.push_back(*o);
        }
        for (int i = 0; const QJsonValue &v : array(root, QStringLiteral("queues"), QStringLiteral("$"))) {
            const QString p = QStringLiteral("$.queues[%1]").arg(i++);
            if (auto o = object(v, p)) {
                known(*o, {QStringLiteral("name")}, p);
                ScenarioQueue q;
                string(*o, QStringLiteral("name"), p, q.name, true);
                s.queues.push_back(q);
            }
        }
        for (int i = 0; const QJsonValue &v : array(root, QStringLiteral("sampleEvents"), QStringLiteral("$"))) {
            const QString p = QStringLiteral("$.sampleEvents[%1]").arg(i++);
            auto o = object(v, p);
            if (!o)
                continue;
            known(*o, {QStringLiteral("name"), QStringLiteral("producer"), QStringLiteral("body"),
                       QStringLiteral("entry")},
                  p);
            ScenarioSampleEvent e;
            string(*o, QStringLiteral("name"), p, e.name, true);
            const bool viaProducer = o->contains(QLatin1String("producer"));
            if (viaProducer) {
                string(*o, QStringLiteral("producer"), p, e.producer, true);
                if (auto body = object(o->value(QLatin1String("body")), p + QStringLiteral(".body")))
                    e.body = *body;
            } else if (auto entry = object(o->value(QLatin1String("entry")), p + QStringLiteral(".entry"))) {
                e.body = *entry;
            }
            s.sampleEvents.push_back(e);
        }
        const QJsonValue layout = root.value(QLatin1String("layout"));
        if (!layout.isUndefined()) {
            if (auto o = object(layout, QStringLiteral("$.layout"))) {
                for (auto it = o->begin(); it != o->end(); ++it) {
                    const QJsonArray xy = it.value().toArray();
                    if (!it.value().isArray() || xy.size() != 2 || !xy[0].isDouble() || !xy[1].isDouble()) {
                        fail(QStringLiteral("$.layout.") + it.key(),
                             QStringLiteral("must be [x, y] with two numbers"));
                        continue;
                    }
                    s.nodePositions.insert(it.key(), QPointF(xy[0].toDouble(), xy[1].toDouble()));
                }
            }
        }
    }
};

QJsonObject targetJson(const Target &t)
{
    QJsonObject o{{QStringLiteral("Id"), t.id}, {QStringLiteral("Arn"), t.arn}};
    if (!t.roleArn.isEmpty())
        o.insert(QStringLiteral("RoleArn"), t.roleArn);
    if (t.input)
        o.insert(QStringLiteral("Input"), *t.input);
    if (t.inputPath)
        o.insert(QStringLiteral("InputPath"), *t.inputPath);
    if (t.inputTransformer) {
        QJsonObject map;
        for (const auto &[k, v] : t.inputTransformer->inputPathsMap)
            map.insert(k, v);
        QJsonObject x{{QStringLiteral("InputTemplate"), t.inputTransformer->inputTemplate}};
        if (!map.isEmpty())
            x.insert(QStringLiteral("InputPathsMap"), map);
        o.insert(QStringLiteral("InputTransformer"), x);
    }
    if (t.retryPolicy)
        o.insert(QStringLiteral("RetryPolicy"),
                 QJsonObject{{QStringLiteral("MaximumRetryAttempts"), t.retryPolicy->maximumRetryAttempts},
                             {QStringLiteral("MaximumEventAgeInSeconds"),
                              t.retryPolicy->maximumEventAgeInSeconds}});
    if (t.deadLetterConfig)
        o.insert(QStringLiteral("DeadLetterConfig"),
                 QJsonObject{{QStringLiteral("Arn"), t.deadLetterConfig->arn}});
    return o;
}

} // namespace

ScenarioLoad ScenarioFile::parse(const QByteArray &json)
{
    ScenarioLoad out;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        out.errors << QStringLiteral("$: not valid JSON: %1 at offset %2")
                          .arg(parseError.errorString())
                          .arg(parseError.offset);
        return out;
    }
    if (!doc.isObject()) {
        out.errors << QStringLiteral("$: a scenario is a JSON object");
        return out;
    }
    QJsonObject root = doc.object();
    Reader reader;
    if (root.value(QLatin1String("format")).toString() != kFormat)
        reader.fail(QStringLiteral("$.format"), QStringLiteral("must be \"%1\"").arg(kFormat));
    const QJsonValue version = root.value(QLatin1String("version"));
    if (!version.isDouble() || version.toInt() < 1)
        reader.fail(QStringLiteral("$.version"), QStringLiteral("required, a whole number"));
    else if (version.toInt() > Scenario::kFormatVersion)
        reader.fail(QStringLiteral("$.version"),
                    QStringLiteral("version %1 is newer than this EventFlow reads (%2)")
                        .arg(version.toInt())
                        .arg(Scenario::kFormatVersion));
    Scenario s;
    const QJsonValue settings = root.value(QLatin1String("settings"));
    if (!settings.isUndefined()) {
        if (auto o = reader.object(settings, QStringLiteral("$.settings"))) {
            reader.known(*o, {QStringLiteral("usernamePrefix"), QStringLiteral("account"),
                              QStringLiteral("region")},
                         QStringLiteral("$.settings"));
            reader.string(*o, QStringLiteral("usernamePrefix"), QStringLiteral("$.settings"),
                          s.settings.usernamePrefix, false);
            reader.string(*o, QStringLiteral("account"), QStringLiteral("$.settings"),
                          s.settings.account, false);
            reader.string(*o, QStringLiteral("region"), QStringLiteral("$.settings"),
                          s.settings.region, false);
        }
    }
    static const QRegularExpression prefix(QStringLiteral("^[A-Za-z0-9_-]{1,32}$"));
    static const QRegularExpression account(QStringLiteral("^\\d{12}$"));
    static const QRegularExpression region(QStringLiteral("^[a-z]{2}(-[a-z]+)+-\\d{1,2}$"));
    if (!prefix.match(s.settings.usernamePrefix).hasMatch())
        reader.fail(QStringLiteral("$.settings.usernamePrefix"),
                    QStringLiteral("1 to 32 letters, digits, '-' or '_'"));
    if (!account.match(s.settings.account).hasMatch())
        reader.fail(QStringLiteral("$.settings.account"), QStringLiteral("must be 12 digits"));
    if (!region.match(s.settings.region).hasMatch())
        reader.fail(QStringLiteral("$.settings.region"),
                    QStringLiteral("must be a region name such as us-east-1"));
    root.remove(QStringLiteral("settings"));
    if (reader.errors.isEmpty())
        root = resolve(root, s.settings).toObject();
    reader.read(root, s);
    if (!reader.errors.isEmpty()) {
        out.errors = reader.errors;
        return out;
    }
    // Everything else (names, patterns, targets, consumers...) is checked by
    // the engine itself, in a scratch engine, in the same words as the API.
    EngineOptions small;
    small.eventCapacity = 16;
    small.traceCapacity = 16;
    small.logRecords = 16;
    small.metricHistorySeconds = 1;
    Engine scratch(small);
    const Status applied = scratch.applyScenario(s);
    if (!applied) {
        out.errors << applied.error().message;
        return out;
    }
    for (std::size_t i = 0; i < s.sampleEvents.size(); ++i) {
        const ScenarioSampleEvent &e = s.sampleEvents[i];
        if (e.producer.isEmpty())
            continue;
        bool found = false;
        for (const ProducerInfo &p : scratch.producers())
            found = found || p.name == e.producer;
        if (!found)
            out.errors << QStringLiteral("$.sampleEvents[%1].producer: no producer named \"%2\"")
                              .arg(i)
                              .arg(e.producer);
    }
    if (out.errors.isEmpty())
        out.scenario = std::move(s);
    return out;
}

ScenarioLoad ScenarioFile::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ScenarioLoad out;
        out.errors << QStringLiteral("%1: cannot read the file: %2").arg(path, file.errorString());
        return out;
    }
    return parse(file.readAll());
}

QByteArray ScenarioFile::toJson(const Scenario &s)
{
    QJsonObject root{{QStringLiteral("format"), kFormat},
                     {QStringLiteral("version"), Scenario::kFormatVersion}};
    if (!s.name.isEmpty())
        root.insert(QStringLiteral("name"), s.name);
    if (!s.description.isEmpty())
        root.insert(QStringLiteral("description"), s.description);
    root.insert(QStringLiteral("settings"),
                QJsonObject{{QStringLiteral("usernamePrefix"), s.settings.usernamePrefix},
                            {QStringLiteral("account"), s.settings.account},
                            {QStringLiteral("region"), s.settings.region}});
    QJsonArray buses;
    for (const CreateEventBusRequest &b : s.buses) {
        QJsonObject o{{QStringLiteral("name"), b.name}};
        if (!b.description.isEmpty())
            o.insert(QStringLiteral("description"), b.description);
        buses.append(o);
    }
    root.insert(QStringLiteral("buses"), buses);
    QJsonArray rules;
    for (const ScenarioRule &r : s.rules) {
        QJsonObject o{{QStringLiteral("name"), r.rule.name}};
        if (!r.rule.eventBusName.isEmpty())
            o.insert(QStringLiteral("eventBusName"), r.rule.eventBusName);
        if (r.rule.description)
            o.insert(QStringLiteral("description"), *r.rule.description);
        if (r.rule.state)
            o.insert(QStringLiteral("state"), *r.rule.state);
        if (r.rule.eventPattern) {
            const QJsonDocument p = QJsonDocument::fromJson(r.rule.eventPattern->toUtf8());
            if (p.isObject())
                o.insert(QStringLiteral("eventPattern"), p.object());
            else
                o.insert(QStringLiteral("eventPattern"), *r.rule.eventPattern);
        }
        if (r.rule.scheduleExpression)
            o.insert(QStringLiteral("scheduleExpression"), *r.rule.scheduleExpression);
        if (r.rule.roleArn)
            o.insert(QStringLiteral("roleArn"), *r.rule.roleArn);
        QJsonArray targets;
        for (const Target &t : r.targets)
            targets.append(targetJson(t));
        o.insert(QStringLiteral("targets"), targets);
        rules.append(o);
    }
    root.insert(QStringLiteral("rules"), rules);
    QJsonArray consumers, producers, queues, samples;
    for (const QJsonObject &c : s.consumers)
        consumers.append(c);
    for (const QJsonObject &p : s.producers)
        producers.append(p);
    for (const ScenarioQueue &q : s.queues)
        queues.append(QJsonObject{{QStringLiteral("name"), q.name}});
    for (const ScenarioSampleEvent &e : s.sampleEvents) {
        QJsonObject o{{QStringLiteral("name"), e.name}};
        if (!e.producer.isEmpty()) {
            o.insert(QStringLiteral("producer"), e.producer);
            o.insert(QStringLiteral("body"), e.body);
        } else {
            o.insert(QStringLiteral("entry"), e.body);
        }
        samples.append(o);
    }
    root.insert(QStringLiteral("consumers"), consumers);
    root.insert(QStringLiteral("producers"), producers);
    root.insert(QStringLiteral("queues"), queues);
    root.insert(QStringLiteral("sampleEvents"), samples);
    if (!s.nodePositions.isEmpty()) {
        QJsonObject layout;
        for (auto it = s.nodePositions.begin(); it != s.nodePositions.end(); ++it)
            layout.insert(it.key(), QJsonArray{it.value().x(), it.value().y()});
        root.insert(QStringLiteral("layout"), layout);
    }
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Status ScenarioFile::save(const Scenario &scenario, const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return ServiceError{QStringLiteral("SaveFailed"),
                            QStringLiteral("%1: cannot write: %2").arg(path, file.errorString())};
    const QByteArray data = toJson(scenario);
    // Flushed and checked before commit(): Qt 6.4's QSaveFile can rename a
    // file whose buffered tail failed to write (full disk) over the old one.
    if (file.write(data) != data.size() || !file.flush()
        || file.error() != QFileDevice::NoError)
        return ServiceError{QStringLiteral("SaveFailed"),
                            QStringLiteral("%1: cannot write: %2").arg(path, file.errorString())};
    if (!file.commit())
        return ServiceError{QStringLiteral("SaveFailed"),
                            QStringLiteral("%1: cannot replace the file: %2")
                                .arg(path, file.errorString())};
    return Done{};
}

} // namespace ef
