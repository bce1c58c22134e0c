"""Failures on demand (``moto_nimble.faults``): in-process through the Python
registry, against a server through ``/nimble_<region>/moto-api/faults``."""

from __future__ import annotations

import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import boto3
import pytest
import requests
from botocore.config import Config
from botocore.exceptions import ClientError
from helpers import REGION, Factory, assert_error, studio_params

from moto_nimble import faults

NO_RETRIES = Config(retries={"total_max_attempts": 1, "mode": "standard"})


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def inject(
    nimble: Any, operation: str, region: str = REGION, **kwargs: Any
) -> dict[str, Any]:
    """Register a fault as the test's mode does: the Python registry
    in-process, the server's hook otherwise. The fault, as registered."""
    if nimble.in_process:
        return faults.inject(operation, region=region, **kwargs).document()
    body = {"operation": operation, **{camel(k): v for k, v in kwargs.items()}}
    answer = requests.post(
        f"{nimble.server_url}/nimble_{region}/moto-api/faults", json=body, timeout=10
    )
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


@pytest.fixture(autouse=True)
def no_faults_left() -> Any:
    yield
    faults.clear()


@pytest.fixture
def quiet(nimble: Any) -> Any:
    """A client that does not retry."""
    return nimble.make_client(config=NO_RETRIES)


# --- errors -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("error", "status"),
    [("ThrottlingException", 429), ("InternalServerErrorException", 500)],
)
def test_an_injected_error_answers_with_the_models_status(nimble, quiet, error, status):
    inject(nimble, "CreateStudio", error=error, count=2)

    for _ in range(2):
        with pytest.raises(ClientError) as excinfo:
            quiet.create_studio(**studio_params("fxstudio"))
        assert_error(excinfo, error, status)
    created = quiet.create_studio(**studio_params("fxstudio"))["studio"]

    # the failed calls stored nothing: the name was free for the third
    assert [s["studioId"] for s in quiet.list_studios()["studios"]] == [
        created["studioId"]
    ]


def test_an_error_comes_before_validation_and_changes_nothing(nimble, quiet):
    inject(nimble, "CreateStudio", error="ThrottlingException", message="slow down")
    bad = nimble.make_client(
        config=Config(parameter_validation=False, retries={"total_max_attempts": 1})
    )
    with pytest.raises(ClientError) as excinfo:
        bad.create_studio(
            adminRoleArn="", userRoleArn="", displayName="", studioName=""
        )
    assert_error(excinfo, "ThrottlingException", 429, "slow down")
    assert quiet.list_studios()["studios"] == []


@pytest.mark.parametrize(
    "error", ["ThrottlingException", "InternalServerErrorException"]
)
def test_botocores_standard_retries_ride_out_an_injected_error(nimble, error):
    inject(nimble, "ListStudios", error=error, count=2)
    client = nimble.make_client(
        config=Config(retries={"mode": "standard", "max_attempts": 3})
    )

    answer = client.list_studios()

    assert answer["ResponseMetadata"]["RetryAttempts"] == 2
    assert answer["ResponseMetadata"]["HTTPStatusCode"] == 200


def test_a_fault_without_a_count_lasts_until_cleared(nimble, quiet):
    inject(nimble, "ListStudios", error="ThrottlingException", count=None)
    for _ in range(3):
        with pytest.raises(ClientError):
            quiet.list_studios()
    if nimble.in_process:
        faults.clear()
    else:
        cleared = requests.delete(
            f"{nimble.server_url}/nimble_{REGION}/moto-api/faults", timeout=10
        )
        assert cleared.status_code == 200
    assert quiet.list_studios()["studios"] == []


def test_a_fault_applies_only_where_it_says(nimble, quiet, factory):
    studio_id = factory.studio()["studioId"]
    other_id = factory.studio("other")["studioId"]
    inject(nimble, "GetStudio", error="ThrottlingException", resource_id=studio_id)
    inject(nimble, "ListStudios", "eu-west-1", error="ThrottlingException")
    inject(
        nimble, "ListStudios", error="ThrottlingException", account_id="111122223333"
    )

    assert quiet.get_studio(studioId=other_id)["studio"]["studioId"] == other_id
    assert quiet.list_studios()["studios"]  # another region's, another account's
    with pytest.raises(ClientError) as excinfo:
        quiet.get_studio(studioId=studio_id)
    assert_error(excinfo, "ThrottlingException", 429)
    with pytest.raises(ClientError):
        nimble.make_client("eu-west-1", config=NO_RETRIES).list_studios()


