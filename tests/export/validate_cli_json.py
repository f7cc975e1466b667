#!/usr/bin/python3
"""Validates `aws events ... --cli-input-json` documents offline against the
EventBridge service model that Debian's boto3/botocore ship, the way a real
call would: botocore's parameter validation runs before botocore.stub.Stubber
answers. The model's own constraints that botocore leaves to the server
(string patterns, lengths, enums, integer ranges) are checked too, against
botocore's model and against the one awscli 2.9 bundles.

usage: validate_cli_json.py DIR   (files NN-<operation>-<resource>.json)
Prints one line per document and exits non-zero on the first failure."""

import json
import os
import re
import sys

import boto3
from botocore.stub import Stubber

AWSCLI_MODEL = ("/usr/lib/python3/dist-packages/awscli/botocore/data/events/"
                "2015-10-07/service-2.json")
RESPONSES = {
    "CreateEventBus": {"EventBusArn": "arn:aws:events:us-east-1:123456789012:event-bus/x"},
    "PutRule": {"RuleArn": "arn:aws:events:us-east-1:123456789012:rule/x"},
    "PutTargets": {"FailedEntryCount": 0, "FailedEntries": []},
}


def fail(message):
    print("FAIL " + message)
    sys.exit(1)


def check_shape(model, shape_name, value, path):
    shape = model["shapes"][shape_name]
    kind = shape["type"]
    if kind == "structure":
        if not isinstance(value, dict):
            fail(f"{path}: expected an object")
        for member in shape.get("required", []):
            if member not in value:
                fail(f"{path}: missing required member {member}")
        for key, item in value.items():
            if key not in shape["members"]:
                fail(f"{path}: unknown member {key}")
            check_shape(model, shape["members"][key]["shape"], item, f"{path}.{key}")
    elif kind == "list":
        if not isinstance(value, list):
            fail(f"{path}: expected a list")
        if "min" in shape and len(value) < shape["min"] or "max" in shape and len(value) > shape["max"]:
            fail(f"{path}: {len(value)} items, model allows {shape.get('min')}..{shape.get('max')}")
        for i, item in enumerate(value):
            check_shape(model, shape["member"]["shape"], item, f"{path}[{i}]")
    elif kind == "map":
        if not isinstance(value, dict):
            fail(f"{path}: expected a map")
        if "max" in shape and len(value) > shape["max"]:
            fail(f"{path}: {len(value)} entries, model allows {shape['max']}")
        for key, item in value.items():
            check_shape(model, shape["key"]["shape"], key, f"{path} key {key!r}")
            check_shape(model, shape["value"]["shape"], item, f"{path}.{key}")
    elif kind == "string":
        if not isinstance(value, str):
            fail(f"{path}: expected a string")
        if len(value) < shape.get("min", 0) or len(value) > shape.get("max", 1 << 30):
            fail(f"{path}: length {len(value)} outside {shape.get('min')}..{shape.get('max')}")
        if "pattern" in shape and not re.fullmatch(shape["pattern"], value):
            fail(f"{path}: {value!r} does not match {shape['pattern']}")
        if "enum" in shape and value not in shape["enum"]:
            fail(f"{path}: {value!r} not one of {shape['enum']}")
    elif kind == "integer":
        if not isinstance(value, int) or isinstance(value, bool):
            fail(f"{path}: expected an integer")
        if value < shape.get("min", -(1 << 63)) or value > shape.get("max", 1 << 63):
            fail(f"{path}: {value} outside {shape.get('min')}..{shape.get('max')}")
    elif kind == "boolean":
        if not isinstance(value, bool):
            fail(f"{path}: expected a boolean")


def main():
    directory = sys.argv[1]
    client = boto3.client("events", region_name="us-east-1", aws_access_key_id="x",
                          aws_secret_access_key="x")
    models = {"botocore": client.meta.service_model._service_description}
    with open(AWSCLI_MODEL) as f:
        models["awscli"] = json.load(f)
    names = sorted(n for n in os.listdir(directory) if n.endswith(".json"))
    if not names:
        fail("no documents in " + directory)
    for name in names:
        m = re.fullmatch(r"(\d\d+)-(create-event-bus|put-rule|put-targets)-(.+)\.json", name)
        if not m:
            fail(f"{name}: not named NN-<operation>-<resource>.json")
        cli_operation = m.group(2)
        operation = "".join(part.capitalize() for part in cli_operation.split("-"))
        if operation not in RESPONSES:
            fail(f"{name}: unexpected operation {cli_operation}")
        with open(os.path.join(directory, name)) as f:
            document = json.load(f)
        method = re.sub(r"(?<!^)(?=[A-Z])", "_", operation).lower()
        with Stubber(client) as stubber:
            stubber.add_response(method, RESPONSES[operation], document)
            getattr(client, method)(**document)  # ParamValidationError if invalid
            stubber.assert_no_pending_responses()
        for label, model in models.items():
            input_shape = model["operations"][operation]["input"]["shape"]
            check_shape(model, input_shape, document, f"{name} ({label})")
        if "EventPattern" in document:
            json.loads(document["EventPattern"])
        print(f"ok {name} {operation} {' '.join(sorted(document))}")


main()
