#include "ui/MetricsPanel.h"

#include "core/bus/Engine.h"
#include "ui/EngineSession.h"
#include "ui/FrameSlots.h"
#include "ui/Palette.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QResizeEvent>
#include <QSaveFile>
#include <QSpinBox>
#include <QTextStream>
#include <QToolButton>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>

namespace ef::ui {

namespace {
constexpr int kMaxDefaultSeries = 10;

struct MetricChoice
{
    const char *nameSpace;
    const char *name;
    const char *label;
};
const MetricChoice kChoices[] = {
    {"AWS/Events", "Invocations", "Invocations"},
    {"AWS/Events", "MatchedEvents", "MatchedEvents"},
    {"AWS/Events", "FailedInvocations", "FailedInvocations"},
    {"AWS/Events", "ThrottledRules", "ThrottledRules"},
    {"AWS/Events", "InvocationsSentToDlq", "InvocationsSentToDlq"},
    {"AWS/Lambda", "Errors", "Errors (functions)"},
    {"AWS/Lambda", "Throttles", "Throttles (functions)"},
    {"AWS/Lambda", "Invocations", "Invocations (functions)"},
    {"AWS/Events", "SuccessfulInvocations", "SuccessfulInvocations (the lab's)"},
};

QString labelFor(const MetricId &id)
{
    QString rule, bus, fn;
    for (const Dimension &d : id.dimensions) {
        if (d.name == QLatin1String("RuleName"))
            rule = d.value;
        else if (d.name == QLatin1String("EventBusName"))
            bus = d.value;
        else if (d.name == QLatin1String("FunctionName"))
            fn = d.value;
    }
    if (!rule.isEmpty())
        return rule;
    if (!fn.isEmpty())
        return fn;
    if (!bus.isEmpty())
        return QStringLiteral("bus ") + bus;
    return QStringLiteral("all");
}

double seconds(SimTime t) { return static_cast<double>(t) / kMicrosPerSecond; }
} // namespace

MetricsPanel::MetricsPanel(EngineSession *session, QWidget *parent)
    : QWidget(parent), m_session(session)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *controls = new QHBoxLayout;
    layout->addLayout(controls);
    auto *body = new QHBoxLayout;
    layout->addLayout(body, 1);
    m_metricBox = new QComboBox(this);
    m_metricBox->setObjectName(QStringLiteral("metric"));
    for (const MetricChoice &c : kChoices)
        m_metricBox->addItem(QString::fromLatin1(c.label),
                             QStringList{QString::fromLatin1(c.nameSpace),
                                         QString::fromLatin1(c.name)});
    controls->addWidget(m_metricBox);
    auto *row = controls;
    m_window = new QSpinBox(this);
    m_window->setRange(10, 3600);
    m_window->setValue(60);
    m_window->setSuffix(tr(" s window"));
    row->addWidget(m_window);
    auto *exportButton = new QToolButton(this);
    exportButton->setText(tr("Export"));
    exportButton->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(exportButton);
    menu->addAction(tr("Plot as PNG…"), this, [this]() {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export plot"), QString(),
                                                          tr("PNG image (*.png)"));
        if (!path.isEmpty())
            exportPng(path);
    });
    menu->addAction(tr("Plot as PDF…"), this, [this]() {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export plot"), QString(),
                                                          tr("PDF document (*.pdf)"));
        if (!path.isEmpty())
            exportPdf(path);
    });
    menu->addAction(tr("Data as CSV…"), this, [this]() {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export data"), QString(),
                                                          tr("CSV (*.csv)"));
        QString error;
        if (!path.isEmpty() && !exportCsv(path, &error))
            m_notice->setText(error);
    });
    exportButton->setMenu(menu);
    m_pauseView = new QCheckBox(tr("Pause view"), this);
    m_pauseView->setToolTip(tr("Freeze the plot; the data keeps coming and shows on resume"));
    m_pauseView->setObjectName(QStringLiteral("pauseView"));
    controls->addWidget(m_pauseView);
    controls->addStretch(1);
    controls->addWidget(exportButton);
    m_seriesList = new QListWidget(this);
    m_seriesList->setObjectName(QStringLiteral("series"));
    m_seriesList->setMaximumWidth(190);
    body->addWidget(m_seriesList);

    auto *right = new QVBoxLayout;
    body->addLayout(right, 1);
    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("metricNotice"));
    m_notice->setWordWrap(true);
    m_notice->setStyleSheet(QStringLiteral("background:#fff4d6; color:#5a4300; padding:4px;"));
    m_notice->hide();
    right->addWidget(m_notice);
    m_plot = new QCustomPlot(this);
    m_plot->setObjectName(QStringLiteral("plot"));
    // One combined paint per frame instead of a synchronous repaint per replot.
    m_plot->setPlottingHint(QCP::phImmediateRefresh, false);
    m_plot->setNotAntialiasedElements(QCP::aeAll);
    m_plot->setMinimumHeight(160);
    m_ticker = QSharedPointer<QCPAxisTickerDateTime>::create();
    m_ticker->setDateTimeFormat(QStringLiteral("HH:mm:ss"));
    m_ticker->setDateTimeSpec(Qt::UTC);
    m_ticker->setTickCount(3);
    m_plot->xAxis->setTicker(m_ticker);
    m_plot->xAxis->setLabel(tr("simulation time (UTC)"));
    m_plot->yAxis->setLabel(tr("per second"));
    // The legend is a compact row (or a few) above the axis rect, never over
    // the data: taken out of the axis rect's inset into a row of its own.
    QCPLegend *legend = m_plot->legend;
    legend->setVisible(true);
    m_plot->axisRect()->insetLayout()->take(legend);
    m_plot->plotLayout()->insertRow(0);
    m_plot->plotLayout()->addElement(0, 0, legend);
    m_plot->plotLayout()->setRowStretchFactor(0, 0.001);
    m_plot->plotLayout()->setRowSpacing(0);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend->setBorderPen(Qt::NoPen);
    legend->setBrush(Qt::NoBrush);
    legend->setMargins(QMargins(4, 2, 4, 0));
    legend->setColumnSpacing(8);
    legend->setRowSpacing(0);
    legend->setIconSize(12, 8);
    legend->setIconTextPadding(4);
    applyFonts();
    m_plot->installEventFilter(this);
    right->addWidget(m_plot, 1);

    connect(m_metricBox, &QComboBox::currentIndexChanged, this, [this](int i) {
        const QStringList v = m_metricBox->itemData(i).toStringList();
        setMetric(v.value(0), v.value(1));
    });
    connect(m_window, &QSpinBox::valueChanged, this, [this]() { replot(); });
    connect(m_pauseView, &QCheckBox::toggled, this, [this](bool paused) {
        if (!paused)
            replot();
    });
    connect(m_seriesList, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        const int row = m_seriesList->row(item);
        if (row >= 0 && row < static_cast<int>(m_series.size())) {
            m_series[row].checked = item->checkState() == Qt::Checked;
            rebuildGraphs();
            replot();
        }
    });
    connect(session, &EngineSession::frame, this, &MetricsPanel::onFrame);
    connect(session, &EngineSession::scenarioChanged, this, &MetricsPanel::refreshSeries);
    connect(session, &EngineSession::cleared, this, [this]() {
        refreshSeries();
        replot();
    });
    setMetric(m_nameSpace, m_metric);
}

