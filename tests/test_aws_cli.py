"""The AWS CLI v1 against ``moto-nimble-server``, as a shell pipeline would use it.

The CLI carries its own botocore, which has no nimble model: ``AWS_DATA_PATH``
from ``moto-nimble-server --print-data-path`` gives it one.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import botocore
import pytest
from test_packaging import console_server  # noqa: F401  (fixture)

AWS = shutil.which("aws", path=os.path.dirname(sys.executable)) or shutil.which("aws")
pytestmark = pytest.mark.skipif(
    AWS is None, reason="the AWS CLI comes with the test extras"
)


@pytest.fixture
def aws(console_server: str, tmp_path: Path) -> Any:  # noqa: F811
    data_path = subprocess.run(
        [sys.executable, "-m", "moto_nimble", "--print-data-path"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout.strip()
    env = {
        **os.environ,
        "AWS_DATA_PATH": data_path,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-west-2",
        "AWS_CONFIG_FILE": str(tmp_path / "config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "credentials"),
    }
    env.pop("AWS_PROFILE", None)

    def run(*args: str, check: bool = True) -> Any:
        result = subprocess.run(
            [
                AWS,
                "nimble",
                *args,
                "--endpoint-url",
                console_server,
                "--output",
                "json",
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )
        if not check:
            return result
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout) if result.stdout.strip() else {}

    return run


def create_session(aws: Any, studio_id: str, profile_id: str) -> str:
    created = aws(
        "create-streaming-session",
        f"--studio-id={studio_id}",
        f"--launch-profile-id={profile_id}",
    )
    return str(created["session"]["sessionId"])


def test_print_data_path_holds_only_the_nimble_model() -> None:
    path = Path(
        subprocess.run(
            [sys.executable, "-m", "moto_nimble", "--print-data-path"],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout.strip()
    )
    assert [p.name for p in path.iterdir()] == ["nimble"]
    assert (path / "nimble" / "2020-08-01" / "service-2.json").is_file()
    # the model this environment's botocore loads, not another environment's
    botocore_models = Path(botocore.__file__).parent / "data"
    assert (path / "nimble" / "2020-08-01").resolve() == (
        botocore_models / "nimble" / "2020-08-01"
    ).resolve()


def test_cli_scenario(aws: Any) -> None:
    # IDs are passed as --option=value: an ID may begin with "-", as the
    # service's did, and the CLI would read "--option -abc…" as two options.
    studio_id = aws(
        "create-studio",
        "--studio-name", "clistudio",
        "--display-name", "CLI",
        "--admin-role-arn", "arn:aws:iam::123456789012:role/Admin",
        "--user-role-arn", "arn:aws:iam::123456789012:role/User",
    )["studio"]["studioId"]  # fmt: skip
    studio = f"--studio-id={studio_id}"
    aws("wait", "studio-ready", studio)
    assert aws("get-studio", studio)["studio"]["state"] == "READY"

    component_id = aws(
        "create-studio-component", studio, "--name", "farm", "--type", "CUSTOM"
    )["studioComponent"]["studioComponentId"]
    image_id = aws(
        "create-streaming-image", studio,
        "--name", "image", "--ec2-image-id", "ami-0123456789abcdef0",
    )["streamingImage"]["streamingImageId"]  # fmt: skip
    aws("wait", "streaming-image-ready", studio, f"--streaming-image-id={image_id}")
    stream_configuration = {
        "clipboardMode": "ENABLED",
        "ec2InstanceTypes": ["g4dn.xlarge"],
        "streamingImageIds": [image_id],
        "sessionPersistenceMode": "ACTIVATED",
        "automaticTerminationMode": "ACTIVATED",
        "maxStoppedSessionLengthInMinutes": 60,
    }
    profile = aws(
        "create-launch-profile", studio, "--name", "profile",
        "--ec2-subnet-ids", "subnet-0123456789abcdef0",
        "--launch-profile-protocol-versions", "2021-03-31",
        f"--studio-component-ids={component_id}",
        "--stream-configuration", json.dumps(stream_configuration),
    )["launchProfile"]  # fmt: skip
    profile_id = profile["launchProfileId"]
    aws("wait", "launch-profile-ready", studio, f"--launch-profile-id={profile_id}")

    session_ids = [create_session(aws, studio_id, profile_id) for _ in range(3)]
    session = f"--session-id={session_ids[0]}"
    assert aws("get-streaming-session", studio, session)["session"]["state"] == "READY"

    # --max-items pages on the client side and hands back a NextToken
    first = aws("list-streaming-sessions", studio, "--max-items", "2")
    assert [s["sessionId"] for s in first["sessions"]] == session_ids[:2]
    rest = aws(
        "list-streaming-sessions", studio, f"--starting-token={first['NextToken']}"
    )
    assert [s["sessionId"] for s in rest["sessions"]] == session_ids[2:]

    arn = profile["arn"]
    aws("tag-resource", "--resource-arn", arn, "--tags", "team=fx,show=abc")
    aws("untag-resource", "--resource-arn", arn, "--tag-keys", "show")
    assert aws("list-tags-for-resource", "--resource-arn", arn)["tags"] == {
        "team": "fx"
    }

    aws("stop-streaming-session", studio, session)
    aws("wait", "streaming-session-stopped", studio, session)
    aws("start-streaming-session", studio, session)
    aws("wait", "streaming-session-ready", studio, session)

    aws("delete-streaming-session", studio, session)
    aws("wait", "streaming-session-deleted", studio, session)
    remaining = aws("list-streaming-sessions", studio)["sessions"]
    assert [s["sessionId"] for s in remaining] == session_ids[1:]


def test_cli_id_beginning_with_a_dash(aws: Any) -> None:
    """An ID that begins with "-" reaches the service in --option=value form."""
    studio_id = aws(
        "create-studio",
        "--studio-name", "dashstudio",
        "--display-name", "CLI",
        "--admin-role-arn", "arn:aws:iam::123456789012:role/Admin",
        "--user-role-arn", "arn:aws:iam::123456789012:role/User",
    )["studio"]["studioId"]  # fmt: skip
    image_id = "-on21uv6QASS_Hj5p40MVQ"
    separate = aws(
        "get-streaming-image",
        f"--studio-id={studio_id}",
        "--streaming-image-id",
        image_id,
        check=False,
    )
    assert separate.returncode != 0
    assert "ResourceNotFoundException" not in separate.stderr
    joined = aws(
        "get-streaming-image",
        f"--studio-id={studio_id}",
        f"--streaming-image-id={image_id}",
        check=False,
    )
    assert joined.returncode != 0
    assert "ResourceNotFoundException" in joined.stderr
    assert image_id in joined.stderr


def test_cli_unknown_studio(aws: Any) -> None:
    result = aws(
        "get-studio", "--studio-id", "us-west-2:stid-0000000000000000", check=False
    )
    assert result.returncode != 0
    assert "ResourceNotFoundException" in result.stderr
    assert "us-west-2:stid-0000000000000000" in result.stderr