def test_latency_is_slept_outside_the_backends_lock(nimble, quiet, factory):
    studio_id = factory.studio()["studioId"]
    inject(nimble, "GetStudio", latency=1.0)
    if nimble.in_process:
        started = time.monotonic()
        quiet.get_studio(studioId=studio_id)
        assert time.monotonic() - started >= 1.0
        return
    other = nimble.make_client(config=NO_RETRIES)
    slow = threading.Thread(target=quiet.get_studio, kwargs={"studioId": studio_id})
    started = time.monotonic()
    slow.start()
    time.sleep(0.2)
    other.list_studios()  # the same backend answers while the Get sleeps
    answered_meanwhile = time.monotonic() - started
    slow.join()
    assert answered_meanwhile < 0.9
    assert time.monotonic() - started >= 1.0


def test_draws_repeat_under_moto_seed(nimble, quiet):
    def pattern() -> list[bool]:
        requests_seed(nimble, 42)
        inject(
            nimble,
            "ListStudios",
            error="ThrottlingException",
            count=None,
            probability=0.5,
        )
        seen = []
        for _ in range(12):
            try:
                quiet.list_studios()
                seen.append(False)
            except ClientError:
                seen.append(True)
        faults.clear()
        if not nimble.in_process:
            requests.delete(
                f"{nimble.server_url}/nimble_{REGION}/moto-api/faults", timeout=10
            )
        return seen

    first, second = pattern(), pattern()
    assert first == second
    assert any(first)
    assert not all(first)


def requests_seed(nimble: Any, seed: int) -> None:
    if nimble.in_process:
        from moto.moto_api._internal import mock_random

        mock_random.seed(seed)
    else:
        requests.post(f"{nimble.server_url}/moto-api/seed?a={seed}", timeout=10)


# --- transitions that fail -------------------------------------------------------


def test_a_status_code_fails_the_transition_the_call_starts(nimble, quiet):
    inject(nimble, "CreateStudio", status_code="INTERNAL_ERROR", message="it broke")
    studio_id = quiet.create_studio(**studio_params("fxstudio"))["studio"]["studioId"]

    studio = quiet.get_studio(studioId=studio_id)["studio"]

    assert (studio["state"], studio["statusCode"]) == (
        "CREATE_FAILED",
        "INTERNAL_ERROR",
    )
    assert studio["statusMessage"] == "it broke"


@pytest.mark.parametrize(
    ("operation", "code", "failed"),
    [
        ("UpdateStudio", "ROLE_COULD_NOT_BE_ASSUMED", "UPDATE_FAILED"),
        ("DeleteStudioComponent", "INTERNAL_ERROR", "DELETE_FAILED"),
        ("UpdateStreamingImage", "ACCESS_DENIED", "UPDATE_FAILED"),
        ("CreateLaunchProfile", "INVALID_SUBNETS_PROVIDED", "CREATE_FAILED"),
        ("CreateStreamingSession", "INSUFFICIENT_CAPACITY", "CREATE_FAILED"),
        ("StopStreamingSession", "NETWORK_INTERFACE_ERROR", "STOP_FAILED"),
        ("StartStreamingSession", "AMI_VALIDATION_ERROR", "START_FAILED"),
        ("DeleteStreamingSession", "INTERNAL_ERROR", "DELETE_FAILED"),
        ("CreateStreamingSessionStream", "NETWORK_CONNECTION_ERROR", "CREATE_FAILED"),
    ],
)
def test_each_kind_of_transition_can_fail(
    nimble, client, factory, operation, code, failed
):
    built = World(client, factory, stoppable=operation == "StartStreamingSession")
    inject(nimble, operation, status_code=code)
    resource = built.call(operation)
    assert (resource["state"], resource["statusCode"]) == (failed, code)


def test_a_failed_update_keeps_what_it_replaced(nimble, client, factory):
    studio_id = factory.studio()["studioId"]
    inject(nimble, "UpdateStudio", status_code="INTERNAL_ERROR")
    client.update_studio(studioId=studio_id, displayName="renamed")
    studio = client.get_studio(studioId=studio_id)["studio"]
    assert (studio["state"], studio["displayName"]) == ("UPDATE_FAILED", "studio")


