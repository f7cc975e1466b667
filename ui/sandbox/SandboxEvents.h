#pragma once

// Events the sandbox offers: the scenario's saved sample events turned into
// the envelopes the bus would build (producer requests go through the
// producer's own definition, without publishing anything), and the last
// events the engine accepted (RecentEvents).

#include "core/bus/SimTime.h"
#include "core/io/Scenario.h"

#include <QString>

#include <vector>

namespace ef::ui {

struct SandboxEvent
{
    QString label;  // e.g. "sample: Small order" or "seen: OrderPlaced 1f3c…"
    QString json;   // the full event envelope
};

// An EventBridge envelope around `detail` (JSON object text), in the
// service's member order.
QString eventEnvelope(const QString &source, const QString &detailType, const QString &detail,
                      const ScenarioSettings &settings, SimTime time, const QString &id,
                      const QStringList &resources = {});

// The scenario's sample events as envelopes at `time`; samples that cannot
// be built (unknown producer, invalid body) are listed with the reason.
std::vector<SandboxEvent> sampleEventEnvelopes(const Scenario &scenario, SimTime time,
                                               QStringList *problems = nullptr);

} // namespace ef::ui