void MetricsPanel::setFontScale(double scale)
{
    m_fontScale = scale;
    applyFonts();
    adaptToWidth(m_plot->width());
    m_seriesList->setFont(scaledFont(font(), scale));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QFont MetricsPanel::scaledFont(QFont f, double scale)
{
    f.setPointSizeF(f.pointSizeF() * scale);
    return f;
}

void MetricsPanel::applyFonts()
{
    QFont small(QStringLiteral("DejaVu Sans"));
    small.setPointSizeF(7.5 * m_fontScale);
    m_plot->legend->setFont(small);
    for (int i = 0; i < m_plot->legend->itemCount(); ++i) {
        // Removed graphs leave empty cells until the legend is refilled.
        if (QCPAbstractLegendItem *item = m_plot->legend->item(i))
            item->setFont(small);
    }
    QFont ticks(QStringLiteral("DejaVu Sans"));
    ticks.setPointSizeF(8 * m_fontScale);
    for (QCPAxis *axis : {m_plot->xAxis, m_plot->yAxis}) {
        axis->setTickLabelFont(ticks);
        axis->setLabelFont(ticks);
    }
}

void MetricsPanel::adaptToWidth(int width)
{
    // One time label per ~110 px (HH:mm:ss and its gap), as many legend
    // columns as the longest entry allows: nothing crowds in a narrow dock,
    // nothing wastes a wide one.
    const int labels = std::clamp(static_cast<int>((width - 60) / (110 * m_fontScale)), 2, 8);
    m_ticker->setTickCount(labels);
    const QFontMetrics fm(m_plot->legend->font());
    int entry = 0;
    for (int i = 0; i < m_plot->graphCount(); ++i)
        entry = std::max(entry, fm.horizontalAdvance(m_plot->graph(i)->name()));
    entry += m_plot->legend->iconSize().width() + m_plot->legend->iconTextPadding()
             + m_plot->legend->columnSpacing() + 2;
    const int columns = std::clamp((width - 8) / std::max(entry, 1), 1, 6);
    if (m_plot->legend->wrap() != columns)
        m_plot->legend->setWrap(columns);
}

bool MetricsPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_plot && event->type() == QEvent::Resize)
        adaptToWidth(static_cast<QResizeEvent *>(event)->size().width());
    return QWidget::eventFilter(watched, event);
}

