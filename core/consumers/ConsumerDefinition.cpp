#include "core/consumers/ConsumerDefinition.h"

#include "core/bus/Arn.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace ef::consumers {

namespace {

constexpr int kMaxLatencyMs = 900000;
constexpr int kMaxConcurrency = 100000;
constexpr int kMaxNameLength = 64;

// Collects the first error with its JSON path.
struct Errors
{
    QString *out;
    bool failed = false;

    bool fail(const QString &path, const QString &reason)
    {
        if (!failed && out)
            *out = path + QStringLiteral(": ") + reason;
        failed = true;
        return false;
    }
};

QString typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return QStringLiteral("a boolean");
    case QJsonValue::Double: return QStringLiteral("a number");
    case QJsonValue::String: return QStringLiteral("a string");
    case QJsonValue::Array: return QStringLiteral("an array");
    case QJsonValue::Object: return QStringLiteral("an object");
    case QJsonValue::Undefined: break;
    }
    return QStringLiteral("missing");
}

bool checkMembers(const QJsonObject &object, const QStringList &known, const QString &path,
                  Errors &errors)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!known.contains(it.key())) {
            return errors.fail(path, QStringLiteral("unknown member \"") + it.key()
                                         + QStringLiteral("\" (expected one of: ")
                                         + known.join(QStringLiteral(", ")) + u')');
        }
    }
    return true;
}

bool wholeNumber(const QJsonValue &v, int min, int max, const QString &path, Errors &errors,
                 int &out)
{
    const double d = v.toDouble(std::nan(""));
    if (!v.isDouble() || d != std::floor(d) || d < min || d > max) {
        return errors.fail(path, QStringLiteral("must be a whole number from %1 to %2, not %3")
                                     .arg(min)
                                     .arg(max)
                                     .arg(v.isDouble() ? QString::number(d) : typeName(v)));
    }
    out = static_cast<int>(d);
    return true;
}

bool isValidName(const QString &name)
{
    QString plain = name;
    plain.replace(QStringLiteral("{prefix}"), QStringLiteral("p"));
    if (plain.isEmpty() || plain.size() > kMaxNameLength)
        return false;
    return std::all_of(plain.begin(), plain.end(), [](QChar c) {
        return (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9')
               || c == u'-' || c == u'_';
    });
}

bool readConditions(const QJsonValue &v, bool allowElement, const QString &path, Errors &errors,
                    std::vector<LogCondition> &out)
{
    auto one = [&](const QJsonValue &item, const QString &itemPath) {
        if (!item.isString())
            return errors.fail(itemPath, QStringLiteral("must be a string, not ") + typeName(item));
        QString reason;
        auto condition = LogCondition::parse(item.toString(), allowElement, &reason);
        if (!condition)
            return errors.fail(itemPath, reason);
        out.push_back(std::move(*condition));
        return true;
    };
    if (v.isArray()) {
        const QJsonArray list = v.toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            if (!one(list[i], path + QStringLiteral("[%1]").arg(i)))
                return false;
        }
        return true;
    }
    return one(v, path);
}

bool readLines(const QJsonValue &v, bool inForEach, const QString &path, Errors &errors,
               std::vector<LogLine> &out);

bool readLine(const QJsonValue &v, bool inForEach, const QString &path, Errors &errors,
              LogLine &line)
{
    if (v.isString()) {
        QString reason;
        line.text = LogTemplate::parse(v.toString(), inForEach, &reason);
        return line.text ? true : errors.fail(path, reason);
    }
    if (!v.isObject()) {
        return errors.fail(path, QStringLiteral("must be a string or an object, not ")
                                     + typeName(v));
    }
    const QJsonObject object = v.toObject();
    const bool hasText = object.contains(QStringLiteral("text"));
    const bool hasForEach = object.contains(QStringLiteral("forEach"));
    if (hasText == hasForEach) {
        return errors.fail(path, QStringLiteral("needs either \"text\" or \"forEach\" (with "
                                                "\"lines\"), not ")
                                     + (hasText ? QStringLiteral("both") : QStringLiteral("neither")));
    }
    if (!checkMembers(object,
                      hasText ? QStringList{QStringLiteral("text"), QStringLiteral("when")}
                              : QStringList{QStringLiteral("forEach"), QStringLiteral("when"),
                                            QStringLiteral("lines")},
                      path, errors)) {
        return false;
    }
    if (object.contains(QStringLiteral("when"))
        && !readConditions(object.value(QStringLiteral("when")), inForEach,
                           path + QStringLiteral(".when"), errors, line.when)) {
        return false;
    }
    if (hasText) {
        const QJsonValue text = object.value(QStringLiteral("text"));
        if (!text.isString()) {
            return errors.fail(path + QStringLiteral(".text"),
                               QStringLiteral("must be a string, not ") + typeName(text));
        }
        QString reason;
        line.text = LogTemplate::parse(text.toString(), inForEach, &reason);
        return line.text ? true : errors.fail(path + QStringLiteral(".text"), reason);
    }
    const QJsonValue forEach = object.value(QStringLiteral("forEach"));
    if (!forEach.isString()) {
        return errors.fail(path + QStringLiteral(".forEach"),
                           QStringLiteral("must be a JSONPath string, not ") + typeName(forEach));
    }
    std::string reason;
    line.forEach = json::JsonPath::parse(forEach.toString().toStdString(), &reason, inForEach);
    if (!line.forEach)
        return errors.fail(path + QStringLiteral(".forEach"), QString::fromStdString(reason));
    const QJsonValue lines = object.value(QStringLiteral("lines"));
    if (!lines.isArray()) {
        return errors.fail(path + QStringLiteral(".lines"),
                           QStringLiteral("must be an array of lines, not ") + typeName(lines));
    }
    return readLines(lines, true, path + QStringLiteral(".lines"), errors, line.lines);
}

