#include "ui/editors/TargetForm.h"

#include "core/bus/Arn.h"
#include "core/bus/Engine.h"
#include "core/bus/InputTransformer.h"
#include "core/bus/JsonValue.h"
#include "ui/editors/JsonEdit.h"
#include "ui/undo/ScenarioDocument.h"
#include "ui/undo/TargetCommands.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QStackedWidget>

namespace ef::ui {

namespace {

QString pathsMapText(const QList<QPair<QString, QString>> &map)
{
    if (map.isEmpty())
        return QStringLiteral("{\n  \"name\": \"$.detail.name\"\n}");
    std::string out = "{\n";
    for (qsizetype i = 0; i < map.size(); ++i) {
        out += "  ";
        json::writeString(map[i].first.toStdString(), out);
        out += ": ";
        json::writeString(map[i].second.toStdString(), out);
        out += i + 1 < map.size() ? ",\n" : "\n";
    }
    out += "}";
    return QString::fromStdString(out);
}

// The paths map in the order typed (QJsonObject would sort the keys).
std::optional<QList<QPair<QString, QString>>> parsePathsMap(const QString &text,
                                                             QString *error)
{
    QList<QPair<QString, QString>> map;
    if (text.trimmed().isEmpty())
        return map;
    json::Value value;
    std::string why;
    const QByteArray utf8 = text.toUtf8();
    if (!json::parse(std::string_view(utf8.constData(), utf8.size()), value, &why)
        || !value.isObject()) {
        if (error)
            *error = QObject::tr("InputPathsMap must be a JSON object of names to JSON paths%1")
                         .arg(why.empty() ? QString() : QStringLiteral(": ")
                                                            + QString::fromStdString(why));
        return std::nullopt;
    }
    for (const auto &[key, v] : value.members) {
        if (!v.isString()) {
            if (error)
                *error = QObject::tr("InputPathsMap: the path of \"%1\" must be a string")
                             .arg(QString::fromStdString(key));
            return std::nullopt;
        }
        map.append({QString::fromStdString(key), QString::fromStdString(v.text)});
    }
    return map;
}

} // namespace

TargetForm::TargetForm(ScenarioDocument &document, RuleRef rule, std::optional<Target> existing,
                       QWidget *parent)
    : FormDialog(document, parent), m_rule(std::move(rule)), m_existing(std::move(existing))
{
    setWindowTitle(m_existing ? tr("Edit target %1 of %2").arg(m_existing->id, m_rule.name)
                              : tr("New target for %1").arg(m_rule.name));
    m_id = new QLineEdit(this);
    m_id->setObjectName(QStringLiteral("idEdit"));
    m_id->setPlaceholderText(tr("unique within the rule, e.g. the function's name"));
    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("kindCombo"));
    m_kind->addItem(tr("Lambda function (consumer)"));
    m_kind->addItem(tr("Event bus"));
    m_kind->addItem(tr("SQS queue"));
    m_kind->addItem(tr("Other (ARN)"));
    m_resource = new QComboBox(this);
    m_resource->setObjectName(QStringLiteral("resourceCombo"));
    m_resource->setEditable(true);
    m_resource->setInsertPolicy(QComboBox::NoInsert);
    m_arnPreview = new QLabel(this);
    m_arnPreview->setObjectName(QStringLiteral("arnPreview"));
    m_arnPreview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_arnPreview->setStyleSheet(QStringLiteral("color: #555;"));

    m_inputMode = new QComboBox(this);
    m_inputMode->setObjectName(QStringLiteral("inputModeCombo"));
    m_inputMode->addItem(tr("Matched event (whole)"));
    m_inputMode->addItem(tr("Constant (Input, JSON text)"));
    m_inputMode->addItem(tr("Part of the event (InputPath)"));
    m_inputMode->addItem(tr("Input transformer"));
    m_inputPages = new QStackedWidget(this);
    m_inputPages->addWidget(new QLabel(tr("The target receives the event as matched."), this));
    m_input = new JsonEdit(this);
    m_input->setObjectName(QStringLiteral("inputEdit"));
    m_inputPages->addWidget(m_input);
    m_inputPath = new QLineEdit(this);
    m_inputPath->setObjectName(QStringLiteral("inputPathEdit"));
    m_inputPath->setPlaceholderText(QStringLiteral("$.detail"));
    m_inputPages->addWidget(m_inputPath);
    auto *transformer = new QWidget(this);
    auto *tform = new QFormLayout(transformer);
    tform->setContentsMargins(0, 0, 0, 0);
    m_pathsMap = new JsonEdit(transformer);
    m_pathsMap->setObjectName(QStringLiteral("pathsMapEdit"));
    m_template = new JsonEdit(transformer);
    m_template->setObjectName(QStringLiteral("templateEdit"));
    m_template->setPlaceholderText(QStringLiteral("{\"name\": <name>}"));
    tform->addRow(tr("InputPathsMap"), m_pathsMap);
    tform->addRow(tr("InputTemplate"), m_template);
    m_inputPages->addWidget(transformer);
    m_inputCheck = new QLabel(this);
    m_inputCheck->setObjectName(QStringLiteral("inputCheck"));
    m_inputCheck->setWordWrap(true);

