"""TagResource, UntagResource and ListTagsForResource on every taggable resource."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError
from helpers import ACCOUNT, MISSING_ID, REGION, assert_error

#: the ARN resource type of every taggable resource
KINDS = [
    "studio",
    "studio-component",
    "launch-profile",
    "streaming-image",
    "streaming-session",
]
UNKNOWN_ARN = f"arn:aws:nimble:{REGION}:{ACCOUNT}:studio/stid-0000000000000000"


def build_all(factory: Any, tagged: bool = False) -> dict[str, str]:
    """One READY resource of every taggable kind; their ARNs by kind. With
    ``tagged``, each is created with the tags ``{"kind": <kind>, "team": "fx"}``."""

    def tags(kind: str) -> dict[str, Any]:
        return {"tags": {"kind": kind, "team": "fx"}} if tagged else {}

    studio = factory.studio(**tags("studio"))
    studio_id = studio["studioId"]
    component = factory.component(studio_id, **tags("studio-component"))
    image = factory.image(studio_id, **tags("streaming-image"))
    profile = factory.launch_profile(
        studio_id,
        [component["studioComponentId"]],
        [image["streamingImageId"]],
        **tags("launch-profile"),
    )
    session = factory.session(
        studio_id, profile["launchProfileId"], **tags("streaming-session")
    )
    return {
        "studio": studio["arn"],
        "studio-component": component["arn"],
        "launch-profile": profile["arn"],
        "streaming-image": image["arn"],
        "streaming-session": session["arn"],
    }


def tags_of(client: Any, arn: str) -> dict[str, str]:
    return client.list_tags_for_resource(resourceArn=arn)["tags"]


def all_tags(client: Any, arns: dict[str, str]) -> dict[str, dict[str, str]]:
    return {kind: tags_of(client, arn) for kind, arn in arns.items()}


def test_list_tags_for_resource(client, factory):
    arns = build_all(factory, tagged=True)

    response = client.list_tags_for_resource(resourceArn=arns["studio"])

    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    for kind in KINDS:
        assert arns[kind].startswith(f"arn:aws:nimble:{REGION}:{ACCOUNT}:{kind}/")
    assert all_tags(client, arns) == {
        kind: {"kind": kind, "team": "fx"} for kind in KINDS
    }


def test_list_tags_for_resource_untagged(client, factory):
    arns = build_all(factory)

    assert all_tags(client, arns) == {kind: {} for kind in KINDS}


def test_tag_resource(client, factory):
    arns = build_all(factory)

    statuses = {
        kind: client.tag_resource(resourceArn=arn, tags={"kind": kind, "tier": "gold"})[
            "ResponseMetadata"
        ]["HTTPStatusCode"]
        for kind, arn in arns.items()
    }

    assert statuses == dict.fromkeys(KINDS, 204)
    assert all_tags(client, arns) == {
        kind: {"kind": kind, "tier": "gold"} for kind in KINDS
    }


def test_untag_resource(client, factory):
    arns = build_all(factory, tagged=True)

    statuses = {
        kind: client.untag_resource(resourceArn=arn, tagKeys=["team"])[
            "ResponseMetadata"
        ]["HTTPStatusCode"]
        for kind, arn in arns.items()
    }

    assert statuses == dict.fromkeys(KINDS, 204)
    assert all_tags(client, arns) == {kind: {"kind": kind} for kind in KINDS}


def test_tag_resource_keeps_other_tags_and_overwrites_values(client, factory):
    arn = factory.studio(tags={"team": "fx", "tier": "gold"})["arn"]

    client.tag_resource(resourceArn=arn, tags={"tier": "silver", "show": "abc"})

    assert tags_of(client, arn) == {"team": "fx", "tier": "silver", "show": "abc"}


def test_tag_resource_shows_in_get(client, factory):
    studio = factory.studio()
    component = factory.component(studio["studioId"])

    client.tag_resource(resourceArn=studio["arn"], tags={"team": "fx"})
    client.tag_resource(resourceArn=component["arn"], tags={"team": "render"})

    assert client.get_studio(studioId=studio["studioId"])["studio"]["tags"] == {
        "team": "fx"
    }
    fetched = client.get_studio_component(
        studioId=studio["studioId"], studioComponentId=component["studioComponentId"]
    )["studioComponent"]
    assert fetched["tags"] == {"team": "render"}


def test_tag_resource_only_that_resource(client, factory):
    arns = build_all(factory)

    client.tag_resource(resourceArn=arns["launch-profile"], tags={"team": "fx"})

    expected = {kind: {} for kind in KINDS}
    expected["launch-profile"] = {"team": "fx"}
    assert all_tags(client, arns) == expected


def test_untag_resource_without_tag_keys(client, factory):
    # botocore accepts an empty list and sends no tagKeys at all
    arn = factory.studio(tags={"team": "fx"})["arn"]
    with pytest.raises(ClientError) as excinfo:
        client.untag_resource(resourceArn=arn, tagKeys=[])
    assert_error(excinfo, "ValidationException", 400, "'tagKeys'")
    assert tags_of(client, arn) == {"team": "fx"}


def test_untag_resource_unknown_key(client, factory):
    arn = factory.studio(tags={"team": "fx"})["arn"]

    response = client.untag_resource(resourceArn=arn, tagKeys=["nothing"])

    assert response["ResponseMetadata"]["HTTPStatusCode"] == 204
    assert tags_of(client, arn) == {"team": "fx"}


def test_untag_resource_removed_from_get_studio(client, factory):
    studio = factory.studio(tags={"team": "fx", "tier": "gold"})

    client.untag_resource(resourceArn=studio["arn"], tagKeys=["team"])

    assert client.get_studio(studioId=studio["studioId"])["studio"]["tags"] == {
        "tier": "gold"
    }


def test_list_tags_for_resource_unknown_arn(client):
    for arn in (
        UNKNOWN_ARN,
        f"arn:aws:nimble:{REGION}:{ACCOUNT}:studio-component/{MISSING_ID}",
        f"arn:aws:nimble:{REGION}:{ACCOUNT}:launch-profile/{MISSING_ID}",
    ):
        with pytest.raises(ClientError) as excinfo:
            client.list_tags_for_resource(resourceArn=arn)

        response = assert_error(excinfo, "ResourceNotFoundException", 404)
        assert response["context"] == {"resourceId": arn}


def test_tag_resource_unknown_arn(client, factory):
    factory.studio()

    with pytest.raises(ClientError) as excinfo:
        client.tag_resource(resourceArn=UNKNOWN_ARN, tags={"team": "fx"})

    response = assert_error(excinfo, "ResourceNotFoundException", 404)
    assert response["context"] == {"resourceId": UNKNOWN_ARN}
    assert [s["tags"] for s in client.list_studios()["studios"]] == [{}]


def test_untag_resource_unknown_arn(client):
    with pytest.raises(ClientError) as excinfo:
        client.untag_resource(resourceArn=UNKNOWN_ARN, tagKeys=["team"])

    response = assert_error(excinfo, "ResourceNotFoundException", 404)
    assert response["context"] == {"resourceId": UNKNOWN_ARN}


def test_tag_resource_of_other_account(client, factory):
    arn = factory.studio()["arn"]
    other_account_arn = arn.replace(f":{ACCOUNT}:", ":111122223333:")

    with pytest.raises(ClientError) as excinfo:
        client.tag_resource(resourceArn=other_account_arn, tags={"team": "fx"})

    assert_error(excinfo, "ResourceNotFoundException", 404)
    assert tags_of(client, arn) == {}


def test_deleted_resource_cannot_be_tagged(client, factory):
    """A DELETED resource cannot be acted on: its tags are neither read nor changed."""
    studio_id = factory.studio()["studioId"]
    image = factory.image(studio_id, tags={"team": "fx"})
    client.delete_streaming_image(
        studioId=studio_id, streamingImageId=image["streamingImageId"]
    )
    deleted = client.get_streaming_image(
        studioId=studio_id, streamingImageId=image["streamingImageId"]
    )["streamingImage"]
    assert deleted["state"] == "DELETED"

    for call, kwargs in (
        (client.tag_resource, {"tags": {"team": "lighting"}}),
        (client.untag_resource, {"tagKeys": ["team"]}),
        (client.list_tags_for_resource, {}),
    ):
        with pytest.raises(ClientError) as excinfo:
            call(resourceArn=image["arn"], **kwargs)
        response = assert_error(excinfo, "ResourceNotFoundException", 404)
        assert response["context"] == {"resourceId": image["arn"]}

    again = client.get_streaming_image(
        studioId=studio_id, streamingImageId=image["streamingImageId"]
    )["streamingImage"]
    assert again["tags"] == {"team": "fx"}


def test_amazon_owned_image_tags_are_read_only(client, factory):
    """An Amazon-owned image's ARN has tags to read (none) and none to change,
    as it cannot be updated or deleted either."""
    studio_id = factory.studio()["studioId"]
    amazon = [
        image
        for image in client.list_streaming_images(studioId=studio_id)["streamingImages"]
        if image["owner"] == "amazon"
    ]
    assert len(amazon) == 2

    for image in amazon:
        assert tags_of(client, image["arn"]) == image["tags"] == {}
        for call, kwargs in (
            (client.tag_resource, {"tags": {"team": "fx"}}),
            (client.untag_resource, {"tagKeys": ["team"]}),
        ):
            with pytest.raises(ClientError) as excinfo:
                call(resourceArn=image["arn"], **kwargs)
            assert_error(excinfo, "AccessDeniedException", 403, "owned by Amazon")
        assert tags_of(client, image["arn"]) == {}
