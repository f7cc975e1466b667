#include "ui/InspectorPanel.h"

#include "core/bus/Arn.h"
#include "core/bus/Engine.h"
#include "core/bus/InputTransformer.h"
#include "core/pattern/EventPattern.h"
#include "ui/EngineSession.h"
#include "ui/FlowGraph.h"
#include "ui/FrameSlots.h"
#include "ui/PatternSummary.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QScrollBar>
#include <QLabel>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace ef::ui {

namespace {
QString esc(const QString &s) { return s.toHtmlEscaped(); }

QString pretty(const QString &json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8());
    if (doc.isNull())
        return json;
    return QString::fromUtf8(doc.toJson(QJsonDocument::Indented)).trimmed();
}

QString pre(const QString &text)
{
    // Wrapped, so long explanations stay readable in a narrow dock.
    return QStringLiteral("<p class='code' style='background:#f3f5f8; white-space:pre-wrap;"
                          " margin:2px 0 8px 0'>%1</p>")
        .arg(esc(text));
}

// Sizes in points at scale 1 (presentation mode scales them).
QString css(double scale)
{
    return QStringLiteral("body { font-size: %1pt; }"
                          "h3 { margin: 8px 0 2px 0; font-size: %2pt; }"
                          "td { padding: 1px 6px 1px 0; font-size: %3pt; }"
                          ".code { font-family: DejaVu Sans Mono; font-size: %3pt; }"
                          ".ok { color: #007a55; font-weight: bold; }"
                          ".miss { color: #b23a00; font-weight: bold; }")
        .arg(9 * scale, 0, 'f', 1)
        .arg(10 * scale, 0, 'f', 1)
        .arg(8 * scale, 0, 'f', 1);
}
} // namespace

InspectorPanel::InspectorPanel(EngineSession *session, QWidget *parent)
    : QWidget(parent), m_session(session)
{
    setMinimumWidth(330);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("inspectorTitle"));
    m_title->setWordWrap(true);
    m_title->setStyleSheet(QStringLiteral("font-weight: bold; font-size: 10pt;"));
    layout->addWidget(m_title);
    m_body = new QTextBrowser(this);
    m_body->setObjectName(QStringLiteral("inspectorBody"));
    m_body->document()->setDefaultStyleSheet(css(1.0));
    m_body->setOpenLinks(false);
    layout->addWidget(m_body, 1);
    connect(m_body, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        if (url.scheme() == QLatin1String("node"))
            inspectNode(url.path());
        else if (url.scheme() == QLatin1String("event"))
            inspectEvent(url.path());
    });
    // While the event shown is still being delivered, its history grows.
    connect(session, &EngineSession::frame, this, [this](const FrameBatch &batch) {
        FrameProfile::Scope timed(m_session->profile(), FrameProfile::Inspector);
        if (m_event.isEmpty() || !m_pending || !isVisible()
            || !frameslots::kInspector.due(batch.frame))
            return;
        render(m_event);
    });
    clearView();
}

void InspectorPanel::setFontScale(double scale)
{
    m_title->setStyleSheet(QStringLiteral("font-weight: bold; font-size: %1pt;")
                               .arg(10 * scale, 0, 'f', 1));
    m_body->document()->setDefaultStyleSheet(css(scale));
    // The style sheet applies to text set from now on: show it again.
    if (!m_event.isEmpty())
        render(m_event);
    else if (!m_node.isEmpty())
        inspectNode(m_node);
    else
        clearView();
}

QString InspectorPanel::text() const { return m_title->text() + u'\n' + m_body->toPlainText(); }

void InspectorPanel::clearView()
{
    m_node.clear();
    m_event.clear();
    m_title->setText(tr("Inspector"));
    m_body->setHtml(tr("<p>Click a token, a node or a log line to see what happened to an "
                       "event: its envelope, which rules matched and why, what each target "
                       "received and every delivery attempt.</p>"));
}

void InspectorPanel::inspectEventSeq(EventSeq event)
{
    const QString id = m_session->engine().eventId(event);
    if (id.isEmpty()) {
        m_title->setText(tr("Event no longer kept"));
        m_body->setHtml(tr("<p>The engine keeps the most recent events only; this one has "
                           "been forgotten.</p>"));
        return;
    }
    inspectEvent(id);
}

void InspectorPanel::inspectEvent(const QString &eventId)
{
    render(eventId);
    m_body->verticalScrollBar()->setValue(0);
}

