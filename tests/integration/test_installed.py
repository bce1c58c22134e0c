"""Installed means present: every way of running moto serves nimble in a fresh
process that never imports moto_nimble (moto_nimble.pth installs a finder at
start-up, and moto imports the package the first time it routes a nimble
request). Each test starts its own interpreter."""

from __future__ import annotations

import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

#: the installed distribution (not the metadata a build leaves in a checkout)
DIST = next(
    importlib.metadata.distributions(
        name="moto-nimble", path=[p for p in sys.path if "site-packages" in p]
    )
)
FILES = {str(f) for f in DIST.files or []}

if any("__editable__" in f for f in FILES):  # pragma: no cover
    pytest.skip("an editable install has no moto_nimble.pth", allow_module_level=True)

STUDIO = (
    "dict(studioName='installed', displayName='x', "
    "adminRoleArn='arn:aws:iam::123456789012:role/A', userRoleArn='arn:aws:iam::123456789012:role/A')"
)


def run(code: str, timeout: float = 120) -> str:
    """Run ``code`` in a fresh interpreter, away from this checkout (the
    installed package, not the source tree); what it printed."""
    env = {
        **os.environ,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
    }
    env.pop("AWS_PROFILE", None)
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        check=False,
        cwd=tempfile.gettempdir(),
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout.strip()


def test_the_pth_file_is_installed():
    assert "moto_nimble.pth" in FILES
    pth = Path(str(DIST.locate_file("moto_nimble.pth")))
    assert pth.read_text().strip() == "import _moto_nimble_autoload"


@pytest.mark.slow
def test_interpreter_start_imports_neither_moto_nor_the_package():
    out = run(
        """
        import sys
        print(sorted(m for m in sys.modules if m.startswith(("moto", "_moto_nimble", "boto"))))
        """
    )
    assert out == "['_moto_nimble_autoload']"


@pytest.mark.slow
def test_mock_aws_serves_nimble_without_an_import():
    out = run(
        f"""
        import sys, boto3
        from moto import mock_aws
        with mock_aws():
            client = boto3.client("nimble", region_name="us-west-2")
            before = "moto_nimble" in sys.modules
            studio = client.create_studio(**{STUDIO})["studio"]
            state = client.get_studio(studioId=studio["studioId"])["studio"]["state"]
        print(before, "moto_nimble" in sys.modules, state)
        """
    )
    assert out == "False True READY"


@pytest.mark.slow
def test_raw_http_in_a_mock_started_first():
    out = run(
        f"""
        import boto3, requests
        from moto import mock_aws
        with mock_aws():  # moto sets up its URL interception here, before any nimble import
            auth = "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261130/us-west-2/nimble/aws4_request, SignedHeaders=host, Signature=0"
            answer = requests.post(
                "https://nimble.us-west-2.amazonaws.com/2020-08-01/studios",
                json={STUDIO}, headers={{"Authorization": auth}},
            )
            listed = boto3.client("nimble", region_name="us-west-2").list_studios()["studios"]
        print(answer.status_code, [s["studioName"] for s in listed])
        """
    )
    assert out == "200 ['installed']"


@pytest.mark.slow
def test_every_endpoint_the_sdk_makes_stays_in_the_mock():
    out = run(
        """
        import boto3
        from botocore.config import Config
        from moto import mock_aws
        with mock_aws():
            for options in ({}, {"use_fips_endpoint": True}, {"use_dualstack_endpoint": True},
                            {"use_fips_endpoint": True, "use_dualstack_endpoint": True}):
                client = boto3.client("nimble", region_name="us-west-2", config=Config(**options))
                print(client.meta.endpoint_url, len(client.list_eulas()["eulas"]))
        """
    )
    assert out.splitlines() == [
        "https://nimble.us-west-2.amazonaws.com 9",
        "https://nimble-fips.us-west-2.amazonaws.com 9",
        "https://nimble.us-west-2.api.aws 9",
        "https://nimble-fips.us-west-2.api.aws 9",
    ]


@pytest.mark.slow
def test_threaded_moto_server_without_an_import():
    out = run(
        f"""
        import boto3
        from botocore import UNSIGNED
        from botocore.config import Config
        from moto.server import ThreadedMotoServer
        server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        server.start()
        host, port = server.get_host_and_port()
        url = f"http://{{host}}:{{port}}"
        # first, a request only its path names nimble's
        unsigned = boto3.client("nimble", region_name="us-west-2", endpoint_url=url,
                                config=Config(signature_version=UNSIGNED))
        print(unsigned.list_studios()["studios"])
        client = boto3.client("nimble", region_name="us-west-2", endpoint_url=url)
        studio = client.create_studio(**{STUDIO})["studio"]
        print(client.get_studio(studioId=studio["studioId"])["studio"]["state"])
        server.stop()
        """
    )
    assert out.splitlines() == ["[]", "READY"]


