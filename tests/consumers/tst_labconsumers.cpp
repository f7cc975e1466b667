// The storefront lab's functions (resources/scenarios/storefront-lab.consumers.json)
// log what ../shared/scenarios/storefront-lab.md says for the lab's sample events.

#include "core/consumers/ConsumerDefinition.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

#include <map>

class TestLabConsumers : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void definitionsLoad();
    void walkThrough_data();
    void walkThrough();

private:
    std::map<QString, ef::consumers::ConsumerDefinition> m_functions;
};

namespace {

// An event as the lab's producer publishes it (source ecommerce.application).
QByteArray envelope(const QByteArray &detailType, const QByteArray &detail)
{
    return R"({"version":"0","id":"6a7e8feb-b491-4cf7-a9f1-bf3703467718","detail-type":")"
           + detailType
           + R"(","source":"ecommerce.application","account":"123456789012",)"
             R"("time":"2026-01-01T12:00:00Z","region":"us-east-1","resources":[],"detail":)"
           + detail + "}";
}

const QString kOrder = QStringLiteral("{prefix}-order-processor");
const QString kInventory = QStringLiteral("{prefix}-inventory-updater");
const QString kPayment = QStringLiteral("{prefix}-payment-processor");
const QString kHighValue = QStringLiteral("{prefix}-high-value-processor");
const QString kProducer = QStringLiteral("{prefix}-event-producer");

} // namespace

void TestLabConsumers::initTestCase()
{
    const QString path =
        QStringLiteral(EVENTFLOW_SOURCE_DIR) + QStringLiteral("/resources/scenarios/storefront-lab.consumers.json");
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        QFAIL(qPrintable(QStringLiteral("cannot read ") + path));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString()));
    for (const QString &key : {QStringLiteral("consumers"), QStringLiteral("producers")}) {
        const QJsonArray list = doc.object().value(key).toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            QString error;
            auto d = ef::consumers::ConsumerDefinition::fromJson(
                list[i], key + QStringLiteral("[%1]").arg(i), &error);
            QVERIFY2(d, qPrintable(error));
            m_functions.emplace(d->name, std::move(*d));
        }
    }
}

void TestLabConsumers::definitionsLoad()
{
    QCOMPARE(m_functions.size(), std::size_t(5));
    for (const QString &name : {kOrder, kInventory, kPayment, kHighValue, kProducer})
        QVERIFY2(m_functions.count(name), qPrintable(name));
    // The lab works out of the box: nothing fails, every function may be invoked.
    for (const auto &[name, d] : m_functions) {
        QCOMPARE(d.failureRate, 0.0);
        QVERIFY(!d.missingInvokePermission);
    }
}

