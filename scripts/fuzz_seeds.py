#!/usr/bin/python3
"""Writes the seed corpus of every fuzz target (fuzz/*.cpp) into OUTDIR/<target>/.

Seeds come from the project's own test data and scenarios, the shared
conformance cases (../shared/conformance) and the checked-in regression inputs
(tests/fuzz/<target>/), each laid out the way its target reads its input (see
the comment at the top of each fuzz/*.cpp).

usage: fuzz_seeds.py SOURCE_DIR SHARED_DIR OUTDIR
"""
import hashlib
import json
import pathlib
import sys


def jsonl(path):
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


class Corpus:
    def __init__(self, root):
        self.root = root
        self.counts = {}

    def add(self, target, data):
        if isinstance(data, str):
            data = data.encode()
        folder = self.root / target
        folder.mkdir(parents=True, exist_ok=True)
        name = "seed-" + hashlib.sha1(data).hexdigest()[:16]
        (folder / name).write_bytes(data)
        self.counts[target] = self.counts.get(target, 0) + 1


def compact(value):
    return json.dumps(value, separators=(",", ":"))


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    source = pathlib.Path(sys.argv[1])
    shared = pathlib.Path(sys.argv[2])
    corpus = Corpus(pathlib.Path(sys.argv[3]))

    cases = (jsonl(shared / "conformance" / "patterns.jsonl")
             + jsonl(shared / "conformance" / "peer-cases.jsonl")
             + jsonl(source / "tests" / "data" / "patterns.jsonl"))
    if not cases:
        sys.exit(f"no conformance cases under {shared}/conformance: is ../shared there?")

    scenarios = sorted((source / "resources" / "scenarios").glob("*.json"))
    scenarios += sorted((source / "tests" / "data").glob("*.json"))
    scenarios += sorted((source / "tests" / "export" / "data").glob("*.json"))

    patterns, events, transformers = [], [], []
    for case in cases:
        if "pattern" in case:
            patterns.append(case["pattern"])
        if "event" in case:
            events.append(case["event"])
    for path in scenarios:
        doc = json.loads(path.read_text())
        corpus.add("scenario_file", path.read_bytes())
        corpus.add("scenario_import", b"\x01" + path.read_bytes())
        if not isinstance(doc, dict):
            continue
        for rule in doc.get("rules", []):
            if isinstance(rule.get("eventPattern"), dict):
                patterns.append(rule["eventPattern"])
            for target in rule.get("targets", []):
                if "InputTransformer" in target:
                    transformers.append(target["InputTransformer"])
        for sample in doc.get("sampleEvents", []):
            if isinstance(sample.get("body"), dict):
                events.append({"source": "ecommerce.application",
                               "detail-type": sample["body"].get("eventType", "x"),
                               "detail": sample["body"]})

    for p in patterns:
        corpus.add("pattern_parse", p if isinstance(p, str) else compact(p))
    for e in events:
        corpus.add("event_match", e if isinstance(e, str) else compact(e))
    # Some cases carry the event as raw text (to keep duplicate keys or bad JSON).
    events = [e for e in events if isinstance(e, dict)]

    # PutEvents bodies: one entry per event, and a batch of ten.
    entries = [{"Source": e.get("source", "s") if isinstance(e.get("source"), str) else "s",
                "DetailType": e.get("detail-type", "t") if isinstance(e.get("detail-type"), str)
                else "t",
                "Detail": compact(e.get("detail", {})),
                "EventBusName": "default"} for e in events]
    for entry in entries[:400]:
        corpus.add("putevents_request", compact({"Entries": [entry]}))
    for i in range(0, min(len(entries), 200), 10):
        corpus.add("putevents_request", compact({"Entries": entries[i:i + 10]}))

    # InputTransformer: mode byte, then template / path 1 / path 2 / event split at 0x01.
    transformers.append({"InputPathsMap": {"v1": "$.detail.amount", "v2": "$.source"},
                         "InputTemplate": "{\"amount\": <v1>, \"from\": \"<v2>\"}"})
    transformers.append({"InputPathsMap": {"v1": "$.detail.items[0]"},
                         "InputTemplate": "\"Order <v1> placed\""})
    for t in transformers:
        paths = list(t.get("InputPathsMap", {}).values())[:2] + ["", ""]
        for event in events[:20]:
            fields = [t.get("InputTemplate", ""), paths[0], paths[1], compact(event)]
            corpus.add("input_transformer", b"\x00" + b"\x01".join(f.encode() for f in fields))
    for path in ["$.detail", "$.detail.items[0].price", "$", "$['detail']['amount']"]:
        corpus.add("input_transformer", b"\x01" + path.encode())
    corpus.add("input_transformer", b"\x02" + compact({"constant": [1, "two"]}).encode())
    corpus.add("input_transformer",
               b"\x03Order ${$.detail.orderId} for ${$.detail.amount}")

    # Import: selector byte picks the file name the bytes are read as.
    for p in patterns[:50]:
        corpus.add("scenario_import", b"\x05" + (p if isinstance(p, str) else compact(p)).encode())
    corpus.add("scenario_import", b"\x02" + compact({"Name": "b", "Description": "d"}).encode())
    corpus.add("scenario_import", b"\x03" + compact({
        "Name": "r", "EventBusName": "b", "State": "ENABLED",
        "EventPattern": compact({"source": ["s"]})}).encode())
    corpus.add("scenario_import", b"\x04" + compact({
        "Rule": "r", "EventBusName": "b",
        "Targets": [{"Id": "1", "Arn": "arn:aws:lambda:us-east-1:1:function:f",
                     "RetryPolicy": {"MaximumRetryAttempts": 3}}]}).encode())
    corpus.add("scenario_import", b"\x00" + (
        "Resources:\n  Bus:\n    Type: AWS::Events::EventBus\n    Properties:\n      Name: b\n"
        "  Rule:\n    Type: AWS::Events::Rule\n    Properties:\n      Name: r\n"
        "      EventBusName: !Ref Bus\n      EventPattern:\n        source: [s]\n"
        "      Targets:\n        - Id: '1'\n          Arn: !Sub 'arn:aws:lambda:${AWS::Region}"
        ":${AWS::AccountId}:function:f'\n").encode())

    # Raw HTTP: cut byte, then the request stream.
    def http(target, body, content_type="application/x-amz-json-1.1", path="/"):
        head = (f"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: {content_type}\r\n"
                + (f"X-Amz-Target: {target}\r\n" if target else "")
                + f"Content-Length: {len(body)}\r\n\r\n")
        return head.encode() + body.encode()

    requests = [
        http("AWSEvents.PutEvents", compact({"Entries": entries[:2]})),
        http("AWSEvents.ListRules", "{}"),
        http("AWSEvents.PutRule", compact({"Name": "r", "EventPattern": compact(patterns[-1])})),
        http("AWSEvents.CreateEventBus", compact({"Name": "b"})),
        http("AWSEvents.TestEventPattern", compact({"EventPattern": compact(patterns[-1]),
                                                   "Event": compact(events[0])})),
        http("Logs_20140328.FilterLogEvents", compact({"logGroupName": "/aws/lambda/f"})),
        http(None, "Action=GetMetricStatistics&Version=2010-08-01&Namespace=AWS%2FEvents"
                   "&MetricName=Invocations&Period=60&Statistics.member.1=Sum",
             "application/x-www-form-urlencoded"),
        http(None, compact({"eventType": "OrderPlaced", "amount": 1}), "application/json",
             "/prod/events"),
    ]
    for cut in (0, 40, 255):
        corpus.add("http_request", bytes([cut]) + requests[0] + requests[1])
    for r in requests:
        corpus.add("http_request", b"\x80" + r)

    # The checked-in regression inputs seed their own target too.
    regressions = source / "tests" / "fuzz"
    if regressions.exists():
        for folder in sorted(p for p in regressions.iterdir() if p.is_dir()):
            for f in sorted(folder.iterdir()):
                corpus.add(folder.name, f.read_bytes())

    for target, count in sorted(corpus.counts.items()):
        print(f"{target}: {count} seeds")


if __name__ == "__main__":
    main()
