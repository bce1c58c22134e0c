"""What a user gets from ``pip install``: the model, the console script, the module entry point."""

from __future__ import annotations

import os
import pwd
import subprocess
import sys

import boto3
import pytest
from botocore.exceptions import ClientError
from helpers import REGION, UNKNOWN_STUDIO, assert_error, create_studio


def python(*args: str) -> str:
    """What ``python <args>`` prints, in a fresh interpreter (which must succeed)."""
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout


@pytest.mark.slow
def test_nimble_model_is_installed_for_a_fresh_process() -> None:
    code = (
        "import boto3, botocore.session;"
        "c = boto3.client('nimble', region_name='us-west-2');"
        "m = c.meta.service_model;"
        "print(m.api_version, len(m.operation_names), sorted(c.waiter_names)[0])"
    )
    out = python("-c", code).split()
    assert out == ["2020-08-01", "49", "launch_profile_deleted"]


@pytest.mark.slow
def test_the_suite_never_reads_the_home_of_whoever_runs_it() -> None:
    """A model in the runner's ~/.aws/models must not stand in for the one
    the package installs: this process and every subprocess see an empty home."""
    import botocore.loaders
    import helpers

    real_home = pwd.getpwuid(os.getuid()).pw_dir
    assert os.environ["HOME"] == helpers.HOME != real_home
    models = os.path.join(helpers.HOME, ".aws", "models")
    session = boto3.session.Session()
    search_paths = session._session.get_component("data_loader").search_paths
    assert models in search_paths
    assert os.path.join(real_home, ".aws", "models") not in search_paths
    assert models == botocore.loaders.Loader.CUSTOMER_DATA_PATH
    code = "import botocore.loaders; print(botocore.loaders.Loader.CUSTOMER_DATA_PATH)"
    out = python("-c", code)
    assert out.strip() == models


@pytest.mark.slow
def test_moto_loader_sees_the_nimble_model_in_a_fresh_process() -> None:
    code = "from moto.core.utils import get_service_model; print(get_service_model('nimble').service_name)"
    out = python("-c", code)
    assert out.strip() == "nimble"


@pytest.mark.slow
def test_module_entry_point_takes_moto_server_flags() -> None:
    out = python("-m", "moto_nimble", "--help")
    for flag in ("--host", "--port", "--reload", "--ssl-cert"):
        assert flag in out


@pytest.mark.slow
def test_console_script_serves_nimble(console_server: str) -> None:
    client = boto3.client("nimble", region_name=REGION, endpoint_url=console_server)
    studio = create_studio(client, "console")
    assert client.get_studio(studioId=studio["studioId"])["studio"]["state"] == "READY"
    assert [s["studioId"] for s in client.list_studios()["studios"]] == [
        studio["studioId"]
    ]
    with pytest.raises(ClientError) as excinfo:
        client.get_studio(studioId=UNKNOWN_STUDIO)
    assert_error(excinfo, "ResourceNotFoundException", 404)


def test_registration_is_idempotent_and_resolves_through_moto() -> None:
    from moto.backend_index import backend_url_patterns
    from moto.backends import get_backend

    import moto_nimble
    from moto_nimble._registration import register

    register()
    register()
    nimble_patterns = [p for name, p in backend_url_patterns if name == "nimble"]
    assert len(nimble_patterns) == 2  # one before moto's services, one after
    assert backend_url_patterns[0][0] == "nimble"
    assert all(
        p.match("https://nimble.eu-west-1.amazonaws.com") for p in nimble_patterns
    )
    assert get_backend("nimble") is moto_nimble.nimble_backends


@pytest.mark.parametrize(
    "url",
    [
        "https://nimble.us-west-2.amazonaws.com/2020-08-01/studios",
        "https://nimble-fips.us-gov-west-1.amazonaws.com/2020-08-01/eulas",
        "https://nimble.eu-central-1.api.aws/",
        "http://nimble.ap-southeast-2.amazonaws.com:443",
    ],
)
def test_nimble_hosts_are_tried_before_moto_services(url: str) -> None:
    from moto.backend_index import backend_url_patterns

    import moto_nimble  # noqa: F401

    first = next(name for name, p in backend_url_patterns if p.match(url))
    assert first == "nimble"


@pytest.mark.parametrize(
    "url",
    [
        "https://nimble.s3.amazonaws.com/",
        "https://nimble.s3.us-west-2.amazonaws.com/key",
        "https://nimble.s3-us-west-2.amazonaws.com/key",
        "https://nimble.s3-website-us-west-2.amazonaws.com/",
        "https://nimble.us-west-2.amazonaws.com.example.com/",
    ],
)
def test_the_first_pattern_leaves_other_hosts_alone(url: str) -> None:
    from moto.backend_index import backend_url_patterns

    import moto_nimble  # noqa: F401

    assert backend_url_patterns[0][0] == "nimble"
    assert not backend_url_patterns[0][1].match(url)


@pytest.mark.parametrize("style", ["virtual", "path"])
def test_an_s3_bucket_named_nimble_under_mock_aws(style: str) -> None:
    """nimble's hosts come first, and a bucket called "nimble" is still S3's."""
    from botocore.config import Config
    from moto import mock_aws

    import moto_nimble  # noqa: F401

    with mock_aws():
        s3 = boto3.client(
            "s3", region_name="us-east-1", config=Config(s3={"addressing_style": style})
        )
        s3.create_bucket(Bucket="nimble")
        s3.put_object(Bucket="nimble", Key="shot.exr", Body=b"pixels")
        assert (
            s3.get_object(Bucket="nimble", Key="shot.exr")["Body"].read() == b"pixels"
        )
        regional = boto3.client(
            "s3", region_name="us-west-2", config=Config(s3={"addressing_style": style})
        )
        regional.create_bucket(
            Bucket="nimble-west",
            CreateBucketConfiguration={"LocationConstraint": "us-west-2"},
        )
        assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == [
            "nimble",
            "nimble-west",
        ]


def test_the_url_map_is_built_once_per_iso_setting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """moto asks the backend for its URL map on every request it routes: the
    map is moto's own, built once for each setting it depends on."""
    from moto.core.base_backend import BaseBackend

    import moto_nimble

    backend = moto_nimble.nimble_backends["123456789012"]["us-west-2"]
    for iso in ("false", "true"):
        monkeypatch.setenv("MOTO_ENABLE_ISO_REGIONS", iso)
        urls = backend.urls
        assert urls is backend.urls
        assert urls == BaseBackend.urls.fget(backend)  # type: ignore[attr-defined]
        assert len(urls) == 2
