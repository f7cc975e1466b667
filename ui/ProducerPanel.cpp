#include "ui/ProducerPanel.h"

#include "ui/EngineSession.h"
#include "ui/LoadGenerator.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

namespace ef::ui {

namespace {
// The sample events are spaced so a class can follow each one.
constexpr SimTime kSampleSpacing = 400 * kMicrosPerMilli;

QString jsonText(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 15);
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isArray())
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    return {};
}

// A field's text as the JSON value to send: numbers, arrays, objects and
// booleans as such, anything else as a string.
QJsonValue fieldValue(const QString &text)
{
    const QString t = text.trimmed();
    const QJsonDocument doc = QJsonDocument::fromJson(QStringLiteral("[%1]").arg(t).toUtf8());
    if (!t.isEmpty() && doc.isArray() && doc.array().size() == 1)
        return doc.array().at(0);
    return QJsonValue(text);
}
} // namespace

ProducerPanel::ProducerPanel(EngineSession *session, QWidget *parent)
    : QWidget(parent), m_session(session)
{
    setMinimumWidth(290);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    outer->addWidget(scroll);
    auto *content = new QWidget(scroll);
    scroll->setWidget(content);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(6, 6, 6, 6);

    m_header = new QLabel(content);
    m_header->setWordWrap(true);
    layout->addWidget(m_header);
    m_quick = new QWidget(content);
    new QVBoxLayout(m_quick);
    m_quick->layout()->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_quick);
    m_forms = new QTabWidget(content);
    m_forms->setDocumentMode(true);
    layout->addWidget(m_forms);
    m_response = new QLabel(content);
    m_response->setObjectName(QStringLiteral("producerResponse"));
    m_response->setWordWrap(true);
    m_response->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_response->setStyleSheet(QStringLiteral("color: #333; font-size: 8pt;"));
    layout->addWidget(m_response);

    auto *samples = new QGroupBox(tr("Sample events"), content);
    auto *samplesLayout = new QVBoxLayout(samples);
    m_samples = new QListWidget(samples);
    m_samples->setMaximumHeight(110);
    samplesLayout->addWidget(m_samples);
    m_sendSamples = new QPushButton(tr("Send sample events"), samples);
    m_sendSamples->setObjectName(QStringLiteral("panelSendSamples"));
    connect(m_sendSamples, &QPushButton::clicked, this, &ProducerPanel::sendSamples);
    samplesLayout->addWidget(m_sendSamples);
    layout->addWidget(samples);

    buildLoadGenerator(layout);
    layout->addStretch(1);
    connect(session, &EngineSession::scenarioChanged, this, &ProducerPanel::rebuild);
    rebuild();
}

