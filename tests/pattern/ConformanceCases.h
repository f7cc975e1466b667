#pragma once

// Loads conformance cases (JSON Lines: id, pattern, event, expect). A pattern
// or event given as a JSON string holds the raw text; otherwise its exact
// source text is used, so duplicate keys and number literals survive.

#include "core/pattern/JsonDocument.h"

#include <QFile>
#include <QString>

#include <string>
#include <vector>

struct ConformanceCase
{
    std::string id, note, pattern, event, expect;
};

inline std::string conformancePart(const ef::pattern::JsonNode &line, const std::string &text,
                                   const char *key)
{
    const ef::pattern::JsonNode *node = line.member(key);
    if (!node)
        return {};
    if (node->isString())
        return node->text;
    return text.substr(node->begin, node->end - node->begin);
}

// Returns false (with `error`) when the file cannot be read or a line is malformed.
inline bool loadConformanceCases(const QString &path, std::vector<ConformanceCase> &out,
                                 QString &error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    int lineNo = 0;
    while (!file.atEnd()) {
        ++lineNo;
        const std::string text = file.readLine().trimmed().toStdString();
        if (text.empty())
            continue;
        ef::pattern::JsonNode line;
        std::string parseError;
        if (!ef::pattern::parseJson(text, line, parseError, true) || !line.isObject()) {
            error = QStringLiteral("%1 line %2: %3")
                        .arg(path)
                        .arg(lineNo)
                        .arg(QString::fromStdString(parseError));
            return false;
        }
        ConformanceCase c;
        c.id = line.member("id") ? line.member("id")->text : std::to_string(lineNo);
        c.note = line.member("note") ? line.member("note")->text : std::string();
        c.pattern = conformancePart(line, text, "pattern");
        c.event = conformancePart(line, text, "event");
        c.expect = line.member("expect") ? line.member("expect")->text : std::string();
        out.push_back(std::move(c));
    }
    return true;
}

inline QString sourceDataPath(const char *name)
{
    return QStringLiteral(EVENTFLOW_SOURCE_DIR "/tests/data/") + QLatin1String(name);
}

inline QString sharedConformancePath(const char *name)
{
    return QStringLiteral(EVENTFLOW_SHARED_DIR "/conformance/") + QLatin1String(name);
}
