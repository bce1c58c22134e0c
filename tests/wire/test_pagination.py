"""The list operations through boto3's paginators: page sizes, creation order
across pages, filters across pages, and tokens the service did not issue."""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError
from helpers import create_studio, launch_profile_params

AMAZON_IMAGE_IDS = ["Cw_jXnp1QcSSXhE2hkNRoQ", "YGXAqgoWTnCNSV8VP20sHQ"]


def pages(
    client: Any, operation: str, key: str, id_key: str, **kwargs: Any
) -> list[list[str]]:
    """The IDs on each page a paginator returns."""
    paginator = client.get_paginator(operation)
    return [
        [item[id_key] for item in page[key]] for page in paginator.paginate(**kwargs)
    ]


def error_of(call: Any, **kwargs: Any) -> tuple[str, int] | None:
    """The error code and HTTP status a call fails with, or None if it succeeds."""
    try:
        call(**kwargs)
    except ClientError as error:
        return error.response["Error"]["Code"], error.response["ResponseMetadata"][
            "HTTPStatusCode"
        ]
    return None


def create_studios(client: Any, count: int) -> list[str]:
    return [
        create_studio(client, f"studio{i:03d}", displayName=f"studio {i}")["studioId"]
        for i in range(count)
    ]


def create_components(client: Any, studio_id: str, types: list[str]) -> list[str]:
    return [
        client.create_studio_component(studioId=studio_id, name=f"c{i}", type=kind)[
            "studioComponent"
        ]["studioComponentId"]
        for i, kind in enumerate(types)
    ]


def create_profiles(
    client: Any, studio_id: str, count: int, image_id: str
) -> list[str]:
    component_id = create_components(client, studio_id, ["COMPUTE_FARM"])[0]
    return [
        client.create_launch_profile(
            studioId=studio_id,
            **launch_profile_params(
                component_id, image_id, name=f"p{i}", ec2SubnetIds=[]
            ),
        )["launchProfile"]["launchProfileId"]
        for i in range(count)
    ]


def create_images(client: Any, studio_id: str, count: int) -> list[str]:
    return [
        client.create_streaming_image(
            studioId=studio_id, name=f"i{i}", ec2ImageId="ami-0123456789abcdef0"
        )["streamingImage"]["streamingImageId"]
        for i in range(count)
    ]


def create_sessions(
    client: Any, studio_id: str, profile_id: str, owners: list[str]
) -> list[str]:
    return [
        client.create_streaming_session(
            studioId=studio_id, launchProfileId=profile_id, ownedBy=owner
        )["session"]["sessionId"]
        for owner in owners
    ]


def test_list_studios_paginator(client):
    created = create_studios(client, 101)
    listed = pages(client, "list_studios", "studios", "studioId")
    assert [len(page) for page in listed] == [100, 1]
    assert [i for page in listed for i in page] == created


def test_list_studios_paginator_max_items(client):
    created = create_studios(client, 5)
    paginator = client.get_paginator("list_studios")

    first = paginator.paginate(PaginationConfig={"MaxItems": 3}).build_full_result()
    assert [s["studioId"] for s in first["studios"]] == created[:3]
    rest = paginator.paginate(
        PaginationConfig={"StartingToken": first["NextToken"]}
    ).build_full_result()
    assert [s["studioId"] for s in rest["studios"]] == created[3:]
    assert "NextToken" not in rest


def test_list_studio_components_paginator(client, factory):
    studio_id = factory.studio()["studioId"]
    created = create_components(client, studio_id, ["COMPUTE_FARM"] * 5)
    listed = pages(
        client,
        "list_studio_components",
        "studioComponents",
        "studioComponentId",
        studioId=studio_id,
        PaginationConfig={"PageSize": 2},
    )
    assert listed == [created[0:2], created[2:4], created[4:]]


def test_list_studio_components_paginator_types_filter(client, factory):
    studio_id = factory.studio()["studioId"]
    kinds = ["COMPUTE_FARM", "LICENSE_SERVICE"] * 4
    created = create_components(client, studio_id, kinds)
    licenses = [
        c for c, kind in zip(created, kinds, strict=True) if kind == "LICENSE_SERVICE"
    ]
    listed = pages(
        client,
        "list_studio_components",
        "studioComponents",
        "studioComponentId",
        studioId=studio_id,
        types=["LICENSE_SERVICE"],
        PaginationConfig={"PageSize": 3},
    )
    assert listed == [licenses[:3], licenses[3:]]


