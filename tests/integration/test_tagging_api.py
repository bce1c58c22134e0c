"""moto's Resource Groups Tagging API sees nimble's resources, as nimble's own
tagging operations do: GetResources with ``nimble`` and ``nimble:<type>``
filters and tag filters, TagResources and UntagResources on nimble ARNs.
Deleted resources are not listed."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import REGION

from moto_nimble.factory import NimbleStudioFactory
from moto_nimble.sessions import boto3_session


def tagging(nimble: Any) -> Any:
    kwargs = {"endpoint_url": nimble.server_url} if nimble.server_url else {}

    return boto3_session().client(
        "resourcegroupstaggingapi", region_name=REGION, **kwargs
    )


def arns(response: dict[str, Any]) -> list[str]:
    return sorted(r["ResourceARN"] for r in response["ResourceTagMappingList"])


@pytest.fixture
def tagged(nimble: Any) -> Any:
    """A studio, component, image and launch profile, each tagged with its kind."""
    client = nimble.client
    built = NimbleStudioFactory(client)(
        studio={"tags": {"kind": "studio", "team": "fx"}},
        component={"tags": {"kind": "component", "team": "fx"}},
        image={"tags": {"kind": "image"}},
        launch_profile={"tags": {"kind": "profile", "team": "lighting"}},
    )
    return built


def test_get_resources_by_service_and_type(nimble, tagged):
    api = tagging(nimble)
    everything = arns(api.get_resources(ResourceTypeFilters=["nimble"]))
    studios = api.get_resources(ResourceTypeFilters=["nimble:studio"])[
        "ResourceTagMappingList"
    ]
    profiles = arns(api.get_resources(ResourceTypeFilters=["nimble:launch-profile"]))
    two_types = arns(
        api.get_resources(
            ResourceTypeFilters=["nimble:studio-component", "nimble:streaming-image"]
        )
    )

    assert everything == sorted(
        [
            tagged.studio["arn"],
            tagged.component["arn"],
            tagged.image["arn"],
            tagged.launch_profile["arn"],
        ]
    )
    assert [s["ResourceARN"] for s in studios] == [tagged.studio["arn"]]
    assert sorted(studios[0]["Tags"], key=lambda t: t["Key"]) == [
        {"Key": "kind", "Value": "studio"},
        {"Key": "team", "Value": "fx"},
    ]
    assert profiles == [tagged.launch_profile["arn"]]
    assert two_types == sorted([tagged.component["arn"], tagged.image["arn"]])


def test_get_resources_by_tag(nimble, tagged):
    api = tagging(nimble)

    fx = arns(api.get_resources(TagFilters=[{"Key": "team", "Values": ["fx"]}]))
    any_team = arns(
        api.get_resources(TagFilters=[{"Key": "team"}], ResourceTypeFilters=["nimble"])
    )
    both = arns(
        api.get_resources(
            TagFilters=[
                {"Key": "team", "Values": ["fx"]},
                {"Key": "kind", "Values": ["studio"]},
            ]
        )
    )

    assert fx == sorted([tagged.studio["arn"], tagged.component["arn"]])
    assert any_team == sorted(
        [tagged.studio["arn"], tagged.component["arn"], tagged.launch_profile["arn"]]
    )
    assert both == [tagged.studio["arn"]]


def test_tag_and_untag_resources_agree_with_list_tags_for_resource(nimble, tagged):
    api = tagging(nimble)
    client = nimble.client
    arn = tagged.image["arn"]

    failed = api.tag_resources(ResourceARNList=[arn], Tags={"show": "seq010"})[
        "FailedResourcesMap"
    ]
    after_tag = client.list_tags_for_resource(resourceArn=arn)["tags"]
    api.untag_resources(ResourceARNList=[arn], TagKeys=["kind"])
    after_untag = client.list_tags_for_resource(resourceArn=arn)["tags"]
    client.tag_resource(resourceArn=arn, tags={"own": "api"})
    listed = api.get_resources(ResourceTypeFilters=["nimble:streaming-image"])[
        "ResourceTagMappingList"
    ]

    assert failed == {}
    assert after_tag == {"kind": "image", "show": "seq010"}
    assert after_untag == {"show": "seq010"}
    assert {t["Key"]: t["Value"] for t in listed[0]["Tags"]} == {
        "show": "seq010",
        "own": "api",
    }


def test_unknown_nimble_arn_is_reported_failed(nimble, tagged):
    missing = tagged.studio["arn"].rsplit("/", 1)[0] + "/stid-0000000000000000"

    failed = tagging(nimble).tag_resources(
        ResourceARNList=[missing, tagged.studio["arn"]], Tags={"a": "b"}
    )["FailedResourcesMap"]

    assert list(failed) == [missing]
    assert (
        nimble.client.list_tags_for_resource(resourceArn=tagged.studio["arn"])["tags"][
            "a"
        ]
        == "b"
    )


def test_deleted_resources_are_not_listed(nimble, tagged):
    client = nimble.client
    studio_id = tagged.studio_id
    client.delete_launch_profile(
        studioId=studio_id, launchProfileId=tagged.launch_profile_id
    )
    client.get_launch_profile(
        studioId=studio_id, launchProfileId=tagged.launch_profile_id
    )  # DELETED

    listed = arns(tagging(nimble).get_resources(ResourceTypeFilters=["nimble"]))

    assert tagged.launch_profile["arn"] not in listed
    assert tagged.studio["arn"] in listed


def test_other_regions_are_not_listed(nimble, tagged):

    kwargs = {"endpoint_url": nimble.server_url} if nimble.server_url else {}
    elsewhere = boto3_session().client(
        "resourcegroupstaggingapi", region_name="eu-west-1", **kwargs
    )

    assert (
        elsewhere.get_resources(ResourceTypeFilters=["nimble"])[
            "ResourceTagMappingList"
        ]
        == []
    )
    assert tagged.studio["arn"] in arns(tagging(nimble).get_resources())


def test_tag_resources_past_50_tags_is_a_client_error(nimble, tagged):
    from botocore.exceptions import ClientError

    api = tagging(nimble)
    arn = tagged.studio["arn"]
    nimble.client.tag_resource(resourceArn=arn, tags={f"k{i}": "v" for i in range(40)})

    with pytest.raises(ClientError) as excinfo:
        api.tag_resources(ResourceARNList=[arn], Tags={f"n{i}": "v" for i in range(20)})

    assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert "at most 50 tags" in excinfo.value.response["Error"]["Message"]
    assert len(nimble.client.list_tags_for_resource(resourceArn=arn)["tags"]) == 42


@pytest.mark.parametrize(
    ("tags", "constraint"),
    [
        ({"k" * 129: "v"}, "Member must have length less than or equal to 128"),
        ({"k": "v" * 257}, "Member must have length less than or equal to 256"),
    ],
    ids=["key", "value"],
)
def test_tag_resources_keeps_nimbles_tag_limits(nimble, tagged, tags, constraint):
    """The Tagging API changes nimble's tags only within nimble's own limits."""
    from botocore.exceptions import ClientError

    arn = tagged.studio["arn"]
    before = nimble.client.list_tags_for_resource(resourceArn=arn)["tags"]

    with pytest.raises(ClientError) as excinfo:
        tagging(nimble).tag_resources(ResourceARNList=[arn], Tags=tags)

    assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert excinfo.value.response["Error"]["Code"] == "ValidationException"
    assert constraint in excinfo.value.response["Error"]["Message"]
    assert nimble.client.list_tags_for_resource(resourceArn=arn)["tags"] == before
