#pragma once

// Edit > Preferences: the endpoint port, the theme and the defaults for new
// scenarios (AppPreferences, stored in QSettings).

#include "ui/settings/AppPreferences.h"

#include <QDialog>

class QComboBox;
class QLineEdit;
class QSpinBox;

namespace ef::ui {

class PreferencesDialog : public QDialog
{
    Q_OBJECT
public:
    explicit PreferencesDialog(const AppPreferences &preferences, QWidget *parent = nullptr);
    AppPreferences preferences() const;

    QSpinBox *portSpin() const { return m_port; }
    QComboBox *themeCombo() const { return m_theme; }
    QLineEdit *prefixEdit() const { return m_prefix; }

private:
    AppPreferences m_base;
    QSpinBox *m_port = nullptr;
    QComboBox *m_theme = nullptr;
    QLineEdit *m_prefix = nullptr;
    QLineEdit *m_account = nullptr;
    QLineEdit *m_region = nullptr;
};

// Applies a theme name to the running application ("system", "light", "dark").
void applyTheme(const QString &theme);

} // namespace ef::ui