void ProducerPanel::rebuild()
{
    const Scenario scenario = m_session->engine().snapshot();
    const auto producers = m_session->engine().producers();
    m_typeForms.clear();
    while (m_forms->count())
        delete m_forms->widget(0);
    QLayoutItem *item;
    while ((item = m_quick->layout()->takeAt(0))) {
        delete item->widget();
        delete item;
    }
    QJsonObject def = scenario.producers.empty() ? QJsonObject() : scenario.producers.front();
    if (producers.empty()) {
        m_producer.clear();
        m_header->setText(tr("This scenario has no producer: use the load generator, the "
                             "local endpoint or the sample events."));
    } else {
        const ProducerInfo &p = producers.front();
        m_producer = p.name;
        m_header->setText(tr("<b>%1</b><br>publishes <tt>%2</tt> to <tt>%3</tt>")
                              .arg(p.name.toHtmlEscaped(), p.source.toHtmlEscaped(),
                                   p.eventBusName.toHtmlEscaped()));
    }
    m_typeField = def.value(QStringLiteral("typeField")).toString(QStringLiteral("eventType"));
    const QJsonObject types = def.value(QStringLiteral("types")).toObject();
    const QJsonObject variables = def.value(QStringLiteral("variables")).toObject();
    QStringList typeNames = producers.empty() ? QStringList() : producers.front().eventTypes;
    for (const QString &type : typeNames) {
        TypeForm form;
        form.type = type;
        auto *page = new QWidget;
        auto *fl = new QFormLayout(page);
        fl->setContentsMargins(4, 4, 4, 4);
        QStringList seen;
        auto addField = [&](const QString &name, const QJsonObject &value) {
            if (seen.contains(name))
                return;
            seen << name;
            auto *edit = new QLineEdit(page);
            edit->setObjectName(type + QLatin1Char('.') + name);
            if (value.contains(QStringLiteral("default")))
                edit->setText(jsonText(value.value(QStringLiteral("default"))));
            else if (value.contains(QStringLiteral("generate")))
                edit->setPlaceholderText(
                    tr("generated: %1").arg(value.value(QStringLiteral("generate")).toString()));
            fl->addRow(name, edit);
            form.fields.emplace_back(name, edit);
        };
        // Variables fed from the body first (e.g. the customer), then the type's own fields.
        for (auto it = variables.begin(); it != variables.end(); ++it) {
            const QJsonObject v = it.value().toObject();
            if (v.contains(QStringLiteral("body")))
                addField(v.value(QStringLiteral("body")).toString(), v);
        }
        for (const QJsonValue &f : types.value(type).toArray()) {
            const QJsonObject v = f.toObject().value(QStringLiteral("value")).toObject();
            if (v.contains(QStringLiteral("body")))
                addField(v.value(QStringLiteral("body")).toString(), v);
        }
        form.send = new QPushButton(tr("Send %1").arg(type), m_quick);
        form.send->setObjectName(QStringLiteral("send.") + type);
        form.send->setToolTip(tr("Publish one %1 with the fields below").arg(type));
        connect(form.send, &QPushButton::clicked, this, [this, type]() { send(type); });
        m_quick->layout()->addWidget(form.send);
        m_forms->addTab(page, type);
        m_typeForms.push_back(std::move(form));
    }
    m_samples->clear();
    for (const ScenarioSampleEvent &s : scenario.sampleEvents)
        m_samples->addItem(s.name.isEmpty() ? QJsonDocument(s.body).toJson(QJsonDocument::Compact)
                                            : s.name);
    m_sendSamples->setEnabled(!scenario.sampleEvents.empty());

    // The load generator's mix follows the producer's types.
    LoadSettings load = m_session->loadGenerator().settings();
    if (!producers.empty()) {
        load.eventBusName = producers.front().eventBusName;
        load.source = producers.front().source;
        load.detailTypes = producers.front().eventTypes;
    } else {
        load.eventBusName.clear();
        load.source = QStringLiteral("eventflow.load");
        load.detailTypes = QStringList{QStringLiteral("LoadTest")};
    }
    m_mix.clear();
    delete m_mixBox->layout();
    qDeleteAll(m_mixBox->findChildren<QWidget *>(QString(), Qt::FindDirectChildrenOnly));
    auto *mixLayout = new QFormLayout(m_mixBox);
    mixLayout->setContentsMargins(0, 0, 0, 0);
    for (const QString &type : load.detailTypes) {
        auto *weight = new QSpinBox(m_mixBox);
        weight->setRange(0, 100);
        weight->setValue(10);
        weight->setSuffix(tr(" parts"));
        connect(weight, &QSpinBox::valueChanged, this, &ProducerPanel::applyLoadSettings);
        mixLayout->addRow(type, weight);
        m_mix.emplace_back(type, weight);
    }
    m_session->loadGenerator().setSettings(load);
    applyLoadSettings();
}

