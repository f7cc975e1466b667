#pragma once

// Scenarios the export tests take through every format: the built-in lab
// (its buses, rules and targets; consumers are not exported) and one that
// uses every pattern operator and every target option.

#include "core/io/Scenario.h"
#include "core/io/ScenarioFile.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

namespace exportfixtures {

inline QString readText(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

inline ef::Target lambdaTarget(const QString &id, const QString &function)
{
    ef::Target t;
    t.id = id;
    t.arn = QStringLiteral("arn:aws:lambda:us-east-1:123456789012:function:") + function;
    return t;
}

inline ef::ScenarioRule rule(const QString &name, const QString &bus, const QString &pattern,
                             const QString &description, std::vector<ef::Target> targets)
{
    ef::ScenarioRule r;
    r.rule.name = name;
    r.rule.eventBusName = bus;
    r.rule.eventPattern = pattern;
    r.rule.description = description;
    r.rule.state = QStringLiteral("ENABLED");
    r.targets = std::move(targets);
    return r;
}

// The built-in lab, loaded by the ordinary loader from the source tree.
// On failure an empty scenario whose name says why (tests check the name).
inline ef::Scenario lab()
{
    const ef::ScenarioLoad loaded = ef::ScenarioFile::load(
        QStringLiteral(EVENTFLOW_SOURCE_DIR "/resources/scenarios/storefront-lab.json"));
    if (!loaded.ok()) {
        ef::Scenario failed;
        failed.name = QStringLiteral("cannot load the built-in lab: ") + loaded.errors.join("; ");
        return failed;
    }
    return *loaded.scenario;
}

// The lab's routing as storefront-lab.md lists it (prefix user3).
inline ef::Scenario labRouting()
{
    ef::Scenario s;
    s.name = QStringLiteral("storefront-lab");
    const QString bus = QStringLiteral("user3-ecommerce-events");
    s.buses.push_back({bus, QString()});
    s.rules.push_back(rule(QStringLiteral("user3-order-processing-rule"), bus,
                           R"({"source":["ecommerce.application"],"detail-type":["OrderPlaced"]})",
                           QStringLiteral("Routes OrderPlaced events to order processor"),
                           {lambdaTarget("1", "user3-order-processor")}));
    s.rules.push_back(rule(QStringLiteral("user3-inventory-update-rule"), bus,
                           R"({"source":["ecommerce.application"],)"
                           R"("detail-type":["OrderPlaced","InventoryUpdated"]})",
                           QStringLiteral("Routes order and inventory events to "
                                          "inventory updater"),
                           {lambdaTarget("1", "user3-inventory-updater")}));
    s.rules.push_back(rule(QStringLiteral("user3-payment-processing-rule"), bus,
                           R"({"source":["ecommerce.application"],)"
                           R"("detail-type":["PaymentProcessed"]})",
                           QStringLiteral("Routes PaymentProcessed events to payment processor"),
                           {lambdaTarget("1", "user3-payment-processor")}));
    s.rules.push_back(rule(QStringLiteral("user3-high-value-order-rule"), bus,
                           R"({"source":["ecommerce.application"],"detail-type":["OrderPlaced"],)"
                           R"("detail":{"amount":[{"numeric":[">=",100]}]}})",
                           QStringLiteral("Routes high-value orders for special processing"),
                           {lambdaTarget("1", "user3-high-value-processor")}));
    return s;
}

// Every pattern operator, every target option, a disabled rule, a rule on
// the default bus, and text that needs quoting in JSON, YAML and bash.
inline ef::Scenario everything()
{
    ef::Scenario s;
    s.name = QStringLiteral("every-option");
    s.settings.usernamePrefix = QStringLiteral("student7");
    s.settings.account = QStringLiteral("210987654321");
    s.settings.region = QStringLiteral("eu-west-1");
    const QString bus = QStringLiteral("student7-orders");
    s.buses.push_back({bus, QString()});
    s.buses.push_back({QStringLiteral("shared.audit_bus"), QString()});

    const QString operators = readText(QStringLiteral(
        EVENTFLOW_SOURCE_DIR "/tests/export/data/every-operator-pattern.json"));
    ef::ScenarioRule all = rule(QStringLiteral("student7-every-operator"), bus, operators,
                                QStringLiteral("Every operator; quotes ' \" $ ` \\ kept"), {});
    ef::Target input = lambdaTarget("constant", "student7-handler");
    input.arn = QStringLiteral("arn:aws:lambda:eu-west-1:210987654321:function:student7-handler");
    input.input = QStringLiteral(R"({"fixed":true,"note":"it's $5 `now`"})");
    input.retryPolicy = ef::RetryPolicy{3, 600};
    input.deadLetterConfig =
        ef::DeadLetterConfig{QStringLiteral("arn:aws:sqs:eu-west-1:210987654321:student7-dlq")};
    all.targets.push_back(input);
    ef::Target path = lambdaTarget("path", "");
    path.arn = QStringLiteral("arn:aws:lambda:eu-west-1:210987654321:function:student7-handler");
    path.inputPath = QStringLiteral("$.detail.customer");
    all.targets.push_back(path);
    ef::Target transformer;
    transformer.id = QStringLiteral("transformer_1");
    transformer.arn = QStringLiteral("arn:aws:sqs:eu-west-1:210987654321:student7-audit-queue");
    transformer.inputTransformer.emplace();
    transformer.inputTransformer->inputPathsMap = {
        {QStringLiteral("order"), QStringLiteral("$.detail.orderId")},
        {QStringLiteral("amount"), QStringLiteral("$.detail.amount")},
        {QStringLiteral("rule-name"), QStringLiteral("$.detail.rule")}};
    transformer.inputTransformer->inputTemplate = QStringLiteral(
        R"({"text": "Order <order> for $<amount> isn't \"cheap\"", )"
        R"("amount": <amount>, "rule": "<aws.events.rule-name>"})");
    transformer.retryPolicy = ef::RetryPolicy{0, 60};
    all.targets.push_back(transformer);
    ef::Target stringTemplate;
    stringTemplate.id = QStringLiteral("string.template");
    stringTemplate.arn = QStringLiteral("arn:aws:sqs:eu-west-1:210987654321:student7-audit-queue");
    stringTemplate.inputTransformer.emplace();
    stringTemplate.inputTransformer->inputPathsMap = {
        {QStringLiteral("who"), QStringLiteral("$.detail.customer.email")}};
    stringTemplate.inputTransformer->inputTemplate = QStringLiteral("\"<who> ordered\"");
    stringTemplate.deadLetterConfig =
        ef::DeadLetterConfig{QStringLiteral("arn:aws:sqs:eu-west-1:210987654321:student7-dlq")};
    all.targets.push_back(stringTemplate);
    ef::Target bare = lambdaTarget("bare", "");
    bare.arn = QStringLiteral("arn:aws:lambda:eu-west-1:210987654321:function:other-team-fn");
    all.targets.push_back(bare);
    s.rules.push_back(all);

    ef::ScenarioRule disabled =
        rule(QStringLiteral("student7-disabled"), QStringLiteral("shared.audit_bus"),
             R"({"source":[{"prefix":""}]})", QString(), {});
    disabled.rule.state = QStringLiteral("DISABLED");
    disabled.rule.description.reset();
    ef::Target audit = lambdaTarget("audit", "");
    audit.arn = QStringLiteral("arn:aws:lambda:eu-west-1:210987654321:function:student7-audit");
    disabled.targets.push_back(audit);
    s.rules.push_back(disabled);

    ef::ScenarioRule onDefault = rule(QStringLiteral("student7-default-bus-rule"), QString(),
                                      R"({"detail-type":["Scheduled Event"]})",
                                      QStringLiteral("On the default bus"), {});
    s.rules.push_back(onDefault);  // a rule without targets
    return s;
}

} // namespace exportfixtures
