#include "ui/sandbox/RecentEvents.h"

#include "core/bus/Engine.h"
#include "ui/editors/FieldCatalog.h"
#include "ui/sandbox/SandboxEvents.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace ef::ui {

RecentEvents::RecentEvents(Engine &engine, FieldCatalog *catalog, int capacity, QObject *parent)
    : QObject(parent), m_engine(engine), m_catalog(catalog), m_capacity(capacity)
{
    m_handle = m_engine.addTraceObserver(
        [this](std::span<const Happening> batch) { observe(batch); });
}

RecentEvents::~RecentEvents()
{
    m_engine.removeTraceObserver(m_handle);
}

void RecentEvents::observe(std::span<const Happening> batch)
{
    EventSeq newest = 0;
    for (const Happening &h : batch) {
        if (h.kind != HappeningKind::EntryAccepted)
            continue;
        m_seqs.push_front(h.event);
        newest = h.event;
    }
    if (!newest)
        return;
    while (int(m_seqs.size()) > m_capacity)
        m_seqs.pop_back();
    if (m_catalog) {
        const QString id = m_engine.eventId(newest);
        if (!id.isEmpty()) {
            const EventHistory history = m_engine.eventHistory(id);
            if (history.found)
                m_catalog->addEvent(history.envelope.toUtf8());
        }
    }
    emit eventsArrived();
}

std::vector<SandboxEvent> RecentEvents::events() const
{
    std::vector<SandboxEvent> out;
    for (EventSeq seq : m_seqs) {
        const QString id = m_engine.eventId(seq);
        if (id.isEmpty())
            continue;
        const EventHistory history = m_engine.eventHistory(id);
        if (!history.found)
            continue;
        const QJsonObject o = QJsonDocument::fromJson(history.envelope.toUtf8()).object();
        const QString type = o.value(QStringLiteral("detail-type")).toString();
        out.push_back({tr("seen: %1 %2 (%3)").arg(type, id.left(8), history.eventBus),
                       history.envelope});
    }
    return out;
}

} // namespace ef::ui