void ProducerPanel::buildLoadGenerator(QVBoxLayout *layout)
{
    auto *box = new QGroupBox(tr("Load generator"), this);
    auto *fl = new QFormLayout(box);
    m_loadRunning = new QCheckBox(tr("running"), box);
    m_loadRunning->setObjectName(QStringLiteral("loadRunning"));
    fl->addRow(tr("Generator"), m_loadRunning);
    m_loadRate = new QSpinBox(box);
    m_loadRate->setObjectName(QStringLiteral("loadRate"));
    m_loadRate->setRange(1, 20000);
    m_loadRate->setValue(50);
    m_loadRate->setSuffix(tr(" events/s"));
    fl->addRow(tr("Rate"), m_loadRate);
    m_amountMin = new QDoubleSpinBox(box);
    m_amountMin->setRange(0, 1e6);
    m_amountMin->setValue(5);
    m_amountMax = new QDoubleSpinBox(box);
    m_amountMax->setRange(0, 1e6);
    m_amountMax->setValue(300);
    auto *amounts = new QWidget(box);
    auto *al = new QHBoxLayout(amounts);
    al->setContentsMargins(0, 0, 0, 0);
    al->addWidget(m_amountMin);
    al->addWidget(new QLabel(QStringLiteral("–"), amounts));
    al->addWidget(m_amountMax);
    fl->addRow(tr("amount"), amounts);
    m_mixBox = new QWidget(box);
    fl->addRow(tr("Mix"), m_mixBox);
    layout->addWidget(box);
    connect(m_loadRunning, &QCheckBox::toggled, this, &ProducerPanel::applyLoadSettings);
    connect(m_loadRate, &QSpinBox::valueChanged, this, &ProducerPanel::applyLoadSettings);
    connect(m_amountMin, &QDoubleSpinBox::valueChanged, this, &ProducerPanel::applyLoadSettings);
    connect(m_amountMax, &QDoubleSpinBox::valueChanged, this, &ProducerPanel::applyLoadSettings);
}

void ProducerPanel::applyLoadSettings()
{
    LoadSettings s = m_session->loadGenerator().settings();
    s.running = m_loadRunning->isChecked();
    s.eventsPerSecond = m_loadRate->value();
    s.amountMin = std::min(m_amountMin->value(), m_amountMax->value());
    s.amountMax = std::max(m_amountMin->value(), m_amountMax->value());
    s.weights.clear();
    for (const auto &[type, spin] : m_mix)
        s.weights.push_back(spin->value());
    const bool wasRunning = m_session->loadGenerator().isRunning();
    m_session->loadGenerator().setSettings(s);
    if (s.running != wasRunning)
        m_session->loadGenerator().setRunning(s.running);
}

QStringList ProducerPanel::eventTypes() const
{
    QStringList out;
    for (const TypeForm &f : m_typeForms)
        out << f.type;
    return out;
}

QLineEdit *ProducerPanel::field(const QString &eventType, const QString &name) const
{
    for (const TypeForm &f : m_typeForms) {
        if (f.type != eventType)
            continue;
        for (const auto &[n, edit] : f.fields) {
            if (n == name)
                return edit;
        }
    }
    return nullptr;
}

QString ProducerPanel::lastResponse() const { return m_response->text(); }

void ProducerPanel::setFontScale(double scale)
{
    m_fontScale = scale;
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPointSizeF(9 * scale);
    m_samples->setFont(f);
    // Five samples stay in view without scrolling.
    m_samples->setMaximumHeight(static_cast<int>(110 * scale));
    m_response->setStyleSheet(QStringLiteral("color: #333; font-size: %1pt;")
                                  .arg(8 * scale, 0, 'f', 1));
}

bool ProducerPanel::send(const QString &eventType)
{
    const auto form = std::find_if(m_typeForms.begin(), m_typeForms.end(),
                                   [&](const TypeForm &f) { return f.type == eventType; });
    if (form == m_typeForms.end())
        return false;
    QJsonObject body;
    body.insert(m_typeField, eventType);
    for (const auto &[name, edit] : form->fields) {
        if (!edit->text().trimmed().isEmpty())
            body.insert(name, fieldValue(edit->text()));
    }
    const ProducerResponse r = m_session->invokeProducer(
        m_producer, QJsonDocument(body).toJson(QJsonDocument::Compact));
    const QString text = QString::fromUtf8(r.body);
    m_response->setText(QStringLiteral("%1 · %2").arg(r.statusCode).arg(text.left(300)));
    m_response->setStyleSheet(QStringLiteral("color: %1; font-size: %2pt;")
                                  .arg(r.statusCode == 200 ? QStringLiteral("#225")
                                                           : QStringLiteral("#b22"))
                                  .arg(8 * m_fontScale, 0, 'f', 1));
    return r.statusCode == 200;
}

void ProducerPanel::sendSamples()
{
    const Scenario scenario = m_session->engine().snapshot();
    m_session->sendSequence(scenario.sampleEvents, kSampleSpacing);
}

} // namespace ef::ui
