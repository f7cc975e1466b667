#include "ui/settings/AppPreferences.h"

#include <QFileInfo>
#include <QSettings>

#include <memory>

namespace ef::ui {

namespace {
std::unique_ptr<QSettings> ownSettings(QSettings *given)
{
    if (given)
        return nullptr;
    return std::make_unique<QSettings>(QStringLiteral("EventFlow"), QStringLiteral("EventFlow"));
}
} // namespace

AppPreferences AppPreferences::load(QSettings *settings)
{
    auto owned = ownSettings(settings);
    QSettings &s = settings ? *settings : *owned;
    AppPreferences p;
    p.endpointPort = s.value(QStringLiteral("endpoint/port"), p.endpointPort).toInt();
    p.theme = s.value(QStringLiteral("ui/theme"), p.theme).toString();
    ScenarioSettings &d = p.newScenarioDefaults;
    d.usernamePrefix = s.value(QStringLiteral("newScenario/usernamePrefix"), d.usernamePrefix)
                           .toString();
    d.account = s.value(QStringLiteral("newScenario/account"), d.account).toString();
    d.region = s.value(QStringLiteral("newScenario/region"), d.region).toString();
    p.recentFiles = s.value(QStringLiteral("files/recent")).toStringList();
    return p;
}

void AppPreferences::save(QSettings *settings) const
{
    auto owned = ownSettings(settings);
    QSettings &s = settings ? *settings : *owned;
    s.setValue(QStringLiteral("endpoint/port"), endpointPort);
    s.setValue(QStringLiteral("ui/theme"), theme);
    s.setValue(QStringLiteral("newScenario/usernamePrefix"), newScenarioDefaults.usernamePrefix);
    s.setValue(QStringLiteral("newScenario/account"), newScenarioDefaults.account);
    s.setValue(QStringLiteral("newScenario/region"), newScenarioDefaults.region);
    s.setValue(QStringLiteral("files/recent"), recentFiles);
}

void AppPreferences::addRecentFile(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    recentFiles.removeAll(absolute);
    recentFiles.prepend(absolute);
    while (recentFiles.size() > kMaxRecentFiles)
        recentFiles.removeLast();
}

} // namespace ef::ui
