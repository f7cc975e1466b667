#pragma once

// The producer dock: one-click sends for each event type of the scenario's
// producer (fields prefilled from the producer's defaults, editable), the
// scenario's saved sample events, and the load generator.

#include <QWidget>

#include <vector>

class QCheckBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QVBoxLayout;

namespace ef::ui {

class EngineSession;

class ProducerPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ProducerPanel(EngineSession *session, QWidget *parent = nullptr);

    void rebuild();              // the scenario changed
    void sendSamples();          // "Send sample events": the saved samples, in order
    // One click on an event type's send button (tests, shortcuts).
    bool send(const QString &eventType);
    QStringList eventTypes() const;
    QLineEdit *field(const QString &eventType, const QString &name) const;
    QString lastResponse() const;
    // Presentation mode: the sample list and the last response grow by `scale`.
    void setFontScale(double scale);

private:
    struct TypeForm
    {
        QString type;
        std::vector<std::pair<QString, QLineEdit *>> fields;
        QPushButton *send = nullptr;
    };
    void buildLoadGenerator(QVBoxLayout *layout);
    void applyLoadSettings();

    EngineSession *m_session;
    QString m_producer;
    QString m_typeField;
    QLabel *m_header = nullptr;
    QWidget *m_quick = nullptr;
    QTabWidget *m_forms = nullptr;
    std::vector<TypeForm> m_typeForms;
    QLabel *m_response = nullptr;
    QListWidget *m_samples = nullptr;
    double m_fontScale = 1.0;
    QPushButton *m_sendSamples = nullptr;
    QCheckBox *m_loadRunning = nullptr;
    QSpinBox *m_loadRate = nullptr;
    QDoubleSpinBox *m_amountMin = nullptr;
    QDoubleSpinBox *m_amountMax = nullptr;
    QWidget *m_mixBox = nullptr;
    std::vector<std::pair<QString, QSpinBox *>> m_mix;
};

} // namespace ef::ui
