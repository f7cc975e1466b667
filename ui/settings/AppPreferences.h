#pragma once

// The application's own preferences, kept in QSettings (per user, not in the
// scenario): the local endpoint's port, the theme, and the settings a new
// scenario starts with. Scenario settings proper travel with the scenario.

#include "core/io/Scenario.h"

#include <QString>

class QSettings;

namespace ef::ui {

struct AppPreferences
{
    int endpointPort = 4010;
    QString theme = QStringLiteral("system");  // "system", "light", "dark"
    ScenarioSettings newScenarioDefaults;
    QStringList recentFiles;                   // most recent first

    static constexpr int kMaxRecentFiles = 8;

    // From `settings`, or the application's QSettings when null.
    static AppPreferences load(QSettings *settings = nullptr);
    void save(QSettings *settings = nullptr) const;

    void addRecentFile(const QString &path);
};

} // namespace ef::ui