    m_retry = new QGroupBox(tr("Retry policy (EventBridge's own retries)"), this);
    m_retry->setObjectName(QStringLiteral("retryGroup"));
    m_retry->setCheckable(true);
    m_retry->setChecked(false);
    m_attempts = new QSpinBox(m_retry);
    m_attempts->setObjectName(QStringLiteral("retryAttempts"));
    m_attempts->setRange(0, 185);
    m_attempts->setValue(185);
    m_age = new QSpinBox(m_retry);
    m_age->setObjectName(QStringLiteral("eventAge"));
    m_age->setRange(60, 86400);
    m_age->setValue(86400);
    m_age->setSuffix(tr(" s"));
    auto *rform = new QFormLayout(m_retry);
    rform->addRow(tr("Maximum retry attempts"), m_attempts);
    rform->addRow(tr("Maximum event age"), m_age);

    m_dlq = new QGroupBox(tr("Dead-letter queue"), this);
    m_dlq->setObjectName(QStringLiteral("deadLetterGroup"));
    m_dlq->setCheckable(true);
    m_dlq->setChecked(false);
    m_dlqQueue = new QComboBox(m_dlq);
    m_dlqQueue->setObjectName(QStringLiteral("deadLetterCombo"));
    m_dlqQueue->setEditable(true);
    m_dlqQueue->setInsertPolicy(QComboBox::NoInsert);
    for (const QueueInfo &q : document.engine().queues())
        m_dlqQueue->addItem(q.name);
    auto *dform = new QFormLayout(m_dlq);
    dform->addRow(tr("SQS queue"), m_dlqQueue);

    form()->addRow(tr("Rule"), new QLabel(m_rule.name, this));
    form()->addRow(tr("Target type"), m_kind);
    form()->addRow(tr("Target"), m_resource);
    form()->addRow(QString(), m_arnPreview);
    form()->addRow(tr("Id"), m_id);
    form()->addRow(tr("Target input"), m_inputMode);
    body()->addWidget(m_inputPages, 1);
    body()->addWidget(m_inputCheck);
    body()->addWidget(m_retry);
    body()->addWidget(m_dlq);
    m_retry->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    m_dlq->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    body()->addStretch(0);

    auto refresh = [this] {
        m_arnPreview->setText(arn());
        refreshInputCheck();
    };
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this, refresh] {
        fillResources();
        refresh();
    });
    connect(m_resource, &QComboBox::currentTextChanged, this, [this, refresh] {
        if (!m_existing && !m_id->isModified())
            m_id->setText(m_resource->currentText().section(u':', -1).left(64));
        refresh();
    });
    connect(m_inputMode, &QComboBox::currentIndexChanged, this, [this, refresh](int index) {
        m_inputPages->setCurrentIndex(index);
        // One-line pages take one line; the editors take the room.
        const bool small = index == MatchedEvent || index == InputPathMode;
        m_inputPages->setMaximumHeight(
            small ? m_inputPages->currentWidget()->sizeHint().height() : QWIDGETSIZE_MAX);
        refresh();
    });
    connect(m_input, &QPlainTextEdit::textChanged, this, refresh);
    connect(m_inputPath, &QLineEdit::textChanged, this, refresh);
    connect(m_pathsMap, &QPlainTextEdit::textChanged, this, refresh);
    connect(m_template, &QPlainTextEdit::textChanged, this, refresh);

    m_inputPages->setMaximumHeight(m_inputPages->widget(0)->sizeHint().height());
    fillResources();
    if (m_existing) {
        const Target &t = *m_existing;
        m_id->setText(t.id);
        m_id->setReadOnly(true);
        const auto parsed = Arn::parse(t.arn);
        int kind = OtherArn;
        QString resource = t.arn;
        if (parsed && parsed->service == u"lambda" && parsed->resource.startsWith(u"function:")) {
            kind = Function;
            resource = parsed->resource.mid(9);
        } else if (parsed && parsed->service == u"events"
                   && parsed->resource.startsWith(u"event-bus/")) {
            kind = EventBus;
            resource = parsed->resource.mid(10);
        } else if (parsed && parsed->service == u"sqs") {
            kind = Queue;
            resource = parsed->resource;
        }
        m_kind->setCurrentIndex(kind);
        m_resource->setCurrentText(resource);
        if (t.input) {
            m_inputMode->setCurrentIndex(ConstantInput);
            m_input->setPlainText(*t.input);
        } else if (t.inputPath) {
            m_inputMode->setCurrentIndex(InputPathMode);
            m_inputPath->setText(*t.inputPath);
        } else if (t.inputTransformer) {
            m_inputMode->setCurrentIndex(TransformerMode);
            m_pathsMap->setPlainText(pathsMapText(t.inputTransformer->inputPathsMap));
            m_template->setPlainText(t.inputTransformer->inputTemplate);
        }
        if (t.retryPolicy) {
            m_retry->setChecked(true);
            m_attempts->setValue(t.retryPolicy->maximumRetryAttempts);
            m_age->setValue(t.retryPolicy->maximumEventAgeInSeconds);
        }
        if (t.deadLetterConfig) {
            m_dlq->setChecked(true);
            const auto dlq = Arn::parse(t.deadLetterConfig->arn);
            m_dlqQueue->setCurrentText(dlq ? dlq->resource : t.deadLetterConfig->arn);
        }
    }
    if (m_pathsMap->toPlainText().isEmpty())
        m_pathsMap->setPlainText(pathsMapText({}));
    refresh();
    resize(620, sizeHint().height());
}