def test_a_refused_call_does_not_use_a_status_code_up(nimble, quiet, factory):
    factory.studio("studiotaken")
    inject(nimble, "CreateStudio", status_code="INTERNAL_ERROR")
    with pytest.raises(ClientError):
        quiet.create_studio(**studio_params("studiotaken"))  # 409: the name is taken
    studio_id = quiet.create_studio(**studio_params("studiofree"))["studio"]["studioId"]
    assert quiet.get_studio(studioId=studio_id)["studio"]["state"] == "CREATE_FAILED"
    again = quiet.create_studio(**studio_params("studiothird"))["studio"]["studioId"]
    assert quiet.get_studio(studioId=again)["studio"]["state"] == "READY"


def test_a_validation_fault_fails_results_and_leaves_the_profile_ready(nimble, factory):
    inject(
        nimble,
        "CreateLaunchProfile",
        validation={
            "VALIDATE_NETWORK_ACL_ASSOCIATION": "VALIDATION_FAILED_UNAUTHORIZED"
        },
    )
    *_, profile = factory.ready_profile()
    results = {r["type"]: r for r in profile["validationResults"]}
    assert profile["state"] == "READY"
    acl = results["VALIDATE_NETWORK_ACL_ASSOCIATION"]
    assert (acl["state"], acl["statusCode"]) == (
        "VALIDATION_FAILED",
        "VALIDATION_FAILED_UNAUTHORIZED",
    )
    others = {t for t, r in results.items() if r["state"] == "VALIDATION_SUCCESS"}
    assert len(others) == 3


def test_counts_hold_exactly_under_threads(nimble):
    inject(nimble, "CreateStudio", status_code="INTERNAL_ERROR", count=3)
    clients = [nimble.make_client(config=NO_RETRIES) for _ in range(8)]

    def create(index: int) -> str:
        made = clients[index].create_studio(**studio_params(f"studio{index}"))
        return str(made["studio"]["studioId"])

    with ThreadPoolExecutor(8) as pool:
        made = list(pool.map(create, range(8)))
    states = [clients[0].get_studio(studioId=i)["studio"]["state"] for i in made]
    assert sorted(states) == ["CREATE_FAILED"] * 3 + ["READY"] * 5


def test_error_counts_hold_exactly_under_threads(nimble):
    inject(nimble, "ListStudios", error="ThrottlingException", count=5)
    clients = [nimble.make_client(config=NO_RETRIES) for _ in range(8)]

    def call(index: int) -> bool:
        try:
            clients[index % 8].list_studios()
            return False
        except ClientError:
            return True

    with ThreadPoolExecutor(8) as pool:
        refused = list(pool.map(call, range(24)))
    assert refused.count(True) == 5


# --- where faults do not reach, and what clears them -------------------------------


def test_the_tagging_api_is_not_faulted(nimble, client, factory):
    studio = factory.studio()
    inject(nimble, "TagResource", error="InternalServerErrorException", count=None)
    tagging = boto3.client(
        "resourcegroupstaggingapi",
        region_name=REGION,
        endpoint_url=nimble.server_url,
    )
    tagging.tag_resources(ResourceARNList=[studio["arn"]], Tags={"team": "fx"})
    assert client.get_studio(studioId=studio["studioId"])["studio"]["tags"] == {
        "team": "fx"
    }


def test_reset_clears_faults(nimble, quiet):
    inject(nimble, "ListStudios", error="ThrottlingException", count=None)
    if nimble.in_process:
        from moto.core.base_backend import BackendDict

        BackendDict.reset()
    else:
        requests.post(f"{nimble.server_url}/moto-api/reset", timeout=10)
    assert faults.injected() == []
    assert quiet.list_studios()["studios"] == []


def test_a_mock_that_ends_clears_faults():
    from moto_nimble import mock_nimblestudio

    with mock_nimblestudio():
        faults.inject("ListStudios", error="ThrottlingException")
    assert faults.injected() == []


# --- what cannot be asked for ---------------------------------------------------------


