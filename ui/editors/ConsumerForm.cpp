#include "ui/editors/ConsumerForm.h"

#include "core/bus/Engine.h"
#include "core/consumers/ConsumerDefinition.h"
#include "ui/editors/JsonEdit.h"
#include "ui/editors/NameField.h"
#include "ui/undo/ConsumerCommands.h"
#include "ui/undo/ScenarioDocument.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

namespace ef::ui {

ConsumerForm::ConsumerForm(ScenarioDocument &document, std::optional<QJsonObject> existing,
                           QWidget *parent)
    : FormDialog(document, parent), m_existing(std::move(existing))
{
    setWindowTitle(m_existing ? tr("Edit consumer %1")
                                    .arg(m_existing->value(QStringLiteral("name")).toString())
                              : tr("New consumer"));
    m_name = new NameField(document.engine().settings().usernamePrefix, this);
    m_name->lineEdit()->setPlaceholderText(tr("e.g. order-processor"));
    m_description = new QLineEdit(this);
    m_description->setObjectName(QStringLiteral("descriptionEdit"));
    m_latencyMin = new QSpinBox(this);
    m_latencyMin->setObjectName(QStringLiteral("latencyMin"));
    m_latencyMax = new QSpinBox(this);
    m_latencyMax->setObjectName(QStringLiteral("latencyMax"));
    for (QSpinBox *s : {m_latencyMin, m_latencyMax}) {
        s->setRange(0, 900000);
        s->setSuffix(tr(" ms"));
        s->setValue(50);
    }
    m_failureRate = new QDoubleSpinBox(this);
    m_failureRate->setObjectName(QStringLiteral("failureRate"));
    m_failureRate->setRange(0.0, 1.0);
    m_failureRate->setDecimals(3);
    m_failureRate->setSingleStep(0.05);
    m_concurrency = new QSpinBox(this);
    m_concurrency->setObjectName(QStringLiteral("concurrency"));
    m_concurrency->setRange(1, 100000);
    m_concurrency->setValue(1000);
    m_missingPermission = new QCheckBox(tr("EventBridge lacks lambda:InvokeFunction"), this);
    m_missingPermission->setObjectName(QStringLiteral("missingPermission"));
    m_onFailure = new QLineEdit(this);
    m_onFailure->setObjectName(QStringLiteral("onFailureEdit"));
    m_onFailure->setPlaceholderText(tr("optional: an SQS queue ARN (Lambda's failure destination)"));
    m_logLines = new JsonEdit(this);
    m_logLines->setObjectName(QStringLiteral("logLinesEdit"));
    m_logLines->setPlainText(QStringLiteral("[\n  \"Received ${$.detail-type} from ${$.source}\"\n]"));

    auto *latency = new QWidget(this);
    auto *latencyRow = new QHBoxLayout(latency);
    latencyRow->setContentsMargins(0, 0, 0, 0);
    latencyRow->addWidget(m_latencyMin);
    latencyRow->addWidget(new QLabel(tr("to"), latency));
    latencyRow->addWidget(m_latencyMax);
    form()->addRow(tr("Name"), m_name);
    form()->addRow(tr("Description"), m_description);
    form()->addRow(tr("Latency"), latency);
    form()->addRow(tr("Failure rate"), m_failureRate);
    form()->addRow(tr("Concurrency"), m_concurrency);
    form()->addRow(tr("Permission"), m_missingPermission);
    form()->addRow(tr("On failure"), m_onFailure);
    body()->addWidget(new QLabel(tr("<b>Log lines</b> per event (JSON array; ${$.path} "
                                    "inserts a field)"), this));
    body()->addWidget(m_logLines, 1);

    if (m_existing) {
        const QJsonObject &d = *m_existing;
        m_name->setFixedName(d.value(QStringLiteral("name")).toString());
        m_description->setText(d.value(QStringLiteral("description")).toString());
        const QJsonValue latencyValue = d.value(QStringLiteral("latencyMs"));
        if (latencyValue.isObject()) {
            m_latencyMin->setValue(latencyValue[QStringLiteral("min")].toInt());
            m_latencyMax->setValue(latencyValue[QStringLiteral("max")].toInt());
        } else if (latencyValue.isDouble()) {
            m_latencyMin->setValue(latencyValue.toInt());
            m_latencyMax->setValue(latencyValue.toInt());
        }
        m_failureRate->setValue(d.value(QStringLiteral("failureRate")).toDouble());
        m_concurrency->setValue(d.value(QStringLiteral("concurrency")).toInt(1000));
        m_missingPermission->setChecked(
            d.value(QStringLiteral("missingInvokePermission")).toBool());
        m_onFailure->setText(d.value(QStringLiteral("onFailure")).toString());
        const QJsonArray lines = d.value(QStringLiteral("logLines")).toArray();
        m_logLines->setPlainText(
            QString::fromUtf8(QJsonDocument(lines).toJson(QJsonDocument::Indented)).trimmed());
    }
    resize(600, 560);
}

std::optional<QJsonObject> ConsumerForm::definition(QString *error) const
{
    // Start from the existing definition so members this form does not show
    // are kept.
    QJsonObject d = m_existing.value_or(QJsonObject());
    d.insert(QStringLiteral("name"), m_name->name());
    if (m_description->text().isEmpty())
        d.remove(QStringLiteral("description"));
    else
        d.insert(QStringLiteral("description"), m_description->text());
    if (m_latencyMin->value() == m_latencyMax->value())
        d.insert(QStringLiteral("latencyMs"), m_latencyMin->value());
    else
        d.insert(QStringLiteral("latencyMs"),
                 QJsonObject{{QStringLiteral("min"), m_latencyMin->value()},
                             {QStringLiteral("max"), m_latencyMax->value()}});
    d.insert(QStringLiteral("failureRate"), m_failureRate->value());
    d.insert(QStringLiteral("concurrency"), m_concurrency->value());
    d.insert(QStringLiteral("missingInvokePermission"), m_missingPermission->isChecked());
    if (m_onFailure->text().trimmed().isEmpty())
        d.remove(QStringLiteral("onFailure"));
    else
        d.insert(QStringLiteral("onFailure"), m_onFailure->text().trimmed());
    QJsonParseError parse;
    const QJsonDocument lines = QJsonDocument::fromJson(m_logLines->toPlainText().toUtf8(), &parse);
    if (!m_logLines->toPlainText().trimmed().isEmpty() && !lines.isArray()) {
        if (error)
            *error = tr("logLines: must be a JSON array of lines (%1)")
                         .arg(parse.error == QJsonParseError::NoError ? tr("not an array")
                                                                      : parse.errorString());
        return std::nullopt;
    }
    d.insert(QStringLiteral("logLines"), lines.array());
    return d;
}

Status ConsumerForm::submit()
{
    QString error;
    const auto d = definition(&error);
    if (!d)
        return ServiceError::validation(error);
    return document().execute(new PutConsumerCommand(document(), *d, m_existing));
}

} // namespace ef::ui
