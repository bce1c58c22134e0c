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
        "create-streaming-session", "--studio-id", studio_id, "--launch-profile-id", profile_id
    )  # fmt: skip
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


def test_cli_scenario(aws: Any) -> None:
    studio_id = aws(
        "create-studio",
        "--studio-name", "clistudio",
        "--display-name", "CLI",
        "--admin-role-arn", "arn:aws:iam::123456789012:role/Admin",
        "--user-role-arn", "arn:aws:iam::123456789012:role/User",
    )["studio"]["studioId"]  # fmt: skip
    aws("wait", "studio-ready", "--studio-id", studio_id)
    assert aws("get-studio", "--studio-id", studio_id)["studio"]["state"] == "READY"

    component_id = aws(
        "create-studio-component", "--studio-id", studio_id, "--name", "farm", "--type", "CUSTOM"
    )["studioComponent"]["studioComponentId"]  # fmt: skip
    image_id = aws(
        "create-streaming-image", "--studio-id", studio_id,
        "--name", "image", "--ec2-image-id", "ami-0123456789abcdef0",
    )["streamingImage"]["streamingImageId"]  # fmt: skip
    aws(
        "wait",
        "streaming-image-ready",
        "--studio-id",
        studio_id,
        "--streaming-image-id",
        image_id,
    )
    stream_configuration = {
        "clipboardMode": "ENABLED",
        "ec2InstanceTypes": ["g4dn.xlarge"],
        "streamingImageIds": [image_id],
        "sessionPersistenceMode": "ACTIVATED",
        "automaticTerminationMode": "ACTIVATED",
        "maxStoppedSessionLengthInMinutes": 60,
    }
    profile = aws(
        "create-launch-profile", "--studio-id", studio_id, "--name", "profile",
        "--ec2-subnet-ids", "subnet-0123456789abcdef0",
        "--launch-profile-protocol-versions", "2021-03-31",
        "--studio-component-ids", component_id,
        "--stream-configuration", json.dumps(stream_configuration),
    )["launchProfile"]  # fmt: skip
    profile_id = profile["launchProfileId"]
    aws(
        "wait",
        "launch-profile-ready",
        "--studio-id",
        studio_id,
        "--launch-profile-id",
        profile_id,
    )

    session_ids = [create_session(aws, studio_id, profile_id) for _ in range(3)]
    session_id = session_ids[0]
    session = aws(
        "get-streaming-session", "--studio-id", studio_id, "--session-id", session_id
    )
    assert session["session"]["state"] == "READY"

    # --max-items pages on the client side and hands back a NextToken
    first = aws("list-streaming-sessions", "--studio-id", studio_id, "--max-items", "2")
    assert [s["sessionId"] for s in first["sessions"]] == session_ids[:2]
    rest = aws(
        "list-streaming-sessions", "--studio-id", studio_id,
        "--starting-token", first["NextToken"],
    )  # fmt: skip
    assert [s["sessionId"] for s in rest["sessions"]] == session_ids[2:]

    arn = profile["arn"]
    aws("tag-resource", "--resource-arn", arn, "--tags", "team=fx,show=abc")
    aws("untag-resource", "--resource-arn", arn, "--tag-keys", "show")
    assert aws("list-tags-for-resource", "--resource-arn", arn)["tags"] == {
        "team": "fx"
    }

    aws("stop-streaming-session", "--studio-id", studio_id, "--session-id", session_id)
    aws(
        "wait",
        "streaming-session-stopped",
        "--studio-id",
        studio_id,
        "--session-id",
        session_id,
    )
    aws("start-streaming-session", "--studio-id", studio_id, "--session-id", session_id)
    aws(
        "wait",
        "streaming-session-ready",
        "--studio-id",
        studio_id,
        "--session-id",
        session_id,
    )

    aws(
        "delete-streaming-session", "--studio-id", studio_id, "--session-id", session_id
    )
    aws(
        "wait",
        "streaming-session-deleted",
        "--studio-id",
        studio_id,
        "--session-id",
        session_id,
    )
    remaining = aws("list-streaming-sessions", "--studio-id", studio_id)["sessions"]
    assert [s["sessionId"] for s in remaining] == session_ids[1:]


def test_cli_unknown_studio(aws: Any) -> None:
    result = aws(
        "get-studio", "--studio-id", "us-west-2:stid-0000000000000000", check=False
    )
    assert result.returncode != 0
    assert "ResourceNotFoundException" in result.stderr
    assert "us-west-2:stid-0000000000000000" in result.stderr
