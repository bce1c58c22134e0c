"""The long fuzz run: requests generated from the model against moto-nimble-server.

    python scripts/fuzz.py --requests 10000 [--seed N] [--show 5] [--server moto] [--iam]

Starts moto-nimble-server in a thread (the console script's application and
request handler; ``--server moto`` takes moto's own ThreadedMotoServer, which
serves nimble through moto's dispatcher and Flask instead), fills it with one
of every resource, then sends the
requests that tests/wire/test_fuzz.py sends, with fresh draws, and prints

    N requests, X 5xx, Y state changes by rejected requests

with the answers by kind and status, and the first few problems found.
Exits 1 if any answer was a 5xx, not JSON, or a rejected request changed state.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")

import boto3
import requests
from fuzz_requests import any_request, populate, problems, send
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from moto.core.authorization import enable_iam_authentication
from nimble_state import snapshot

from moto_nimble.server import ThreadedNimbleServer


@contextlib.contextmanager
def serving(which: str) -> Iterator[tuple[str, int]]:
    if which == "nimble":
        with ThreadedNimbleServer() as server:
            yield server.get_host_and_port()
        return
    from moto.server import ThreadedMotoServer

    moto_server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    moto_server.start()
    try:
        yield moto_server.get_host_and_port()
    finally:
        moto_server.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--show", type=int, default=5, help="problems to print")
    parser.add_argument("--server", choices=["nimble", "moto"], default="nimble")
    parser.add_argument(
        "--iam", action="store_true", help="with moto's IAM enforcement on"
    )
    args = parser.parse_args()

    counts: collections.Counter[str] = collections.Counter()
    by_kind: collections.Counter[tuple[str, int]] = collections.Counter()
    found: list[str] = []

    with serving(args.server) as (host, port):
        url = f"http://{host}:{port}"
        requests.post(f"{url}/moto-api/reset", timeout=10).raise_for_status()
        client = boto3.client("nimble", region_name="us-west-2", endpoint_url=url)
        pool = populate(client)

        @settings(
            max_examples=args.requests,
            deadline=None,
            database=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(data=st.data())
        def run(data: st.DataObject) -> None:
            request = data.draw(any_request(pool))
            before = snapshot()
            status, headers, body = send(host, port, request)
            counts["requests"] += 1
            by_kind[(request.kind.split(":")[0], status // 100 * 100)] += 1
            wrong = problems(request, status, headers, body)
            if status >= 500:
                counts["5xx"] += 1
            if status >= 400 and snapshot() != before:
                counts["changed"] += 1
                wrong.append("a rejected request changed the state")
            if wrong:
                counts["problems"] += 1
                found.append(
                    f"{wrong}: {request.describe()} -> {status} {body[:200]!r}"
                )

        if args.seed is not None:
            run = seed(args.seed)(run)
        started = time.perf_counter()
        with enable_iam_authentication() if args.iam else contextlib.nullcontext():
            run()
        elapsed = time.perf_counter() - started

    print(
        f"{counts['requests']} requests, {counts['5xx']} 5xx, "
        f"{counts['changed']} state changes by rejected requests"
    )
    print(f"({counts['problems']} answers with any problem; {elapsed:.0f} s)")
    kinds = sorted({kind for kind, _ in by_kind})
    for kind in kinds:
        row = ", ".join(
            f"{status}: {n}" for (k, status), n in sorted(by_kind.items()) if k == kind
        )
        print(f"  {kind:8} {row}")
    for line in found[: args.show]:
        print("-", line)
    return 1 if counts["problems"] else 0


if __name__ == "__main__":
    sys.exit(main())
