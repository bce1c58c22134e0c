"""Model constraints checked by the server (ValidationException 400 naming the
member path, and nothing created), and clientToken idempotency.

botocore checks only required members, minimums, types and unions on the
client side, so those cases go through a client built with
``parameter_validation=False``, as another SDK would send them.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from botocore.exceptions import ClientError
from fuzz_requests import OPERATIONS, IdPool, structure_for, with_nulls
from helpers import (
    AMI,
    MODEL,
    assert_error,
    call,
    launch_profile_params,
    minimal_params,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from moto_nimble.exceptions import ValidationException
from moto_nimble.validation import validate


def profile_params(
    parts: tuple[str, str, str], config: dict[str, Any] | None = None, **overrides: Any
) -> dict[str, Any]:
    """CreateLaunchProfile's parameters in the studio of ``parts``; ``config``
    is merged into streamConfiguration."""
    studio_id, component_id, image_id = parts
    params = launch_profile_params(component_id, image_id)
    params["streamConfiguration"].update(config or {})
    return {"studioId": studio_id, **params, **overrides}


def profiles(client: Any, studio_id: str) -> list[dict[str, Any]]:
    return client.list_launch_profiles(studioId=studio_id)["launchProfiles"]


def assert_rejected(excinfo: Any, *paths: str) -> None:
    """A ValidationException whose message names each member path."""
    assert_error(excinfo, "ValidationException", 400, *(f"'{p}'" for p in paths))


def rejection(call: Any, **kwargs: Any) -> str:
    """The message of the ValidationException (400) the call must fail with."""
    with pytest.raises(ClientError) as excinfo:
        call(**kwargs)
    return assert_error(excinfo, "ValidationException", 400)["Error"]["Message"]


def test_create_launch_profile_required_member_missing(raw_client, parts):
    cases = [
        ("name", "name"),
        ("ec2SubnetIds", "ec2SubnetIds"),
        ("clipboardMode", "streamConfiguration.clipboardMode"),
    ]
    for drop, path in cases:
        params = profile_params(parts)
        params.pop(drop, None)
        params["streamConfiguration"].pop(drop, None)
        message = rejection(raw_client.create_launch_profile, **params)
        assert f"'{path}'" in message, (drop, message)
    assert profiles(raw_client, parts[0]) == []


#: (operation, member) for every required member a request can leave out: a
#: member of the path cannot be (botocore needs it to build the URL)
REQUIRED = [
    (name, member)
    for name in sorted(MODEL.operation_names)
    if (shape := MODEL.operation_model(name).input_shape) is not None
    for member in sorted(shape.required_members)
    if shape.members[member].serialization.get("location") != "uri"
]


@pytest.mark.parametrize(("operation", "member"), REQUIRED)
def test_a_missing_required_member_is_named(raw_client, studio_id, operation, member):
    """Every other member present and valid, in a READY studio."""
    params = minimal_params(operation)
    if "studioId" in params:
        params["studioId"] = studio_id
    del params[member]
    with pytest.raises(ClientError) as excinfo:
        call(raw_client, operation, **params)
    assert_error(
        excinfo,
        "ValidationException",
        400,
        f"Value null at '{member}'",
        "Member must not be null",
    )


def test_create_launch_profile_enum(client, parts):
    with pytest.raises(ClientError) as excinfo:
        client.create_launch_profile(
            **profile_params(parts, {"clipboardMode": "SOMETIMES"})
        )
    assert_rejected(excinfo, "streamConfiguration.clipboardMode")
    assert profiles(client, parts[0]) == []


def test_create_launch_profile_enum_in_list(client, parts):
    with pytest.raises(ClientError) as excinfo:
        client.create_launch_profile(
            **profile_params(parts, {"ec2InstanceTypes": ["g4dn.xlarge", "t3.micro"]})
        )
    assert_error(
        excinfo, "ValidationException", 400, "streamConfiguration.ec2InstanceTypes"
    )
    assert profiles(client, parts[0]) == []


def test_create_launch_profile_string_too_long(client, parts):
    with pytest.raises(ClientError) as excinfo:
        client.create_launch_profile(**profile_params(parts, name="n" * 65))
    assert_rejected(excinfo, "name")
    assert profiles(client, parts[0]) == []


def test_create_launch_profile_string_too_short(raw_client, parts):
    with pytest.raises(ClientError) as excinfo:
        raw_client.create_launch_profile(**profile_params(parts, name=""))
    assert_rejected(excinfo, "name")
    assert profiles(raw_client, parts[0]) == []


def test_create_streaming_image_pattern(client, factory):
    studio_id = factory.studio()["studioId"]
    with pytest.raises(ClientError) as excinfo:
        client.create_streaming_image(
            studioId=studio_id, name="img", ec2ImageId="image-1"
        )
    assert_rejected(excinfo, "ec2ImageId")
    images = client.list_streaming_images(studioId=studio_id, owner=studio_id)
    assert images["streamingImages"] == []


def test_create_streaming_session_pattern(client, factory):
    studio, *_, profile = factory.ready_profile()
    with pytest.raises(ClientError) as excinfo:
        client.create_streaming_session(
            studioId=studio["studioId"],
            launchProfileId=profile["launchProfileId"],
            streamingImageId="not/an/id",
        )
    assert_rejected(excinfo, "streamingImageId")
    assert client.list_streaming_sessions(studioId=studio["studioId"])["sessions"] == []


def test_create_launch_profile_list_too_long(client, parts):
    cases = [
        (
            {},
            {"ec2InstanceTypes": ["g4dn.xlarge"] * 31},
            "streamConfiguration.ec2InstanceTypes",
        ),
        ({"ec2SubnetIds": [f"subnet-{i}" for i in range(7)]}, {}, "ec2SubnetIds"),
        (
            {},
            {"streamingImageIds": ["YGXAqgoWTnCNSV8VP20sHQ"] * 21},
            "streamConfiguration.streamingImageIds",
        ),
    ]
    for overrides, config, path in cases:
        params = profile_params(parts, config, **overrides)
        message = rejection(client.create_launch_profile, **params)
        assert f"'{path}'" in message, message
    assert profiles(client, parts[0]) == []


def test_create_launch_profile_list_too_short(raw_client, parts):
    cases = [
        ({}, {"ec2InstanceTypes": []}, "streamConfiguration.ec2InstanceTypes"),
        ({}, {"streamingImageIds": []}, "streamConfiguration.streamingImageIds"),
        ({"studioComponentIds": []}, {}, "studioComponentIds"),
    ]
    for overrides, config, path in cases:
        params = profile_params(parts, config, **overrides)
        message = rejection(raw_client.create_launch_profile, **params)
        assert f"'{path}'" in message, message
    assert profiles(raw_client, parts[0]) == []


def test_create_launch_profile_number_out_of_range(raw_client, parts):
    cases = [
        ("maxSessionLengthInMinutes", 0),
        ("maxSessionLengthInMinutes", 50000),
        ("maxStoppedSessionLengthInMinutes", -1),
        ("maxStoppedSessionLengthInMinutes", 5761),
    ]
    for member, value in cases:
        params = profile_params(parts, {member: value})
        message = rejection(raw_client.create_launch_profile, **params)
        assert f"'streamConfiguration.{member}'" in message, (value, message)
    assert profiles(raw_client, parts[0]) == []


def test_create_launch_profile_nested_number_out_of_range(client, parts):
    config = {
        "sessionPersistenceMode": "ACTIVATED",
        "volumeConfiguration": {"size": 20000},
    }
    with pytest.raises(ClientError) as excinfo:
        client.create_launch_profile(**profile_params(parts, config))
    assert_rejected(excinfo, "streamConfiguration.volumeConfiguration.size")
    assert profiles(client, parts[0]) == []


def test_create_launch_profile_several_errors(raw_client, parts):
    params = profile_params(parts, {"maxSessionLengthInMinutes": 0}, name="n" * 65)
    with pytest.raises(ClientError) as excinfo:
        raw_client.create_launch_profile(**params)
    assert_rejected(excinfo, "name", "streamConfiguration.maxSessionLengthInMinutes")
    assert profiles(raw_client, parts[0]) == []


def test_create_studio_component_union(raw_client, factory):
    studio_id = factory.studio()["studioId"]
    two_members = {
        "computeFarmConfiguration": {"endpoint": "tcp://farm:4433"},
        "licenseServiceConfiguration": {"endpoint": "tcp://license:27000"},
    }
    for configuration in (two_members, {}):
        message = rejection(
            raw_client.create_studio_component,
            studioId=studio_id,
            name="farm",
            type="COMPUTE_FARM",
            configuration=configuration,
        )
        assert "'configuration'" in message, (configuration, message)
    assert (
        raw_client.list_studio_components(studioId=studio_id)["studioComponents"] == []
    )


def test_update_launch_profile_string_too_long(client, factory):
    studio, *_, profile = factory.ready_profile()
    with pytest.raises(ClientError) as excinfo:
        client.update_launch_profile(
            studioId=studio["studioId"],
            launchProfileId=profile["launchProfileId"],
            description="d" * 257,
        )
    assert_rejected(excinfo, "description")
    after = client.get_launch_profile(
        studioId=studio["studioId"], launchProfileId=profile["launchProfileId"]
    )["launchProfile"]
    assert after == profile


def test_create_launch_profile_same_client_token(client, parts):
    params = profile_params(parts, clientToken="create-profile-1")
    first = client.create_launch_profile(**params)["launchProfile"]
    client.get_launch_profile(
        studioId=parts[0], launchProfileId=first["launchProfileId"]
    )

    again = client.create_launch_profile(**params)["launchProfile"]
    # the first response again, not the profile's current (READY) state
    assert again == first
    assert [p["launchProfileId"] for p in profiles(client, parts[0])] == [
        first["launchProfileId"]
    ]


def test_create_launch_profile_same_client_token_different_params(client, parts):
    first = client.create_launch_profile(**profile_params(parts, clientToken="token-2"))
    with pytest.raises(ClientError) as excinfo:
        client.create_launch_profile(
            **profile_params(parts, clientToken="token-2", name="another")
        )
    assert_error(excinfo, "ValidationException", 400)
    listed = profiles(client, parts[0])
    assert [p["launchProfileId"] for p in listed] == [
        first["launchProfile"]["launchProfileId"]
    ]
    assert listed[0]["name"] == "profile"


def test_create_streaming_session_same_client_token(client, factory):
    studio, *_, profile = factory.ready_profile()
    params = {
        "studioId": studio["studioId"],
        "launchProfileId": profile["launchProfileId"],
        "clientToken": "session-1",
    }
    first = client.create_streaming_session(**params)["session"]
    again = client.create_streaming_session(**params)["session"]
    assert again["sessionId"] == first["sessionId"]
    sessions = client.list_streaming_sessions(studioId=studio["studioId"])["sessions"]
    assert [s["sessionId"] for s in sessions] == [first["sessionId"]]


def test_client_token_scoped_to_operation(client, factory):
    studio_id = factory.studio()["studioId"]
    image = client.create_streaming_image(
        studioId=studio_id, name="img", ec2ImageId=AMI, clientToken="shared"
    )["streamingImage"]
    component = client.create_studio_component(
        studioId=studio_id, name="farm", type="COMPUTE_FARM", clientToken="shared"
    )["studioComponent"]
    assert image["streamingImageId"] != component["studioComponentId"]
    assert component["name"] == "farm"


@settings(max_examples=200, deadline=None, derandomize=True)
@given(data=st.data())
def test_nulls_anywhere_read_as_not_sent(data):
    """For every operation: valid input with members it leaves out sent as
    null, at any depth, validates exactly as the input without them, and the
    backend is handed the input without them."""
    spec = data.draw(st.sampled_from(OPERATIONS), label="operation")
    assert spec.input_shape is not None
    params = data.draw(structure_for(spec.input_shape, IdPool()), label="params")
    nulled = with_nulls(data.draw, spec.input_shape, params)

    outcomes = []
    for sent in (copy.deepcopy(params), nulled):
        try:
            validate(spec.input_shape, sent)
            outcomes.append(("valid", sent))
        except ValidationException as error:
            outcomes.append(("invalid", str(error)))
    assert outcomes[0] == outcomes[1]
