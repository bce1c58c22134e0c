"""CloudFormation through moto's own: AWS::NimbleStudio::Studio, StudioComponent,
LaunchProfile and StreamingImage.

A template's properties are the Create operation's input members in
PascalCase (``Ec2SubnetIds``, ``StreamConfiguration.SessionBackup.Mode``), so
they are read through the service model: matched to the input shape member by
member, typed as CloudFormation types them (a number given as a string is a
number), checked by the same validator as every request, and handed to the
same backend methods. A stack's resources are READY when its operation ends;
a change to a create-only property replaces the resource, any other change
updates it in place; a stack delete removes children before their studio, so
that every resource ends DELETED.

A resource that fails (a bad property, a launch profile that settles in
CREATE_FAILED) fails its stack: the stack's status is CREATE_FAILED and the
resource's event carries the reason, naming the property.

``Ref`` returns the resource's ID; ``Fn::GetAtt`` takes the attributes of the
CloudFormation resource specification (``StudioId``, ``HomeRegion``,
``SsoClientId``, ``StudioUrl``; ``StudioComponentId``; ``LaunchProfileId``;
``StreamingImageId``, ``EulaIds``, ``Owner``, ``Platform``,
``EncryptionConfiguration`` and its ``.KeyArn`` and ``.KeyType``).
"""

from __future__ import annotations

from .. import moto_compat
from .calls import SETTLE_POLLS, stack_caller
from .properties import to_api
from .resource_types import (
    LAUNCH_PROFILE,
    RANK,
    STREAMING_IMAGE,
    STUDIO,
    STUDIO_COMPONENT,
    ResourceType,
    StackResourceFailed,
)
from .resources import (
    STACK_RESOURCES,
    CfnLaunchProfile,
    CfnStreamingImage,
    CfnStudio,
    CfnStudioComponent,
    NimbleStackResource,
)
from .watching import watch_stack_operations


def register() -> None:
    """Watch moto's stack operations, and make moto's CloudFormation find the
    resource types: it finds them through ``CloudFormationModel.__subclasses__()``
    behind caches, cleared here in case a stack was parsed before these
    classes existed (importing moto's CloudFormation only for this would cost
    every ``import moto_nimble`` dozens of moto's modules)."""
    watch_stack_operations()
    moto_compat.forget_resource_types()


__all__ = [
    "LAUNCH_PROFILE",
    "RANK",
    "SETTLE_POLLS",
    "STACK_RESOURCES",
    "STREAMING_IMAGE",
    "STUDIO",
    "STUDIO_COMPONENT",
    "CfnLaunchProfile",
    "CfnStreamingImage",
    "CfnStudio",
    "CfnStudioComponent",
    "NimbleStackResource",
    "ResourceType",
    "StackResourceFailed",
    "register",
    "stack_caller",
    "to_api",
    "watch_stack_operations",
]
