#pragma once

// Reading values out of an import tree with a problem (file, line, path,
// reason) for each thing that is wrong, so one pass reports all of them.
// The CloudFormation reader sets `resolve` to evaluate intrinsic functions
// where the API expects a string.

#include "core/io/Import.h"

#include <functional>
#include <initializer_list>

namespace ef::io {

class ImportReader
{
public:
    ImportReader(QString file, std::vector<ImportProblem> &problems, QStringList &warnings)
        : m_file(std::move(file)), m_problems(problems), m_warnings(warnings)
    {
    }

    using Resolver = std::function<std::optional<QString>(const SourceNode &, const QString &)>;
    Resolver resolve;  // when set, strings may be intrinsic functions

    const QString &file() const { return m_file; }
    SourceLocation at(const SourceNode &node, const QString &path) const
    {
        return {m_file, path, node.line};
    }

    void problem(int line, const QString &path, const QString &message);
    void problem(const SourceNode &at, const QString &path, const QString &message)
    {
        problem(at.line, path, message);
    }
    void warning(const SourceNode &at, const QString &path, const QString &message);
    bool hasProblems() const { return !m_problems.empty(); }

    bool expectObject(const SourceNode &node, const QString &path);
    std::optional<QString> string(const SourceNode &node, const QString &path);
    std::optional<int> integer(const SourceNode &node, const QString &path);

    // Reports unknown members (problems) and members EventFlow does not
    // simulate (warnings, left out); false when a required one is missing
    // or a member is unknown.
    bool checkMembers(const SourceNode &object, const QString &path,
                      std::initializer_list<const char *> supported,
                      std::initializer_list<const char *> notSimulated,
                      std::initializer_list<const char *> required);

    // An EventPattern: a JSON object, or a string of JSON text; validated by
    // the pattern compiler. Returns the minified text.
    std::optional<QString> eventPattern(const SourceNode &node, const QString &path);

    // A PutTargets Target (also CloudFormation's), its input validated as
    // PutTargets does. `extraNotSimulated` adds members a format knows.
    std::optional<Target> target(const SourceNode &node, const QString &path,
                                 std::initializer_list<const char *> notSimulated);

private:
    QString m_file;
    std::vector<ImportProblem> &m_problems;
    QStringList &m_warnings;

    // Intrinsic functions inside a pattern, evaluated (CloudFormation does).
    std::optional<json::Value> resolvedJson(const SourceNode &node, const QString &path);
};

} // namespace ef::io