void MetricsPanel::setMetric(const QString &nameSpace, const QString &metricName)
{
    m_nameSpace = nameSpace;
    m_metric = metricName;
    for (int i = 0; i < m_metricBox->count(); ++i) {
        const QStringList v = m_metricBox->itemData(i).toStringList();
        if (v.value(0) == nameSpace && v.value(1) == metricName && i != m_metricBox->currentIndex()) {
            QSignalBlocker block(m_metricBox);
            m_metricBox->setCurrentIndex(i);
        }
    }
    m_series.clear();
    refreshSeries();
    replot();
}

QString MetricsPanel::notice() const { return m_notice->isHidden() ? QString() : m_notice->text(); }

void MetricsPanel::refreshSeries()
{
    const ListMetricsResponse list =
        m_session->engine().listMetrics({m_nameSpace, m_metric, {}});
    bool changed = false;
    // Rules and functions first; a bus's aggregate after them.
    std::vector<MetricId> ids = list.metrics;
    std::stable_sort(ids.begin(), ids.end(), [](const MetricId &a, const MetricId &b) {
        return a.dimensions.size() > b.dimensions.size();
    });
    for (const MetricId &id : ids) {
        const QString label = labelFor(id);
        const bool known = std::any_of(m_series.begin(), m_series.end(),
                                       [&](const Series &s) { return s.label == label; });
        if (known)
            continue;
        Series s;
        s.label = label;
        s.id = id;
        // Rules and functions are shown at first; a bus's aggregate only on request.
        const bool aggregate = label.startsWith(QLatin1String("bus ")) || label == QLatin1String("all");
        const auto shown = std::count_if(m_series.begin(), m_series.end(),
                                         [](const Series &x) { return x.checked; });
        s.checked = !aggregate && shown < kMaxDefaultSeries;
        m_series.push_back(s);
        changed = true;
    }
    if (m_series.empty() && m_metric != QLatin1String("SuccessfulInvocations"))
        changed = true;
    if (m_metric == QLatin1String("SuccessfulInvocations")) {
        m_notice->setText(tr("SuccessfulInvocations is not a metric of the AWS/Events namespace: "
                             "CloudWatch (and EventFlow) return no datapoints for it. Use "
                             "Invocations to count the times a rule invoked its targets."));
        m_notice->show();
    } else if (m_series.empty()) {
        m_notice->setText(tr("No %1 data yet: send some events.").arg(m_metric));
        m_notice->show();
    } else {
        m_notice->hide();
    }
    if (!changed)
        return;
    QSignalBlocker block(m_seriesList);
    m_seriesList->clear();
    for (std::size_t i = 0; i < m_series.size(); ++i) {
        auto *item = new QListWidgetItem(m_series[i].label, m_seriesList);
        item->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled);
        item->setCheckState(m_series[i].checked ? Qt::Checked : Qt::Unchecked);
        item->setForeground(DetailTypePalette::okabeIto(static_cast<int>(i)).darker(140));
        QString tip;
        for (const Dimension &d : m_series[i].id.dimensions)
            tip += d.name + QLatin1Char('=') + d.value + QLatin1Char('\n');
        item->setToolTip(tip.trimmed());
    }
    rebuildGraphs();
}

