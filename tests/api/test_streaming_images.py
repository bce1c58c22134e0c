"""CreateStreamingImage (seed operation), GetStreamingImage, ListStreamingImages,
UpdateStreamingImage, DeleteStreamingImage."""

from __future__ import annotations

import re
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from helpers import (
    ACCOUNT,
    AMAZON_IMAGE_EULAS,
    AMAZON_LINUX_IMAGE,
    AMAZON_WINDOWS_IMAGE,
    AMI,
    ID_PATTERN,
    REGION,
    assert_error,
)


def listed_ids(client: Any, studio_id: str, **kwargs: Any) -> list[str]:
    images = client.list_streaming_images(studioId=studio_id, **kwargs)[
        "streamingImages"
    ]
    return [i["streamingImageId"] for i in images]


def test_create_streaming_image(client, studio_id):
    image = client.create_streaming_image(
        studioId=studio_id,
        name="workstation",
        description="Linux workstation",
        ec2ImageId=AMI,
        tags={"team": "fx"},
    )["streamingImage"]

    image_id = image["streamingImageId"]
    assert ID_PATTERN.match(image_id)
    assert set(image) == {
        "arn",
        "description",
        "ec2ImageId",
        "eulaIds",
        "name",
        "owner",
        "platform",
        "state",
        "statusCode",
        "statusMessage",
        "streamingImageId",
        "tags",
    }
    assert (
        image["arn"] == f"arn:aws:nimble:{REGION}:{ACCOUNT}:streaming-image/{image_id}"
    )
    assert image["description"] == "Linux workstation"
    assert image["ec2ImageId"] == AMI
    assert image["eulaIds"] == []
    assert image["name"] == "workstation"
    assert image["owner"] == studio_id
    assert image["platform"] == "LINUX"
    assert image["state"] == "CREATE_IN_PROGRESS"
    assert image["statusCode"] == "STREAMING_IMAGE_CREATE_IN_PROGRESS"
    assert image["statusMessage"]
    assert image["tags"] == {"team": "fx"}


def test_create_streaming_image_minimal(client, studio_id):
    image = client.create_streaming_image(studioId=studio_id, name="", ec2ImageId=AMI)[
        "streamingImage"
    ]
    assert image["name"] == ""
    assert "description" not in image
    assert "encryptionConfiguration" not in image
    assert image["tags"] == {}


def test_create_streaming_image_customer_managed_key(client, factory):
    key = {
        "keyType": "CUSTOMER_MANAGED_KEY",
        "keyArn": f"arn:aws:kms:{REGION}:{ACCOUNT}:key/0f6a3d4e-1111-2222-3333-444455556666",
    }
    studio_id = factory.studio(studioEncryptionConfiguration=key)["studioId"]
    image = client.create_streaming_image(
        studioId=studio_id, name="img", ec2ImageId=AMI
    )["streamingImage"]
    assert image["encryptionConfiguration"] == key


def test_create_streaming_image_windows_ami(nimble, client, studio_id):
    # ami-03cf127a is one of moto's default Windows AMIs; using EC2 once makes
    # moto's EC2 backend for the region exist, so Nimble can look the AMI up.
    ec2 = boto3.client("ec2", region_name=REGION, endpoint_url=nimble.server_url)
    assert (
        ec2.describe_images(ImageIds=["ami-03cf127a"])["Images"][0]["Platform"]
        == "windows"
    )

    image = client.create_streaming_image(
        studioId=studio_id, name="windows", ec2ImageId="ami-03cf127a"
    )["streamingImage"]
    assert image["platform"] == "WINDOWS"


def test_get_streaming_image(client, studio_id):
    image_id = client.create_streaming_image(
        studioId=studio_id, name="img", ec2ImageId=AMI
    )["streamingImage"]["streamingImageId"]

    image = client.get_streaming_image(studioId=studio_id, streamingImageId=image_id)[
        "streamingImage"
    ]
    assert image["streamingImageId"] == image_id
    assert image["state"] == "READY"
    assert image["statusCode"] == "STREAMING_IMAGE_READY"
    assert image["owner"] == studio_id
    assert "createdAt" not in image


