"""The models: each family's resources and operations, the state they share,
and moto's backend made of them.

``NimbleOperations`` is every operation of the model for one account and
region, one mixin per family over :class:`~moto_nimble.models.state.BackendState`;
``NimbleStudioBackend`` makes it moto's backend (moto finds a backend's URLs
by its module's name, ``<service>.models``, so it lives here).
``moto_nimble.service`` is the one way into it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from moto.core.base_backend import BackendDict, BaseBackend
from moto.core.resource_tagging import TaggableResourcesMixin, TaggedResource
from moto.settings import enable_iso_regions

from ..context import Caller
from .base import Lifecycle
from .eulas import EulaBackend
from .launch_profile_details import LaunchProfileDetailsBackend
from .launch_profiles import LaunchProfileBackend
from .members import MembersBackend
from .state import BackendState
from .streaming_images import StreamingImageBackend
from .streaming_sessions import StreamingSessionBackend
from .studio_components import StudioComponentBackend
from .studios import StudioBackend
from .tagging import TaggingBackend


class NimbleOperations(
    StudioBackend,
    StudioComponentBackend,
    LaunchProfileBackend,
    LaunchProfileDetailsBackend,
    StreamingSessionBackend,
    TaggingBackend,
    StreamingImageBackend,
    EulaBackend,
    MembersBackend,
):
    """Every operation of the model: the method named as the operation in
    snake_case takes its input members in snake_case (checked at import)."""


#: Regions that offered Nimble Studio. botocore no longer lists the service's
#: endpoints, so moto cannot discover them.
REGIONS = [
    "us-east-1",
    "us-east-2",
    "us-west-2",
    "ca-central-1",
    "eu-central-1",
    "eu-west-1",
    "eu-west-2",
    "eu-north-1",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-northeast-1",
]


class NimbleStudioBackend(NimbleOperations, TaggableResourcesMixin, BaseBackend):
    """Amazon Nimble Studio for one account and region."""

    #: the service part of nimble's ARNs, for the Resource Groups Tagging API
    SERVICE_NAMESPACE = "nimble"

    def __init__(self, region_name: str, account_id: str) -> None:
        BaseBackend.__init__(self, region_name, account_id)
        NimbleOperations.__init__(self, account_id, region_name)

    @property
    def urls(self) -> dict[str, Any]:
        """moto's URL map for nimble, which moto rebuilds on every request it
        routes; built once here (per setting of MOTO_ENABLE_ISO_REGIONS)."""
        iso = enable_iso_regions()
        urls = _URLS.get(iso)
        if urls is None:
            urls = _URLS[iso] = BaseBackend.urls.fget(self)  # type: ignore[attr-defined]
        return urls

    # --- moto's Resource Groups Tagging API: the same operations, through invoke

    def _as_moto(self) -> Caller:
        """moto's Tagging API names no caller: moto's default identity."""
        return Caller(self.account_id, self.region_name)

    def tag_resource(
        self, resource_arn: str, tags: dict[str, str] | None = None
    ) -> None:
        from ..service import invoke

        invoke(
            "TagResource",
            {"resourceArn": resource_arn, "tags": tags or {}},
            self._as_moto(),
        )

    def untag_resource(self, resource_arn: str, tag_keys: list[str]) -> None:
        from ..service import invoke

        invoke(
            "UntagResource",
            {"resourceArn": resource_arn, "tagKeys": tag_keys},
            self._as_moto(),
        )

    def iter_tagged_resources(self) -> Iterator[TaggedResource]:
        """Every resource not deleted, typed ``nimble:<ARN type>`` (``nimble:studio``, ...)."""
        from ..service import entered

        with entered(self._as_moto()):
            found = [
                TaggedResource(
                    arn=arn,
                    tags=dict(resource.tags),
                    resource_type=f"nimble:{resource.ARN_TYPE}",
                )
                for arn, resource in self.resources_by_arn.items()
                if not resource.deleted
            ]
        return iter(found)

    def owns_arn(self, arn: str) -> bool:
        """Only the ARNs of resources that exist: the Tagging API reports the others
        as failed instead of raising this service's ResourceNotFoundException."""
        resource = self.resources_by_arn.get(arn)
        return resource is not None and not resource.deleted


#: NimbleStudioBackend.urls, by whether moto serves the ISO regions' domains
_URLS: dict[bool, dict[str, Any]] = {}

nimble_backends = BackendDict(
    NimbleStudioBackend, "nimble", use_boto3_regions=False, additional_regions=REGIONS
)


def _model_names(cls: type[Lifecycle]) -> list[str]:
    names = [cls.MODEL_NAME] if cls.MODEL_NAME else []
    for subclass in cls.__subclasses__():
        names += _model_names(subclass)
    return names


def resource_classes() -> dict[str, type[Lifecycle]]:
    """Each class with a lifecycle, by the output shape it fills (``Studio``, ...)."""

    def walk(cls: type[Lifecycle]) -> list[type[Lifecycle]]:
        return [cls, *(k for sub in cls.__subclasses__() for k in walk(sub))]

    return {
        cls.WIRE.shape: cls
        for cls in walk(Lifecycle)
        if cls.TRANSITIONS and hasattr(cls, "WIRE")
    }


#: moto's ``state_manager`` names of nimble's resources, from their classes
MODEL_NAMES = tuple(dict.fromkeys(_model_names(Lifecycle)))


__all__ = [
    "MODEL_NAMES",
    "REGIONS",
    "BackendState",
    "NimbleOperations",
    "NimbleStudioBackend",
    "nimble_backends",
]
