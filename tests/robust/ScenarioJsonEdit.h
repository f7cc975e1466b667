#pragma once

// Bad-input and safety tests break one member of the lab's scenario JSON at a
// time: this sets `key` on item `index` of the array `array`.

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

inline void setScenarioMember(QJsonObject &root, const QString &array, int index,
                              const QString &key, const QJsonValue &value)
{
    QJsonArray a = root.value(array).toArray();
    QJsonObject item = a.at(index).toObject();
    item.insert(key, value);
    a.replace(index, item);
    root.insert(array, a);
}
