#pragma once

// The event composer: source, detail-type, event bus and detail JSON (in the
// same JSON editor as patterns), sent once or N times through PutEvents. The
// engine's per-entry errors are shown in its own words.

#include "core/bus/EventsTypes.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace ef::ui {

class JsonEdit;
class ScenarioDocument;

class EventComposer : public QWidget
{
    Q_OBJECT
public:
    explicit EventComposer(ScenarioDocument &document, QWidget *parent = nullptr);

    void refreshBuses();

    QLineEdit *sourceEdit() const { return m_source; }
    QLineEdit *detailTypeEdit() const { return m_detailType; }
    QComboBox *busCombo() const { return m_bus; }
    JsonEdit *detailEdit() const { return m_detail; }
    QSpinBox *countSpin() const { return m_count; }
    QPushButton *sendButton() const { return m_send; }
    QLabel *resultLabel() const { return m_result; }

    // Sends the composed event `count` times; the engine's response per batch
    // of ten (PutEvents' limit). Returns the number of entries accepted.
    int send();

signals:
    void sent(int accepted, int failed);

private:
    void validateDetail();

    ScenarioDocument &m_document;
    QLineEdit *m_source = nullptr;
    QLineEdit *m_detailType = nullptr;
    QComboBox *m_bus = nullptr;
    JsonEdit *m_detail = nullptr;
    QSpinBox *m_count = nullptr;
    QPushButton *m_send = nullptr;
    QLabel *m_result = nullptr;
};

} // namespace ef::ui
