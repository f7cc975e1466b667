#include "ui/editors/ScenarioExplorer.h"

#include "core/bus/Engine.h"
#include "ui/undo/ScenarioDocument.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QMenu>
#include <QPushButton>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace ef::ui {

namespace {
constexpr int kKindRole = Qt::UserRole;
constexpr int kNameRole = Qt::UserRole + 1;
constexpr int kBusRole = Qt::UserRole + 2;
constexpr int kRuleRole = Qt::UserRole + 3;
} // namespace

ScenarioExplorer::ScenarioExplorer(ScenarioDocument &document, QWidget *parent)
    : QWidget(parent), m_document(document)
{
    setObjectName(QStringLiteral("scenarioExplorer"));
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("explorerTree"));
    m_tree->setHeaderLabels({tr("Resource"), tr("Details")});
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);

    auto *newButton = new QToolButton(this);
    newButton->setText(tr("New"));
    newButton->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(newButton);
    auto addNew = [this, menu](const QString &text, ResourceRef::Kind kind) {
        connect(menu->addAction(text), &QAction::triggered, this,
                [this, kind] { emit newRequested(kind, selected()); });
    };
    addNew(tr("Event bus…"), ResourceRef::Kind::Bus);
    addNew(tr("Rule…"), ResourceRef::Kind::Rule);
    addNew(tr("Target for the selected rule…"), ResourceRef::Kind::Target);
    addNew(tr("Consumer…"), ResourceRef::Kind::Consumer);
    addNew(tr("Queue…"), ResourceRef::Kind::Queue);
    newButton->setMenu(menu);
    m_edit = new QPushButton(tr("Edit…"), this);
    m_delete = new QPushButton(tr("Delete"), this);

    auto *bar = new QHBoxLayout;
    bar->addWidget(newButton);
    bar->addWidget(m_edit);
    bar->addWidget(m_delete);
    bar->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_tree, 1);

    auto updateButtons = [this] {
        const auto kind = selected().kind;
        m_edit->setEnabled(kind != ResourceRef::Kind::None && kind != ResourceRef::Kind::Bus
                           && kind != ResourceRef::Kind::Queue);
        m_delete->setEnabled(kind != ResourceRef::Kind::None);
    };
    connect(m_tree, &QTreeWidget::itemSelectionChanged, this, updateButtons);
    connect(m_tree, &QTreeWidget::itemDoubleClicked, this, [this] {
        if (m_edit->isEnabled())
            emit editRequested(selected());
    });
    connect(m_edit, &QPushButton::clicked, this, [this] { emit editRequested(selected()); });
    connect(m_delete, &QPushButton::clicked, this, [this] { emit deleteRequested(selected()); });
    connect(&m_document, &ScenarioDocument::scenarioChanged, this, [this] { refresh(); });
    refresh();
    updateButtons();
}

QTreeWidgetItem *ScenarioExplorer::addItem(QTreeWidgetItem *parent, const QString &text,
                                           const ResourceRef &ref)
{
    auto *item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(m_tree);
    item->setText(0, text);
    item->setData(0, kKindRole, int(ref.kind));
    item->setData(0, kNameRole, ref.name);
    item->setData(0, kBusRole, ref.bus);
    item->setData(0, kRuleRole, ref.rule);
    return item;
}

void ScenarioExplorer::refresh()
{
    const ResourceRef keep = selected();
    m_tree->clear();
    Engine &engine = m_document.engine();
    auto *buses = addItem(nullptr, tr("Event buses"), {});
    const auto listed = engine.listEventBuses({});
    if (listed.ok()) {
        for (const EventBusInfo &b : listed->eventBuses) {
            auto *busItem = addItem(buses, b.name, {ResourceRef::Kind::Bus, b.name, b.name, {}});
            busItem->setText(1, b.description);
            const auto rules = engine.listRules({QString(), b.name, QString(), 0});
            if (!rules.ok())
                continue;
            for (const RuleInfo &r : rules->rules) {
                auto *ruleItem =
                    addItem(busItem, r.name, {ResourceRef::Kind::Rule, r.name, b.name, {}});
                ruleItem->setText(1, r.state == RuleState::Enabled ? r.eventPattern
                                                                   : tr("(disabled) ")
                                                                         + r.eventPattern);
                const auto targets = engine.listTargetsByRule({r.name, b.name, QString(), 0});
                if (!targets.ok())
                    continue;
                for (const Target &t : targets->targets) {
                    auto *targetItem = addItem(
                        ruleItem, tr("target %1").arg(t.id),
                        {ResourceRef::Kind::Target, t.id, b.name, r.name});
                    targetItem->setText(1, t.arn);
                }
            }
        }
    }
    auto *consumers = addItem(nullptr, tr("Consumers"), {});
    for (const ConsumerInfo &c : engine.consumers()) {
        auto *item = addItem(consumers, c.name, {ResourceRef::Kind::Consumer, c.name, {}, {}});
        item->setText(1, c.autoCreated ? tr("auto-created") : c.definition.value(
                                             QStringLiteral("description")).toString());
    }
    auto *queues = addItem(nullptr, tr("Queues"), {});
    for (const QueueInfo &q : engine.queues())
        addItem(queues, q.name, {ResourceRef::Kind::Queue, q.name, {}, {}})->setText(1, q.arn);
    m_tree->expandAll();
    select(keep);
}

ResourceRef ScenarioExplorer::selected() const
{
    const QTreeWidgetItem *item = m_tree->currentItem();
    if (!item || !item->isSelected())
        return {};
    return {ResourceRef::Kind(item->data(0, kKindRole).toInt()),
            item->data(0, kNameRole).toString(), item->data(0, kBusRole).toString(),
            item->data(0, kRuleRole).toString()};
}

bool ScenarioExplorer::select(const ResourceRef &ref)
{
    if (ref.kind == ResourceRef::Kind::None)
        return false;
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it) {
        QTreeWidgetItem *item = *it;
        if (ResourceRef::Kind(item->data(0, kKindRole).toInt()) == ref.kind
            && item->data(0, kNameRole).toString() == ref.name
            && item->data(0, kBusRole).toString() == ref.bus
            && item->data(0, kRuleRole).toString() == ref.rule) {
            m_tree->setCurrentItem(item);
            item->setSelected(true);
            return true;
        }
    }
    return false;
}

} // namespace ef::ui
