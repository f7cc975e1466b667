#pragma once

// Live CloudWatch-style plots: one metric (Invocations, MatchedEvents, ...,
// or a function's Errors / Throttles) per chosen rule, bus or function, as
// per-second values against the simulation clock in a sliding window.
// Data stays in the engine; the panel re-reads the visible window at most
// ten times a second, in frames of its own (FrameSlots), so pausing the view
// loses nothing.

#include "core/bus/TelemetryTypes.h"

#include <QSharedPointer>
#include <QWidget>

#include <vector>

class QCheckBox;
class QComboBox;
class QCPAxisTickerDateTime;
class QCustomPlot;
class QLabel;
class QListWidget;
class QSpinBox;

namespace ef::ui {

class EngineSession;
struct FrameBatch;

class MetricsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit MetricsPanel(EngineSession *session, QWidget *parent = nullptr);

    // "AWS/Events" / "AWS/Lambda" and the metric name; unknown names (the
    // lab's SuccessfulInvocations) are accepted and explained.
    void setMetric(const QString &nameSpace, const QString &metricName);
    QString metricName() const { return m_metric; }
    QString notice() const;
    // Series shown, by label ("user3-order-processing-rule", "bus orders", ...).
    QStringList seriesLabels() const;
    void setSeriesChecked(const QString &label, bool checked);
    // The plotted (second, value) pairs of a series, as drawn.
    std::vector<MetricPoint> plotted(const QString &label) const;
    void setViewPaused(bool paused);
    bool isViewPaused() const;
    void setWindowSeconds(int seconds);

    void refreshSeries();
    void replot();  // re-reads the window now

    bool exportPng(const QString &path, int width = 0, int height = 0);
    bool exportPdf(const QString &path);
    bool exportCsv(const QString &path, QString *error = nullptr);

    QCustomPlot *plot() const { return m_plot; }
    // Presentation mode: legend, axis texts and the series list grow.
    void setFontScale(double scale);
    QSize sizeHint() const override { return QSize(720, 290); }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Series
    {
        QString label;
        MetricId id;
        bool checked = false;
        std::vector<MetricPoint> points;
    };
    void onFrame(const FrameBatch &batch);
    void rebuildGraphs();
    void chooseExport();
    void applyFonts();
    void adaptToWidth(int width);
    static QFont scaledFont(QFont font, double scale);

    EngineSession *m_session;
    QString m_nameSpace = QStringLiteral("AWS/Events");
    QString m_metric = QStringLiteral("Invocations");
    std::vector<Series> m_series;
    QComboBox *m_metricBox;
    QListWidget *m_seriesList;
    QCheckBox *m_pauseView;
    QSpinBox *m_window;
    QLabel *m_notice;
    QCustomPlot *m_plot;
    QSharedPointer<QCPAxisTickerDateTime> m_ticker;
    double m_fontScale = 1.0;
    SimTime m_viewEnd = 0;
};

} // namespace ef::ui
