"""CreateLaunchProfile, GetLaunchProfile, ListLaunchProfiles, UpdateLaunchProfile,
DeleteLaunchProfile."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError
from helpers import (
    ACCOUNT,
    ID_PATTERN,
    MISSING_ID,
    PROTOCOL_VERSION,
    REGION,
    STOPPABLE,
    assert_error,
    create_studio,
)

VALIDATION_TYPES = [
    "VALIDATE_ACTIVE_DIRECTORY_STUDIO_COMPONENT",
    "VALIDATE_SUBNET_ASSOCIATION",
    "VALIDATE_NETWORK_ACL_ASSOCIATION",
    "VALIDATE_SECURITY_GROUP_ASSOCIATION",
]


def params(component_id: str, image_id: str, **overrides: Any) -> dict[str, Any]:
    """CreateLaunchProfile parameters (without studioId); streamConfiguration
    members in ``overrides['config']`` are merged into the defaults."""
    config = {
        "clipboardMode": "ENABLED",
        "ec2InstanceTypes": ["g4dn.xlarge", "g4dn.2xlarge"],
        "streamingImageIds": [image_id],
        **overrides.pop("config", {}),
    }
    return {
        "name": "profile",
        "ec2SubnetIds": ["subnet-0123456789abcdef0"],
        "launchProfileProtocolVersions": [PROTOCOL_VERSION],
        "studioComponentIds": [component_id],
        "streamConfiguration": config,
        **overrides,
    }


def profile_ids(client: Any, studio_id: str, **kwargs: Any) -> list[str]:
    profiles = client.list_launch_profiles(studioId=studio_id, **kwargs)[
        "launchProfiles"
    ]
    return [p["launchProfileId"] for p in profiles]


def test_create_launch_profile(client, parts):
    studio_id, component_id, image_id = parts
    profile = client.create_launch_profile(
        studioId=studio_id,
        description="for artists",
        tags={"team": "fx"},
        **params(component_id, image_id),
    )["launchProfile"]

    assert ID_PATTERN.match(profile["launchProfileId"])
    assert profile["arn"] == (
        f"arn:aws:nimble:{REGION}:{ACCOUNT}:launch-profile/{profile['launchProfileId']}"
    )
    assert profile["state"] == "CREATE_IN_PROGRESS"
    assert profile["statusCode"] == "LAUNCH_PROFILE_CREATE_IN_PROGRESS"
    assert profile["name"] == "profile"
    assert profile["description"] == "for artists"
    assert profile["ec2SubnetIds"] == ["subnet-0123456789abcdef0"]
    assert profile["launchProfileProtocolVersions"] == [PROTOCOL_VERSION]
    assert profile["studioComponentIds"] == [component_id]
    assert profile["tags"] == {"team": "fx"}
    assert profile["createdBy"]
    assert profile["updatedBy"] == profile["createdBy"]
    assert profile["updatedAt"] == profile["createdAt"]
    assert [v["type"] for v in profile["validationResults"]] == VALIDATION_TYPES
    assert all(
        v["state"] in ("VALIDATION_NOT_STARTED", "VALIDATION_IN_PROGRESS")
        for v in profile["validationResults"]
    )


def test_create_launch_profile_ids_are_unique(client, parts):
    studio_id, component_id, image_id = parts
    first = client.create_launch_profile(
        studioId=studio_id, **params(component_id, image_id)
    )
    second = client.create_launch_profile(
        studioId=studio_id, **params(component_id, image_id)
    )
    assert (
        first["launchProfile"]["launchProfileId"]
        != second["launchProfile"]["launchProfileId"]
    )


def test_get_launch_profile(client, parts):
    studio_id, component_id, image_id = parts
    profile_id = client.create_launch_profile(
        studioId=studio_id, **params(component_id, image_id)
    )["launchProfile"]["launchProfileId"]

    profile = client.get_launch_profile(studioId=studio_id, launchProfileId=profile_id)[
        "launchProfile"
    ]

    assert profile["launchProfileId"] == profile_id
    assert profile["state"] == "READY"
    assert profile["statusCode"] == "LAUNCH_PROFILE_CREATED"
    assert profile["statusMessage"] == "Launch Profile has been created"
    assert profile["validationResults"] == [
        {
            "type": t,
            "state": "VALIDATION_SUCCESS",
            "statusCode": "VALIDATION_SUCCESS",
            "statusMessage": "The validation succeeded.",
        }
        for t in VALIDATION_TYPES
    ]
    assert profile["tags"] == {}


def test_get_launch_profile_stream_configuration_defaults(factory):
    *_, image, profile = factory.ready_profile()
    assert profile["streamConfiguration"] == {
        "clipboardMode": "ENABLED",
        "ec2InstanceTypes": ["g4dn.xlarge", "g4dn.2xlarge"],
        "streamingImageIds": [image["streamingImageId"]],
        "maxSessionLengthInMinutes": 690,
        "maxStoppedSessionLengthInMinutes": 0,
        "sessionPersistenceMode": "DEACTIVATED",
        "sessionBackup": {"mode": "DEACTIVATED"},
    }


def test_get_launch_profile_persistence_defaults_automatic_termination_mode(factory):
    *_, profile = factory.ready_profile(
        stream_configuration={"sessionPersistenceMode": "ACTIVATED"}
    )
    config = profile["streamConfiguration"]
    assert config["automaticTerminationMode"] == "DEACTIVATED"
    assert config["maxStoppedSessionLengthInMinutes"] == 0
    assert config["sessionBackup"] == {"mode": "DEACTIVATED"}


def test_get_launch_profile_stream_configuration_echoed(factory):
    *_, profile = factory.ready_profile(
        stream_configuration={
            **STOPPABLE,
            "maxSessionLengthInMinutes": 120,
            "sessionBackup": {"mode": "AUTOMATIC", "maxBackupsToRetain": 3},
        }
    )
    config = profile["streamConfiguration"]
    assert config["sessionPersistenceMode"] == "ACTIVATED"
    assert config["automaticTerminationMode"] == "ACTIVATED"
    assert config["maxSessionLengthInMinutes"] == 120
    assert config["maxStoppedSessionLengthInMinutes"] == 60
    assert config["volumeConfiguration"] == {
        "size": 500,
        "throughput": 125,
        "iops": 3000,
    }
    assert config["sessionBackup"] == {"mode": "AUTOMATIC", "maxBackupsToRetain": 3}


@pytest.mark.parametrize(
    ("config", "member"),
    [
        ({"volumeConfiguration": {"size": 500}}, "volumeConfiguration"),
        (
            {
                "sessionPersistenceMode": "DEACTIVATED",
                "automaticTerminationMode": "ACTIVATED",
            },
            "automaticTerminationMode",
        ),
        ({"sessionBackup": {"mode": "AUTOMATIC"}}, "sessionBackup.mode"),
        ({"maxStoppedSessionLengthInMinutes": 60}, "maxStoppedSessionLengthInMinutes"),
        (
            {
                "sessionPersistenceMode": "ACTIVATED",
                "maxStoppedSessionLengthInMinutes": 60,
            },
            "maxStoppedSessionLengthInMinutes",
        ),
        (
            {
                "sessionPersistenceMode": "ACTIVATED",
                "automaticTerminationMode": "DEACTIVATED",
                "maxStoppedSessionLengthInMinutes": 60,
            },
            "maxStoppedSessionLengthInMinutes",
        ),
    ],
    ids=[
        "volume-without-persistence",
        "termination-without-persistence",
        "automatic-backup-without-persistence",
        "max-stopped-without-persistence",
        "max-stopped-without-termination",
        "max-stopped-with-termination-deactivated",
    ],
)
def test_create_launch_profile_invalid_stream_configuration(
    client, parts, config, member
):
    studio_id, component_id, image_id = parts
    with pytest.raises(ClientError) as excinfo:
        client.create_launch_profile(
            studioId=studio_id, **params(component_id, image_id, config=config)
        )
    assert_error(excinfo, "ValidationException", 400, member)
    assert profile_ids(client, studio_id) == []


def test_create_launch_profile_empty_protocol_versions(client, parts):
    studio_id, component_id, image_id = parts
    with pytest.raises(ClientError) as excinfo:
        client.create_launch_profile(
            studioId=studio_id,
            **params(component_id, image_id, launchProfileProtocolVersions=[]),
        )
    assert_error(excinfo, "ValidationException", 400, "launchProfileProtocolVersions")
    assert profile_ids(client, studio_id) == []


def test_create_launch_profile_unknown_studio_component(client, parts):
    studio_id, component_id, image_id = parts
    with pytest.raises(ClientError) as excinfo:
        client.create_launch_profile(
            studioId=studio_id,
            **params(
                component_id, image_id, studioComponentIds=[component_id, MISSING_ID]
            ),
        )
    response = assert_error(excinfo, "ResourceNotFoundException", 404)
    assert response["context"] == {"resourceId": MISSING_ID}
    assert profile_ids(client, studio_id) == []


def test_create_launch_profile_deleted_studio_component(client, factory, parts):
    studio_id, component_id, image_id = parts
    other = factory.component(studio_id, name="gone")["studioComponentId"]
    client.delete_studio_component(studioId=studio_id, studioComponentId=other)
    client.get_studio_component(studioId=studio_id, studioComponentId=other)  # DELETED
    with pytest.raises(ClientError) as excinfo:
        client.create_launch_profile(
            studioId=studio_id,
            **params(component_id, image_id, studioComponentIds=[other]),
        )
    response = assert_error(excinfo, "ResourceNotFoundException", 404)
    assert response["context"] == {"resourceId": other}
    assert profile_ids(client, studio_id) == []


def test_create_launch_profile_component_of_other_studio(client, factory, parts):
    studio_id, _, image_id = parts
    other_studio = factory.studio(name="other")["studioId"]
    foreign = factory.component(other_studio)["studioComponentId"]
    with pytest.raises(ClientError) as excinfo:
        client.create_launch_profile(studioId=studio_id, **params(foreign, image_id))
    response = assert_error(excinfo, "ResourceNotFoundException", 404)
    assert response["context"] == {"resourceId": foreign}
    assert profile_ids(client, studio_id) == []


def test_create_launch_profile_missing_streaming_image(client, parts):
    studio_id, component_id, _ = parts
    profile = client.create_launch_profile(
        studioId=studio_id, **params(component_id, MISSING_ID)
    )["launchProfile"]
    assert profile["state"] == "CREATE_IN_PROGRESS"

    settled = client.get_launch_profile(
        studioId=studio_id, launchProfileId=profile["launchProfileId"]
    )["launchProfile"]
    assert settled["state"] == "CREATE_FAILED"
    assert settled["statusCode"] == "STREAMING_IMAGE_NOT_FOUND"


def test_update_launch_profile_create_failed(client, parts):
    """CREATE_FAILED is final: the profile can be deleted, not updated."""
    studio_id, component_id, _ = parts
    profile_id = client.create_launch_profile(
        studioId=studio_id, **params(component_id, MISSING_ID)
    )["launchProfile"]["launchProfileId"]
    failed = client.get_launch_profile(studioId=studio_id, launchProfileId=profile_id)[
        "launchProfile"
    ]
    assert failed["state"] == "CREATE_FAILED"

    with pytest.raises(ClientError) as excinfo:
        client.update_launch_profile(
            studioId=studio_id, launchProfileId=profile_id, description="fixed"
        )

    assert_error(excinfo, "ConflictException", 409, "CREATE_FAILED")
    again = client.get_launch_profile(studioId=studio_id, launchProfileId=profile_id)
    assert again["launchProfile"] == failed
    client.delete_launch_profile(studioId=studio_id, launchProfileId=profile_id)
    deleted = client.get_launch_profile(studioId=studio_id, launchProfileId=profile_id)
    assert deleted["launchProfile"]["state"] == "DELETED"


def test_create_launch_profile_with_amazon_image(client, parts):
    studio_id, component_id, _ = parts
    profile_id = client.create_launch_profile(
        studioId=studio_id, **params(component_id, "YGXAqgoWTnCNSV8VP20sHQ")
    )["launchProfile"]["launchProfileId"]
    profile = client.get_launch_profile(studioId=studio_id, launchProfileId=profile_id)[
        "launchProfile"
    ]
    assert profile["state"] == "READY"


def test_create_launch_profile_studio_not_ready(client, parts):
    _, component_id, image_id = parts
    studio_id = create_studio(client, "fresh")["studioId"]
    with pytest.raises(ClientError) as excinfo:
        client.create_launch_profile(
            studioId=studio_id, **params(component_id, image_id)
        )
    assert_error(excinfo, "ConflictException", 409)
    assert profile_ids(client, studio_id) == []


def test_get_launch_profile_of_other_studio(client, factory):
    _, _, _, profile = factory.ready_profile()
    other_studio = factory.studio(name="other")["studioId"]
    with pytest.raises(ClientError) as excinfo:
        client.get_launch_profile(
            studioId=other_studio, launchProfileId=profile["launchProfileId"]
        )
    response = assert_error(excinfo, "ResourceNotFoundException", 404)
    assert response["context"] == {"resourceId": profile["launchProfileId"]}


def test_list_launch_profiles(client, factory, parts):
    studio_id, component_id, image_id = parts
    created = [
        factory.launch_profile(studio_id, [component_id], [image_id], name=f"p{i}")
        for i in range(3)
    ]
    listed = client.list_launch_profiles(studioId=studio_id)
    assert "nextToken" not in listed
    assert [p["launchProfileId"] for p in listed["launchProfiles"]] == [
        p["launchProfileId"] for p in created
    ]
    assert [p["name"] for p in listed["launchProfiles"]] == ["p0", "p1", "p2"]
    assert all(p["state"] == "READY" for p in listed["launchProfiles"])


def test_list_launch_profiles_empty(client, parts):
    listed = client.list_launch_profiles(studioId=parts[0])
    assert listed["launchProfiles"] == []
    assert "nextToken" not in listed


def test_list_launch_profiles_omits_deleted(client, factory, parts):
    studio_id, component_id, image_id = parts
    keep, gone = (
        factory.launch_profile(studio_id, [component_id], [image_id])["launchProfileId"]
        for _ in range(2)
    )
    client.delete_launch_profile(studioId=studio_id, launchProfileId=gone)
    assert profile_ids(client, studio_id) == [keep]


def test_list_launch_profiles_states_filter(client, factory, parts):
    studio_id, component_id, image_id = parts
    ready, gone = (
        factory.launch_profile(studio_id, [component_id], [image_id])["launchProfileId"]
        for _ in range(2)
    )
    failed = client.create_launch_profile(
        studioId=studio_id, **params(component_id, MISSING_ID)
    )["launchProfile"]["launchProfileId"]
    client.delete_launch_profile(studioId=studio_id, launchProfileId=gone)

    assert profile_ids(client, studio_id, states=["DELETED"]) == [gone]
    assert profile_ids(client, studio_id, states=["CREATE_FAILED"]) == [failed]
    assert profile_ids(client, studio_id, states=["READY", "DELETED"]) == [ready, gone]


def test_list_launch_profiles_principal_id_filter(client, factory, parts):
    # principalId means membership: the profiles the principal is a USER
    # member of, and every profile for an ADMINISTRATOR of the studio.
    studio_id, component_id, image_id = parts
    first = factory.launch_profile(studio_id, [component_id], [image_id])
    second = factory.launch_profile(studio_id, [component_id], [image_id], name="b")
    first_id, second_id = first["launchProfileId"], second["launchProfileId"]
    user = "92677b4b19-e9fd012a-94ad-4f16-9866-c69a63ab6486"
    admin = "EXAMPLE111-e9fd012a-94ad-4f16-9866-c69a63ab6486"
    store = "d-EXAMPLE111"
    assert profile_ids(client, studio_id, principalId=user) == []
    assert profile_ids(client, studio_id, principalId=admin) == []

    client.put_launch_profile_members(
        studioId=studio_id,
        launchProfileId=second_id,
        identityStoreId=store,
        members=[{"principalId": user, "persona": "USER"}],
    )
    client.put_studio_members(
        studioId=studio_id,
        identityStoreId=store,
        members=[{"principalId": admin, "persona": "ADMINISTRATOR"}],
    )
    assert profile_ids(client, studio_id, principalId=user) == [second_id]
    assert profile_ids(client, studio_id, principalId=admin) == [first_id, second_id]
    assert profile_ids(client, studio_id, principalId="somebody-else") == []
    # the filter combines with states: DELETED profiles only when asked for
    client.delete_launch_profile(studioId=studio_id, launchProfileId=first_id)
    client.get_launch_profile(studioId=studio_id, launchProfileId=first_id)
    assert profile_ids(client, studio_id, principalId=admin) == [second_id]
    assert profile_ids(client, studio_id, principalId=admin, states=["DELETED"]) == [
        first_id
    ]

    client.delete_launch_profile_member(
        studioId=studio_id, launchProfileId=second_id, principalId=user
    )
    client.delete_studio_member(studioId=studio_id, principalId=admin)
    assert profile_ids(client, studio_id, principalId=user) == []
    assert profile_ids(client, studio_id, principalId=admin) == []
    assert profile_ids(client, studio_id) == [second_id]


def test_update_launch_profile(client, factory):
    studio, component, image, profile = factory.ready_profile()
    studio_id, profile_id = studio["studioId"], profile["launchProfileId"]
    other = factory.component(studio_id, name="license", type="LICENSE_SERVICE")

    updated = client.update_launch_profile(
        studioId=studio_id,
        launchProfileId=profile_id,
        name="renamed",
        description="new text",
        studioComponentIds=[component["studioComponentId"], other["studioComponentId"]],
        streamConfiguration={
            "clipboardMode": "DISABLED",
            "ec2InstanceTypes": ["g5.xlarge"],
            "streamingImageIds": [image["streamingImageId"]],
            "maxSessionLengthInMinutes": 60,
        },
    )["launchProfile"]
    assert updated["state"] == "UPDATE_IN_PROGRESS"
    assert updated["statusCode"] == "LAUNCH_PROFILE_UPDATE_IN_PROGRESS"

    settled = client.get_launch_profile(studioId=studio_id, launchProfileId=profile_id)[
        "launchProfile"
    ]
    assert settled["state"] == "READY"
    assert settled["statusCode"] == "LAUNCH_PROFILE_UPDATED"
    assert settled["statusMessage"] == "Launch Profile has been updated"
    assert settled["name"] == "renamed"
    assert settled["description"] == "new text"
    assert settled["studioComponentIds"] == [
        component["studioComponentId"],
        other["studioComponentId"],
    ]
    assert settled["streamConfiguration"] == {
        "clipboardMode": "DISABLED",
        "ec2InstanceTypes": ["g5.xlarge"],
        "streamingImageIds": [image["streamingImageId"]],
        "maxSessionLengthInMinutes": 60,
        "maxStoppedSessionLengthInMinutes": 0,
        "sessionPersistenceMode": "DEACTIVATED",
        "sessionBackup": {"mode": "DEACTIVATED"},
    }
    assert settled["createdAt"] == profile["createdAt"]
    assert settled["updatedAt"] >= profile["updatedAt"]
    assert settled["ec2SubnetIds"] == profile["ec2SubnetIds"]


def test_update_launch_profile_in_transition(client, parts):
    studio_id, component_id, image_id = parts
    profile_id = client.create_launch_profile(
        studioId=studio_id, **params(component_id, image_id)
    )["launchProfile"]["launchProfileId"]
    with pytest.raises(ClientError) as excinfo:
        client.update_launch_profile(
            studioId=studio_id, launchProfileId=profile_id, name="renamed"
        )
    assert_error(excinfo, "ConflictException", 409)
    profile = client.get_launch_profile(studioId=studio_id, launchProfileId=profile_id)[
        "launchProfile"
    ]
    assert profile["name"] == "profile"


def test_update_launch_profile_invalid_stream_configuration(client, factory):
    studio, _, image, profile = factory.ready_profile()
    with pytest.raises(ClientError) as excinfo:
        client.update_launch_profile(
            studioId=studio["studioId"],
            launchProfileId=profile["launchProfileId"],
            streamConfiguration={
                "clipboardMode": "ENABLED",
                "ec2InstanceTypes": ["g4dn.xlarge"],
                "streamingImageIds": [image["streamingImageId"]],
                "volumeConfiguration": {"size": 500},
            },
        )
    assert_error(excinfo, "ValidationException", 400, "volumeConfiguration")
    after = client.get_launch_profile(
        studioId=studio["studioId"], launchProfileId=profile["launchProfileId"]
    )["launchProfile"]
    assert after["state"] == "READY"
    assert after["streamConfiguration"] == profile["streamConfiguration"]
    assert after["updatedAt"] == profile["updatedAt"]


def test_update_launch_profile_unknown_studio_component(client, factory):
    studio, _, _, profile = factory.ready_profile()
    with pytest.raises(ClientError) as excinfo:
        client.update_launch_profile(
            studioId=studio["studioId"],
            launchProfileId=profile["launchProfileId"],
            studioComponentIds=[MISSING_ID],
        )
    response = assert_error(excinfo, "ResourceNotFoundException", 404)
    assert response["context"] == {"resourceId": MISSING_ID}
    after = client.get_launch_profile(
        studioId=studio["studioId"], launchProfileId=profile["launchProfileId"]
    )["launchProfile"]
    assert after["studioComponentIds"] == profile["studioComponentIds"]
    assert after["state"] == "READY"


def test_update_launch_profile_missing_streaming_image(client, factory):
    studio, _, _, profile = factory.ready_profile()
    client.update_launch_profile(
        studioId=studio["studioId"],
        launchProfileId=profile["launchProfileId"],
        streamConfiguration={
            "clipboardMode": "ENABLED",
            "ec2InstanceTypes": ["g4dn.xlarge"],
            "streamingImageIds": [MISSING_ID],
        },
    )
    settled = client.get_launch_profile(
        studioId=studio["studioId"], launchProfileId=profile["launchProfileId"]
    )["launchProfile"]
    assert settled["state"] == "UPDATE_FAILED"
    assert settled["statusCode"] == "STREAMING_IMAGE_NOT_FOUND"


def test_failed_update_leaves_the_profile_as_it_was(client, factory):
    """A failed update returns the resource to what it was when the update
    was asked for (the model's StudioComponentState documentation)."""
    studio, _, _, profile = factory.ready_profile()
    ids = {
        "studioId": studio["studioId"],
        "launchProfileId": profile["launchProfileId"],
    }

    answer = client.update_launch_profile(
        **ids,
        name="renamed",
        description="changed",
        streamConfiguration={
            "clipboardMode": "DISABLED",
            "ec2InstanceTypes": ["g4dn.xlarge"],
            "streamingImageIds": [MISSING_ID],
        },
    )["launchProfile"]

    assert (answer["state"], answer["name"]) == ("UPDATE_IN_PROGRESS", "renamed")
    settled = client.get_launch_profile(**ids)["launchProfile"]
    assert settled["state"] == "UPDATE_FAILED"
    for member in ("name", "description", "streamConfiguration"):
        assert settled.get(member) == profile.get(member), member
    client.update_launch_profile(**ids, description="fixed")
    fixed = client.get_launch_profile(**ids)["launchProfile"]
    assert (fixed["state"], fixed["description"]) == ("READY", "fixed")
    assert fixed["streamConfiguration"] == profile["streamConfiguration"]


def test_update_launch_profile_deleted(client, factory):
    studio, _, _, profile = factory.ready_profile()
    studio_id, profile_id = studio["studioId"], profile["launchProfileId"]
    client.delete_launch_profile(studioId=studio_id, launchProfileId=profile_id)
    client.get_launch_profile(studioId=studio_id, launchProfileId=profile_id)  # DELETED
    with pytest.raises(ClientError) as excinfo:
        client.update_launch_profile(
            studioId=studio_id, launchProfileId=profile_id, name="x"
        )
    response = assert_error(excinfo, "ResourceNotFoundException", 404)
    assert response["context"] == {"resourceId": profile_id}
    after = client.get_launch_profile(studioId=studio_id, launchProfileId=profile_id)[
        "launchProfile"
    ]
    assert after["state"] == "DELETED"
    assert after["name"] == "profile"


def test_delete_launch_profile(client, factory):
    studio, _, _, profile = factory.ready_profile()
    studio_id, profile_id = studio["studioId"], profile["launchProfileId"]

    deleted = client.delete_launch_profile(
        studioId=studio_id, launchProfileId=profile_id
    )["launchProfile"]
    assert deleted["launchProfileId"] == profile_id
    assert deleted["state"] == "DELETE_IN_PROGRESS"
    assert deleted["statusCode"] == "LAUNCH_PROFILE_DELETE_IN_PROGRESS"

    settled = client.get_launch_profile(studioId=studio_id, launchProfileId=profile_id)[
        "launchProfile"
    ]
    assert settled["state"] == "DELETED"
    assert settled["statusCode"] == "LAUNCH_PROFILE_DELETED"
    assert profile_ids(client, studio_id) == []


def test_delete_launch_profile_again(client, factory):
    studio, _, _, profile = factory.ready_profile()
    studio_id, profile_id = studio["studioId"], profile["launchProfileId"]
    client.delete_launch_profile(studioId=studio_id, launchProfileId=profile_id)
    client.get_launch_profile(studioId=studio_id, launchProfileId=profile_id)

    again = client.delete_launch_profile(studioId=studio_id, launchProfileId=profile_id)
    assert again["launchProfile"]["state"] == "DELETED"


def test_delete_launch_profile_with_sessions(client, factory):
    studio, _, _, profile = factory.ready_profile()
    studio_id, profile_id = studio["studioId"], profile["launchProfileId"]
    factory.session(studio_id, profile_id)

    deleted = client.delete_launch_profile(
        studioId=studio_id, launchProfileId=profile_id
    )
    assert deleted["launchProfile"]["state"] == "DELETE_IN_PROGRESS"

    settled = client.get_launch_profile(studioId=studio_id, launchProfileId=profile_id)[
        "launchProfile"
    ]
    assert settled["state"] == "DELETE_FAILED"
    assert settled["statusCode"] == "LAUNCH_PROFILE_WITH_STREAM_SESSIONS_NOT_DELETED"


def test_a_failed_delete_leaves_profile_and_studio_in_use(client, factory):
    """A delete that fails returns the resource to what it was (the model's
    StudioComponentState): its DELETE_FAILED stays on show, for the Deleted
    waiter, while sessions, initializations and children go on as before."""
    studio, _, _, profile = factory.ready_profile()
    ids = {
        "studioId": studio["studioId"],
        "launchProfileId": profile["launchProfileId"],
    }
    factory.session(ids["studioId"], ids["launchProfileId"])
    client.delete_launch_profile(**ids)
    client.delete_studio(studioId=ids["studioId"])
    assert client.get_launch_profile(**ids)["launchProfile"]["state"] == "DELETE_FAILED"
    assert client.get_studio(studioId=ids["studioId"])["studio"]["state"] == (
        "DELETE_FAILED"
    )

    session = client.create_streaming_session(**ids)["session"]
    initialization = client.get_launch_profile_initialization(
        **ids,
        launchProfileProtocolVersions=[PROTOCOL_VERSION],
        launchPurpose="WORKSTATION",
        platform="LINUX",
    )["launchProfileInitialization"]
    component = client.create_studio_component(
        studioId=ids["studioId"], name="later", type="CUSTOM"
    )["studioComponent"]

    assert session["state"] == "CREATE_IN_PROGRESS"
    assert initialization["launchProfileId"] == ids["launchProfileId"]
    assert component["state"] == "CREATE_IN_PROGRESS"
    assert client.get_launch_profile(**ids)["launchProfile"]["state"] == "DELETE_FAILED"


def test_delete_launch_profile_after_sessions_deleted(client, factory):
    studio, _, _, profile = factory.ready_profile()
    studio_id, profile_id = studio["studioId"], profile["launchProfileId"]
    session_id = factory.session(studio_id, profile_id)["sessionId"]
    client.delete_streaming_session(studioId=studio_id, sessionId=session_id)
    client.get_streaming_session(studioId=studio_id, sessionId=session_id)  # DELETED

    client.delete_launch_profile(studioId=studio_id, launchProfileId=profile_id)
    settled = client.get_launch_profile(studioId=studio_id, launchProfileId=profile_id)[
        "launchProfile"
    ]
    assert settled["state"] == "DELETED"