def test_list_studio_components_page_capped_at_50(client, factory):
    studio_id = factory.studio()["studioId"]
    created = create_components(client, studio_id, ["COMPUTE_FARM"] * 51)
    first = client.list_studio_components(studioId=studio_id, maxResults=100)
    assert [c["studioComponentId"] for c in first["studioComponents"]] == created[:50]
    rest = client.list_studio_components(
        studioId=studio_id, nextToken=first["nextToken"]
    )
    assert [c["studioComponentId"] for c in rest["studioComponents"]] == created[50:]
    assert "nextToken" not in rest


def test_list_launch_profiles_paginator(client, factory):
    studio_id = factory.studio()["studioId"]
    image_id = factory.image(studio_id)["streamingImageId"]
    created = create_profiles(client, studio_id, 5, image_id)
    listed = pages(
        client,
        "list_launch_profiles",
        "launchProfiles",
        "launchProfileId",
        studioId=studio_id,
        PaginationConfig={"PageSize": 2},
    )
    assert listed == [created[0:2], created[2:4], created[4:]]


def test_list_launch_profiles_paginator_max_items(client, factory):
    studio_id = factory.studio()["studioId"]
    image_id = factory.image(studio_id)["streamingImageId"]
    created = create_profiles(client, studio_id, 5, image_id)
    paginator = client.get_paginator("list_launch_profiles")

    first = paginator.paginate(
        studioId=studio_id, PaginationConfig={"MaxItems": 3, "PageSize": 2}
    ).build_full_result()
    assert [p["launchProfileId"] for p in first["launchProfiles"]] == created[:3]
    rest = paginator.paginate(
        studioId=studio_id,
        PaginationConfig={"PageSize": 2, "StartingToken": first["NextToken"]},
    ).build_full_result()
    assert [p["launchProfileId"] for p in rest["launchProfiles"]] == created[3:]


def test_list_launch_profiles_paginator_states_filter(client, factory):
    studio_id = factory.studio()["studioId"]
    image_id = factory.image(studio_id)["streamingImageId"]
    created = create_profiles(client, studio_id, 6, image_id)
    for profile_id in created:
        client.get_launch_profile(studioId=studio_id, launchProfileId=profile_id)
    deleted = created[1::2]
    for profile_id in deleted:
        client.delete_launch_profile(studioId=studio_id, launchProfileId=profile_id)

    def listed(**kwargs: Any) -> list[list[str]]:
        return pages(
            client,
            "list_launch_profiles",
            "launchProfiles",
            "launchProfileId",
            studioId=studio_id,
            PaginationConfig={"PageSize": 2},
            **kwargs,
        )

    assert listed(states=["DELETED"]) == [deleted[:2], deleted[2:]]
    assert listed() == [created[0::2][:2], created[0::2][2:]]


def test_list_streaming_images_paginator(client, factory, monkeypatch):
    # A full default page needs more images than the default quota of 10.
    monkeypatch.setenv("MOTO_NIMBLE_QUOTA_STREAMING_IMAGES_PER_STUDIO", "unlimited")
    studio_id = factory.studio()["studioId"]
    created = create_images(client, studio_id, 99)
    listed = pages(
        client,
        "list_streaming_images",
        "streamingImages",
        "streamingImageId",
        studioId=studio_id,
    )
    assert [len(page) for page in listed] == [100, 1]
    assert [i for page in listed for i in page] == AMAZON_IMAGE_IDS + created


def test_list_streaming_images_paginator_owner_filter(client, factory, monkeypatch):
    monkeypatch.setenv("MOTO_NIMBLE_PAGE_SIZE", "4")
    studio_id = factory.studio()["studioId"]
    created = create_images(client, studio_id, 10)

    def listed(owner: str) -> list[list[str]]:
        return pages(
            client,
            "list_streaming_images",
            "streamingImages",
            "streamingImageId",
            studioId=studio_id,
            owner=owner,
        )

    assert listed(studio_id) == [created[:4], created[4:8], created[8:]]
    assert listed("amazon") == [AMAZON_IMAGE_IDS]