void TestLabConsumers::walkThrough_data()
{
    QTest::addColumn<QString>("function");
    QTest::addColumn<QByteArray>("event");
    QTest::addColumn<QStringList>("expected");

    // Step 1: OrderPlaced, customer-12345, 149.99, one laptop-001.
    const QByteArray order1 = envelope(
        "OrderPlaced",
        R"({"orderId":"order-1a2b3c4d","customerId":"customer-12345","amount":149.99,)"
        R"("items":[{"productId":"laptop-001","quantity":1,"price":149.99}],)"
        R"("timestamp":"2026-01-01T12:00:00.000000"})");
    QTest::addRow("1 order-processor")
        << kOrder << order1
        << QStringList{
               QStringLiteral("Event received: ") + QString::fromUtf8(order1),
               "Handling OrderPlaced from ecommerce.application",
               R"(Order detail: {"orderId":"order-1a2b3c4d","customerId":"customer-12345",)"
               R"("amount":149.99,"items":[{"productId":"laptop-001","quantity":1,"price":149.99}],)"
               R"("timestamp":"2026-01-01T12:00:00.000000"})",
               "Order order-1a2b3c4d validated for customer customer-12345",
               "Tax and shipping computed for $149.99",
               "Stock reserved for order order-1a2b3c4d",
               "Order order-1a2b3c4d fully processed"};
    QTest::addRow("1 inventory-updater")
        << kInventory << order1
        << QStringList{QStringLiteral("Event received: ") + QString::fromUtf8(order1),
                       "Inventory handling for OrderPlaced",
                       "Stock of laptop-001 reduced by 1 units",
                       "Inventory records updated for order order-1a2b3c4d"};
    QTest::addRow("1 high-value-processor")
        << kHighValue << order1
        << QStringList{QStringLiteral("High-value order received: ") + QString::fromUtf8(order1),
                       "Order order-1a2b3c4d is worth $149.99",
                       "Customer: customer-12345",
                       "Flagged for manual review and priority handling",
                       "Sales team notified",
                       "VIP benefits applied"};
    QTest::addRow("1 producer")
        << kProducer << order1
        << QStringList{"Published OrderPlaced event",
                       R"(Event detail: {"orderId":"order-1a2b3c4d","customerId":"customer-12345",)"
                       R"("amount":149.99,"items":[{"productId":"laptop-001","quantity":1,)"
                       R"("price":149.99}],"timestamp":"2026-01-01T12:00:00.000000"})"};

    // Step 2: PaymentProcessed for order-67890, 149.99.
    const QByteArray payment = envelope(
        "PaymentProcessed",
        R"({"paymentId":"payment-9f8e7d6c","orderId":"order-67890","amount":149.99,)"
        R"("status":"SUCCESS","timestamp":"2026-01-01T12:00:01.000000"})");
    QTest::addRow("2 payment-processor")
        << kPayment << payment
        << QStringList{QStringLiteral("Event received: ") + QString::fromUtf8(payment),
                       "Handling PaymentProcessed",
                       "Payment payment-9f8e7d6c for order order-67890",
                       "Amount: $149.99",
                       "Status: SUCCESS",
                       "Payment payment-9f8e7d6c accepted",
                       "Order order-67890 released for fulfillment"};
    const QByteArray declined = envelope(
        "PaymentProcessed",
        R"({"paymentId":"payment-1","orderId":"order-2","amount":5,"status":"DECLINED"})");
    QTest::addRow("payment not successful")
        << kPayment << declined
        << QStringList{QStringLiteral("Event received: ") + QString::fromUtf8(declined),
                       "Handling PaymentProcessed",
                       "Payment payment-1 for order order-2",
                       "Amount: $5",
                       "Status: DECLINED",
                       "Payment payment-1 did not succeed: order order-2 needs attention"};

    // Step 3: InventoryUpdated laptop-001, -5, new quantity 8: LOW STOCK.
    const QByteArray low = envelope(
        "InventoryUpdated",
        R"({"productId":"laptop-001","quantityChange":-5,"newQuantity":8,)"
        R"("timestamp":"2026-01-01T12:00:02.000000"})");
    QTest::addRow("3 inventory-updater low stock")
        << kInventory << low
        << QStringList{QStringLiteral("Event received: ") + QString::fromUtf8(low),
                       "Inventory handling for InventoryUpdated",
                       "Direct stock update for laptop-001",
                       "Change -5, stock now 8",
                       "LOW STOCK ALERT: only 8 units of laptop-001 left"};
    const QByteArray plenty = envelope(
        "InventoryUpdated", R"({"productId":"prod-123","quantityChange":-2,"newQuantity":98})");
    QTest::addRow("inventory update with plenty left")
        << kInventory << plenty
        << QStringList{QStringLiteral("Event received: ") + QString::fromUtf8(plenty),
                       "Inventory handling for InventoryUpdated",
                       "Direct stock update for prod-123",
                       "Change -2, stock now 98"};

    // Step 5: a two-item order (the producer's defaults allow several items).
    const QByteArray order2 = envelope(
        "OrderPlaced",
        R"({"orderId":"order-5","customerId":"regular-customer-002","amount":29.99,)"
        R"("items":[{"productId":"basic-accessory","quantity":1,"price":29.99},)"
        R"({"productId":"prod-123","quantity":2,"price":49.99}]})");
    QTest::addRow("5 inventory-updater, one line pair per item")
        << kInventory << order2
        << QStringList{QStringLiteral("Event received: ") + QString::fromUtf8(order2),
                       "Inventory handling for OrderPlaced",
                       "Stock of basic-accessory reduced by 1 units",
                       "Inventory records updated for order order-5",
                       "Stock of prod-123 reduced by 2 units",
                       "Inventory records updated for order order-5"};
}

void TestLabConsumers::walkThrough()
{
    QFETCH(QString, function);
    QFETCH(QByteArray, event);
    QFETCH(QStringList, expected);
    const auto it = m_functions.find(function);
    QVERIFY2(it != m_functions.end(), qPrintable(function));
    const QStringList lines = it->second.render(
        std::string_view(event.constData(), static_cast<std::size_t>(event.size())));
    QCOMPARE(lines, expected);
    const bool alert = std::any_of(lines.begin(), lines.end(), [](const QString &line) {
        return line.contains(QStringLiteral("LOW STOCK"));
    });
    QCOMPARE(alert, QString::fromUtf8(QTest::currentDataTag()).contains(u"low stock"));
}

QTEST_GUILESS_MAIN(TestLabConsumers)
#include "tst_labconsumers.moc"