@pytest.mark.parametrize(
    ("operation", "kwargs", "named"),
    [
        ("MakeCoffee", {"error": "ThrottlingException"}, "not an operation"),
        (
            "GetStreamingSessionBackup",
            {"error": "ServiceQuotaExceededException"},
            "GetStreamingSessionBackup answers",
        ),
        (
            "GetStudio",
            {"status_code": "INTERNAL_ERROR"},
            "GetStudio starts no transition",
        ),
        (
            "StartStudioSSOConfigurationRepair",
            {"status_code": "INTERNAL_ERROR"},
            "starts no transition",
        ),
        ("CreateStudio", {"status_code": "STUDIO_CREATED"}, "CreateStudio fails with"),
        (
            "CreateStudio",
            {"status_code": "STUDIO_CREATE_IN_PROGRESS"},
            "INTERNAL_ERROR",
        ),
        (
            "CreateStudio",
            {"error": "ThrottlingException", "status_code": "INTERNAL_ERROR"},
            "not both",
        ),
        ("CreateStudio", {}, "needs an error"),
        ("CreateStudio", {"latency": 61}, "latency"),
        ("CreateStudio", {"validation": {"VALIDATE_SUBNET_ASSOCIATION": "X"}}, "only"),
        (
            "CreateLaunchProfile",
            {"validation": {"VALIDATE_SUBNET_ASSOCIATION": "VALIDATION_SUCCESS"}},
            "VALIDATION_FAILED_UNAUTHORIZED",
        ),
        ("ListStudios", {"error": "ThrottlingException", "count": 0}, "count"),
        (
            "ListStudios",
            {"error": "ThrottlingException", "probability": 0},
            "probability",
        ),
    ],
)
def test_a_fault_that_cannot_happen_is_refused(operation, kwargs, named):
    with pytest.raises(ValueError, match=named):
        faults.inject(operation, **kwargs)
    assert faults.injected() == []


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"operation": 7},
        {"operation": "GetStudio"},
        {"operation": "GetStudio", "error": "NoSuchError"},
        {"operation": "ListStudios", "error": "ThrottlingException", "latency": -1},
        {"operation": "ListStudios", "error": "ThrottlingException", "accountId": "x"},
    ],
)
def test_the_hook_refuses_a_bad_body(server_url, body):
    answer = requests.post(
        f"{server_url}/nimble_{REGION}/moto-api/faults", json=body, timeout=10
    )
    assert answer.status_code == 400
    assert answer.json()["__type"] == "ValidationException"
    assert requests.get(
        f"{server_url}/nimble_{REGION}/moto-api/faults", timeout=10
    ).json() == {"faults": []}


def test_the_hook_answers_the_fault_as_registered(server_url):
    body = {"operation": "ListStudios", "error": "ThrottlingException", "count": None}
    try:
        registered = requests.post(
            f"{server_url}/nimble_eu-west-1/moto-api/faults", json=body, timeout=10
        ).json()
        listed = requests.get(
            f"{server_url}/nimble_eu-west-1/moto-api/faults", timeout=10
        ).json()
    finally:
        requests.delete(f"{server_url}/nimble_eu-west-1/moto-api/faults", timeout=10)
    assert registered["region"] == "eu-west-1"
    assert "count" not in registered  # until cleared
    assert {k: registered[k] for k in ("operation", "error")} == {
        "operation": "ListStudios",
        "error": "ThrottlingException",
    }
    assert listed["faults"] == [registered]


def test_moto_nimble_server_serves_the_hook():
    from moto_nimble.server import ThreadedNimbleServer

    with ThreadedNimbleServer() as server:
        url = server.url
        registered = requests.post(
            f"{url}/nimble_{REGION}/moto-api/faults",
            json={"operation": "ListStudios", "error": "ThrottlingException"},
            timeout=10,
        )
        client = boto3.client(
            "nimble", region_name=REGION, endpoint_url=url, config=NO_RETRIES
        )
        with pytest.raises(ClientError) as excinfo:
            client.list_studios()
    assert registered.status_code == 200
    assert_error(excinfo, "ThrottlingException", 429)


# --- a world to fail things in ---------------------------------------------------------


