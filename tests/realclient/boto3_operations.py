"""Every endpoint operation through Debian's boto3, against EventFlow.

Usage: boto3_operations.py ENDPOINT_URL
Prints one JSON line per step: {"step", "ok", "result"} or {"step", "ok": false,
"error": {"code", "message"}}. It asserts nothing itself: tst_boto3.cpp does.
"""
import json
import sys
import time
import urllib.error
import urllib.request

import boto3
import botocore.exceptions

URL = sys.argv[1]
REGION = "us-east-1"
BUS = "b3-bus"
RULE = "b3-rule"
FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:b3-function"
PATTERN = {"source": ["b3.app"], "detail-type": ["Ping"]}

session = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test",
                                region_name=REGION)
events = session.client("events", endpoint_url=URL)
logs = session.client("logs", endpoint_url=URL)
cloudwatch = session.client("cloudwatch", endpoint_url=URL)


def plain(value):
    """JSON-safe copy of a boto3 answer (datetimes as ISO text)."""
    return json.loads(json.dumps(value, default=str))


def step(name, call):
    line = {"step": name}
    try:
        result = call()
        if isinstance(result, dict):
            result.pop("ResponseMetadata", None)
        line.update(ok=True, result=plain(result))
    except botocore.exceptions.ClientError as e:
        line.update(ok=False, error={"code": e.response["Error"]["Code"],
                                     "message": e.response["Error"].get("Message", ""),
                                     "status": e.response["ResponseMetadata"]["HTTPStatusCode"]})
    except Exception as e:  # a client-side failure is a result too
        line.update(ok=False, error={"code": type(e).__name__, "message": str(e)})
    print(json.dumps(line, separators=(",", ":")), flush=True)
    return line


