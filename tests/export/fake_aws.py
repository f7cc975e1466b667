#!/usr/bin/python3
"""Stands in for `aws` when a test only wants to see what a script asks for:
appends its arguments as one JSON line to $FAKE_AWS_LOG. describe-* calls
fail (the resource is missing) unless FAKE_AWS_EXISTS=1; put-targets with
--query FailedEntryCount answers 0."""

import json
import os
import sys

args = sys.argv[1:]
with open(os.environ["FAKE_AWS_LOG"], "a") as log:
    log.write(json.dumps(args) + "\n")
operation = next((a for a in args if a in ("describe-event-bus", "describe-rule", "put-targets")),
                 None)
if operation and operation.startswith("describe-") and os.environ.get("FAKE_AWS_EXISTS") != "1":
    sys.stderr.write("An error occurred (ResourceNotFoundException)\n")
    sys.exit(254)
if operation == "put-targets":
    print("0")