QStringList MetricsPanel::seriesLabels() const
{
    QStringList out;
    for (const Series &s : m_series)
        out << s.label;
    return out;
}

void MetricsPanel::setSeriesChecked(const QString &label, bool checked)
{
    for (int i = 0; i < static_cast<int>(m_series.size()); ++i) {
        if (m_series[i].label == label)
            m_seriesList->item(i)->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
    }
}

std::vector<MetricPoint> MetricsPanel::plotted(const QString &label) const
{
    for (const Series &s : m_series) {
        if (s.label == label)
            return s.points;
    }
    return {};
}

void MetricsPanel::setViewPaused(bool paused) { m_pauseView->setChecked(paused); }
bool MetricsPanel::isViewPaused() const { return m_pauseView->isChecked(); }
void MetricsPanel::setWindowSeconds(int s) { m_window->setValue(s); }

void MetricsPanel::rebuildGraphs()
{
    m_plot->clearGraphs();
    for (std::size_t i = 0; i < m_series.size(); ++i) {
        if (!m_series[i].checked)
            continue;
        QCPGraph *g = m_plot->addGraph();
        g->setName(m_series[i].label);
        g->setPen(QPen(DetailTypePalette::okabeIto(static_cast<int>(i)), 2));
        g->setAdaptiveSampling(true);
        g->setLineStyle(QCPGraph::lsStepLeft);
    }
    applyFonts();
    adaptToWidth(m_plot->width());
    // The legend's entries were rebuilt: fill them again in rows of `wrap`.
    m_plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
}

void MetricsPanel::onFrame(const FrameBatch &batch)
{
    FrameProfile::Scope timed(m_session->profile(), FrameProfile::Metrics);
    if (m_pauseView->isChecked() || !isVisible())
        return;
    if (frameslots::kPlotSeries.due(batch.frame))
        refreshSeries();
    else if (frameslots::kPlot.due(batch.frame))
        replot();
}

void MetricsPanel::replot()
{
    const Engine &engine = m_session->engine();
    const SimTime now = engine.now();
    const SimTime window = static_cast<SimTime>(m_window->value()) * kMicrosPerSecond;
    const SimTime from = now - window;
    m_viewEnd = now;
    int graph = 0;
    double top = 1;
    for (Series &s : m_series) {
        if (!s.checked) {
            s.points.clear();
            continue;
        }
        s.points = engine.metricSeries(s.id, Statistic::Sum, from, now);
        // Seconds without data are zero on a rate plot.
        QVector<double> keys, values;
        const SimTime firstSecond = from - from % kMicrosPerSecond;
        std::size_t p = 0;
        for (SimTime t = firstSecond; t <= now; t += kMicrosPerSecond) {
            double v = 0;
            while (p < s.points.size() && s.points[p].second < t)
                ++p;
            if (p < s.points.size() && s.points[p].second == t)
                v = s.points[p].value;
            keys << seconds(t);
            values << v;
            top = std::max(top, v);
        }
        if (graph < m_plot->graphCount())
            m_plot->graph(graph)->setData(keys, values, true);
        ++graph;
    }
    m_plot->xAxis->setRange(seconds(from), seconds(now));
    m_plot->yAxis->setRange(0, top * 1.15);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

bool MetricsPanel::exportPng(const QString &path, int width, int height)
{
    return m_plot->savePng(path, width, height);
}

bool MetricsPanel::exportPdf(const QString &path) { return m_plot->savePdf(path); }

bool MetricsPanel::exportCsv(const QString &path, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    QTextStream out(&file);
    out << "time_utc,namespace,metric,series,value\n";
    for (const Series &s : m_series) {
        if (!s.checked)
            continue;
        for (const MetricPoint &p : s.points) {
            out << isoSecondsQ(p.second) << ',' << m_nameSpace << ',' << m_metric << ",\""
                << QString(s.label).replace(QLatin1Char('"'), QStringLiteral("\"\"")) << "\","
                << p.value << '\n';
        }
    }
    out.flush();
    if (!file.commit()) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace ef::ui
