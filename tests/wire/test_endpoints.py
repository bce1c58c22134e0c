"""Every endpoint nimble's rules make is answered by the mock: every region
botocore knows (each partition's listed regions, one more that fits each
partition's ``regionRegex``, and one that fits none, which the rules put in
``aws``) with and without FIPS and dual-stack, the network blocked."""

from __future__ import annotations

import json
import re
import socket
from pathlib import Path
from typing import Any

import boto3
import botocore.loaders
import pytest
from botocore.config import Config
from botocore.exceptions import (
    ClientError,
    EndpointConnectionError,
    EndpointResolutionError,
    EndpointVariantError,
)
from helpers import studio_params
from moto import mock_aws

import _moto_nimble_autoload as autoload
from moto_nimble._registration import HOST, HOST_REGION
from moto_nimble.factory import NimbleStudioFactory
from moto_nimble.models import REGIONS

PARTITIONS: list[dict[str, Any]] = botocore.loaders.create_loader().load_data(
    "partitions"
)["partitions"]
#: a region the endpoint rules accept and that fits no partition's regionRegex
NO_PARTITION_REGION = "moon-base-1"


def fitting(region_regex: str) -> str:
    """A region that fits a partition's ``regionRegex``: each ``\\w+`` a word,
    each ``\\d+`` a 9 and each group its first choice."""
    region = region_regex.lstrip("^").rstrip("$")
    region = re.sub(r"\(([^|)]*)[^)]*\)", r"\1", region)
    region = region.replace(r"\w+", "moon").replace(r"\d+", "9").replace("\\-", "-")
    assert re.fullmatch(region_regex, region), (region_regex, region)
    return region


def regions_botocore_knows() -> list[str]:
    listed = {name for p in PARTITIONS for name in p["regions"]}
    fitted = {fitting(p["regionRegex"]) for p in PARTITIONS}
    assert not fitted & listed, "the made-up regions must be new to botocore"
    assert not any(re.match(p["regionRegex"], NO_PARTITION_REGION) for p in PARTITIONS)
    return sorted(listed | fitted | {NO_PARTITION_REGION})


REGIONS_KNOWN = regions_botocore_knows()
#: every partition's DNS suffixes
SUFFIXES = sorted(
    {p["outputs"][k] for p in PARTITIONS for k in ("dnsSuffix", "dualStackDnsSuffix")}
)
VARIANTS = [(fips, dualstack) for fips in (False, True) for dualstack in (False, True)]


@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The network, blocked: each host something tried to reach, in order."""
    tried: list[str] = []

    def refuse(address: Any, *_: Any, **__: Any) -> Any:
        tried.append(str(address[0] if isinstance(address, tuple) else address))
        raise OSError(f"the network is blocked in this test: {tried[-1]}")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    return tried


SESSION = boto3.session.Session()


def nimble_client(region: str, fips: bool, dualstack: bool) -> Any:
    return SESSION.client(
        "nimble",
        region_name=region,
        config=Config(
            use_fips_endpoint=fips,
            use_dualstack_endpoint=dualstack,
            retries={"total_max_attempts": 1},
        ),
    )


def sent_to(client: Any) -> list[str]:
    """The hosts the client's requests are sent to, as they are sent."""
    sent: list[str] = []
    client.meta.events.register(
        "before-send.nimble",
        lambda request, **_: sent.append(request.url.split("/")[2]),
    )
    return sent


@pytest.mark.parametrize("allow_any_region", [False, True], ids=["nimble", "any"])
def test_every_endpoint_of_every_region_is_answered_by_the_mock(
    connections: list[str], monkeypatch: pytest.MonkeyPatch, allow_any_region: bool
) -> None:
    """Each request is served in its region: a studio made there (where nimble
    was offered, or anywhere with MOTO_ALLOW_NONEXISTENT_REGION), else the
    ValidationException that names the region. botocore itself sends nothing
    for a combination its data gives no endpoint (dual-stack in some ISO
    partitions)."""
    monkeypatch.setenv("MOTO_ALLOW_NONEXISTENT_REGION", str(allow_any_region).lower())
    wrong: dict[tuple[str, bool, bool], Any] = {}
    hosts: list[str] = []
    refused: list[tuple[str, bool, bool]] = []
    with mock_aws():
        for region in REGIONS_KNOWN:
            for fips, dualstack in VARIANTS:
                key = (region, fips, dualstack)
                sent: list[str] = []
                try:
                    client = nimble_client(region, fips, dualstack)
                    sent = sent_to(client)
                    studio = client.create_studio(
                        **studio_params(f"endpoints{int(fips)}{int(dualstack)}")
                    )["studio"]
                except ClientError as error:
                    answer = error.response
                    if (
                        allow_any_region
                        or region in REGIONS
                        or not (
                            answer["Error"]["Code"] == "ValidationException"
                            and f"not offered in region {region};"
                            in answer["Error"]["Message"]
                            and answer["ResponseMetadata"]["HTTPStatusCode"] == 400
                        )
                    ):
                        wrong[key] = answer["Error"]
                except (EndpointVariantError, EndpointResolutionError):
                    refused.append(key)
                except Exception as error:  # an escape ends here
                    wrong[key] = repr(error)
                else:
                    if not (allow_any_region or region in REGIONS):
                        wrong[key] = "served where nimble was not offered"
                    elif studio["homeRegion"] != region:
                        wrong[key] = f"served in {studio['homeRegion']}"
                hosts += sent
    assert connections == []
    assert wrong == {}
    assert len(hosts) + len(refused) == len(REGIONS_KNOWN) * len(VARIANTS)
    assert all(dualstack for _, _, dualstack in refused)
    # every kind of host was among them: each partition's DNS suffix, both labels
    for partition in PARTITIONS:
        suffix = "." + partition["outputs"]["dnsSuffix"]
        assert any(host.endswith(suffix) for host in hosts), suffix
    assert {host.split(".")[0] for host in hosts} == {"nimble", "nimble-fips"}
    assert any(host.endswith(".api.aws") for host in hosts)


