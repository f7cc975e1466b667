#pragma once

// A tree of everything the scenario holds (event buses with their rules and
// each rule's targets, consumers, queues) with New / Edit / Delete, so every
// resource can be created, changed and removed from the window. It only
// lists and asks; EditorsController opens the forms and runs the commands.

#include <QWidget>

class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace ef {
class Engine;
}

namespace ef::ui {

class ScenarioDocument;

struct ResourceRef
{
    enum class Kind { None, Bus, Rule, Target, Consumer, Queue };
    Kind kind = Kind::None;
    QString name;  // bus, rule, consumer or queue name; target id
    QString bus;   // rules and targets
    QString rule;  // targets
};

class ScenarioExplorer : public QWidget
{
    Q_OBJECT
public:
    explicit ScenarioExplorer(ScenarioDocument &document, QWidget *parent = nullptr);

    void refresh();
    ResourceRef selected() const;
    bool select(const ResourceRef &ref);
    QTreeWidget *tree() const { return m_tree; }

signals:
    void newRequested(ResourceRef::Kind kind, const ResourceRef &context);
    void editRequested(const ResourceRef &ref);
    void deleteRequested(const ResourceRef &ref);

private:
    QTreeWidgetItem *addItem(QTreeWidgetItem *parent, const QString &text, const ResourceRef &ref);

    ScenarioDocument &m_document;
    QTreeWidget *m_tree = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_delete = nullptr;
};

} // namespace ef::ui