void InspectorPanel::render(const QString &eventId)
{
    const Engine &engine = m_session->engine();
    const EventHistory h = engine.eventHistory(eventId);
    m_event = eventId;
    m_node.clear();
    if (!h.found) {
        m_title->setText(tr("Event %1 not found").arg(eventId));
        m_body->setHtml(tr("<p>The engine no longer keeps this event.</p>"));
        return;
    }
    m_pending = h.pending > 0;
    QString html;
    m_title->setText(tr("Event %1").arg(eventId));
    html += QStringLiteral("<h3>Envelope</h3>") + pre(pretty(h.envelope));
    html += tr("<p>on <b>%1</b> · %2 deliveries: %3 delivered, %4 dead-lettered, %5 dropped, "
               "%6 pending</p>")
                .arg(esc(h.eventBus))
                .arg(h.deliveries)
                .arg(h.delivered)
                .arg(h.deadLettered)
                .arg(h.dropped)
                .arg(h.pending);

    // Every rule on the bus, with the pattern engine's verdict and reasons.
    const std::string envelope = h.envelope.toStdString();
    const auto rules = engine.listRules({QString(), h.eventBus, QString(), 0});
    html += QStringLiteral("<h3>Rules on %1</h3>").arg(esc(h.eventBus));
    if (rules) {
        for (const RuleInfo &r : rules.value().rules) {
            if (r.eventPattern.isEmpty())
                continue;
            std::string error;
            const pattern::Explanation why =
                pattern::explain(r.eventPattern.toStdString(), envelope, &error);
            const bool enabled = r.state == RuleState::Enabled;
            html += QStringLiteral("<p><span class='%1'>%2</span> <a href='node:%3'>%4</a>%5"
                                   "<br><small>%6</small></p>")
                        .arg(why.match ? QStringLiteral("ok") : QStringLiteral("miss"),
                             why.match ? tr("✓ matched") : tr("✗ not matched"),
                             esc(FlowGraph::ruleKey(h.eventBus, r.name)), esc(r.name),
                             enabled ? QString() : tr(" (DISABLED: not evaluated)"),
                             esc(summarisePattern(r.eventPattern)));
            const QString reason = error.empty() ? QString::fromStdString(why.text())
                                                 : QString::fromStdString(error);
            if (!reason.trimmed().isEmpty())
                html += pre(reason.trimmed());
            if (!why.match || !enabled)
                continue;
            const auto targets = engine.listTargetsByRule({r.name, h.eventBus, QString(), 0});
            if (!targets)
                continue;
            for (const Target &t : targets.value().targets) {
                const RuleContext context{r.name, r.arn, isoSecondsQ(h.ingestionTime)};
                const TransformOutcome out =
                    transformTargetInput(targetInputOf(t), envelope, context, t.id);
                html += tr("<p>&nbsp;&nbsp;→ target <b>%1</b> (%2) received:</p>")
                            .arg(esc(t.id), esc(t.arn));
                html += pre(out.ok ? pretty(out.text) : tr("error: %1").arg(out.error));
            }
        }
    }

    html += QStringLiteral("<h3>Delivery history</h3><table>");
    html += tr("<tr><td><b>time</b></td><td><b>what</b></td><td><b>who</b></td>"
               "<td><b>rule → target</b></td><td><b>attempt</b></td><td><b>detail</b></td></tr>");
    for (const HappeningView &v : h.happenings) {
        QString detail = v.reason;
        if (v.valueMs > 0)
            detail += (detail.isEmpty() ? QString() : QStringLiteral(" · "))
                      + QStringLiteral("%1 ms").arg(v.valueMs, 0, 'f', 0);
        if (!v.requestId.isEmpty())
            detail += QStringLiteral(" · RequestId ") + v.requestId.left(8);
        QString where = v.rule;
        if (!v.consumer.isEmpty() || !v.target.isEmpty())
            where += QStringLiteral(" → ") + (v.consumer.isEmpty() ? v.target : v.consumer);
        html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td>"
                               "<td>%6</td></tr>")
                    .arg(esc(v.time.mid(11)), esc(v.kind), esc(v.service), esc(where),
                         v.attempt ? QString::number(v.attempt) : QString(), esc(detail));
    }
    html += QStringLiteral("</table>");
    if (!h.historyComplete)
        html += tr("<p><i>Older steps of this event are no longer kept.</i></p>");
    // Keep the reader's place when the view refreshes itself.
    const int scroll = m_body->verticalScrollBar()->value();
    m_body->setHtml(html);
    m_body->verticalScrollBar()->setValue(scroll);
}

