#pragma once

// What happened to events, as observers see it. Happenings are compact
// records; names behind the ids are resolved by Engine::describe() (names
// are interned for the engine's lifetime, so ids stay meaningful after the
// rule or target they name is deleted).

#include "core/bus/SimTime.h"

#include <QString>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace ef {

using NameId = std::uint32_t;  // interned name; 0 = none
using EventSeq = std::uint64_t; // engine-internal event number; 0 = none

enum class HappeningKind : std::uint8_t {
    EntryAccepted,    // PutEvents entry became an event on a bus
    EntryRejected,    // PutEvents entry refused (reason = ErrorCode text in detail)
    RuleMatched,      // rule's pattern matched (or its schedule fired)
    NoRuleMatched,    // the event matched no enabled rule on its bus
    // Each EventBridge hand-off attempt is exactly one of the next four.
    TargetInvoked,    // the target took the event (a function starts: requestId set)
    Throttled,        // refused: concurrency limit (also Lambda's own retry refused)
    PermissionDenied, // refused: no invoke permission
    TargetFailed,     // refused for another reason (see reason), e.g. no such function
    FunctionStarted,  // Lambda runs the function again (its own retry; requestId set)
    FunctionFailed,   // the function raised (Lambda decides about retrying)
    Retried,          // a retry is scheduled (service says who: EventBridge or Lambda)
    Delivered,        // final: the target has the event (function returned, queued, forwarded)
    DeadLettered,     // final: moved to a dead-letter queue / failure destination
    Dropped,          // final: discarded, with a reason
    Forwarded,        // an event-bus target put the event onto another bus
};

enum class Service : std::uint8_t { EventBridge, Lambda, Sqs };

enum class Reason : std::uint8_t {
    None,
    Throttled,               // Lambda concurrency limit reached
    PermissionDenied,        // function has no resource policy allowing events
    FunctionNotFound,
    EventBusNotFound,
    QueueNotFound,
    FunctionError,           // the function raised
    RetriesExhausted,        // RetryPolicy.MaximumRetryAttempts used up
    MaximumEventAgeExceeded, // RetryPolicy.MaximumEventAgeInSeconds passed
    LoopDetected,            // forwarding would run the same rule again
    DeadLetterQueueFailed,   // the DLQ could not take the event
    RuleDeleted,             // the rule/target went away before delivery
    InvalidEntry,            // PutEvents entry failed validation
};

QString happeningKindName(HappeningKind kind);  // "EntryAccepted"...
QString serviceName(Service service);           // "EventBridge", "Lambda", "SQS"
QString reasonText(Reason reason);              // a sentence for people

// One cache line each (the trace ring is written for every step of every
// delivery).
struct alignas(64) Happening
{
    std::uint64_t seq = 0;        // global, increasing; 1 = first happening
    SimTime time = 0;
    EventSeq event = 0;
    std::uint64_t prevForEvent = 0;  // previous happening of the same event (history chain)
    NameId bus = 0;
    NameId rule = 0;
    NameId target = 0;            // target id (interned)
    NameId consumer = 0;          // function, queue or destination bus name (interned)
    std::uint32_t requestSeq = 0; // Lambda request id number (TargetInvoked, FunctionStarted...)
    NameId note = 0;              // EntryRejected: the ErrorCode; DeadLettered: the queue
    std::int32_t value = 0;       // retry delay or duration (us), entry index...
    HappeningKind kind = HappeningKind::EntryAccepted;
    Service service = Service::EventBridge;  // who acted
    Reason reason = Reason::None;
    std::uint8_t attempt = 0;     // 1-based attempt number where it applies
};
static_assert(sizeof(Happening) == 64 && offsetof(Happening, bus) == 32
              && offsetof(Happening, requestSeq) == 48 && offsetof(Happening, value) == 56
              && offsetof(Happening, kind) == 60 && offsetof(Happening, attempt) == 63);

// A happening with its names resolved, for people and JSON (`eventflow run`).
struct HappeningView
{
    QString kind;
    QString time;      // ISO 8601 UTC with milliseconds
    QString eventId;   // empty when not retained any more / not applicable
    QString bus;
    QString rule;
    QString target;
    QString consumer;
    QString service;
    QString reason;    // empty when none
    QString errorCode; // EntryRejected: the PutEvents ErrorCode
    int attempt = 0;
    QString requestId;
    double valueMs = 0;  // retry delay or duration in ms, where it applies
    QString toJson() const;  // one compact JSON object
};

// Receives happenings in batches, on the engine's thread, after each engine
// call that produced some (and at least every 4,096 happenings). The span is
// valid only during the call: copy what you keep.
using TraceObserver = std::function<void(std::span<const Happening>)>;

// The final outcome of one delivery (one event x one target).
enum class DeliveryOutcome : std::uint8_t { Pending, Delivered, DeadLettered, Dropped };

// Everything the engine remembers about one event.
struct EventHistory
{
    bool found = false;
    QString eventId;
    QString eventBus;
    QString envelope;  // the event JSON as targets see it without transforms
    SimTime ingestionTime = 0;
    int deliveries = 0;   // targets the event was handed to (all matched rules)
    int delivered = 0;
    int deadLettered = 0;
    int dropped = 0;
    int pending = 0;
    bool historyComplete = true;  // false when older happenings left the ring
    std::vector<HappeningView> happenings;  // oldest first
};

} // namespace ef
