"""PutEvents load from several threads with Debian's boto3 (tst_realclientload).

usage: boto3_load.py ENDPOINT_URL BUS TOTAL_ENTRIES THREADS
Prints one JSON line: requests, accepted, failed entries, request errors,
distinct event ids, seconds.
"""
import json
import sys
import threading
import time

import boto3
from botocore.config import Config

endpoint, bus, total, threads = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
client = boto3.session.Session().client(
    "events", endpoint_url=endpoint, region_name="us-east-1",
    aws_access_key_id="test", aws_secret_access_key="test",
    config=Config(retries={"max_attempts": 1}, max_pool_connections=threads,
                  connect_timeout=10, read_timeout=60))
lock = threading.Lock()
totals = {"requests": 0, "accepted": 0, "failed": 0, "errors": 0}
ids = set()
first_error = []


def work(k):
    per = total // threads + (1 if k < total % threads else 0)
    sent = 0
    while sent < per:
        n = min(10, per - sent)
        entries = [{"Source": "load.test", "DetailType": "Load", "EventBusName": bus,
                    "Detail": json.dumps({"thread": k, "n": sent + i})} for i in range(n)]
        sent += n
        try:
            r = client.put_events(Entries=entries)
        except Exception as e:  # counted, not fatal: the test says how many
            with lock:
                totals["errors"] += 1
                if not first_error:
                    first_error.append(repr(e))
            continue
        got = [e["EventId"] for e in r["Entries"] if "EventId" in e]
        with lock:
            totals["requests"] += 1
            totals["accepted"] += len(got)
            totals["failed"] += r["FailedEntryCount"]
            ids.update(got)


start = time.time()
workers = [threading.Thread(target=work, args=(k,)) for k in range(threads)]
for w in workers:
    w.start()
for w in workers:
    w.join()
totals["seconds"] = round(time.time() - start, 2)
totals["distinct_ids"] = len(ids)
totals["first_error"] = first_error[0] if first_error else ""
print(json.dumps(totals))
