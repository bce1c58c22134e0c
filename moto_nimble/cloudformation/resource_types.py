"""The four resource types: their operations, create-only properties and
Fn::GetAtt attributes, and the order a stack makes them in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from moto.core.exceptions import ServiceException


@dataclass(frozen=True)
class ResourceType:
    """What CloudFormation needs to know of one resource type."""

    name: str
    #: the operations are Create<noun>, Get<noun>, Update<noun>, Delete<noun>
    noun: str
    #: the output member holding the resource's ID
    id_member: str
    #: properties whose change replaces the resource
    create_only: frozenset[str]
    #: Fn::GetAtt attributes
    attributes: tuple[str, ...]
    #: why a delete cannot go ahead yet (children not deleted), if it cannot
    blocked: Callable[[Any, Any], str | None] = lambda resource, studio: None  # noqa: ARG005

    def operation(self, verb: str) -> str:
        return f"{verb}{self.noun}"


STUDIO = ResourceType(
    name="AWS::NimbleStudio::Studio",
    noun="Studio",
    id_member="studioId",
    create_only=frozenset({"StudioName", "StudioEncryptionConfiguration", "Tags"}),
    attributes=("HomeRegion", "SsoClientId", "StudioId", "StudioUrl"),
    blocked=lambda studio, _: studio.blocking_delete(),
)
STUDIO_COMPONENT = ResourceType(
    name="AWS::NimbleStudio::StudioComponent",
    noun="StudioComponent",
    id_member="studioComponentId",
    create_only=frozenset({"StudioId", "Subtype", "Tags"}),
    attributes=("StudioComponentId",),
)
LAUNCH_PROFILE = ResourceType(
    name="AWS::NimbleStudio::LaunchProfile",
    noun="LaunchProfile",
    id_member="launchProfileId",
    create_only=frozenset({"StudioId", "Ec2SubnetIds", "Tags"}),
    attributes=("LaunchProfileId",),
    blocked=lambda profile, studio: profile.blocking_delete(studio),
)
STREAMING_IMAGE = ResourceType(
    name="AWS::NimbleStudio::StreamingImage",
    noun="StreamingImage",
    id_member="streamingImageId",
    create_only=frozenset({"StudioId", "Ec2ImageId", "Tags"}),
    attributes=(
        "StreamingImageId",
        "EulaIds",
        "Owner",
        "Platform",
        "EncryptionConfiguration",
        "EncryptionConfiguration.KeyArn",
        "EncryptionConfiguration.KeyType",
    ),
)

#: parents before children: the order to make resources in (and to delete them in reverse)
RANK = {
    STUDIO.name: 0,
    STUDIO_COMPONENT.name: 1,
    STREAMING_IMAGE.name: 1,
    LAUNCH_PROFILE.name: 2,
}


class StackResourceFailed(ServiceException):
    """A stack resource that could not be created, updated or deleted: moto's
    CloudFormation answers it as it answers its own ValidationError. (Importing
    that class would import all of moto's CloudFormation with the package.)"""

    code = "ValidationError"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.__module__ = "moto.cloudformation.exceptions"  # the model moto looks in
