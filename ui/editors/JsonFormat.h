#pragma once

// Indents JSON for editing while keeping what the user and the service care
// about: members in their order (QJsonDocument would sort them) and numbers
// exactly as written (29.99 stays 29.99). Text that is not JSON comes back
// unchanged.

#include <QString>

namespace ef::ui {

QString prettyJson(const QString &text, int indent = 2);

} // namespace ef::ui
