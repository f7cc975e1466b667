#pragma once

// Finds where in a JSON text a field path ("detail.amount") is written, so an
// error the pattern engine reports for a path can be underlined where the
// user typed it. Tolerates broken text: it scans tokens, it does not parse.

#include <QString>
#include <QStringList>

namespace ef::ui {

struct TextSpan
{
    int position = -1;  // -1: not found
    int length = 0;
    bool found() const { return position >= 0; }
};

// The member "key": value at `path` (keys joined by '.', arrays transparent).
// Falls back to the longest prefix of the path that is present.
TextSpan locateJsonPath(const QString &text, const QString &path);

// Every key path in the text, in order of appearance (for tests and hints).
QStringList jsonKeyPaths(const QString &text);

// Where a JSON syntax error is: the offset QJsonDocument reports, or -1 when
// the text parses.
int jsonSyntaxErrorOffset(const QString &text, QString *message = nullptr);

} // namespace ef::ui