void TargetForm::fillResources()
{
    const QString keep = m_resource->currentText();
    m_resource->clear();
    Engine &engine = document().engine();
    switch (m_kind->currentIndex()) {
    case Function:
        for (const ConsumerInfo &c : engine.consumers())
            m_resource->addItem(c.name);
        m_resource->lineEdit()->setPlaceholderText(tr("a function name (new names create a consumer)"));
        break;
    case EventBus: {
        const auto buses = engine.listEventBuses({});
        if (buses.ok()) {
            for (const EventBusInfo &b : buses->eventBuses)
                m_resource->addItem(b.name);
        }
        break;
    }
    case Queue:
        for (const QueueInfo &q : engine.queues())
            m_resource->addItem(q.name);
        break;
    default:
        m_resource->lineEdit()->setPlaceholderText(QStringLiteral("arn:aws:..."));
        break;
    }
    m_resource->setCurrentText(m_kind->currentIndex() == OtherArn ? keep : QString());
    if (m_resource->count() > 0 && m_kind->currentIndex() != OtherArn)
        m_resource->setCurrentIndex(-1);
}

QString TargetForm::arn() const
{
    const QString text = m_resource->currentText().trimmed();
    if (text.isEmpty() || text.startsWith(u"arn:"))
        return text;
    const ScenarioSettings &s = document().engine().settings();
    switch (m_kind->currentIndex()) {
    case Function:
        return Arn::lambdaFunction(s.region, s.account, text);
    case EventBus:
        return Arn::eventBus(s.region, s.account, text);
    case Queue:
        return Arn::sqsQueue(s.region, s.account, text);
    default:
        return text;
    }
}

std::optional<Target> TargetForm::target(QString *error) const
{
    Target t;
    t.id = m_id->text().trimmed();
    t.arn = arn();
    if (m_existing)
        t.roleArn = m_existing->roleArn;
    switch (m_inputMode->currentIndex()) {
    case ConstantInput:
        t.input = m_input->toPlainText();
        break;
    case InputPathMode:
        t.inputPath = m_inputPath->text().trimmed();
        break;
    case TransformerMode: {
        const auto map = parsePathsMap(m_pathsMap->toPlainText(), error);
        if (!map)
            return std::nullopt;
        decltype(Target::inputTransformer)::value_type spec;
        spec.inputPathsMap = *map;
        spec.inputTemplate = m_template->toPlainText();
        t.inputTransformer = spec;
        break;
    }
    default:
        break;
    }
    if (m_retry->isChecked())
        t.retryPolicy = RetryPolicy{m_attempts->value(), m_age->value()};
    if (m_dlq->isChecked()) {
        const QString q = m_dlqQueue->currentText().trimmed();
        const ScenarioSettings &s = document().engine().settings();
        t.deadLetterConfig = DeadLetterConfig{
            q.startsWith(u"arn:") ? q : Arn::sqsQueue(s.region, s.account, q)};
    }
    return t;
}

void TargetForm::refreshInputCheck()
{
    QString error;
    const auto t = target(&error);
    if (t)
        error = validateTargetInput(*t);
    m_inputCheck->setText(error.isEmpty() ? tr("✔ Target input is valid") : error);
    m_inputCheck->setStyleSheet(error.isEmpty() ? QStringLiteral("color: #007a52;")
                                                : QStringLiteral("color: #b34700;"));
}

Status TargetForm::submit()
{
    QString error;
    const auto t = target(&error);
    if (!t)
        return ServiceError::validation(error);
    return document().execute(new PutTargetCommand(document(), m_rule, *t, m_existing));
}

} // namespace ef::ui