@pytest.mark.parametrize(
    ("image_id", "name", "platform"),
    [
        (AMAZON_WINDOWS_IMAGE, "NimbleStudioWindowsStreamImage", "WINDOWS"),
        (AMAZON_LINUX_IMAGE, "NimbleStudioLinuxStreamImage", "LINUX"),
    ],
)
def test_get_streaming_image_amazon(client, studio_id, image_id, name, platform):
    image = client.get_streaming_image(studioId=studio_id, streamingImageId=image_id)[
        "streamingImage"
    ]
    assert image["name"] == name
    assert image["platform"] == platform
    assert image["owner"] == "amazon"
    assert image["state"] == "READY"
    assert "statusCode" not in image
    assert "statusMessage" not in image
    assert image["eulaIds"] == AMAZON_IMAGE_EULAS
    assert (
        image["arn"] == f"arn:aws:nimble:{REGION}:{ACCOUNT}:streaming-image/{image_id}"
    )


def test_get_streaming_image_of_other_studio(client, factory, studio_id):
    other = factory.studio(name="other")["studioId"]
    image_id = factory.image(other)["streamingImageId"]
    with pytest.raises(ClientError) as excinfo:
        client.get_streaming_image(studioId=studio_id, streamingImageId=image_id)
    response = assert_error(excinfo, "ResourceNotFoundException", 404)
    assert response["context"] == {"resourceId": image_id}


def test_list_streaming_images(client, factory, studio_id):
    own = [
        factory.image(studio_id, name=f"img{i}")["streamingImageId"] for i in range(3)
    ]

    listed = client.list_streaming_images(studioId=studio_id)
    assert "nextToken" not in listed
    images = listed["streamingImages"]
    assert [i["streamingImageId"] for i in images] == [
        AMAZON_WINDOWS_IMAGE,
        AMAZON_LINUX_IMAGE,
        *own,
    ]
    windows, linux = images[:2]
    assert windows == {
        "arn": f"arn:aws:nimble:{REGION}:{ACCOUNT}:streaming-image/{AMAZON_WINDOWS_IMAGE}",
        "description": "Base windows image for NimbleStudio",
        "ec2ImageId": windows["ec2ImageId"],
        "eulaIds": AMAZON_IMAGE_EULAS,
        "name": "NimbleStudioWindowsStreamImage",
        "owner": "amazon",
        "platform": "WINDOWS",
        "state": "READY",
        "streamingImageId": AMAZON_WINDOWS_IMAGE,
        "tags": {},
    }
    assert re.match(r"^ami-[0-9A-z]+$", windows["ec2ImageId"])
    assert linux["name"] == "NimbleStudioLinuxStreamImage"
    assert linux["platform"] == "LINUX"
    assert linux["owner"] == "amazon"
    assert "statusCode" not in linux
    assert [i["name"] for i in images[2:]] == ["img0", "img1", "img2"]
    assert all(i["owner"] == studio_id and i["state"] == "READY" for i in images[2:])


def test_list_streaming_images_new_studio(client, studio_id):
    assert listed_ids(client, studio_id) == [AMAZON_WINDOWS_IMAGE, AMAZON_LINUX_IMAGE]


def test_list_streaming_images_owner_amazon(client, factory, studio_id):
    factory.image(studio_id)
    for owner in ("amazon", "AMAZON", "Amazon"):
        assert listed_ids(client, studio_id, owner=owner) == [
            AMAZON_WINDOWS_IMAGE,
            AMAZON_LINUX_IMAGE,
        ], owner


def test_list_streaming_images_owner_studio(client, factory, studio_id):
    own = [factory.image(studio_id)["streamingImageId"] for _ in range(2)]
    other = factory.studio(name="other")["studioId"]
    factory.image(other)
    assert listed_ids(client, studio_id, owner=studio_id) == own