def raw(target, body, content_type="application/x-amz-json-1.1"):
    request = urllib.request.Request(URL + "/", data=body, method="POST",
                                     headers={"X-Amz-Target": target,
                                              "Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=10) as r:
            return {"status": r.status, "body": json.loads(r.read())}
    except urllib.error.HTTPError as e:
        answer = json.loads(e.read())
        raise botocore.exceptions.ClientError(
            {"Error": {"Code": answer.get("__type"), "Message": answer.get("message")},
             "ResponseMetadata": {"HTTPStatusCode": e.code}}, target)


def entry(**extra):
    e = {"Source": "b3.app", "DetailType": "Ping", "Detail": json.dumps({"n": 1}),
         "EventBusName": BUS}
    e.update(extra)
    return e


def wait_for_log_group():
    """The functions run on the real clock: wait (bounded) until both events
    of step PutEvents were handled and their invocations' lines written."""
    deadline = time.time() + 30
    while time.time() < deadline:
        groups = logs.describe_log_groups(logGroupNamePrefix="/aws/lambda/b3-")["logGroups"]
        if groups:
            done = logs.filter_log_events(logGroupName=groups[0]["logGroupName"],
                                          filterPattern="REPORT")["events"]
            if len(done) >= 2:
                return {"waited": True}
        time.sleep(0.2)
    raise RuntimeError("two invocations of b3-function not logged within 30 s")


step("CreateEventBus", lambda: events.create_event_bus(Name=BUS))
step("CreateEventBus duplicate", lambda: events.create_event_bus(Name=BUS))
step("DescribeEventBus", lambda: events.describe_event_bus(Name=BUS))
step("DescribeEventBus unknown", lambda: events.describe_event_bus(Name="b3-nope"))
step("ListEventBuses NamePrefix", lambda: events.list_event_buses(NamePrefix="b3"))
step("PutRule", lambda: events.put_rule(Name=RULE, EventBusName=BUS,
                                        EventPattern=json.dumps(PATTERN),
                                        Description="boto3 rule"))
step("PutRule invalid pattern", lambda: events.put_rule(
    Name="b3-bad", EventBusName=BUS, EventPattern='{"source": "not-a-list"}'))
step("DescribeRule", lambda: events.describe_rule(Name=RULE, EventBusName=BUS))
step("DescribeRule unknown", lambda: events.describe_rule(Name="b3-nope", EventBusName=BUS))
step("ListRules", lambda: events.list_rules(EventBusName=BUS, NamePrefix="b3"))
step("DisableRule", lambda: events.disable_rule(Name=RULE, EventBusName=BUS))
step("DescribeRule disabled", lambda: events.describe_rule(Name=RULE, EventBusName=BUS))
step("EnableRule", lambda: events.enable_rule(Name=RULE, EventBusName=BUS))
step("EnableRule unknown", lambda: events.enable_rule(Name="b3-nope", EventBusName=BUS))
step("PutTargets", lambda: events.put_targets(Rule=RULE, EventBusName=BUS, Targets=[{
    "Id": "1", "Arn": FUNCTION_ARN,
    "InputTransformer": {"InputPathsMap": {"z": "$.detail.n", "a": "$.source"},
                         "InputTemplate": '{"n": <z>, "from": <a>}'}}]))
step("PutTargets bad target ARN", lambda: events.put_targets(
    Rule=RULE, EventBusName=BUS, Targets=[{"Id": "2", "Arn": "not-an-arn"}]))
step("PutTargets unknown rule", lambda: events.put_targets(
    Rule="b3-nope", EventBusName=BUS, Targets=[{"Id": "1", "Arn": FUNCTION_ARN}]))
step("ListTargetsByRule", lambda: events.list_targets_by_rule(Rule=RULE, EventBusName=BUS))
step("ListRuleNamesByTarget", lambda: events.list_rule_names_by_target(
    TargetArn=FUNCTION_ARN, EventBusName=BUS))
step("PutEvents", lambda: events.put_events(Entries=[entry(), entry(Time=time.time())]))
step("PutEvents 11 entries", lambda: events.put_events(Entries=[entry() for _ in range(11)]))
step("PutEvents oversized entry", lambda: events.put_events(
    Entries=[entry(Detail=json.dumps({"big": "x" * (256 * 1024)}))]))
step("PutEvents aws. source", lambda: events.put_events(Entries=[entry(Source="aws.b3")]))
step("TestEventPattern match", lambda: events.test_event_pattern(
    EventPattern=json.dumps(PATTERN), Event=json.dumps({
        "id": "1", "account": "123456789012", "source": "b3.app", "time": "2026-01-01T00:00:00Z",
        "region": REGION, "resources": [], "detail-type": "Ping", "detail": {}})))
step("TestEventPattern no match", lambda: events.test_event_pattern(
    EventPattern=json.dumps(PATTERN), Event=json.dumps({
        "id": "1", "account": "123456789012", "source": "other", "time": "2026-01-01T00:00:00Z",
        "region": REGION, "resources": [], "detail-type": "Ping", "detail": {}})))
step("wait for delivery", wait_for_log_group)
step("DescribeLogGroups", lambda: logs.describe_log_groups(logGroupNamePrefix="/aws/lambda/b3-"))
streams = step("DescribeLogStreams", lambda: logs.describe_log_streams(
    logGroupName="/aws/lambda/b3-function"))
stream_name = (streams.get("result", {}).get("logStreams") or [{}])[0].get("logStreamName", "")
step("GetLogEvents", lambda: logs.get_log_events(logGroupName="/aws/lambda/b3-function",
                                                 logStreamName=stream_name, startFromHead=True))
step("FilterLogEvents", lambda: logs.filter_log_events(logGroupName="/aws/lambda/b3-function"))
step("DescribeLogStreams unknown group", lambda: logs.describe_log_streams(
    logGroupName="/aws/lambda/b3-nope"))
now = time.time()
step("GetMetricStatistics MatchedEvents", lambda: cloudwatch.get_metric_statistics(
    Namespace="AWS/Events", MetricName="MatchedEvents",
    Dimensions=[{"Name": "EventBusName", "Value": BUS}, {"Name": "RuleName", "Value": RULE}],
    StartTime=now - 3600, EndTime=now + 60, Period=60, Statistics=["Sum"]))
step("GetMetricStatistics RuleName alone", lambda: cloudwatch.get_metric_statistics(
    Namespace="AWS/Events", MetricName="MatchedEvents",
    Dimensions=[{"Name": "RuleName", "Value": RULE}],
    StartTime=now - 3600, EndTime=now + 60, Period=60, Statistics=["Sum"]))
step("GetMetricStatistics bad period", lambda: cloudwatch.get_metric_statistics(
    Namespace="AWS/Events", MetricName="MatchedEvents", StartTime=now - 3600, EndTime=now,
    Period=7, Statistics=["Sum"]))
step("ListMetrics", lambda: cloudwatch.list_metrics(Namespace="AWS/Events",
                                                    MetricName="MatchedEvents"))
step("DeleteRule with targets", lambda: events.delete_rule(Name=RULE, EventBusName=BUS))
step("DeleteEventBus with rules", lambda: events.delete_event_bus(Name=BUS))
step("RemoveTargets", lambda: events.remove_targets(Rule=RULE, EventBusName=BUS, Ids=["1"]))
step("DeleteRule", lambda: events.delete_rule(Name=RULE, EventBusName=BUS))
step("DeleteEventBus", lambda: events.delete_event_bus(Name=BUS))
step("ListEventBuses after", lambda: events.list_event_buses(NamePrefix="b3"))
step("unknown operation", lambda: raw("AWSEvents.NoSuchOperation", b"{}"))
step("malformed JSON", lambda: raw("AWSEvents.ListRules", b"{not json"))
step("wrong member type", lambda: raw("AWSEvents.CreateEventBus", b'{"Name": 5}'))
print(json.dumps({"step": "done", "ok": True}, separators=(",", ":")), flush=True)