def test_list_streaming_sessions_paginator(client, factory):
    studio, *_, profile = factory.ready_profile()
    created = create_sessions(
        client, studio["studioId"], profile["launchProfileId"], ["a"] * 101
    )
    listed = pages(
        client,
        "list_streaming_sessions",
        "sessions",
        "sessionId",
        studioId=studio["studioId"],
    )
    assert [len(page) for page in listed] == [100, 1]
    assert [i for page in listed for i in page] == created


def test_list_streaming_sessions_paginator_owned_by_filter(client, factory):
    studio, *_, profile = factory.ready_profile()
    owners = ["bob"] * 3 + ["alice"] * 101
    created = create_sessions(
        client, studio["studioId"], profile["launchProfileId"], owners
    )
    alice = created[3:]
    listed = pages(
        client,
        "list_streaming_sessions",
        "sessions",
        "sessionId",
        studioId=studio["studioId"],
        ownedBy="alice",
    )
    assert listed == [alice[:100], alice[100:]]


def test_list_invalid_next_token(client, factory):
    studio_id = factory.studio()["studioId"]
    calls = [("list_studios", {})] + [
        (operation, {"studioId": studio_id})
        for operation in [
            "list_studio_components",
            "list_launch_profiles",
            "list_streaming_images",
            "list_streaming_sessions",
        ]
    ]
    # garbage, and a well-formed base64 string the service never issued
    tokens = ["not-a-token", "%%%", "bmltYmxlMTo5OTk5"]
    outcomes = {
        (operation, token): error_of(
            getattr(client, operation), nextToken=token, **kwargs
        )
        for operation, kwargs in calls
        for token in tokens
    }
    assert outcomes == dict.fromkeys(outcomes, ("ValidationException", 400))


def test_a_token_works_only_for_the_list_it_came_from(client, factory):
    """A nextToken names its list: another studio's, or another operation's,
    is refused rather than read as a position there."""
    first, second = (factory.studio(f"studio{i}")["studioId"] for i in range(2))
    for studio_id in (first, second):
        for name in ("a", "b"):
            factory.component(studio_id, name=name)
    token = client.list_studio_components(studioId=first, maxResults=1)["nextToken"]

    elsewhere = [
        (client.list_studio_components, {"studioId": second}),
        (client.list_streaming_images, {"studioId": first}),
        (client.list_launch_profiles, {"studioId": first}),
        (client.list_studios, {}),
        (client.list_eula_acceptances, {"studioId": first}),
        (client.list_studio_members, {"studioId": first}),
    ]
    for call, kwargs in elsewhere:
        assert error_of(call, nextToken=token, **kwargs) == (
            "ValidationException",
            400,
        ), call
    page = client.list_studio_components(studioId=first, nextToken=token)
    assert [c["name"] for c in page["studioComponents"]] == ["b"]


def test_eula_acceptance_pages_hold_when_one_is_accepted_between(
    client, factory, monkeypatch
):
    """ListEulaAcceptances lists by eulaId: an acceptance added between two
    pages takes its place without moving the next page."""
    monkeypatch.setenv("MOTO_NIMBLE_PAGE_SIZE", "2")
    studio_id = factory.studio()["studioId"]
    eulas = sorted(
        e["eulaId"]
        for page in client.get_paginator("list_eulas").paginate()
        for e in page["eulas"]
    )
    client.accept_eulas(studioId=studio_id, eulaIds=eulas[2:])
    first = client.list_eula_acceptances(studioId=studio_id)

    client.accept_eulas(studioId=studio_id, eulaIds=eulas[:2])
    rest = client.get_paginator("list_eula_acceptances").paginate(
        studioId=studio_id, PaginationConfig={"StartingToken": first["nextToken"]}
    )

    seen = [a["eulaId"] for a in first["eulaAcceptances"]] + [
        a["eulaId"] for page in rest for a in page["eulaAcceptances"]
    ]
    assert len(eulas) >= 5
    assert seen == eulas[2:]
