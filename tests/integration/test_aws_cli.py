"""The AWS CLI against ``moto-nimble-server``, as a shell pipeline would use it.

The CLI v1 (from the test extras) carries its own botocore, which has no nimble
model. It gets one either from ``moto-nimble-server --install-cli-model``, which
copies the model to ``~/.aws/models`` (the way README shows), or from
``AWS_DATA_PATH`` set to ``moto-nimble-server --print-data-path``. ``HOME`` is a
fresh folder for every test, so neither way can lean on a model the machine
already has.

A CLI v2 released while nimble was an AWS service carries its model and needs
neither (a later one gets README's set-up, as v1 does). It is not a Python
package in this environment: the one ``MOTO_NIMBLE_AWS_CLI_V2`` names, or
``/usr/bin/aws`` when that is v2 (Debian's ``awscli``); its tests are skipped
where there is none.
"""

from __future__ import annotations

import functools
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import botocore
import botocore.session
import pytest

AWS = shutil.which("aws", path=os.path.dirname(sys.executable)) or shutil.which("aws")
pytestmark = pytest.mark.slow
needs_v1 = pytest.mark.skipif(
    AWS is None, reason="the AWS CLI v1 comes with the test extras"
)
#: names the AWS CLI v2 to test; /usr/bin/aws is tried without it
CLI_V2_ENV = "MOTO_NIMBLE_AWS_CLI_V2"
MODEL_FILES = ["paginators-1.json", "service-2.json", "waiters-2.json"]


@pytest.fixture
def shell(tmp_path: Path) -> dict[str, str]:
    """The environment of a fresh shell: an empty home, fake credentials."""
    home = tmp_path / "home"
    home.mkdir()
    env = {
        **os.environ,
        "HOME": str(home),
        "USERPROFILE": str(home),
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-west-2",
        "AWS_PAGER": "",  # the CLI v2 pages its output through `less` otherwise
    }
    for variable in ("AWS_DATA_PATH", "AWS_PROFILE", "AWS_CONFIG_FILE"):
        env.pop(variable, None)
    return env


