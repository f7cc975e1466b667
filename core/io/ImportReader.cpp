#include "core/io/ImportReader.h"

#include "core/bus/InputTransformer.h"
#include "core/pattern/EventPattern.h"

#include <algorithm>
#include <type_traits>

namespace ef::io {

namespace {

bool listed(std::initializer_list<const char *> names, const std::string &key)
{
    return std::any_of(names.begin(), names.end(), [&](const char *n) { return key == n; });
}

QString joined(std::initializer_list<const char *> names)
{
    QStringList list;
    for (const char *n : names)
        list << QString::fromLatin1(n);
    return list.join(QStringLiteral(", "));
}

bool isIntrinsic(const SourceNode &node)
{
    if (!node.isObject() || node.members.size() != 1)
        return false;
    const std::string &key = node.members.front().key;
    return key == "Ref" || key.rfind("Fn::", 0) == 0;
}

} // namespace

void ImportReader::problem(int line, const QString &path, const QString &message)
{
    m_problems.push_back({m_file, line, path, message});
}

void ImportReader::warning(const SourceNode &at, const QString &path, const QString &message)
{
    m_warnings << ImportProblem{m_file, at.line, path, message}.text();
}

bool ImportReader::expectObject(const SourceNode &node, const QString &path)
{
    if (node.isObject())
        return true;
    problem(node, path, QStringLiteral("expected an object, found %1")
                            .arg(QLatin1String(node.kindName())));
    return false;
}

std::optional<QString> ImportReader::string(const SourceNode &node, const QString &path)
{
    if (node.isString())
        return node.string();
    if (resolve && (isIntrinsic(node) || node.isNumber()))
        return resolve(node, path);
    problem(node, path, QStringLiteral("expected a string, found %1")
                            .arg(QLatin1String(node.kindName())));
    return std::nullopt;
}

std::optional<int> ImportReader::integer(const SourceNode &node, const QString &path)
{
    QString text;
    if (node.isNumber()) {
        text = node.string();
    } else if (resolve && node.isString()) {
        text = node.string();  // CloudFormation converts "3" to 3
    } else {
        problem(node, path, QStringLiteral("expected an integer, found %1")
                                .arg(QLatin1String(node.kindName())));
        return std::nullopt;
    }
    bool ok = false;
    const int n = text.toInt(&ok);
    if (!ok) {
        problem(node, path, QStringLiteral("expected an integer, found %1").arg(text));
        return std::nullopt;
    }
    return n;
}

bool ImportReader::checkMembers(const SourceNode &object, const QString &path,
                                std::initializer_list<const char *> supported,
                                std::initializer_list<const char *> notSimulated,
                                std::initializer_list<const char *> required)
{
    bool ok = true;
    for (const SourceMember &m : object.members) {
        if (listed(supported, m.key))
            continue;
        const QString where = childPath(path, m.key);
        if (listed(notSimulated, m.key)) {
            warning(m.value, where, QStringLiteral("not simulated by EventFlow; left out"));
            continue;
        }
        problem(m.line ? m.line : m.value.line, where,
                QStringLiteral("unknown member (expected one of: %1)").arg(joined(supported)));
        ok = false;
    }
    for (const char *name : required) {
        if (!object.find(name)) {
            problem(object, path, QStringLiteral("required member %1 is missing")
                                      .arg(QLatin1String(name)));
            ok = false;
        }
    }
    return ok;
}

std::optional<json::Value> ImportReader::resolvedJson(const SourceNode &node, const QString &path)
{
    if (resolve && isIntrinsic(node)) {
        const std::optional<QString> s = resolve(node, path);
        if (!s)
            return std::nullopt;
        return json::Value::string(s->toStdString());
    }
    json::Value v;
    switch (node.kind) {
    case SourceNode::Kind::Array:
        v.kind = json::Value::Kind::Array;
        for (std::size_t i = 0; i < node.items.size(); ++i) {
            std::optional<json::Value> item = resolvedJson(node.items[i], itemPath(path, i));
            if (!item)
                return std::nullopt;
            v.items.push_back(std::move(*item));
        }
        return v;
    case SourceNode::Kind::Object:
        v.kind = json::Value::Kind::Object;
        for (const SourceMember &m : node.members) {
            std::optional<json::Value> value = resolvedJson(m.value, childPath(path, m.key));
            if (!value)
                return std::nullopt;
            v.members.push_back({m.key, std::move(*value)});
        }
        return v;
    default:
        return node.toJson();
    }
}

std::optional<QString> ImportReader::eventPattern(const SourceNode &node, const QString &path)
{
    std::string text;
    if (node.isString()) {
        text = node.text;
        json::Value parsed;
        std::string why;
        if (!json::parse(text, parsed, &why)) {
            problem(node, path, QStringLiteral("Event pattern is not valid. Reason: not JSON: %1")
                                    .arg(QString::fromStdString(why)));
            return std::nullopt;
        }
        text = json::toText(parsed);
    } else if (node.isObject()) {
        const std::optional<json::Value> value = resolvedJson(node, path);
        if (!value)
            return std::nullopt;
        text = json::toText(*value);
    } else {
        problem(node, path, QStringLiteral("expected a JSON object, found %1")
                                .arg(QLatin1String(node.kindName())));
        return std::nullopt;
    }
    const pattern::CompileResult compiled = pattern::validatePattern(text);
    if (!compiled) {
        problem(node, path, QString::fromStdString(compiled.error.message()));
        return std::nullopt;
    }
    return QString::fromStdString(text);
}

std::optional<Target> ImportReader::target(const SourceNode &node, const QString &path,
                                           std::initializer_list<const char *> notSimulated)
{
    if (!expectObject(node, path))
        return std::nullopt;
    const std::size_t before = m_problems.size();
    checkMembers(node, path,
                 {"Id", "Arn", "RoleArn", "Input", "InputPath", "InputTransformer",
                  "DeadLetterConfig", "RetryPolicy"},
                 notSimulated, {"Id", "Arn"});
    Target t;
    auto text = [&](const char *key, auto assign) {
        if (const SourceNode *n = node.find(key)) {
            if (std::optional<QString> s = string(*n, childPath(path, key)))
                assign(*s);
        }
    };
    text("Id", [&](const QString &s) { t.id = s; });
    text("Arn", [&](const QString &s) { t.arn = s; });
    text("RoleArn", [&](const QString &s) { t.roleArn = s; });
    text("Input", [&](const QString &s) { t.input = s; });
    text("InputPath", [&](const QString &s) { t.inputPath = s; });
    if (const SourceNode *n = node.find("InputTransformer")) {
        const QString where = childPath(path, "InputTransformer");
        if (expectObject(*n, where)
            && checkMembers(*n, where, {"InputPathsMap", "InputTemplate"}, {},
                            {"InputTemplate"})) {
            // Target's own type for it (the engine's InputTransformer).
            std::remove_reference_t<decltype(*t.inputTransformer)> spec;
            if (const SourceNode *map = n->find("InputPathsMap")) {
                const QString mapPath = childPath(where, "InputPathsMap");
                if (expectObject(*map, mapPath)) {
                    for (const SourceMember &m : map->members) {
                        if (std::optional<QString> p = string(m.value, childPath(mapPath, m.key)))
                            spec.inputPathsMap.append({QString::fromStdString(m.key), *p});
                    }
                }
            }
            if (std::optional<QString> templ =
                    string(*n->find("InputTemplate"), childPath(where, "InputTemplate")))
                spec.inputTemplate = *templ;
            t.inputTransformer = spec;
        }
    }
    if (const SourceNode *n = node.find("RetryPolicy")) {
        const QString where = childPath(path, "RetryPolicy");
        if (expectObject(*n, where)
            && checkMembers(*n, where, {"MaximumRetryAttempts", "MaximumEventAgeInSeconds"}, {},
                            {})) {
            RetryPolicy retry;
            if (const SourceNode *m = n->find("MaximumRetryAttempts")) {
                if (std::optional<int> v = integer(*m, childPath(where, "MaximumRetryAttempts")))
                    retry.maximumRetryAttempts = *v;
            }
            if (const SourceNode *m = n->find("MaximumEventAgeInSeconds")) {
                if (std::optional<int> v =
                        integer(*m, childPath(where, "MaximumEventAgeInSeconds")))
                    retry.maximumEventAgeInSeconds = *v;
            }
            t.retryPolicy = retry;
        }
    }
    if (const SourceNode *n = node.find("DeadLetterConfig")) {
        const QString where = childPath(path, "DeadLetterConfig");
        if (expectObject(*n, where) && checkMembers(*n, where, {"Arn"}, {}, {})) {
            DeadLetterConfig dlq;
            if (const SourceNode *arn = n->find("Arn")) {
                if (std::optional<QString> s = string(*arn, childPath(where, "Arn")))
                    dlq.arn = *s;
            }
            t.deadLetterConfig = dlq;
        }
    }
    if (m_problems.size() != before)
        return std::nullopt;
    // PutTargets' own check of the input, in its words.
    const QString inputError = validateTargetInput(t);
    if (!inputError.isEmpty()) {
        problem(node, path, inputError);
        return std::nullopt;
    }
    return t;
}

} // namespace ef::io
