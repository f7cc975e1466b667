#include "ui/settings/PreferencesDialog.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPalette>
#include <QSpinBox>
#include <QStyle>
#include <QVBoxLayout>

namespace ef::ui {

PreferencesDialog::PreferencesDialog(const AppPreferences &preferences, QWidget *parent)
    : QDialog(parent), m_base(preferences)
{
    setWindowTitle(tr("Preferences"));
    m_port = new QSpinBox(this);
    m_port->setObjectName(QStringLiteral("portSpin"));
    m_port->setRange(1, 65535);
    m_port->setValue(preferences.endpointPort);
    m_theme = new QComboBox(this);
    m_theme->setObjectName(QStringLiteral("themeCombo"));
    m_theme->addItem(tr("System"), QStringLiteral("system"));
    m_theme->addItem(tr("Light"), QStringLiteral("light"));
    m_theme->addItem(tr("Dark"), QStringLiteral("dark"));
    m_theme->setCurrentIndex(qMax(0, m_theme->findData(preferences.theme)));
    m_prefix = new QLineEdit(preferences.newScenarioDefaults.usernamePrefix, this);
    m_prefix->setObjectName(QStringLiteral("defaultPrefix"));
    m_account = new QLineEdit(preferences.newScenarioDefaults.account, this);
    m_region = new QLineEdit(preferences.newScenarioDefaults.region, this);

    auto *app = new QFormLayout;
    app->addRow(tr("Local endpoint port"), m_port);
    app->addRow(QString(), new QLabel(tr("Used the next time the window starts."), this));
    app->addRow(tr("Theme"), m_theme);
    auto *defaults = new QGroupBox(tr("Defaults for new scenarios"), this);
    auto *d = new QFormLayout(defaults);
    d->addRow(tr("Username prefix"), m_prefix);
    d->addRow(tr("Account"), m_account);
    d->addRow(tr("Region"), m_region);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(app);
    layout->addWidget(defaults);
    layout->addWidget(buttons);
}

AppPreferences PreferencesDialog::preferences() const
{
    AppPreferences p = m_base;
    p.endpointPort = m_port->value();
    p.theme = m_theme->currentData().toString();
    p.newScenarioDefaults.usernamePrefix = m_prefix->text().trimmed();
    p.newScenarioDefaults.account = m_account->text().trimmed();
    p.newScenarioDefaults.region = m_region->text().trimmed();
    return p;
}

void applyTheme(const QString &theme)
{
    static const QPalette systemPalette = QApplication::palette();
    if (theme == u"dark") {
        QPalette p;
        p.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
        p.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
        p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        p.setColor(QPalette::AlternateBase, QColor(0x33, 0x33, 0x33));
        p.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
        p.setColor(QPalette::Button, QColor(0x3a, 0x3a, 0x3a));
        p.setColor(QPalette::ButtonText, QColor(0xee, 0xee, 0xee));
        p.setColor(QPalette::Highlight, QColor(0x00, 0x72, 0xb2));
        p.setColor(QPalette::HighlightedText, Qt::white);
        p.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3a, 0x3a));
        p.setColor(QPalette::ToolTipText, QColor(0xee, 0xee, 0xee));
        p.setColor(QPalette::PlaceholderText, QColor(0x99, 0x99, 0x99));
        QApplication::setPalette(p);
    } else if (theme == u"light") {
        QApplication::setPalette(QApplication::style()->standardPalette());
    } else {
        QApplication::setPalette(systemPalette);
    }
}

} // namespace ef::ui
