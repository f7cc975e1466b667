#pragma once

// A steady stream of PutEvents entries for the plots and the canvas under
// load: N events per second of simulation time, a weighted mix of
// detail-types, random amounts in a range. It produces entries; the session
// sends them (in PutEvents batches of 10, the service's limit).

#include "core/bus/EventsTypes.h"
#include "core/bus/SimTime.h"

#include <QString>
#include <QStringList>

#include <random>
#include <vector>

namespace ef::ui {

struct LoadSettings
{
    bool running = false;
    double eventsPerSecond = 100;
    QString eventBusName;            // empty: "default"
    QString source;
    QStringList detailTypes;
    std::vector<double> weights;     // one per detail-type; all zero = even mix
    double amountMin = 5;
    double amountMax = 300;
};

class LoadGenerator
{
public:
    explicit LoadGenerator(std::uint64_t seed = 7);

    const LoadSettings &settings() const { return m_settings; }
    void setSettings(const LoadSettings &settings);
    void setRunning(bool running) { m_settings.running = running; m_owed = 0; }
    bool isRunning() const { return m_settings.running; }

    // The entries due for `elapsed` simulation time (appended to `out`).
    void generate(SimTime elapsed, std::vector<PutEventsRequestEntry> &out);
    std::uint64_t generated() const { return m_sequence; }

private:
    LoadSettings m_settings;
    std::mt19937_64 m_random;
    double m_owed = 0;
    std::uint64_t m_sequence = 0;
    std::vector<double> m_cumulative;
    std::vector<std::string> m_types;
};

} // namespace ef::ui