@contextmanager
def started(command: list[str], port: int) -> Iterator[None]:
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        run(
            f"""
            import socket, time
            deadline = time.monotonic() + 60
            while True:
                try:
                    socket.create_connection(("127.0.0.1", {port}), timeout=1).close()
                    break
                except OSError:
                    assert time.monotonic() < deadline, "not listening"
                    time.sleep(0.1)
            """
        )
        yield
    finally:
        process.terminate()
        process.wait(timeout=10)


def script(name: str) -> str:
    found = shutil.which(name, path=os.path.dirname(sys.executable))
    assert found, f"{name} is not installed"
    return found


@pytest.mark.parametrize(
    "command",
    [[script("moto_server")], [sys.executable, "-m", "moto.server"]],
    ids=["moto_server", "python-m-moto.server"],
)
@pytest.mark.slow
def test_moto_server_without_an_import(command):
    from helpers import free_port

    port = free_port()
    with started([*command, "-p", str(port)], port):
        out = run(
            f"""
            import boto3
            from botocore import UNSIGNED
            from botocore.config import Config
            url = "http://127.0.0.1:{port}"
            # first, a request only its path names nimble's
            unsigned = boto3.client("nimble", region_name="us-west-2", endpoint_url=url,
                                    config=Config(signature_version=UNSIGNED))
            print(unsigned.list_studios()["studios"])
            client = boto3.client("nimble", region_name="us-west-2", endpoint_url=url)
            studio = client.create_studio(**{STUDIO})["studio"]
            print(client.get_studio(studioId=studio["studioId"])["studio"]["state"])
            """
        )
    assert out.splitlines() == ["[]", "READY"]


@pytest.mark.slow
def test_moto_proxy_without_an_import():
    from helpers import free_port

    port = free_port()
    with started([script("moto_proxy"), "-p", str(port)], port):
        out = run(
            f"""
            import warnings, boto3
            from botocore.config import Config
            warnings.simplefilter("ignore")
            client = boto3.client(
                "nimble", region_name="us-west-2",
                config=Config(proxies={{"https": "http://127.0.0.1:{port}"}}), verify=False,
            )
            studio = client.create_studio(**{STUDIO})["studio"]
            print(client.get_studio(studioId=studio["studioId"])["studio"]["state"])
            """
        )
    assert out == "READY"


TEMPLATE = {
    "Resources": {
        "Studio": {
            "Type": "AWS::NimbleStudio::Studio",
            "Properties": {
                "StudioName": "installed",
                "DisplayName": "x",
                "AdminRoleArn": "arn:aws:iam::123456789012:role/A",
                "UserRoleArn": "arn:aws:iam::123456789012:role/A",
            },
        }
    }
}


@pytest.mark.slow
def test_cloudformation_without_an_import():
    out = run(
        f"""
        import boto3
        from moto import mock_aws
        with mock_aws():
            cfn = boto3.client("cloudformation", region_name="us-west-2")
            cfn.create_stack(StackName="s", TemplateBody={json.dumps(json.dumps(TEMPLATE))})
            status = cfn.describe_stacks(StackName="s")["Stacks"][0]["StackStatus"]
            studios = boto3.client("nimble", region_name="us-west-2").list_studios()["studios"]
        print(status, [s["state"] for s in studios])
        """
    )
    assert out == "CREATE_COMPLETE ['READY']"


@pytest.mark.slow
def test_cloudformation_failure_shows_without_an_import():
    """A nimble resource that fails a change set (the first stack operation of
    the process) or an update fails the stack, where moto reports it complete."""
    bad = json.loads(json.dumps(TEMPLATE))
    bad["Resources"]["Studio"]["Properties"]["DisplayName"] = "x" * 65
    out = run(
        f"""
        import boto3
        from moto import mock_aws
        with mock_aws():
            cfn = boto3.client("cloudformation", region_name="us-west-2")
            cfn.create_change_set(
                StackName="c", ChangeSetName="c", ChangeSetType="CREATE",
                TemplateBody={json.dumps(json.dumps(bad))},
            )
            cfn.execute_change_set(StackName="c", ChangeSetName="c")
            cfn.create_stack(StackName="s", TemplateBody={json.dumps(json.dumps(TEMPLATE))})
            cfn.update_stack(StackName="s", TemplateBody={json.dumps(json.dumps(bad))})
            print(*(cfn.describe_stacks(StackName=n)["Stacks"][0]["StackStatus"] for n in "cs"))
        """
    )
    assert out == "CREATE_FAILED UPDATE_FAILED"


@pytest.mark.slow
def test_a_users_pytest_run_has_no_warning_from_the_plugin(tmp_path):
    """The plugin loads into every pytest run of the environment; its start-up
    module, imported before pytest by moto_nimble.pth, draws no assert-rewrite
    warning."""
    (tmp_path / "test_user.py").write_text(
        "def test_session(nimble_studio_factory):\n"
        "    assert nimble_studio_factory().start_session()['state'] == 'READY'\n"
    )
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-W", "error"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed" in done.stdout
    assert "warning" not in done.stdout.lower(), done.stdout