QString InspectorPanel::ruleHtml(const QString &bus, const QString &rule) const
{
    const Engine &engine = m_session->engine();
    const auto info = engine.describeRule({rule, bus});
    if (!info)
        return tr("<p>The rule no longer exists.</p>");
    const RuleInfo &r = info.value();
    QString html = tr("<p>%1 · on %2 · %3</p>")
                       .arg(esc(r.arn), esc(bus), esc(ruleStateName(r.state)));
    if (!r.description.isEmpty())
        html += QStringLiteral("<p>%1</p>").arg(esc(r.description));
    if (!r.eventPattern.isEmpty())
        html += QStringLiteral("<h3>Event pattern</h3>") + pre(pretty(r.eventPattern));
    if (!r.scheduleExpression.isEmpty())
        html += QStringLiteral("<h3>Schedule</h3>") + pre(r.scheduleExpression);
    const auto targets = engine.listTargetsByRule({rule, bus, QString(), 0});
    if (targets) {
        html += QStringLiteral("<h3>Targets</h3>");
        for (const Target &t : targets.value().targets) {
            html += QStringLiteral("<p><b>%1</b> → %2").arg(esc(t.id), esc(t.arn));
            if (t.input)
                html += tr("<br>Input: <tt>%1</tt>").arg(esc(*t.input));
            if (t.inputPath)
                html += tr("<br>InputPath: <tt>%1</tt>").arg(esc(*t.inputPath));
            if (t.inputTransformer)
                html += tr("<br>InputTemplate: <tt>%1</tt>")
                            .arg(esc(t.inputTransformer->inputTemplate));
            if (t.retryPolicy)
                html += tr("<br>RetryPolicy: %1 attempts, %2 s maximum age")
                            .arg(t.retryPolicy->maximumRetryAttempts)
                            .arg(t.retryPolicy->maximumEventAgeInSeconds);
            if (t.deadLetterConfig)
                html += tr("<br>DeadLetterConfig: %1").arg(esc(t.deadLetterConfig->arn));
            html += QStringLiteral("</p>");
        }
    }
    return html;
}

void InspectorPanel::inspectNode(const QString &key)
{
    m_node = key;
    m_event.clear();
    const Engine &engine = m_session->engine();
    const QString kind = key.section(QLatin1Char(':'), 0, 0);
    const QString name = key.section(QLatin1Char(':'), 1);
    QString html;
    if (kind == QLatin1String("rule")) {
        const QString bus = name.section(QLatin1Char('/'), 0, -2);
        const QString rule = name.section(QLatin1Char('/'), -1);
        m_title->setText(tr("Rule %1").arg(rule));
        html = ruleHtml(bus, rule);
    } else if (kind == QLatin1String("bus")) {
        m_title->setText(tr("Event bus %1").arg(name));
        const auto info = engine.describeEventBus(name);
        if (info)
            html += QStringLiteral("<p>%1</p>").arg(esc(info.value().arn));
        const auto rules = engine.listRules({QString(), name, QString(), 0});
        if (rules) {
            html += tr("<h3>Rules</h3>");
            for (const RuleInfo &r : rules.value().rules)
                html += QStringLiteral("<p><a href='node:%1'>%2</a><br><small>%3</small></p>")
                            .arg(esc(FlowGraph::ruleKey(name, r.name)), esc(r.name),
                                 esc(summarisePattern(r.eventPattern)));
        }
    } else if (kind == QLatin1String("fn")) {
        m_title->setText(tr("Function %1").arg(name));
        for (const ConsumerInfo &c : engine.consumers()) {
            if (c.name != name)
                continue;
            html += tr("<p>%1<br>log group <tt>%2</tt>%3 · running now: %4</p>")
                        .arg(esc(c.arn), esc(c.logGroupName),
                             c.autoCreated ? tr(" · created for a target") : QString())
                        .arg(c.inFlight);
            html += tr("<h3>Definition</h3>")
                    + pre(QString::fromUtf8(QJsonDocument(c.definition).toJson()));
        }
        const auto rules = engine.listRuleNamesByTarget(
            {Arn::lambdaFunction(engine.settings().region, engine.settings().account, name),
             QString(), QString(), 0});
        if (rules && !rules.value().ruleNames.isEmpty())
            html += tr("<p>Targeted by: %1 (default bus)</p>")
                        .arg(esc(rules.value().ruleNames.join(QStringLiteral(", "))));
    } else if (kind == QLatin1String("queue")) {
        m_title->setText(tr("Queue %1").arg(name));
        const auto messages = engine.queueMessages(name);
        if (messages) {
            html += tr("<p>%1 messages kept</p>").arg(messages.value().size());
            int shown = 0;
            for (auto it = messages.value().rbegin();
                 it != messages.value().rend() && shown < 5; ++it, ++shown) {
                QString attrs;
                for (const auto &[k, v] : it->attributes)
                    attrs += k + QStringLiteral("=") + v + QLatin1Char('\n');
                html += tr("<p>message %1 (event <a href='event:%2'>%2</a>)</p>")
                            .arg(esc(it->messageId.left(8)), esc(it->eventId));
                html += pre(attrs + pretty(it->body));
            }
        }
    } else if (kind == QLatin1String("producer")) {
        m_title->setText(tr("Producer %1").arg(name));
        for (const ProducerInfo &p : engine.producers()) {
            if (p.name == name)
                html += tr("<p>Publishes %1 from <tt>%2</tt> to <tt>%3</tt>; its own log group "
                           "is <tt>/aws/lambda/%4</tt>.</p>")
                            .arg(esc(p.eventTypes.join(QStringLiteral(", "))), esc(p.source),
                                 esc(p.eventBusName), esc(p.name));
        }
        if (html.isEmpty())
            html = tr("<p>Events sent with PutEvents from inside the window.</p>");
    }
    m_body->setHtml(html);
}

} // namespace ef::ui
