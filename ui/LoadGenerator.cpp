#include "ui/LoadGenerator.h"

#include <algorithm>
#include <cstdio>

namespace ef::ui {

LoadGenerator::LoadGenerator(std::uint64_t seed) : m_random(seed) {}

void LoadGenerator::setSettings(const LoadSettings &settings)
{
    m_settings = settings;
    m_types.clear();
    m_cumulative.clear();
    double total = 0;
    for (int i = 0; i < settings.detailTypes.size(); ++i)
        total += std::max(0.0, i < int(settings.weights.size()) ? settings.weights[i] : 0.0);
    double sum = 0;
    for (int i = 0; i < settings.detailTypes.size(); ++i) {
        m_types.push_back(settings.detailTypes[i].toStdString());
        const double w = i < int(settings.weights.size()) ? std::max(0.0, settings.weights[i])
                                                           : 0.0;
        sum += total > 0 ? w / total : 1.0 / settings.detailTypes.size();
        m_cumulative.push_back(sum);
    }
    m_owed = 0;
}

void LoadGenerator::generate(SimTime elapsed, std::vector<PutEventsRequestEntry> &out)
{
    if (!m_settings.running || m_types.empty() || elapsed <= 0)
        return;
    m_owed += m_settings.eventsPerSecond * static_cast<double>(elapsed) / kMicrosPerSecond;
    // A long stall (debugger, suspended laptop) must not turn into a burst.
    m_owed = std::min(m_owed, m_settings.eventsPerSecond * 0.25 + 1);
    const auto n = static_cast<std::size_t>(m_owed);
    m_owed -= static_cast<double>(n);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const std::string bus = m_settings.eventBusName.toStdString();
    const std::string source = m_settings.source.toStdString();
    char detail[128];
    for (std::size_t i = 0; i < n; ++i) {
        const double pick = unit(m_random);
        std::size_t type = 0;
        while (type + 1 < m_cumulative.size() && pick >= m_cumulative[type])
            ++type;
        const double amount = m_settings.amountMin
                              + unit(m_random) * (m_settings.amountMax - m_settings.amountMin);
        std::snprintf(detail, sizeof detail, "{\"amount\":%.2f,\"loadSequence\":%llu}", amount,
                      static_cast<unsigned long long>(++m_sequence));
        PutEventsRequestEntry entry;
        entry.source = source;
        entry.detailType = m_types[type];
        entry.detail = detail;
        entry.eventBusName = bus;
        out.push_back(std::move(entry));
    }
}

} // namespace ef::ui
