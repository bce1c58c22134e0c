"""Service quotas: ServiceQuotaExceededException (402), changed by environment variables."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError
from helpers import assert_error

from moto_nimble.settings import QUOTA_DEFAULTS as DEFAULTS
from moto_nimble.settings import quota


def test_published_defaults(monkeypatch):
    for name in DEFAULTS:
        monkeypatch.delenv(f"MOTO_NIMBLE_QUOTA_{name.upper()}", raising=False)
    assert quota("launch_profiles_per_studio") == 50
    assert quota("streaming_images_per_studio") == 10
    assert quota("shared_file_system_components_per_studio") == 10
    assert quota("g5_sessions_per_studio") is None
    monkeypatch.setenv("MOTO_NIMBLE_QUOTA_LAUNCH_PROFILES_PER_STUDIO", "unlimited")
    assert quota("launch_profiles_per_studio") is None


def test_streaming_images_per_studio(client, factory, monkeypatch):
    monkeypatch.setenv("MOTO_NIMBLE_QUOTA_STREAMING_IMAGES_PER_STUDIO", "2")
    studio_id = factory.studio()["studioId"]
    first, _ = (factory.image(studio_id)["streamingImageId"] for _ in range(2))
    with pytest.raises(ClientError) as excinfo:
        client.create_streaming_image(
            studioId=studio_id, name="third", ec2ImageId="ami-0abc"
        )
    assert_error(
        excinfo, "ServiceQuotaExceededException", 402, "streaming images per studio"
    )
    own = client.list_streaming_images(studioId=studio_id, owner=studio_id)
    assert len(own["streamingImages"]) == 2

    # a deleted image no longer counts
    client.delete_streaming_image(studioId=studio_id, streamingImageId=first)
    client.get_streaming_image(studioId=studio_id, streamingImageId=first)
    assert factory.image(studio_id, name="third")["state"] == "READY"


def test_launch_profiles_per_studio(client, factory, monkeypatch):
    monkeypatch.setenv("MOTO_NIMBLE_QUOTA_LAUNCH_PROFILES_PER_STUDIO", "1")
    studio, component, image, _ = factory.ready_profile()
    with pytest.raises(ClientError) as excinfo:
        factory.launch_profile(
            studio["studioId"],
            [component["studioComponentId"]],
            [image["streamingImageId"]],
        )
    assert_error(excinfo, "ServiceQuotaExceededException", 402, "launch profiles")
    assert (
        len(client.list_launch_profiles(studioId=studio["studioId"])["launchProfiles"])
        == 1
    )


def test_shared_file_system_components_per_studio(client, factory, monkeypatch):
    monkeypatch.setenv(
        "MOTO_NIMBLE_QUOTA_SHARED_FILE_SYSTEM_COMPONENTS_PER_STUDIO", "1"
    )
    studio_id = factory.studio()["studioId"]
    factory.component(studio_id, name="fsx", type="SHARED_FILE_SYSTEM")
    factory.component(
        studio_id, name="farm", type="COMPUTE_FARM"
    )  # other types do not count
    with pytest.raises(ClientError) as excinfo:
        client.create_studio_component(
            studioId=studio_id, name="fsx2", type="SHARED_FILE_SYSTEM"
        )
    assert_error(excinfo, "ServiceQuotaExceededException", 402, "shared file system")
    listed = client.list_studio_components(studioId=studio_id)["studioComponents"]
    assert [c["name"] for c in listed] == ["fsx", "farm"]


def test_shared_file_system_quota_holds_on_update(client, factory, monkeypatch):
    """A component updated into a SHARED_FILE_SYSTEM counts as one more."""
    monkeypatch.setenv(
        "MOTO_NIMBLE_QUOTA_SHARED_FILE_SYSTEM_COMPONENTS_PER_STUDIO", "1"
    )
    studio_id = factory.studio()["studioId"]
    fsx = factory.component(studio_id, name="fsx", type="SHARED_FILE_SYSTEM")
    custom = factory.component(studio_id, name="custom", type="CUSTOM")
    client.update_studio_component(  # the one it has stays within the quota
        studioId=studio_id,
        studioComponentId=fsx["studioComponentId"],
        type="SHARED_FILE_SYSTEM",
        description="still one",
    )
    client.get_studio_component(
        studioId=studio_id, studioComponentId=fsx["studioComponentId"]
    )

    with pytest.raises(ClientError) as excinfo:
        client.update_studio_component(
            studioId=studio_id,
            studioComponentId=custom["studioComponentId"],
            type="SHARED_FILE_SYSTEM",
        )

    assert_error(excinfo, "ServiceQuotaExceededException", 402, "shared file system")
    listed = client.list_studio_components(studioId=studio_id)["studioComponents"]
    assert [(c["name"], c["type"]) for c in listed] == [
        ("fsx", "SHARED_FILE_SYSTEM"),
        ("custom", "CUSTOM"),
    ]


def test_g5_sessions_per_studio(client, factory, monkeypatch):
    monkeypatch.setenv("MOTO_NIMBLE_QUOTA_G5_SESSIONS_PER_STUDIO", "0")
    studio, _, _, profile = factory.ready_profile(
        stream_configuration={"ec2InstanceTypes": ["g5.xlarge", "g4dn.xlarge"]}
    )
    studio_id, profile_id = studio["studioId"], profile["launchProfileId"]
    with pytest.raises(ClientError) as excinfo:
        client.create_streaming_session(studioId=studio_id, launchProfileId=profile_id)
    assert_error(excinfo, "ServiceQuotaExceededException", 402, "g5 sessions")
    assert client.list_streaming_sessions(studioId=studio_id)["sessions"] == []
    session = factory.session(studio_id, profile_id, ec2InstanceType="g4dn.xlarge")
    assert session["ec2InstanceType"] == "g4dn.xlarge"
