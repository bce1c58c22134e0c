"""nimble side by side with moto's own rest-json services, in one run.

    python benchmarks/compare.py [--rounds 5] [--calls 200] [--items 1000 10000]

Compares moto-nimble with moto's ``ivs`` and ``mediapackagev2`` (rest-json,
with timestamps):

* **mock cost** of a Get, a Create and a List page of 100 (per item), in
  process: a call's time minus the time of the same boto3 call answered with the
  same response bytes by a ``before-send`` hook, i.e. what the mock adds on
  top of botocore itself;
* through moto's ``ThreadedMotoServer``: a Get's whole call, and within it
  the time spent inside the service's own code (a moto service's Flask view;
  nimble's WSGI application, which moto's server hands nimble's requests);
* walking every page of 1,000 and 10,000 items: time per item, and its growth;
* the first List page in a new mock (which builds the region's backend)
  and the next, with the same client;
* ``mock_nimblestudio()`` enter and exit, against ``mock_aws()``'s;
* **a whole test**, as pytest runs it (set-up, call and tear-down): one that
  takes the plugin's ``nimble_studio_factory`` and starts a READY session,
  against a test of moto's ``ivs`` written as moto's users write them (``@mock_aws``,
  a new ``boto3.client``, 16 calls), per test after a module's first, the
  median over ``--rounds`` pytest runs of 20 tests each, taking turns;
* **pytest start**: ``pytest --collect-only`` in an empty folder, with this
  package's plugin and with ``-p no:moto_nimble``.

Each figure is the median of ``--rounds`` rounds; within a round the services
take turns. It prints the figures, the ratios to ``ivs``, and the targets
(``ratio <= target``). Not part of the test suite: figures depend on the
machine; run it on a quiet one.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

os.environ["AWS_ACCESS_KEY_ID"] = "testing"
os.environ["AWS_SECRET_ACCESS_KEY"] = "testing"
os.environ.pop("AWS_PROFILE", None)

import logging

import boto3
from botocore.awsrequest import AWSResponse
from moto import mock_aws
from moto.core import utils as moto_utils
from moto.core.botocore_stubber import MockRawResponse
from moto.core.models import botocore_stubber
from moto.server import ThreadedMotoServer

import moto_nimble  # noqa: F401  (registers nimble with moto)
from moto_nimble import mock_nimblestudio
from moto_nimble.wire import wsgi as nimble_wsgi

REGION = "us-west-2"
ROLE = "arn:aws:iam::123456789012:role/Bench"
SERVICES = ("nimble", "ivs", "mediapackagev2")
logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request


@dataclass
class Service:
    """How to make, get and list one resource type of a service."""

    name: str
    get_operation: str
    create: Callable[[Any, int], dict[str, Any]]  # client, n -> Get's kwargs
    get: Callable[[Any, dict[str, Any]], Any]
    list_page: Callable[[Any], Any]  # one page of up to 100
    paginator: tuple[str, str, dict[str, Any]]  # operation, items key, kwargs
    create_operation: str


def _nimble_create(client: Any, n: int) -> dict[str, Any]:
    studio = client.create_studio(
        studioName=f"bench{n}",
        displayName="bench",
        adminRoleArn=ROLE,
        userRoleArn=ROLE,
    )["studio"]
    return {"studioId": studio["studioId"]}


def _ivs_create(client: Any, n: int) -> dict[str, Any]:
    return {"arn": client.create_channel(name=f"bench{n}")["channel"]["arn"]}


def _mp_create(client: Any, n: int) -> dict[str, Any]:
    name = f"bench{n}"
    client.create_channel_group(ChannelGroupName=name)
    return {"ChannelGroupName": name}


SPECS = {
    "nimble": Service(
        "nimble",
        "GetStudio",
        _nimble_create,
        lambda c, kw: c.get_studio(**kw),
        lambda c: c.list_studios(),
        ("list_studios", "studios", {}),
        "CreateStudio",
    ),
    "ivs": Service(
        "ivs",
        "GetChannel",
        _ivs_create,
        lambda c, kw: c.get_channel(**kw),
        lambda c: c.list_channels(maxResults=100),
        ("list_channels", "channels", {"PaginationConfig": {"PageSize": 100}}),
        "CreateChannel",
    ),
    "mediapackagev2": Service(
        "mediapackagev2",
        "GetChannelGroup",
        _mp_create,
        lambda c, kw: c.get_channel_group(**kw),
        lambda c: c.list_channel_groups(MaxResults=100),
        ("list_channel_groups", "Items", {"PaginationConfig": {"PageSize": 100}}),
        "CreateChannelGroup",
    ),
}


class Replay:
    """A ``before-send`` hook that answers with recorded bytes, so botocore does
    everything it does for a mocked call except waiting for the mock."""

    def __init__(self) -> None:
        self.recorded: dict[str, tuple[int, Any, bytes]] = {}
        self.record_next = False

    def __call__(self, request: Any, event_name: str, **_: Any) -> AWSResponse:
        operation = event_name.rsplit(".", 1)[-1]
        if self.record_next or operation not in self.recorded:
            status, headers, body = botocore_stubber.process_request(request)
            raw = body.encode() if isinstance(body, str) else body
            self.recorded[operation] = (status, headers, raw)
            self.record_next = False
        status, headers, raw = self.recorded[operation]
        return AWSResponse(request.url, status, headers, MockRawResponse(raw))


def per_call(action: Callable[[], Any], calls: int) -> float:
    """Seconds per call of ``action``, after one warm-up call."""
    action()
    gc.collect()
    start = time.perf_counter()
    for _ in range(calls):
        action()
    return (time.perf_counter() - start) / calls


def paired_cost(
    mocked: Callable[[], Any], replayed: Callable[[], Any], calls: int
) -> float:
    """Seconds a mocked call takes beyond the same call replayed: the mean of
    ``calls`` differences, each of a mocked call and a replayed one made one
    after the other (in turns, which first), so that a machine whose speed
    moves slows both sides of each difference alike."""
    mocked()
    replayed()
    gc.collect()
    clock = time.perf_counter
    total = 0.0
    for n in range(calls):
        if n % 2:
            start = clock()
            mocked()
            middle = clock()
            replayed()
            total += (middle - start) - (clock() - middle)
        else:
            start = clock()
            replayed()
            middle = clock()
            mocked()
            total += (clock() - middle) - (middle - start)
    return total / calls


def in_process(rounds: int, calls: int) -> dict[str, dict[str, float]]:
    """Mock cost (seconds) per Get, per Create and per listed item."""
    samples: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    with mock_aws():
        session = boto3.session.Session()
        mocked, replayed, gets = {}, {}, {}
        for name, spec in SPECS.items():
            mocked[name] = session.client(name, region_name=REGION)
            replayed[name] = session.client(name, region_name=REGION)
            # botocore calls every before-send handler, so moto's own must go
            replayed[name].meta.events.unregister("before-send", botocore_stubber)
            replayed[name].meta.events.register(f"before-send.{name}", Replay())
            gets[name] = spec.create(mocked[name], 0)
            for n in range(1, 100):
                spec.create(mocked[name], n)
        counter = iter(range(1_000_000, 10_000_000))
        kinds: dict[str, tuple[Callable[[Service, Any], Any], int, int]] = {
            # kind: (one call, calls per round, items per call)
            "get": (lambda spec, c: spec.get(c, gets[spec.name]), calls, 1),
            "create": (lambda spec, c: spec.create(c, next(counter)), calls, 1),
            "list_item": (lambda spec, c: spec.list_page(c), calls // 4, 100),
        }
        for _ in range(rounds):
            for kind, (call, n, items) in kinds.items():
                for name, spec in SPECS.items():
                    cost = paired_cost(
                        lambda: call(spec, mocked[name]),  # noqa: B023
                        lambda: call(spec, replayed[name]),  # noqa: B023
                        n,
                    )
                    samples[name][kind].append(cost / items)
    return {
        name: {k: statistics.median(v) for k, v in figures.items()}
        for name, figures in samples.items()
    }


class DispatchClock:
    """Time spent inside each service's own code in moto's server: a moto
    service's Flask view, and nimble's WSGI application, to which moto's server
    hands nimble's requests before its Flask applications (so nimble's figure
    also holds what Flask does around a moto service's view)."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self.lock = threading.Lock()
        self.original = moto_utils.convert_to_flask_response.__call__
        self.original_serve = nimble_wsgi.serve

    def _add(self, service: str, elapsed: float) -> None:
        with self.lock:
            self.spent[service] += elapsed
            self.calls[service] += 1

    def install(self) -> None:
        clock, original, serve = self, self.original, self.original_serve

        def timed(view: Any, *args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return original(view, *args, **kwargs)
            finally:
                clock._add(_service_of(view.callback), time.perf_counter() - start)

        def timed_serve(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return serve(*args, **kwargs)
            finally:
                clock._add("nimble", time.perf_counter() - start)

        moto_utils.convert_to_flask_response.__call__ = timed  # type: ignore[method-assign]
        nimble_wsgi.serve = timed_serve

    def uninstall(self) -> None:
        moto_utils.convert_to_flask_response.__call__ = self.original  # type: ignore[method-assign]
        nimble_wsgi.serve = self.original_serve

    def take(self, service: str) -> tuple[float, int]:
        with self.lock:
            spent, calls = self.spent.pop(service, 0.0), self.calls.pop(service, 0)
        return spent, calls


def _service_of(callback: Any) -> str:
    module = getattr(callback, "__module__", "") or ""
    owner = getattr(callback, "__self__", None)
    if owner is not None:
        module = getattr(owner, "__module__", module)
    for name in SERVICES:
        if module.startswith((f"moto.{name}.", f"moto_{name}")):
            return name
    return module


def through_server(rounds: int, calls: int) -> dict[str, dict[str, float]]:
    """Seconds per Get through ThreadedMotoServer: whole call, and inside dispatch."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    clock = DispatchClock()
    clock.install()
    samples: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    try:
        host, port = server.get_host_and_port()
        session = boto3.session.Session()
        clients, gets = {}, {}
        for name, spec in SPECS.items():
            clients[name] = session.client(
                name, region_name=REGION, endpoint_url=f"http://{host}:{port}"
            )
            gets[name] = spec.create(clients[name], 0)
        for _ in range(rounds):
            for name, spec in SPECS.items():
                client, kwargs = clients[name], gets[name]
                spec.get(client, kwargs)
                clock.take(name)
                whole = per_call(lambda: spec.get(client, kwargs), calls)  # noqa: B023
                spent, made = clock.take(name)
                samples[name]["server_get"].append(whole)
                samples[name]["server_dispatch"].append(spent / made)
    finally:
        clock.uninstall()
        server.stop()
    return {
        name: {k: statistics.median(v) for k, v in figures.items()}
        for name, figures in samples.items()
    }


def pagination(items: list[int], rounds: int) -> dict[str, dict[str, float]]:
    """Seconds per item to walk every page of a List."""
    figures: dict[str, dict[str, float]] = defaultdict(dict)
    for count in items:
        with mock_aws():
            session = boto3.session.Session()
            for name, spec in SPECS.items():
                client = session.client(name, region_name=REGION)
                for n in range(count):
                    spec.create(client, n)
                operation, key, kwargs = spec.paginator

                def walk() -> int:
                    return sum(
                        len(page[key])  # noqa: B023
                        for page in client.get_paginator(operation).paginate(**kwargs)  # noqa: B023
                    )

                assert walk() == count, name
                times = []
                for _ in range(rounds):
                    gc.collect()
                    start = time.perf_counter()
                    walk()
                    times.append((time.perf_counter() - start) / count)
                figures[name][f"walk_{count}"] = statistics.median(times)
    return figures


def first_call(rounds: int, mocks: int = 50) -> dict[str, dict[str, float]]:
    """Seconds of a List page, the first in a new mock (which builds the
    region's backend) and the next one, with one client for every mock."""
    samples: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    session = boto3.session.Session()
    clients = {name: session.client(name, region_name=REGION) for name in SERVICES}
    for _ in range(rounds):
        for name, spec in SPECS.items():
            client = clients[name]
            firsts, seconds = [], []
            for _ in range(mocks):
                with mock_aws():
                    start = time.perf_counter()
                    spec.list_page(client)
                    middle = time.perf_counter()
                    spec.list_page(client)
                    firsts.append(middle - start)
                    seconds.append(time.perf_counter() - middle)
            samples[name]["first_call"].append(statistics.median(firsts))
            samples[name]["next_call"].append(statistics.median(seconds))
    return {
        name: {k: statistics.median(v) for k, v in figures.items()}
        for name, figures in samples.items()
    }


def enter_exit(rounds: int, calls: int = 50) -> dict[str, float]:
    def cycle(factory: Callable[[], Any]) -> float:
        def once() -> None:
            with factory():
                pass

        return statistics.median(per_call(once, calls) for _ in range(rounds))

    return {"mock_nimblestudio": cycle(mock_nimblestudio), "mock_aws": cycle(mock_aws)}


#: what pytest's hooks record: each test's whole protocol (set-up, call, tear-down)
TIMING_CONFTEST = """
import json, os, time
import pytest

TIMES = []


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    start = time.perf_counter()
    yield
    TIMES.append(time.perf_counter() - start)


def pytest_sessionfinish(session, exitstatus):
    with open(os.environ["BENCH_TIMES"], "w") as out:
        json.dump({"times": TIMES, "exitstatus": int(exitstatus)}, out)
"""

#: a test as this package's users write it: the plugin's fixtures make a READY
#: studio, component, image and launch profile, and the test starts a session
NIMBLE_TEST = """
def test_session_{n}(nimble_studio_factory):
    session = nimble_studio_factory().start_session()
    assert session["state"] == "READY"
"""

#: a test of moto's ivs as moto's users write them: the decorator, a new
#: client from boto3's default session, 16 calls
IVS_TEST = """
@mock_aws
def test_channels_{n}():
    client = boto3.client("ivs", region_name="us-west-2")
    arns = [client.create_channel(name=f"channel{{i}}")["channel"]["arn"] for i in range(3)]
    for arn in arns:
        assert client.get_channel(arn=arn)["channel"]["arn"] == arn
    assert len(client.list_channels()["channels"]) == 3
    assert len(client.batch_get_channel(arns=arns)["channels"]) == 3
    for arn in arns:
        client.update_channel(arn=arn, latencyMode="LOW")
    assert len(client.list_channels(filterByName="channel1")["channels"]) == 1
    assert len(client.batch_get_channel(arns=arns[:1])["channels"]) == 1
    for arn in arns:
        client.delete_channel(arn=arn)
    assert client.list_channels()["channels"] == []
"""

WHOLE_TESTS = {
    "nimble": "".join(NIMBLE_TEST.format(n=n) for n in range(20)),
    "ivs": "import boto3\nfrom moto import mock_aws\n"
    + "".join(IVS_TEST.format(n=n) for n in range(20)),
}


def _pytest(folder: Path, *args: str, times: Path | None = None) -> None:
    env = {**os.environ, "BENCH_TIMES": str(times or folder / "unused.json")}
    subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
        cwd=folder,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def whole_tests(rounds: int) -> dict[str, float]:
    """Seconds per whole test after a module's first: median over the rounds."""
    samples: dict[str, list[float]] = defaultdict(list)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "conftest.py").write_text(TIMING_CONFTEST)
        for name, body in WHOLE_TESTS.items():
            (folder / f"test_{name}.py").write_text(body)
        for _ in range(rounds):
            for name in WHOLE_TESTS:
                times = folder / f"{name}.json"
                _pytest(folder, f"test_{name}.py", times=times)
                recorded = json.loads(times.read_text())
                assert recorded["exitstatus"] == 0, name
                samples[name].extend(recorded["times"][1:])
    return {name: statistics.median(values) for name, values in samples.items()}


def pytest_start(rounds: int, runs: int = 5) -> dict[str, float]:
    """Seconds for ``pytest --collect-only`` in an empty folder, with and
    without this package's plugin: median over the runs of every round."""
    samples: dict[str, list[float]] = defaultdict(list)
    variants = {"with": (), "without": ("-p", "no:moto_nimble")}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for _ in range(rounds * runs):
            for name, args in variants.items():
                start = time.perf_counter()
                try:
                    _pytest(folder, "--collect-only", *args)
                except subprocess.CalledProcessError as error:
                    if error.returncode != 5:  # no tests collected, as expected
                        raise
                samples[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in samples.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--items", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument(
        "--tests-only",
        action="store_true",
        help="only the whole-test and pytest-start figures",
    )
    args = parser.parse_args()
    tests = whole_tests(args.rounds)
    start = pytest_start(args.rounds)
    test_targets = [
        ("whole test: fixtures vs ivs", tests["nimble"] / tests["ivs"], 0.5),
        ("pytest start: plugin vs without", start["with"] / start["without"], 1.15),
    ]
    print(
        f"whole test (set-up, call, tear-down), per test after a module's first: "
        f"nimble fixtures + a session {tests['nimble'] * 1e3:.1f} ms, "
        f"ivs 16 calls {tests['ivs'] * 1e3:.1f} ms "
        f"({tests['nimble'] / tests['ivs']:.2f}x)"
    )
    print(
        f"pytest --collect-only in an empty folder: with the plugin "
        f"{start['with'] * 1e3:.0f} ms, without {start['without'] * 1e3:.0f} ms "
        f"({start['with'] / start['without']:.2f}x)\n"
    )
    if args.tests_only:
        _print_targets(test_targets)
        return

    figures: dict[str, dict[str, float]] = defaultdict(dict)
    for part in (
        in_process(args.rounds, args.calls),
        through_server(args.rounds, args.calls),
        pagination(args.items, min(args.rounds, 3)),
        first_call(args.rounds),
    ):
        for name, values in part.items():
            figures[name].update(values)
    cycles = enter_exit(args.rounds)

    rows = [
        ("Get, mock cost", "get", 1e3, "ms"),
        ("Create, mock cost", "create", 1e3, "ms"),
        ("List page of 100, mock cost per item", "list_item", 1e6, "us"),
        ("Get through ThreadedMotoServer, whole call", "server_get", 1e3, "ms"),
        ("  of which inside the service's dispatch", "server_dispatch", 1e3, "ms"),
        *(
            (f"walk every page of {n:,} items, per item", f"walk_{n}", 1e6, "us")
            for n in args.items
        ),
        ("first List in a new mock, whole call", "first_call", 1e3, "ms"),
        ("  the next List in that mock", "next_call", 1e3, "ms"),
    ]
    header = f"{'':46}" + "".join(f"{name:>16}" for name in SERVICES)
    print(header + f"{'nimble/ivs':>12}{'nimble/mp2':>12}")
    for label, key, scale, unit in rows:
        values = [figures[name][key] for name in SERVICES]
        cells = "".join(f"{v * scale:>13.3f} {unit}" for v in values)
        print(
            f"{label:46}{cells}"
            f"{values[0] / values[1]:>11.2f}x{values[0] / values[2]:>11.2f}x"
        )
    if len(args.items) >= 2:
        low, high = args.items[0], args.items[-1]
        growth = {
            name: figures[name][f"walk_{high}"] / figures[name][f"walk_{low}"]
            for name in SERVICES
        }
        cells = "".join(f"{growth[name]:>15.2f}x" for name in SERVICES)
        print(f"{f'per-item growth {low:,} -> {high:,}':46}{cells}")
    print(
        f"\nenter+exit: mock_nimblestudio {cycles['mock_nimblestudio'] * 1e3:.3f} ms, "
        f"mock_aws {cycles['mock_aws'] * 1e3:.3f} ms "
        f"({cycles['mock_nimblestudio'] / cycles['mock_aws']:.2f}x)"
    )

    nimble, ivs = figures["nimble"], figures["ivs"]
    targets = [
        *test_targets,
        ("in-process Get mock cost vs ivs", nimble["get"] / ivs["get"], 0.8),
        ("in-process Create mock cost vs ivs", nimble["create"] / ivs["create"], 0.8),
        (
            "server: inside dispatch vs ivs",
            nimble["server_dispatch"] / ivs["server_dispatch"],
            0.8,
        ),
        ("server: whole Get vs ivs", nimble["server_get"] / ivs["server_get"], 1.1),
    ]
    if len(args.items) >= 2:
        targets.append((f"per-item growth {low:,} -> {high:,}", growth["nimble"], 1.3))
    _print_targets(targets)


def _print_targets(targets: list[tuple[str, float, float]]) -> None:
    print("\ntargets (ratio <= target):")
    for label, ratio, target in targets:
        verdict = "met" if ratio <= target else "NOT met"
        print(f"  {label:40} {ratio:6.2f}  <= {target:<4} {verdict}")


if __name__ == "__main__":
    main()