class World:
    """A READY studio, component, image, profile (sessions that can stop) and
    a session: each operation of the table acts on one of them."""

    def __init__(self, client: Any, factory: Factory, stoppable: bool = False) -> None:
        self.client = client
        studio, component, image, profile = factory.ready_profile(
            {
                "sessionPersistenceMode": "ACTIVATED",
                "automaticTerminationMode": "ACTIVATED",
                "maxStoppedSessionLengthInMinutes": 60,
            }
        )
        self.ids = {"studioId": studio["studioId"]}
        self.component_id = component["studioComponentId"]
        self.image_id = image["streamingImageId"]
        self.profile = profile
        self.session_id = factory.session(
            studio["studioId"], profile["launchProfileId"]
        )["sessionId"]
        if stoppable:
            client.stop_streaming_session(**self.ids, sessionId=self.session_id)
            client.get_streaming_session(**self.ids, sessionId=self.session_id)

    def call(self, operation: str) -> dict[str, Any]:
        """Call ``operation``, then Get what it started a transition on."""
        c, ids = self.client, self.ids
        session = {**ids, "sessionId": self.session_id}
        if operation == "CreateStudio":
            made = c.create_studio(**studio_params("anotherstudio"))["studio"]
            return dict(c.get_studio(studioId=made["studioId"])["studio"])
        if operation == "CreateStudioComponent":
            made = c.create_studio_component(**ids, name="farm", type="COMPUTE_FARM")
            component_id = made["studioComponent"]["studioComponentId"]
            return dict(
                c.get_studio_component(**ids, studioComponentId=component_id)[
                    "studioComponent"
                ]
            )
        if operation == "CreateStreamingImage":
            made = c.create_streaming_image(
                **ids, name="image", ec2ImageId="ami-0123456789abcdef0"
            )["streamingImage"]
            return dict(
                c.get_streaming_image(**ids, streamingImageId=made["streamingImageId"])[
                    "streamingImage"
                ]
            )
        if operation == "UpdateStudio":
            c.update_studio(**ids, displayName="x")
            return dict(c.get_studio(**ids)["studio"])
        if operation == "DeleteStudioComponent":
            c.delete_studio_component(**ids, studioComponentId=self.component_id)
            return dict(
                c.get_studio_component(**ids, studioComponentId=self.component_id)[
                    "studioComponent"
                ]
            )
        if operation == "UpdateStreamingImage":
            c.update_streaming_image(**ids, streamingImageId=self.image_id, name="x")
            return dict(
                c.get_streaming_image(**ids, streamingImageId=self.image_id)[
                    "streamingImage"
                ]
            )
        if operation == "CreateLaunchProfile":
            made = c.create_launch_profile(
                **ids,
                name="second",
                ec2SubnetIds=self.profile["ec2SubnetIds"],
                launchProfileProtocolVersions=["2021-03-31"],
                streamConfiguration=self.profile["streamConfiguration"],
                studioComponentIds=[self.component_id],
            )["launchProfile"]
            return dict(
                c.get_launch_profile(**ids, launchProfileId=made["launchProfileId"])[
                    "launchProfile"
                ]
            )
        if operation == "CreateStreamingSession":
            made = c.create_streaming_session(
                **ids, launchProfileId=self.profile["launchProfileId"]
            )["session"]
            return dict(
                c.get_streaming_session(**ids, sessionId=made["sessionId"])["session"]
            )
        if operation == "CreateStreamingSessionStream":
            stream = c.create_streaming_session_stream(**session)["stream"]
            return dict(
                c.get_streaming_session_stream(**session, streamId=stream["streamId"])[
                    "stream"
                ]
            )
        method = {
            "StopStreamingSession": c.stop_streaming_session,
            "StartStreamingSession": c.start_streaming_session,
            "DeleteStreamingSession": c.delete_streaming_session,
        }[operation]
        method(**session)
        return dict(c.get_streaming_session(**session)["session"])


# --- every row of docs/failures.md ------------------------------------------------------


def _table() -> list[tuple[str, str, str, str]]:
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "scripts" / "failures.py"
    spec = importlib.util.spec_from_file_location("failures_table", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(path.parent))  # as when the script runs
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(path.parent))
    return list(module.rows())


TABLE = _table()


@pytest.mark.parametrize(
    ("shape", "code", "operation"),
    [(shape, code, example.split('"')[1]) for shape, code, _, example in TABLE],
    ids=[f"{shape}-{code}" for shape, code, _, _ in TABLE],
)
def test_every_failure_of_the_table_happens(
    nimble, client, factory, shape, code, operation
):
    world = World(client, factory)
    if shape == "ValidationResult":
        kind = "VALIDATE_SUBNET_ASSOCIATION"
        inject(nimble, operation, validation={kind: code})
        profile = world.call(operation)
        (result,) = [r for r in profile["validationResults"] if r["type"] == kind]
        assert profile["state"] == "READY"
        assert result["statusCode"] == code
        assert result["state"].startswith("VALIDATION_FAILED")
        return
    inject(nimble, operation, status_code=code)
    resource = world.call(operation)
    assert (resource["state"], resource["statusCode"]) == ("CREATE_FAILED", code)
    if shape != "StreamingSessionStream":  # a stream shows no statusMessage
        from moto_nimble.models.failures import FAILURE_MESSAGES

        assert resource["statusMessage"] == FAILURE_MESSAGES[code]
