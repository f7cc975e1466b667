#pragma once

// Templates for each event-pattern operator, inserted at the cursor of the
// pattern editor. Values are neutral examples for the user to overwrite.

#include <QString>

#include <vector>

namespace ef::ui {

struct PatternSnippet
{
    QString label;  // menu text, e.g. "numeric range"
    QString hint;   // one-line explanation shown as a tooltip
    QString text;   // what is inserted
};

const std::vector<PatternSnippet> &patternSnippets();
// A whole starting pattern: match events by source and detail-type.
QString starterPattern(const QString &source = {}, const QString &detailType = {});

} // namespace ef::ui
