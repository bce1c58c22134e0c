"""NimbleStudioBackend: one per account and region, assembled from one mixin per family."""

from __future__ import annotations

import threading
from typing import Any

from moto.core.base_backend import BackendDict, BaseBackend
from moto.settings import enable_iso_regions

from ..pagination import Collection
from .base import NimbleResource
from .eulas import EulaBackend
from .launch_profile_details import LaunchProfileDetailsBackend
from .launch_profiles import LaunchProfileBackend
from .members import MembersBackend
from .streaming_images import StreamingImageBackend, amazon_images
from .streaming_sessions import StreamingSessionBackend
from .studio_components import StudioComponentBackend
from .studios import Studio, StudioBackend
from .tagging import TaggingBackend

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


class NimbleStudioBackend(
    StudioBackend,
    StudioComponentBackend,
    LaunchProfileBackend,
    StreamingImageBackend,
    StreamingSessionBackend,
    EulaBackend,
    MembersBackend,
    LaunchProfileDetailsBackend,
    TaggingBackend,
    BaseBackend,
):
    """Amazon Nimble Studio for one account and region."""

    def __init__(self, region_name: str, account_id: str) -> None:
        BaseBackend.__init__(self, region_name, account_id)
        self.studios: Collection[Studio] = Collection("studios")
        self.studios_by_name: dict[str, Studio] = {}
        self.resources_by_arn: dict[str, NimbleResource] = {}
        self.amazon_streaming_images = amazon_images(account_id, region_name)
        self.amazon_images_by_id = {
            image.streaming_image_id: image for image in self.amazon_streaming_images
        }
        #: (operation, clientToken) -> (request parameters, stored response)
        self.idempotency: dict[tuple[str, str], tuple[Any, Any]] = {}
        #: held by the request pipeline around every check-and-change
        self.lock = threading.RLock()

    @property
    def urls(self) -> dict[str, Any]:
        """moto's URL map for nimble, which moto rebuilds on every request it
        routes; built once here (per setting of MOTO_ENABLE_ISO_REGIONS)."""
        iso = enable_iso_regions()
        urls = _URLS.get(iso)
        if urls is None:
            urls = _URLS[iso] = BaseBackend.urls.fget(self)  # type: ignore[attr-defined]
        return urls


#: NimbleStudioBackend.urls, by whether moto serves the ISO regions' domains
_URLS: dict[bool, dict[str, Any]] = {}


nimble_backends = BackendDict(
    NimbleStudioBackend, "nimble", use_boto3_regions=False, additional_regions=REGIONS
)

__all__ = ["REGIONS", "NimbleStudioBackend", "nimble_backends"]