bool readLines(const QJsonValue &v, bool inForEach, const QString &path, Errors &errors,
               std::vector<LogLine> &out)
{
    if (!v.isArray())
        return errors.fail(path, QStringLiteral("must be an array, not ") + typeName(v));
    const QJsonArray list = v.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        LogLine line;
        if (!readLine(list[i], inForEach, path + QStringLiteral("[%1]").arg(i), errors, line))
            return false;
        out.push_back(std::move(line));
    }
    return true;
}

QJsonValue lineToJson(const LogLine &line)
{
    QJsonValue when(QJsonValue::Undefined);
    if (line.when.size() == 1) {
        when = line.when.front().text();
    } else if (!line.when.empty()) {
        QJsonArray list;
        for (const LogCondition &c : line.when)
            list.append(c.text());
        when = list;
    }
    if (line.text) {
        if (when.isUndefined())
            return line.text->text();
        return QJsonObject{{QStringLiteral("text"), line.text->text()},
                           {QStringLiteral("when"), when}};
    }
    QJsonArray lines;
    for (const LogLine &nested : line.lines)
        lines.append(lineToJson(nested));
    QJsonObject object{{QStringLiteral("forEach"), QString::fromStdString(line.forEach->text())},
                       {QStringLiteral("lines"), lines}};
    if (!when.isUndefined())
        object.insert(QStringLiteral("when"), when);
    return object;
}

void renderLines(const std::vector<LogLine> &lines, const json::Value &root,
                 const json::Value *element, QStringList &out)
{
    for (const LogLine &line : lines) {
        const bool holds = std::all_of(line.when.begin(), line.when.end(),
                                       [&](const LogCondition &c) {
                                           return c.holds(root, element);
                                       });
        if (!holds)
            continue;
        if (line.text) {
            out.append(line.text->render(root, element));
            continue;
        }
        const json::Value &base = line.forEach->isRelative() && element ? *element : root;
        if (line.forEach->isRelative() && !element)
            continue;
        const std::optional<json::Value> list = line.forEach->evaluate(base);
        if (!list || !list->isArray())
            continue;
        for (const json::Value &item : list->items)
            renderLines(line.lines, root, &item, out);
    }
}

} // namespace

int Latency::pick(double unit) const
{
    if (isFixed())
        return minMs;
    const double span = double(maxMs) - double(minMs) + 1.0;
    const int offset = static_cast<int>(std::clamp(unit, 0.0, 1.0) * span);
    return std::min(maxMs, minMs + offset);
}

