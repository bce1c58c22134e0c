"""Concurrent load against moto-nimble-server: throughput, and nothing lost or doubled.

    python benchmarks/load.py [--threads 8] [--sessions 500] [--url http://127.0.0.1:5000]

Without ``--url`` it starts ``moto-nimble-server`` on a free port in a
subprocess and stops it afterwards. Each of ``--threads`` threads creates
``--sessions`` streaming sessions through its own boto3 client, all at once;
then one client lists every session, page by page. Prints requests/s of the
creates, and how many created sessions the listing lost or showed twice.
Not run by the test suite: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import collections
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")

import boto3
from botocore.config import Config

from moto_nimble.factory import NimbleStudioFactory


@contextmanager
def console_server() -> Iterator[str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        ["moto-nimble-server", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"{url}/moto-api/data.json", timeout=1)
                break
            except OSError:
                time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        process.wait(10)


def client(url: str):  # type: ignore[no-untyped-def]
    return boto3.session.Session().client(
        "nimble",
        region_name="us-west-2",
        endpoint_url=url,
        config=Config(retries={"max_attempts": 1}, max_pool_connections=2),
    )


def run(url: str, threads: int, sessions: int) -> None:
    built = NimbleStudioFactory(client(url))()
    studio_id, profile_id = built.studio_id, built.launch_profile_id
    clients = [client(url) for _ in range(threads)]
    created: list[list[str]] = [[] for _ in range(threads)]
    failures: collections.Counter[str] = collections.Counter()
    barrier = threading.Barrier(threads + 1)

    def work(index: int) -> None:
        nimble = clients[index]
        barrier.wait()
        for _ in range(sessions):
            try:
                session = nimble.create_streaming_session(
                    studioId=studio_id, launchProfileId=profile_id
                )["session"]
                created[index].append(session["sessionId"])
            except Exception as error:
                failures[type(error).__name__] += 1

    workers = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    barrier.wait()
    started = time.perf_counter()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started

    made = [session_id for ids in created for session_id in ids]
    listed: list[str] = []
    started_list = time.perf_counter()
    pages = (
        clients[0].get_paginator("list_streaming_sessions").paginate(studioId=studio_id)
    )
    for page in pages:
        listed.extend(s["sessionId"] for s in page["sessions"])
    list_seconds = time.perf_counter() - started_list

    counts = collections.Counter(listed)
    print(f"{threads} threads x {sessions} CreateStreamingSession against {url}")
    print(
        f"  {len(made)} created in {elapsed:.2f} s: {len(made) / elapsed:.0f} requests/s"
    )
    print(f"  failed: {sum(failures.values())} {dict(failures)}")
    print(
        f"  listed {len(listed)} in {list_seconds:.2f} s; "
        f"lost {len(set(made) - set(listed))}, "
        f"listed twice {sum(1 for n in counts.values() if n > 1)}, "
        f"IDs made twice {len(made) - len(set(made))}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--sessions", type=int, default=500)
    parser.add_argument("--url", default=None)
    args = parser.parse_args()
    if args.url:
        run(args.url, args.threads, args.sessions)
        return
    with console_server() as url:
        run(url, args.threads, args.sessions)


if __name__ == "__main__":
    sys.exit(main())
