#!/usr/bin/python3
"""Reads an exported CloudFormation template with PyYAML (the short-form tags
!Ref, !GetAtt and !Sub understood, turned into their long JSON form) or as
JSON, and checks every AWS::Events resource's property names and types
against the CloudFormation resource specification of those types. With a
second file, also checks that both templates are the same document.

usage: check_cloudformation.py TEMPLATE [OTHER_TEMPLATE]
Prints a summary line; exits non-zero with the first problem."""

import json
import sys

import yaml


class Loader(yaml.SafeLoader):
    pass


def _ref(loader, node):
    return {"Ref": loader.construct_scalar(node)}


def _getatt(loader, node):
    if isinstance(node, yaml.ScalarNode):
        return {"Fn::GetAtt": loader.construct_scalar(node).split(".", 1)}
    return {"Fn::GetAtt": loader.construct_sequence(node)}


def _sub(loader, node):
    if isinstance(node, yaml.ScalarNode):
        return {"Fn::Sub": loader.construct_scalar(node)}
    return {"Fn::Sub": loader.construct_sequence(node, deep=True)}


Loader.add_constructor("!Ref", _ref)
Loader.add_constructor("!GetAtt", _getatt)
Loader.add_constructor("!Sub", _sub)

STRING = "String"
# AWS::Events::* property types (CloudFormation resource specification).
EVENT_BUS = {"Name": STRING, "Description": STRING, "EventSourceName": STRING,
             "KmsKeyIdentifier": STRING, "Policy": "Json", "Tags": "List",
             "DeadLetterConfig": "Object"}
RULE = {"Name": STRING, "Description": STRING, "EventBusName": STRING,
        "EventPattern": "Json", "ScheduleExpression": STRING, "State": STRING,
        "RoleArn": STRING, "Targets": "Targets"}
TARGET = {"Id": STRING, "Arn": STRING, "RoleArn": STRING, "Input": STRING,
          "InputPath": STRING, "InputTransformer": "InputTransformer",
          "RetryPolicy": "RetryPolicy", "DeadLetterConfig": "DeadLetterConfig"}
INPUT_TRANSFORMER = {"InputPathsMap": "StringMap", "InputTemplate": STRING}
RETRY_POLICY = {"MaximumRetryAttempts": "Integer", "MaximumEventAgeInSeconds": "Integer"}
DEAD_LETTER = {"Arn": STRING}
PERMISSION = {"FunctionName": STRING, "Action": STRING, "Principal": STRING,
              "SourceArn": STRING}
INTRINSICS = ("Ref", "Fn::GetAtt", "Fn::Sub")


def fail(message):
    print("FAIL " + message)
    sys.exit(1)


class Checker:
    def __init__(self, template):
        self.template = template
        self.parameters = template.get("Parameters", {})
        self.resources = template.get("Resources", {})
        self.counts = {}

    def string(self, value, path):
        if isinstance(value, str):
            return
        if isinstance(value, dict) and len(value) == 1:
            (fn, arg), = value.items()
            if fn == "Ref":
                if arg not in self.parameters and arg not in self.resources:
                    fail(f"{path}: !Ref {arg} names no parameter or resource")
                return
            if fn == "Fn::GetAtt":
                if (not isinstance(arg, list) or len(arg) != 2
                        or arg[0] not in self.resources or arg[1] != "Arn"):
                    fail(f"{path}: bad !GetAtt {arg}")
                return
            if fn == "Fn::Sub":
                for name in __import__("re").findall(r"\$\{([^}!]+)\}", arg):
                    if name not in self.parameters and not name.startswith("AWS::"):
                        fail(f"{path}: !Sub names unknown ${{{name}}}")
                return
        fail(f"{path}: expected a String, got {value!r}")

    def properties(self, props, spec, path):
        if not isinstance(props, dict):
            fail(f"{path}: expected an object")
        for key, value in props.items():
            if key not in spec:
                fail(f"{path}: unknown property {key}")
            kind = spec[key]
            where = f"{path}.{key}"
            if kind == STRING:
                self.string(value, where)
            elif kind == "Integer":
                if not isinstance(value, int) or isinstance(value, bool):
                    fail(f"{where}: expected an Integer, got {value!r}")
            elif kind == "Json":
                if not isinstance(value, (dict, str)):
                    fail(f"{where}: expected a JSON object")
                if isinstance(value, dict) and any(k in INTRINSICS for k in value) and len(value) == 1:
                    fail(f"{where}: reads as an intrinsic function")
            elif kind == "StringMap":
                if not isinstance(value, dict):
                    fail(f"{where}: expected a map")
                for k, v in value.items():
                    self.string(v, f"{where}.{k}")
            elif kind == "Targets":
                if not isinstance(value, list) or not 1 <= len(value) <= 5:
                    fail(f"{where}: expected a list of 1..5 targets")
                for i, target in enumerate(value):
                    for required in ("Id", "Arn"):
                        if required not in target:
                            fail(f"{where}[{i}]: no {required}")
                    self.properties(target, TARGET, f"{where}[{i}]")
            elif kind == "InputTransformer":
                if "InputTemplate" not in value:
                    fail(f"{where}: no InputTemplate")
                self.properties(value, INPUT_TRANSFORMER, where)
            elif kind == "RetryPolicy":
                self.properties(value, RETRY_POLICY, where)
            elif kind == "DeadLetterConfig":
                self.properties(value, DEAD_LETTER, where)
            elif kind in ("List", "Object"):
                pass

    def run(self):
        if self.template.get("AWSTemplateFormatVersion") != "2010-09-09":
            fail("AWSTemplateFormatVersion is not the string 2010-09-09")
        for name, parameter in self.parameters.items():
            if parameter.get("Type") != "String" or not isinstance(parameter.get("Default"), str):
                fail(f"Parameters.{name}: expected Type String with a string Default")
        for name, resource in self.resources.items():
            kind = resource.get("Type")
            props = resource.get("Properties", {})
            path = f"Resources.{name}.Properties"
            self.counts[kind] = self.counts.get(kind, 0) + 1
            if kind == "AWS::Events::EventBus":
                if "Name" not in props:
                    fail(f"{path}: no Name")
                self.properties(props, EVENT_BUS, path)
            elif kind == "AWS::Events::Rule":
                if "EventPattern" not in props and "ScheduleExpression" not in props:
                    fail(f"{path}: neither EventPattern nor ScheduleExpression")
                if props.get("State") not in ("ENABLED", "DISABLED"):
                    fail(f"{path}.State: {props.get('State')!r}")
                self.properties(props, RULE, path)
            elif kind == "AWS::Lambda::Permission":
                self.properties(props, PERMISSION, path)
            else:
                fail(f"Resources.{name}: unexpected type {kind}")
        print(json.dumps({"ok": True, "counts": self.counts,
                          "parameters": sorted(self.parameters)}))


def load(path):
    with open(path) as f:
        text = f.read()
    if path.endswith(".json"):
        return json.loads(text)
    return yaml.load(text, Loader=Loader)


def main():
    first = load(sys.argv[1])
    if len(sys.argv) > 2 and load(sys.argv[2]) != first:
        fail(f"{sys.argv[1]} and {sys.argv[2]} are not the same template")
    Checker(first).run()


main()