def test_the_blocked_network_is_seen(connections: list[str]) -> None:
    """Outside a mock, a request reaches for the network and is counted."""
    with pytest.raises(EndpointConnectionError):
        nimble_client("us-west-2", False, True).list_eulas()
    assert connections == ["nimble.us-west-2.api.aws"]


def rule_templates() -> list[str]:
    loader = botocore.loaders.create_loader()
    version = loader.determine_latest_version("nimble", "endpoint-rule-set-1")
    rules = loader.load_data(f"nimble/{version}/endpoint-rule-set-1")["rules"]
    return [url for url, _ in autoload.endpoint_urls(rules)]


def test_the_rules_make_four_endpoint_templates() -> None:
    """The walk over the rules finds the URL of each endpoint rule (the
    ``Endpoint`` parameter's aside): plain, FIPS, dual-stack and both."""
    assert sorted(rule_templates()) == [
        "https://nimble-fips.{Region}.{PartitionResult#dnsSuffix}",
        "https://nimble-fips.{Region}.{PartitionResult#dualStackDnsSuffix}",
        "https://nimble.{Region}.{PartitionResult#dnsSuffix}",
        "https://nimble.{Region}.{PartitionResult#dualStackDnsSuffix}",
    ]


@pytest.mark.parametrize(
    "region",
    [
        *sorted({fitting(p["regionRegex"]) for p in PARTITIONS}),
        "aws-global",
        "moon-base-1",
        "",
    ],
)
def test_each_host_the_rules_make_is_nimbles(region: str) -> None:
    """Each template filled with each partition's values: the URL index finds
    nimble first (a region a partition has) or last (any other), the Host
    header is nimble's, and the host names its region."""
    from moto.backend_index import backend_url_patterns

    shaped = any(
        region in p["regions"] or re.match(p["regionRegex"], region) for p in PARTITIONS
    )
    for template in rule_templates():
        for partition in PARTITIONS:
            url = template.replace("{Region}", region)
            for name, value in partition["outputs"].items():
                url = url.replace(f"{{PartitionResult#{name}}}", str(value))
            host = url.split("/")[2]
            matching = [
                n
                for n, pattern in backend_url_patterns
                if pattern.match(url + "/2020-08-01/eulas")
            ]
            assert matching[0 if shaped else -1] == "nimble", url
            assert re.match(HOST, host + ":443"), host
            found = HOST_REGION.fullmatch(host)
            assert (found["region"] if found else "") == region, host


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_the_host_names_the_region_served(connections: list[str], suffix: str) -> None:
    """As moto reads the region of ``<service>.<region>.amazonaws.com``, for
    every suffix: the host's region, not the one the request was signed for."""
    with mock_aws():
        client = SESSION.client(
            "nimble",
            region_name="us-west-2",
            endpoint_url=f"https://nimble.eu-west-1.{suffix}",
        )
        studio = client.create_studio(**studio_params())["studio"]
    assert connections == []
    assert studio["homeRegion"] == "eu-west-1"


def test_the_hosts_follow_botocores_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A partition botocore's data gains (through AWS_DATA_PATH here) brings its
    regions and suffixes: nothing is listed by hand."""
    mars = {
        "id": "aws-mars",
        "regionRegex": "^mars\\-\\w+\\-\\d+$",
        "regions": {"mars-olympus-1": {}},
        "outputs": {
            "name": "aws-mars",
            "dnsSuffix": "amazonaws.mars",
            "dualStackDnsSuffix": "api.aws.mars",
            "implicitGlobalRegion": "mars-olympus-1",
            "supportsFIPS": True,
            "supportsDualStack": True,
        },
    }
    data = botocore.loaders.create_loader().load_data("partitions")
    (tmp_path / "partitions.json").write_text(
        json.dumps({**data, "partitions": [*data["partitions"], mars]})
    )
    url = "https://nimble-fips.mars-olympus-1.api.aws.mars/2020-08-01/studios"
    assert not re.match(autoload.hosts().url_first, url)
    monkeypatch.setenv("AWS_DATA_PATH", str(tmp_path))
    read = autoload._read_hosts()
    assert re.match(read.url_first, url)
    assert re.match(read.url_first, "https://nimble.mars-crater-9.amazonaws.mars")
    assert read.region.fullmatch("nimble.mars-olympus-1.amazonaws.mars")["region"] == (
        "mars-olympus-1"
    )
    assert re.match(read.host, "nimble.mars-olympus-1.api.aws.mars:443")


@pytest.mark.parametrize(
    ("endpoint", "kept"),
    [
        *((f"https://nimble.us-west-2.{suffix}", False) for suffix in SUFFIXES),
        ("http://127.0.0.1:5000", True),
    ],
)
def test_the_factory_keeps_only_a_servers_endpoint(endpoint: str, kept: bool) -> None:
    """The clients of other services that ``references=True`` uses go to the
    nimble client's endpoint when it is a server's, to AWS's for any nimble host."""
    client = SESSION.client("nimble", region_name="us-west-2", endpoint_url=endpoint)
    iam = NimbleStudioFactory(client, session=SESSION).aws_client("iam")
    assert (iam.meta.endpoint_url == endpoint) is kept
