"""What a user gets from ``pip install``: the model, the console script, the module
entry point, the license and the classifiers."""

from __future__ import annotations

import configparser
import email
import importlib.metadata
import os
import pwd
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import boto3
import pytest
from botocore.exceptions import ClientError
from helpers import REGION, UNKNOWN_STUDIO, assert_error, create_studio

ROOT = Path(__file__).resolve().parents[2]
#: what a build of the tree leaves out: environments, caches, earlier builds
NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv*", "build", "dist", "*.egg-info", "node_modules", "__pycache__",
    ".*_cache", ".hypothesis",
)  # fmt: skip


def setup_cfg() -> configparser.ConfigParser:
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg")
    return config


def classified_pythons(classifiers: list[str]) -> list[str]:
    """The minor versions ``Programming Language :: Python :: 3.N`` names."""
    found = (
        re.fullmatch(r"Programming Language :: Python :: (3\.\d+)", c)
        for c in classifiers
    )
    return sorted((m[1] for m in found if m), key=lambda v: int(v.split(".")[1]))


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


def test_the_classifiers_name_the_python_running_the_suite() -> None:
    classifiers = setup_cfg()["metadata"]["classifiers"].strip().splitlines()
    running = f"{sys.version_info.major}.{sys.version_info.minor}"
    assert running in classified_pythons(classifiers)


def test_the_installed_distribution_carries_the_license() -> None:
    """pip installs from a wheel: the license is in its metadata folder."""
    # the installed distribution, not the metadata a build leaves in a checkout
    site_packages = [p for p in sys.path if "site-packages" in p]
    dist = next(
        importlib.metadata.distributions(name="moto-nimble", path=site_packages)
    )
    assert dist.metadata.get_all("License-File") == ["LICENSE"]
    (license_file,) = [f for f in dist.files or [] if f.name == "LICENSE"]
    assert license_file.read_text() == (ROOT / "LICENSE").read_text()


@pytest.mark.slow
def test_the_sdist_and_the_wheel_carry_the_license_and_the_classifiers(
    tmp_path: Path,
) -> None:
    """``python -m build`` on a copy of the tree (a build writes into it)."""
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCE)
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--outdir",
            str(tmp_path / "dist"),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    license_text = (ROOT / "LICENSE").read_bytes()
    assert b"Apache License" in license_text
    assert b"Version 2.0, January 2004" in license_text

    (sdist,) = (tmp_path / "dist").glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        top = archive.getnames()[0].split("/")[0]
        sdist_license = archive.extractfile(f"{top}/LICENSE")
        assert sdist_license is not None
        assert sdist_license.read() == license_text

    (wheel,) = (tmp_path / "dist").glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        (metadata_name,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        metadata = email.message_from_bytes(archive.read(metadata_name))
        # setuptools 77 and later put it in licenses/, older ones beside METADATA
        licenses = [
            n for n in names if re.search(r"\.dist-info/(licenses/)?LICENSE$", n)
        ]
        assert len(licenses) == 1, names
        assert archive.read(licenses[0]) == license_text

    assert metadata.get_all("License-File") == ["LICENSE"]
    assert metadata["License"] == "Apache-2.0"
    classifiers = metadata.get_all("Classifier")
    assert classifiers == setup_cfg()["metadata"]["classifiers"].strip().splitlines()
    assert "License :: OSI Approved :: Apache Software License" in classifiers
    assert "Typing :: Typed" in classifiers
    assert "Framework :: Pytest" in classifiers
    oldest = re.fullmatch(r">=(3\.\d+)", metadata["Requires-Python"])
    assert oldest
    assert oldest[1] == classified_pythons(classifiers)[0]


@pytest.mark.slow
def test_ci_runs_every_python_the_classifiers_name() -> None:
    """``.ci/run --plan``: the whole suite on the oldest (with the oldest
    releases) and the newest, the suite without its slow tests on the others."""
    plan = subprocess.run(
        ["bash", str(ROOT / ".ci" / "run"), "--plan"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.splitlines()
    runs = {line.split()[0]: line for line in plan}
    versions = {name: line.split()[1] for name, line in runs.items()}
    config = setup_cfg()
    pythons = classified_pythons(config["metadata"]["classifiers"].strip().splitlines())
    assert sorted(versions.values(), key=lambda v: int(v.split(".")[1])) == pythons
    assert len(versions) == len(pythons) >= 2
    assert f">={versions['floor']}" == config["options"]["python_requires"]
    assert versions["floor"] == pythons[0]
    assert versions["ceiling"] == pythons[-1]
    assert runs["floor"].endswith("tests: all; .ci/floor-constraints.txt")
    assert runs["ceiling"].endswith("tests: all; latest releases")
    for name in set(runs) - {"floor", "ceiling"}:
        assert runs[name].endswith("tests: not slow; latest releases")