std::optional<ConsumerDefinition> ConsumerDefinition::fromJson(const QJsonValue &json,
                                                               const QString &path, QString *error)
{
    Errors errors{error};
    auto at = [&](const char *member) {
        return path.isEmpty() ? QString::fromLatin1(member)
                              : path + u'.' + QString::fromLatin1(member);
    };
    const QString self = path.isEmpty() ? QStringLiteral("consumer") : path;
    if (!json.isObject()) {
        errors.fail(self, QStringLiteral("must be an object, not ") + typeName(json));
        return std::nullopt;
    }
    const QJsonObject object = json.toObject();
    if (!checkMembers(object,
                      {QStringLiteral("name"), QStringLiteral("description"),
                       QStringLiteral("latencyMs"), QStringLiteral("failureRate"),
                       QStringLiteral("concurrency"), QStringLiteral("missingInvokePermission"),
                       QStringLiteral("onFailure"), QStringLiteral("logLines")},
                      self, errors)) {
        return std::nullopt;
    }

    ConsumerDefinition d;
    const QJsonValue name = object.value(QStringLiteral("name"));
    if (!name.isString() || !isValidName(name.toString())) {
        errors.fail(at("name"),
                    name.isString()
                        ? QStringLiteral("\"") + name.toString()
                              + QStringLiteral("\" is not a function name: 1 to 64 characters of "
                                               "A-Z, a-z, 0-9, '-' and '_'")
                        : QStringLiteral("is required and must be a string"));
        return std::nullopt;
    }
    d.name = name.toString();

    if (object.contains(QStringLiteral("description"))) {
        const QJsonValue description = object.value(QStringLiteral("description"));
        if (!description.isString()) {
            errors.fail(at("description"), QStringLiteral("must be a string"));
            return std::nullopt;
        }
        d.description = description.toString();
    }

    if (object.contains(QStringLiteral("latencyMs"))) {
        const QJsonValue latency = object.value(QStringLiteral("latencyMs"));
        if (latency.isObject()) {
            const QJsonObject range = latency.toObject();
            if (!checkMembers(range, {QStringLiteral("min"), QStringLiteral("max")},
                              at("latencyMs"), errors)
                || !wholeNumber(range.value(QStringLiteral("min")), 0, kMaxLatencyMs,
                                at("latencyMs.min"), errors, d.latency.minMs)
                || !wholeNumber(range.value(QStringLiteral("max")), 0, kMaxLatencyMs,
                                at("latencyMs.max"), errors, d.latency.maxMs)) {
                return std::nullopt;
            }
            if (d.latency.maxMs < d.latency.minMs) {
                errors.fail(at("latencyMs"), QStringLiteral("min (%1) is greater than max (%2)")
                                                 .arg(d.latency.minMs)
                                                 .arg(d.latency.maxMs));
                return std::nullopt;
            }
        } else {
            int fixed = 0;
            if (!wholeNumber(latency, 0, kMaxLatencyMs, at("latencyMs"), errors, fixed))
                return std::nullopt;
            d.latency = {fixed, fixed};
        }
    }

    if (object.contains(QStringLiteral("failureRate"))) {
        const QJsonValue rate = object.value(QStringLiteral("failureRate"));
        if (!rate.isDouble() || rate.toDouble() < 0.0 || rate.toDouble() > 1.0) {
            errors.fail(at("failureRate"),
                        QStringLiteral("must be a probability from 0 to 1, not ")
                            + (rate.isDouble() ? QString::number(rate.toDouble()) : typeName(rate)));
            return std::nullopt;
        }
        d.failureRate = rate.toDouble();
    }

    if (object.contains(QStringLiteral("concurrency"))
        && !wholeNumber(object.value(QStringLiteral("concurrency")), 1, kMaxConcurrency,
                        at("concurrency"), errors, d.concurrency)) {
        return std::nullopt;
    }

    if (object.contains(QStringLiteral("missingInvokePermission"))) {
        const QJsonValue flag = object.value(QStringLiteral("missingInvokePermission"));
        if (!flag.isBool()) {
            errors.fail(at("missingInvokePermission"),
                        QStringLiteral("must be true or false, not ") + typeName(flag));
            return std::nullopt;
        }
        d.missingInvokePermission = flag.toBool();
    }

    if (object.contains(QStringLiteral("onFailure"))) {
        const QJsonValue destination = object.value(QStringLiteral("onFailure"));
        const auto arn = destination.isString() ? Arn::parse(destination.toString())
                                                : std::optional<Arn>();
        if (!arn || arn->service != u"sqs" || !Arn::isSqsQueueName(arn->resource)) {
            errors.fail(at("onFailure"),
                        QStringLiteral("must be an SQS queue ARN "
                                       "(arn:aws:sqs:<region>:<account>:<queue>)"));
            return std::nullopt;
        }
        d.onFailure = destination.toString();
    }

    if (object.contains(QStringLiteral("logLines"))
        && !readLines(object.value(QStringLiteral("logLines")), false, at("logLines"), errors,
                      d.logLines)) {
        return std::nullopt;
    }
    return d;
}

QJsonObject ConsumerDefinition::toJson() const
{
    QJsonObject object{{QStringLiteral("name"), name}};
    if (!description.isEmpty())
        object.insert(QStringLiteral("description"), description);
    if (latency.isFixed()) {
        object.insert(QStringLiteral("latencyMs"), latency.minMs);
    } else {
        object.insert(QStringLiteral("latencyMs"),
                      QJsonObject{{QStringLiteral("min"), latency.minMs},
                                  {QStringLiteral("max"), latency.maxMs}});
    }
    object.insert(QStringLiteral("failureRate"), failureRate);
    object.insert(QStringLiteral("concurrency"), concurrency);
    object.insert(QStringLiteral("missingInvokePermission"), missingInvokePermission);
    if (!onFailure.isEmpty())
        object.insert(QStringLiteral("onFailure"), onFailure);
    QJsonArray lines;
    for (const LogLine &line : logLines)
        lines.append(lineToJson(line));
    object.insert(QStringLiteral("logLines"), lines);
    return object;
}

QStringList ConsumerDefinition::render(std::string_view received) const
{
    json::Value root;
    if (!json::parse(received, root))
        root = json::Value::string(std::string(received));
    return render(root);
}

QStringList ConsumerDefinition::render(const json::Value &received) const
{
    QStringList out;
    renderLines(logLines, received, nullptr, out);
    return out;
}

bool ConsumerDefinition::operator==(const ConsumerDefinition &other) const
{
    return toJson() == other.toJson();
}

ConsumerDefinition defaultConsumer(const QString &name)
{
    ConsumerDefinition d;
    d.name = name;
    d.description = QStringLiteral("Created for a target that names an unknown function.");
    d.latency = {20, 20};
    LogLine line;
    line.text = LogTemplate::parse(QStringLiteral("Received: ${$}"), false, nullptr);
    d.logLines.push_back(std::move(line));
    return d;
}

} // namespace ef::consumers
