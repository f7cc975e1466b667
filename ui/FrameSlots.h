#pragma once

// Which frame does the panels' periodic work. A frame that replots the
// metrics and also appends log lines and relays out the clock readout paints
// late; so each periodic job has its own frames (every `period`-th frame,
// offset by `phase`) and no two of them share one: the plot takes even
// frames, log lines frames 1 mod 4, the rest frames 3 mod 4, apart. Frames
// come at 62.5 Hz while the window runs.

#include <cstdint>

namespace ef::ui {

struct FrameSlot
{
    int period;
    int phase;
    bool due(std::uint64_t frame) const
    {
        return frame % static_cast<std::uint64_t>(period) == static_cast<std::uint64_t>(phase);
    }
};

namespace frameslots {
inline constexpr FrameSlot kPlot{6, 0};         // metrics replot, ~10 Hz
inline constexpr FrameSlot kLogLines{4, 1};     // new log lines shown, ~16 Hz
inline constexpr FrameSlot kClock{16, 3};       // clock and fps readout, ~4 Hz
inline constexpr FrameSlot kStatus{16, 7};      // status bar counts, ~4 Hz
inline constexpr FrameSlot kInspector{32, 11};  // an event still in flight, ~2 Hz
inline constexpr FrameSlot kLogGroups{64, 15};  // the list of log groups, ~1 Hz
inline constexpr FrameSlot kPlotSeries{64, 31}; // the list of metric series, ~1 Hz
} // namespace frameslots

} // namespace ef::ui
