#include "ui/composer/EventComposer.h"

#include "core/bus/Engine.h"
#include "ui/editors/JsonEdit.h"
#include "ui/editors/JsonLocator.h"
#include "ui/undo/ScenarioDocument.h"

#include <QComboBox>
#include <QFormLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace ef::ui {

namespace {
constexpr int kEntriesPerCall = 10;  // PutEvents' limit per request
}

EventComposer::EventComposer(ScenarioDocument &document, QWidget *parent)
    : QWidget(parent), m_document(document)
{
    setObjectName(QStringLiteral("eventComposer"));
    m_source = new QLineEdit(this);
    m_source->setObjectName(QStringLiteral("composerSource"));
    m_detailType = new QLineEdit(this);
    m_detailType->setObjectName(QStringLiteral("composerDetailType"));
    m_bus = new QComboBox(this);
    m_bus->setObjectName(QStringLiteral("composerBus"));
    m_bus->setEditable(true);
    m_detail = new JsonEdit(this);
    m_detail->setObjectName(QStringLiteral("composerDetail"));
    m_detail->setPlainText(QStringLiteral("{\n  \n}"));
    m_count = new QSpinBox(this);
    m_count->setObjectName(QStringLiteral("composerCount"));
    m_count->setRange(1, 10000);
    m_count->setSuffix(tr(" time(s)"));
    m_send = new QPushButton(tr("Send"), this);
    m_send->setObjectName(QStringLiteral("composerSend"));
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("composerResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // Start from the scenario's first producer, so the composed event is routed.
    const auto producers = document.engine().producers();
    if (!producers.empty()) {
        m_source->setText(producers.front().source);
        if (!producers.front().eventTypes.isEmpty())
            m_detailType->setText(producers.front().eventTypes.front());
    }

    auto *form = new QFormLayout;
    form->addRow(tr("Source"), m_source);
    form->addRow(tr("Detail type"), m_detailType);
    form->addRow(tr("Event bus"), m_bus);
    auto *sendRow = new QHBoxLayout;
    sendRow->addWidget(m_count);
    sendRow->addWidget(m_send);
    sendRow->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Detail (JSON object)"), this));
    layout->addWidget(m_detail, 1);
    layout->addLayout(sendRow);
    layout->addWidget(m_result);

    connect(m_send, &QPushButton::clicked, this, [this] { send(); });
    connect(m_detail, &QPlainTextEdit::textChanged, this, [this] { validateDetail(); });
    connect(&m_document, &ScenarioDocument::scenarioChanged, this, [this] { refreshBuses(); });
    refreshBuses();
    if (!producers.empty())
        m_bus->setCurrentText(producers.front().eventBusName);
    validateDetail();
}

void EventComposer::refreshBuses()
{
    const QString keep = m_bus->currentText();
    m_bus->clear();
    const auto buses = m_document.engine().listEventBuses({});
    if (buses.ok()) {
        for (const EventBusInfo &b : buses->eventBuses)
            m_bus->addItem(b.name);
    }
    if (!keep.isEmpty())
        m_bus->setCurrentText(keep);
}

void EventComposer::validateDetail()
{
    QString message;
    const QString text = m_detail->toPlainText();
    const int at = jsonSyntaxErrorOffset(text, &message);
    const bool object = at < 0 && QJsonDocument::fromJson(text.toUtf8()).isObject();
    m_detail->setErrorSpan(at, at >= 0 ? 1 : 0);
    m_send->setEnabled(object);
    if (at >= 0)
        m_result->setText(tr("Detail is not valid JSON: %1").arg(message));
    else if (!object)
        m_result->setText(tr("Detail must be a JSON object."));
    else if (m_result->text().startsWith(tr("Detail ")))
        m_result->clear();
}

int EventComposer::send()
{
    PutEventsRequestEntry entry;
    entry.source = m_source->text().toStdString();
    entry.detailType = m_detailType->text().toStdString();
    entry.detail = QJsonDocument::fromJson(m_detail->toPlainText().toUtf8())
                       .toJson(QJsonDocument::Compact)
                       .toStdString();
    entry.eventBusName = m_bus->currentText().toStdString();
    int accepted = 0;
    int failed = 0;
    QString firstError;
    QString lastId;
    for (int left = m_count->value(); left > 0;) {
        const int n = qMin(left, kEntriesPerCall);
        std::vector<PutEventsRequestEntry> batch(n, entry);
        const auto response = m_document.engine().putEvents(batch);
        left -= n;
        if (!response.ok()) {
            failed += n;
            if (firstError.isEmpty())
                firstError = response.error().message;
            continue;
        }
        for (const PutEventsResultEntry &r : response->entries) {
            if (r.ok()) {
                ++accepted;
                lastId = r.eventId;
            } else {
                ++failed;
                if (firstError.isEmpty())
                    firstError = r.errorCode + QStringLiteral(": ") + r.errorMessage;
            }
        }
    }
    QString text = tr("Sent %n event(s)", nullptr, accepted);
    if (!lastId.isEmpty())
        text += tr(" (last id %1)").arg(lastId);
    if (failed)
        text += tr("; %n refused: %1", nullptr, failed).arg(firstError);
    m_result->setText(text);
    emit sent(accepted, failed);
    return accepted;
}

} // namespace ef::ui
