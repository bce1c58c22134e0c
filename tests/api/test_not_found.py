"""The ResourceNotFoundException every operation shares, one table a
resource, built from the service model: an operation that names a studio (or
a launch profile, session, image, component, backup or EULA) that does not
exist, or a studio or launch profile that is DELETED, answers 404, with the ID
in the message and in ``context.resourceId``, whatever its other parameters
(but the reads of a deleted resource, and a repeated delete, which answer).

A resource family's own file keeps the cases that are its own: a deleted
resource, one of another studio, what a rejected request left unchanged."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError
from helpers import (
    MISSING_ID,
    MODEL,
    UNKNOWN_STUDIO,
    assert_error,
    call,
    minimal_params,
    operations_with,
)


def assert_not_found(excinfo: Any, resource_id: str) -> None:
    response = assert_error(excinfo, "ResourceNotFoundException", 404, resource_id)
    assert response["context"] == {"resourceId": resource_id}


@pytest.mark.parametrize("operation", operations_with("studioId"))
def test_an_unknown_studio_is_not_found(client, operation):
    with pytest.raises(ClientError) as excinfo:
        call(client, operation, **minimal_params(operation, studioId=UNKNOWN_STUDIO))
    assert_not_found(excinfo, UNKNOWN_STUDIO)


#: the IDs of resources that sit right in a studio (or, for a EULA, in no
#: studio), as a request's path names them
TOP_LEVEL_IDS = [
    "backupId",
    "eulaId",
    "launchProfileId",
    "sessionId",
    "streamingImageId",
    "studioComponentId",
]
NAMED = [
    (member, operation)
    for member in TOP_LEVEL_IDS
    for operation in operations_with(member)
    if member in MODEL.operation_model(operation).input_shape.required_members
]


@pytest.mark.parametrize(("member", "operation"), NAMED)
def test_an_unknown_resource_in_a_studio_is_not_found(
    client, studio_id, member, operation
):
    params = minimal_params(operation, **{member: MISSING_ID})
    if "studioId" in params:
        params["studioId"] = studio_id
    with pytest.raises(ClientError) as excinfo:
        call(client, operation, **params)
    assert_not_found(excinfo, MISSING_ID)


#: what still answers for a DELETED resource: its reads, and a repeated delete
ANSWER_FOR_DELETED = {
    "DeleteLaunchProfile",
    "DeleteStudio",
    "GetLaunchProfile",
    "GetLaunchProfileDetails",
    "GetStudio",
}


@pytest.mark.parametrize(
    "operation",
    [op for op in operations_with("studioId") if op not in ANSWER_FOR_DELETED],
)
def test_a_deleted_studio_is_not_found(client, factory, operation):
    studio_id = factory.studio("gone")["studioId"]
    client.delete_studio(studioId=studio_id)
    assert client.get_studio(studioId=studio_id)["studio"]["state"] == "DELETED"
    with pytest.raises(ClientError) as excinfo:
        call(client, operation, **minimal_params(operation, studioId=studio_id))
    assert_not_found(excinfo, studio_id)


@pytest.mark.parametrize(
    "operation",
    [op for op in operations_with("launchProfileId") if op not in ANSWER_FOR_DELETED],
)
def test_a_deleted_launch_profile_is_not_found(client, factory, operation):
    studio, *_, profile = factory.ready_profile()
    ids = {
        "studioId": studio["studioId"],
        "launchProfileId": profile["launchProfileId"],
    }
    client.delete_launch_profile(**ids)
    assert client.get_launch_profile(**ids)["launchProfile"]["state"] == "DELETED"
    with pytest.raises(ClientError) as excinfo:
        call(client, operation, **minimal_params(operation, **ids))
    assert_not_found(excinfo, profile["launchProfileId"])
