#pragma once

// The last N events the engine accepted, for the sandbox's "seen" list, and
// the source of the field catalogue (schema discovered from traffic). Only
// the event numbers are kept per event; envelopes are fetched from the
// engine's history when asked for, and at most one per engine batch feeds
// the catalogue, so heavy traffic costs next to nothing here.

#include "core/bus/Trace.h"

#include <QObject>

#include <deque>
#include <vector>

namespace ef {
class Engine;
}

namespace ef::ui {

class FieldCatalog;
struct SandboxEvent;

class RecentEvents : public QObject
{
    Q_OBJECT
public:
    RecentEvents(Engine &engine, FieldCatalog *catalog, int capacity = 20,
                 QObject *parent = nullptr);
    ~RecentEvents() override;

    // Newest first; events the engine no longer retains are left out.
    std::vector<SandboxEvent> events() const;
    int count() const { return int(m_seqs.size()); }

signals:
    void eventsArrived();

private:
    void observe(std::span<const Happening> batch);

    Engine &m_engine;
    FieldCatalog *m_catalog = nullptr;
    int m_capacity = 20;
    int m_handle = -1;
    std::deque<EventSeq> m_seqs;
};

} // namespace ef::ui
