"""Streaming images: the studio's own AMIs plus the two Amazon-owned base images."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

from ..contract import Wire, wire
from ..exceptions import AccessDeniedException
from ..pagination import page_limit
from ..quotas import check_quota, in_use
from ..settings import check_references
from .base import NimbleResource, Transition, new_id
from .collection import Chain, require
from .references import ami_problem, find_ami
from .state import BackendState

if TYPE_CHECKING:
    from .studios import Studio

#: EULAs that the Amazon-owned images require before a session can run on them
AMAZON_IMAGE_EULA_IDS = [
    "gJZLygd-Srq_5NNbSfiaLg",
    "ggK2eIw6RQyt8PIeeOlD3g",
    "a-D9Wc0VQCKUfxAinCDxaw",
    "RvoNmVXiSrS4LhLTb6ybkw",
    "wtp85BcSTa2NZeNRnMKdjw",
    "Rl-J0fM5Sl2hyIiwWIV6hw",
]
#: (streamingImageId, name, description, platform, ec2ImageId)
AMAZON_IMAGES = (
    (
        "Cw_jXnp1QcSSXhE2hkNRoQ",
        "NimbleStudioWindowsStreamImage",
        "Base windows image for NimbleStudio",
        "WINDOWS",
        "ami-0f1a2b3c4d5e6f701",
    ),
    (
        "YGXAqgoWTnCNSV8VP20sHQ",
        "NimbleStudioLinuxStreamImage",
        "Base linux image for NimbleStudio",
        "LINUX",
        "ami-0f1a2b3c4d5e6f702",
    ),
)
AMAZON_OWNER = "amazon"


class StreamingImage(NimbleResource):
    WIRE: ClassVar[Wire] = wire("StreamingImage")

    MODEL_NAME = "nimble::streaming_image"
    ARN_TYPE = "streaming-image"
    TRANSITIONS: ClassVar[dict[str, Transition]] = {
        "create": Transition(
            "CREATE_IN_PROGRESS",
            "STREAMING_IMAGE_CREATE_IN_PROGRESS",
            "Streaming image is being created",
            "READY",
            "STREAMING_IMAGE_READY",
            "Streaming image is ready",
            fails_to="CREATE_FAILED",
        ),
        "update": Transition(
            "UPDATE_IN_PROGRESS",
            "STREAMING_IMAGE_UPDATE_IN_PROGRESS",
            "Streaming image is being updated",
            "READY",
            "STREAMING_IMAGE_READY",
            "Streaming image is ready",
            fails_to="UPDATE_FAILED",
        ),
        "delete": Transition(
            "DELETE_IN_PROGRESS",
            "STREAMING_IMAGE_DELETE_IN_PROGRESS",
            "Streaming image is being deleted",
            "DELETED",
            "STREAMING_IMAGE_DELETED",
            "Streaming image has been deleted",
            fails_to="DELETE_FAILED",
        ),
        # Amazon's images are READY from the start, with no statusCode or message
        "provided": Transition("READY"),
    }

    def __init__(
        self,
        account_id: str,
        region: str,
        owner: str,
        name: str,
        ec2_image_id: str,
        platform: str,
        description: str | None = None,
        tags: dict[str, str] | None = None,
        eula_ids: list[str] | None = None,
        encryption_configuration: dict[str, str] | None = None,
        streaming_image_id: str | None = None,
    ) -> None:
        self.streaming_image_id = streaming_image_id or new_id()
        super().__init__(account_id, region, self.streaming_image_id, tags)
        self.owner = owner
        self.name = name
        self.description = description
        self.ec2_image_id = ec2_image_id
        self.platform = platform
        self.eula_ids = list(eula_ids or [])
        self.encryption_configuration = encryption_configuration

    @property
    def amazon_owned(self) -> bool:
        return self.owner == AMAZON_OWNER


def amazon_images(account_id: str, region: str) -> list[StreamingImage]:
    images = []
    for image_id, name, description, platform, ami in AMAZON_IMAGES:
        image = StreamingImage(
            account_id,
            region,
            AMAZON_OWNER,
            name,
            ami,
            platform,
            description=description,
            eula_ids=AMAZON_IMAGE_EULA_IDS,
            streaming_image_id=image_id,
        )
        image.start("provided")
        images.append(image)
    return images


def platform_of(account_id: str, region: str, ec2_image_id: str) -> str:
    """WINDOWS for a Windows AMI known to moto's EC2 in this region, else LINUX.

    With references checked, an AMI of moto's default catalogue for a region
    whose EC2 backend does not exist yet counts too. Only looks: no EC2
    backend, or account entry, is made to find out."""
    platform = find_ami(account_id, region, ec2_image_id, catalogue=check_references())
    return "WINDOWS" if (platform or "").lower() == "windows" else "LINUX"


class StreamingImageBackend(BackendState):
    """Create/Get/List/Update/DeleteStreamingImage, and the images every
    family that uses them reads."""

    @cached_property
    def amazon_streaming_images(self) -> list[StreamingImage]:
        """The two Amazon-owned images, shared by every studio of this account
        and region (made when first read)."""
        return amazon_images(self.account_id, self.region_name)

    @cached_property
    def amazon_images_by_id(self) -> dict[str, StreamingImage]:
        return {
            image.streaming_image_id: image for image in self.amazon_streaming_images
        }

    def _images(self, studio: Studio) -> Chain[str, StreamingImage]:
        """The studio's own images and the Amazon-owned ones, deleted ones included."""
        return Chain(studio.streaming_images, self.amazon_images_by_id)

    def _find_streaming_image(
        self, studio: Studio, streaming_image_id: str
    ) -> StreamingImage | None:
        return self._images(studio).get(streaming_image_id)

    def _read_image(
        self, studio: Studio, streaming_image_id: str
    ) -> StreamingImage | None:
        """The image, read as a Get reads it (Amazon's are settled for good)."""
        return studio.streaming_images.look(
            streaming_image_id
        ) or self.amazon_images_by_id.get(streaming_image_id)

    def create_streaming_image(
        self,
        studio_id: str,
        ec2_image_id: str,
        name: str,
        description: str | None = None,
        tags: dict[str, str] | None = None,
    ) -> StreamingImage:
        studio = self._ready_studio(studio_id)
        check_quota(
            "streaming_images_per_studio", lambda: in_use(studio.streaming_images)
        )
        encryption = studio.studio_encryption_configuration
        image = StreamingImage(
            studio.account_id,
            studio.region,
            studio.studio_id,
            name,
            ec2_image_id,
            platform_of(studio.account_id, studio.region, ec2_image_id),
            description=description,
            tags=tags,
            encryption_configuration=dict(encryption)
            if encryption.get("keyType") == "CUSTOMER_MANAGED_KEY"
            else None,
            streaming_image_id=new_id(studio.streaming_images),
        )
        problem = (
            ami_problem(studio.account_id, studio.region, ec2_image_id)
            if check_references()
            else None
        )
        if problem is None:
            image.start("create")
        else:
            image.start("create", failure=problem.code, message=problem.message)
        self._add(studio.streaming_images, image.streaming_image_id, image)
        return image

    def _streaming_image(
        self, studio: Studio, streaming_image_id: str, live: bool = False
    ) -> StreamingImage:
        return require(
            self._images(studio), streaming_image_id, "Streaming image", live=live
        )

    def _own_streaming_image(
        self, studio: Studio, streaming_image_id: str, live: bool = False
    ) -> StreamingImage:
        image = self._streaming_image(studio, streaming_image_id, live)
        if image.amazon_owned:
            raise AccessDeniedException(
                f"Streaming image {streaming_image_id} is owned by Amazon and cannot be changed"
            )
        return image

    def get_streaming_image(
        self, studio_id: str, streaming_image_id: str
    ) -> StreamingImage:
        studio = self._live_studio(studio_id)
        return self._read_image(studio, streaming_image_id) or self._streaming_image(
            studio, streaming_image_id
        )

    def list_streaming_images(
        self, studio_id: str, next_token: str | None = None, owner: str | None = None
    ) -> dict[str, Any]:
        studio = self._live_studio(studio_id)
        wanted = AMAZON_OWNER if owner and owner.lower() == AMAZON_OWNER else owner

        def keep(image: StreamingImage) -> bool:
            return not image.deleted and (wanted is None or image.owner == wanted)

        items, token = studio.streaming_images.page(
            next_token, page_limit(), keep, prefix=self.amazon_streaming_images
        )
        return {"streamingImages": items, "nextToken": token}

    def update_streaming_image(
        self,
        studio_id: str,
        streaming_image_id: str,
        description: str | None = None,
        name: str | None = None,
    ) -> StreamingImage:
        studio = self._ready_studio(studio_id)
        image = self._own_streaming_image(studio, streaming_image_id, live=True)
        image.require_changeable(streaming_image_id)
        replaced = image.apply({"description": description, "name": name})
        image.start("update", undo=replaced)
        return image

    def delete_streaming_image(
        self, studio_id: str, streaming_image_id: str
    ) -> StreamingImage:
        image = self._own_streaming_image(
            self._live_studio(studio_id), streaming_image_id
        )
        image.start_delete(streaming_image_id)
        return image
