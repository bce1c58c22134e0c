"""The caller fields hold the STS ``UserId`` of the request's credentials, read
once per request: an IAM user's ID, ``<role id>:<session name>`` for an
assumed role (the service's published outputs show
``"createdBy": "AROA3OO2NEHCCYRNDDIFT:i-EXAMPLE11111"``), and moto's default
identity for keys moto does not know."""

from __future__ import annotations

import json
from typing import Any

import pytest
from helpers import ACCOUNT, REGION, Factory
from hypothesis import given, settings
from hypothesis import strategies as st

from moto_nimble import nimble_backends
from moto_nimble.context import DEFAULT_CALLER, acting_as, caller
from moto_nimble.sessions import boto3_session

TRUST = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
                "Action": "sts:AssumeRole",
            }
        ],
    }
)


def aws(nimble: Any, service: str, **credentials: str) -> Any:
    kwargs: dict[str, Any] = {"region_name": REGION, **credentials}
    if nimble.server_url:
        kwargs["endpoint_url"] = nimble.server_url
    return boto3_session().client(service, **kwargs)


def credentials_of_user(nimble: Any) -> tuple[dict[str, str], str]:
    iam = aws(nimble, "iam")
    user = iam.create_user(UserName="artist")["User"]
    key = iam.create_access_key(UserName="artist")["AccessKey"]
    return (
        {
            "aws_access_key_id": key["AccessKeyId"],
            "aws_secret_access_key": key["SecretAccessKey"],
        },
        user["UserId"],
    )


def credentials_of_role(nimble: Any) -> dict[str, str]:
    iam = aws(nimble, "iam")
    role = iam.create_role(RoleName="render", AssumeRolePolicyDocument=TRUST)["Role"]
    assumed = aws(nimble, "sts").assume_role(
        RoleArn=role["Arn"], RoleSessionName="i-EXAMPLE11111"
    )
    found = assumed["Credentials"]
    return {
        "aws_access_key_id": found["AccessKeyId"],
        "aws_secret_access_key": found["SecretAccessKey"],
        "aws_session_token": found["SessionToken"],
    }


def session_by(nimble_client: Any, factory: Factory) -> dict[str, Any]:
    studio, _, _, profile = factory.ready_profile()
    session = nimble_client.create_streaming_session(
        studioId=studio["studioId"], launchProfileId=profile["launchProfileId"]
    )["session"]
    return dict(session)


def test_unknown_keys_are_moto_default_identity(nimble, client, factory):
    session = session_by(client, factory)

    identity = aws(nimble, "sts").get_caller_identity()["UserId"]
    assert identity == DEFAULT_CALLER
    assert session["createdBy"] == session["ownedBy"] == DEFAULT_CALLER


def test_iam_user_is_its_user_id(nimble):
    keys, user_id = credentials_of_user(nimble)
    as_user = aws(nimble, "nimble", **keys)

    session = session_by(as_user, Factory(as_user))

    assert aws(nimble, "sts", **keys).get_caller_identity()["UserId"] == user_id
    assert session["createdBy"] == session["ownedBy"] == user_id


def test_assumed_role_is_role_id_and_session_name(nimble):
    keys = credentials_of_role(nimble)
    as_role = aws(nimble, "nimble", **keys)

    session = session_by(as_role, Factory(as_role))

    user_id = aws(nimble, "sts", **keys).get_caller_identity()["UserId"]
    assert user_id.startswith("AROA")
    assert user_id.endswith(":i-EXAMPLE11111")
    assert session["createdBy"] == session["ownedBy"] == user_id


def test_every_caller_field_follows_the_caller(nimble):
    keys, user_id = credentials_of_user(nimble)
    as_user = aws(nimble, "nimble", **keys)
    factory = Factory(as_user)
    studio, component, _, profile = factory.ready_profile(
        {
            "sessionPersistenceMode": "ACTIVATED",
            "automaticTerminationMode": "ACTIVATED",
            "maxStoppedSessionLengthInMinutes": 60,
        }
    )
    studio_id = studio["studioId"]
    session = as_user.create_streaming_session(
        studioId=studio_id, launchProfileId=profile["launchProfileId"]
    )["session"]
    as_user.get_streaming_session(studioId=studio_id, sessionId=session["sessionId"])
    stopped = as_user.stop_streaming_session(
        studioId=studio_id, sessionId=session["sessionId"]
    )["session"]
    as_user.get_streaming_session(studioId=studio_id, sessionId=session["sessionId"])
    started = as_user.start_streaming_session(
        studioId=studio_id, sessionId=session["sessionId"]
    )["session"]
    images = as_user.list_streaming_images(studioId=studio_id, owner="amazon")[
        "streamingImages"
    ]
    accepted = as_user.accept_eulas(
        studioId=studio_id, eulaIds=images[0]["eulaIds"][:1]
    )

    assert component["createdBy"] == component["updatedBy"] == user_id
    assert profile["createdBy"] == profile["updatedBy"] == user_id
    assert stopped["stoppedBy"] == started["startedBy"] == user_id
    assert accepted["eulaAcceptances"][0]["acceptedBy"] == user_id


def test_backend_calls_outside_a_request_name_their_caller(factory, nimble):
    if not nimble.in_process:
        pytest.skip("reaches into the backend")
    studio_id = factory.studio()["studioId"]
    backend = nimble_backends[ACCOUNT][REGION]

    assert caller() == DEFAULT_CALLER
    with acting_as("AIDAEXAMPLEUSERID"):
        named = backend.create_studio_component(
            studio_id=studio_id, name="farm", type="COMPUTE_FARM"
        )
    unnamed = backend.create_studio_component(
        studio_id=studio_id, name="farm2", type="COMPUTE_FARM"
    )

    assert named.created_by == "AIDAEXAMPLEUSERID"
    assert unnamed.created_by == DEFAULT_CALLER


_KEYISH = st.text(alphabet="ABCKEY0123456789", min_size=18, max_size=22)
_GLUE = st.sampled_from(
    ["AWS", "AWS4-HMAC-SHA256 Credential=", "/", ":", ",", " ", "=", "a", "aws"]
)


@settings(max_examples=500, derandomize=True, database=None)
@given(st.lists(st.one_of(_KEYISH, _GLUE), max_size=8).map("".join))
def test_the_access_key_is_the_one_moto_reads(authorization):
    """The request's key is the one moto's own services read from the
    Authorization header (BaseResponse.access_key_regex), for any header."""
    from moto.core.responses import BaseResponse

    from moto_nimble.wire.identity import request_access_key
    from moto_nimble.wire.request import WireRequest

    found = BaseResponse.access_key_regex.search(authorization)
    expected = found.group(1) if found else "AKIAEXAMPLE"
    request = WireRequest(
        method="GET",
        raw_path="/",
        query_string="",
        headers={"authorization": authorization},
        host="",
        read_body=lambda _limit: b"",
    )
    assert request_access_key(request) == expected