def test_list_streaming_images_omits_deleted(client, factory, studio_id):
    keep, gone = (factory.image(studio_id)["streamingImageId"] for _ in range(2))
    client.delete_streaming_image(studioId=studio_id, streamingImageId=gone)
    assert listed_ids(client, studio_id) == [
        AMAZON_WINDOWS_IMAGE,
        AMAZON_LINUX_IMAGE,
        keep,
    ]


def test_update_streaming_image(client, factory, studio_id):
    image = factory.image(studio_id, name="old", description="old text")
    image_id = image["streamingImageId"]

    updated = client.update_streaming_image(
        studioId=studio_id,
        streamingImageId=image_id,
        name="new",
        description="new text",
    )["streamingImage"]
    assert updated["state"] == "UPDATE_IN_PROGRESS"
    assert updated["statusCode"] == "STREAMING_IMAGE_UPDATE_IN_PROGRESS"
    assert updated["name"] == "new"

    settled = client.get_streaming_image(studioId=studio_id, streamingImageId=image_id)[
        "streamingImage"
    ]
    assert settled["state"] == "READY"
    assert settled["statusCode"] == "STREAMING_IMAGE_READY"
    assert settled["name"] == "new"
    assert settled["description"] == "new text"
    assert settled["ec2ImageId"] == image["ec2ImageId"]


def test_update_streaming_image_in_transition(client, studio_id):
    image_id = client.create_streaming_image(
        studioId=studio_id, name="old", ec2ImageId=AMI
    )["streamingImage"]["streamingImageId"]
    with pytest.raises(ClientError) as excinfo:
        client.update_streaming_image(
            studioId=studio_id, streamingImageId=image_id, name="new"
        )
    assert_error(excinfo, "ConflictException", 409)
    image = client.get_streaming_image(studioId=studio_id, streamingImageId=image_id)[
        "streamingImage"
    ]
    assert image["name"] == "old"


def test_update_streaming_image_amazon(client, studio_id):
    with pytest.raises(ClientError) as excinfo:
        client.update_streaming_image(
            studioId=studio_id, streamingImageId=AMAZON_LINUX_IMAGE, name="mine"
        )
    assert_error(excinfo, "AccessDeniedException", 403)
    image = client.get_streaming_image(
        studioId=studio_id, streamingImageId=AMAZON_LINUX_IMAGE
    )["streamingImage"]
    assert image["name"] == "NimbleStudioLinuxStreamImage"
    assert image["state"] == "READY"


def test_delete_streaming_image(client, factory, studio_id):
    image_id = factory.image(studio_id)["streamingImageId"]

    deleted = client.delete_streaming_image(
        studioId=studio_id, streamingImageId=image_id
    )["streamingImage"]
    assert deleted["state"] == "DELETE_IN_PROGRESS"
    assert deleted["statusCode"] == "STREAMING_IMAGE_DELETE_IN_PROGRESS"

    settled = client.get_streaming_image(studioId=studio_id, streamingImageId=image_id)[
        "streamingImage"
    ]
    assert settled["state"] == "DELETED"
    assert settled["statusCode"] == "STREAMING_IMAGE_DELETED"


def test_delete_streaming_image_again(client, factory, studio_id):
    image_id = factory.image(studio_id)["streamingImageId"]
    client.delete_streaming_image(studioId=studio_id, streamingImageId=image_id)
    client.get_streaming_image(studioId=studio_id, streamingImageId=image_id)

    again = client.delete_streaming_image(studioId=studio_id, streamingImageId=image_id)
    assert again["streamingImage"]["state"] == "DELETED"


def test_delete_streaming_image_amazon(client, studio_id):
    for image_id in (AMAZON_WINDOWS_IMAGE, AMAZON_LINUX_IMAGE):
        with pytest.raises(ClientError) as excinfo:
            client.delete_streaming_image(studioId=studio_id, streamingImageId=image_id)
        assert_error(excinfo, "AccessDeniedException", 403)
        image = client.get_streaming_image(
            studioId=studio_id, streamingImageId=image_id
        )["streamingImage"]
        assert image["state"] == "READY"
    assert listed_ids(client, studio_id) == [AMAZON_WINDOWS_IMAGE, AMAZON_LINUX_IMAGE]