def moto_nimble_server(env: dict[str, str], *flags: str) -> Any:
    """``moto-nimble-server`` with flags, run as the console script."""
    return subprocess.run(
        [sys.executable, "-m", "moto_nimble", *flags],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def cli_v2_version(program: str) -> str:
    """What ``<program> --version`` prints, or why it could not run."""
    try:
        ran = subprocess.run(
            [program, "--version"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except OSError as error:
        return str(error)
    return (ran.stdout + ran.stderr).strip()


@pytest.fixture(scope="session")
def aws_cli_v2() -> str:
    """The AWS CLI v2 to drive: a path named in the environment must be one."""
    named = os.environ.get(CLI_V2_ENV)
    if named == "none":
        pytest.skip(f"{CLI_V2_ENV}=none leaves the AWS CLI v2 out")
    program = named or "/usr/bin/aws"
    version = cli_v2_version(program)
    if version.startswith("aws-cli/2."):
        return program
    if named:
        pytest.fail(f"{CLI_V2_ENV}={named} is not the AWS CLI v2: {version}")
    pytest.skip(
        f"no AWS CLI v2: {program} says {version!r}; install one "
        f"(Debian: apt-get install awscli) or set {CLI_V2_ENV}"
    )


@functools.cache
def carries_nimble(program: str) -> bool:
    """Whether the CLI knows ``aws nimble`` in an empty home: v2 releases
    from before nimble left the CLI carry its model."""
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "HOME": home, "USERPROFILE": home, "AWS_PAGER": ""}
        env.pop("AWS_DATA_PATH", None)
        skeleton = subprocess.run(
            [program, "nimble", "list-studios", "--generate-cli-skeleton"],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )
    return skeleton.returncode == 0


@pytest.fixture(params=["v1", "v2"])
def program(request: pytest.FixtureRequest) -> str:
    """The AWS CLI of each major version."""
    if request.param == "v2":
        return str(request.getfixturevalue("aws_cli_v2"))
    if AWS is None:
        pytest.skip("the AWS CLI v1 comes with the test extras")
    return AWS


def cli(
    env: dict[str, str], endpoint: str, program: str | None = AWS
) -> Callable[..., Any]:
    assert program
    if program != AWS:
        # a CLI of its own, which this environment's Python must not reach
        env = {k: v for k, v in env.items() if k not in ("PYTHONPATH", "PYTHONHOME")}

    def run(*args: str, check: bool = True) -> Any:
        result = subprocess.run(
            [program, "nimble", *args, "--endpoint-url", endpoint, "--output", "json"],
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


def readme_cli_setup() -> list[str]:
    """The command in the bash block after README's ``<!-- cli-setup -->``."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    block = readme.split("<!-- cli-setup -->", 1)[1].split("```bash\n", 1)[1]
    (command,) = block.split("```", 1)[0].strip().splitlines()
    return shlex.split(command)


@pytest.fixture
def aws(console_server: str, shell: dict[str, str], program: str) -> Any:
    """``aws nimble …`` in a fresh shell after README's one set-up command, or
    with none for a CLI v2 that carries the model."""
    if program != AWS and carries_nimble(program):
        return cli(shell, console_server, program)
    setup, *flags = readme_cli_setup()
    assert setup == "moto-nimble-server"
    script = shutil.which(setup, path=os.path.dirname(sys.executable))
    assert script, "the console script is installed beside this Python"
    # that it is safe to repeat, as README says, is
    # test_install_cli_model_puts_the_whole_model_where_the_cli_looks's
    installed = subprocess.run(
        [script, *flags],
        capture_output=True,
        text=True,
        env=shell,
        timeout=60,
        check=False,
    )
    assert installed.returncode == 0, installed.stderr
    return cli(shell, console_server, program)


def test_install_cli_model_puts_the_whole_model_where_the_cli_looks(
    shell: dict[str, str],
) -> None:
    first = moto_nimble_server(shell, "--install-cli-model")
    assert first.returncode == 0, first.stderr
    folder = Path(shell["HOME"]) / ".aws" / "models" / "nimble" / "2020-08-01"
    assert str(folder) in first.stdout
    # paginators and waiters too, which `aws configure add-model` would leave out
    assert set(MODEL_FILES) <= {p.name for p in folder.glob("*.json")}
    model = json.loads((folder / "service-2.json").read_text())
    assert model["metadata"]["endpointPrefix"] == "nimble"
    assert len(model["operations"]) == 49
    assert len(json.loads((folder / "waiters-2.json").read_text())["waiters"]) == 12
    contents = {p.name: p.read_bytes() for p in folder.iterdir()}
    again = moto_nimble_server(shell, "--install-cli-model")  # idempotent
    assert again.returncode == 0, again.stderr
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == contents


@needs_v1
def test_uninstall_cli_model_takes_nimble_away_from_the_cli(
    console_server: str,
    shell: dict[str, str],
) -> None:
    aws = cli(shell, console_server)
    assert moto_nimble_server(shell, "--install-cli-model").returncode == 0
    assert aws("list-studios") == {"studios": []}

    removed = moto_nimble_server(shell, "--uninstall-cli-model")
    assert removed.returncode == 0, removed.stderr
    # the folders it made go too, where nothing else is in them
    assert list(Path(shell["HOME"]).iterdir()) == []
    gone = aws("list-studios", check=False)
    assert gone.returncode != 0
    assert "Invalid choice" in gone.stderr

    nothing = moto_nimble_server(shell, "--uninstall-cli-model")  # idempotent
    assert nothing.returncode == 0, nothing.stderr
    assert "nothing to remove" in nothing.stdout


def test_a_model_the_package_did_not_install_is_left_alone(
    shell: dict[str, str],
) -> None:
    # what `aws configure add-model --service-name nimble` leaves: the service
    # model alone, with no paginators or waiters
    folder = Path(shell["HOME"]) / ".aws" / "models" / "nimble" / "2020-08-01"
    folder.mkdir(parents=True)
    loader = botocore.session.get_session().get_component("data_loader")
    added = json.dumps(loader.load_service_model("nimble", "service-2"))
    (folder / "service-2.json").write_text(added)
    for flag in ("--install-cli-model", "--uninstall-cli-model"):
        refused = moto_nimble_server(shell, flag)
        assert refused.returncode == 1
        assert "did not put there" in refused.stderr
        assert [p.name for p in folder.iterdir()] == ["service-2.json"]
        assert (folder / "service-2.json").read_text() == added


def studios_waiter_and_paginator(aws: Any, name: str) -> None:
    """Two studios, each waited for, then listed a page of one at a time."""
    for n in range(2):
        studio_id = aws(
            "create-studio",
            "--studio-name", f"{name}{n}",
            "--display-name", name,
            "--admin-role-arn", "arn:aws:iam::123456789012:role/Admin",
            "--user-role-arn", "arn:aws:iam::123456789012:role/User",
        )["studio"]["studioId"]  # fmt: skip
        aws("wait", "studio-ready", f"--studio-id={studio_id}")  # a waiter
    # --max-items is the paginator's, not the API's
    page = aws("list-studios", "--max-items", "1")
    assert len(page["studios"]) == 1
    assert page["NextToken"]


@pytest.mark.parametrize("way", ["install-cli-model", "AWS_DATA_PATH"])
def test_both_ways_give_the_cli_operations_waiters_and_paginators(
    console_server: str,
    shell: dict[str, str],
    program: str,
    way: str,
) -> None:
    """For the CLI v2 as well, whose own model they stand in for."""
    if way == "install-cli-model":
        assert moto_nimble_server(shell, "--install-cli-model").returncode == 0
    else:
        data_path = moto_nimble_server(shell, "--print-data-path")
        assert data_path.returncode == 0, data_path.stderr
        shell["AWS_DATA_PATH"] = data_path.stdout.strip()
    studios_waiter_and_paginator(cli(shell, console_server, program), way[:3].lower())


def test_the_cli_v2_knows_nimble_without_either_way(
    console_server: str,
    shell: dict[str, str],
    aws_cli_v2: str,
) -> None:
    if not carries_nimble(aws_cli_v2):
        pytest.skip(f"{cli_v2_version(aws_cli_v2).split()[0]} carries no nimble model")
    studios_waiter_and_paginator(cli(shell, console_server, aws_cli_v2), "bundled")
    # an uninstall leaves it its own model
    assert moto_nimble_server(shell, "--install-cli-model").returncode == 0
    assert moto_nimble_server(shell, "--uninstall-cli-model").returncode == 0
    assert len(cli(shell, console_server, aws_cli_v2)("list-studios")["studios"]) == 2


@needs_v1
def test_without_either_way_the_cli_v1_does_not_know_nimble(
    console_server: str,
    shell: dict[str, str],
) -> None:
    result = cli(shell, console_server)("list-studios", check=False)
    assert result.returncode != 0
    assert "Invalid choice" in result.stderr


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


def test_print_data_path_outlives_the_cli_model(shell: dict[str, str]) -> None:
    """With the CLI model installed, the data path still links to the model
    installed with botocore, so removing the CLI model leaves it working."""
    assert moto_nimble_server(shell, "--install-cli-model").returncode == 0
    printed = moto_nimble_server(shell, "--print-data-path")
    assert printed.returncode == 0, printed.stderr
    folder = Path(printed.stdout.strip()) / "nimble" / "2020-08-01"
    home = Path(shell["HOME"]).resolve()
    assert home / ".aws" not in folder.resolve().parents

    assert moto_nimble_server(shell, "--uninstall-cli-model").returncode == 0

    assert not (home / ".aws" / "models").exists()
    assert (folder / "service-2.json").is_file()
    again = moto_nimble_server(shell, "--print-data-path")
    assert again.stdout == printed.stdout


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
    assert "expected one argument" in separate.stderr  # as README says
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
