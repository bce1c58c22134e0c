"""TagResource, UntagResource and ListTagsForResource over the ARN index.

moto's Resource Groups Tagging API reaches the same operations through
``moto_nimble.service.NimbleStudioBackend``, which hands them to
``moto_nimble.service.invoke`` like every other call.
"""

from __future__ import annotations

from ..exceptions import AccessDeniedException, ValidationException
from ..validation import LIMITS
from .base import NimbleResource
from .collection import require
from .streaming_images import StreamingImageBackend


class TaggingBackend(StreamingImageBackend):
    def _tagged(self, resource_arn: str, changing: bool = False) -> NimbleResource:
        """The resource an ARN names: not DELETED (a deleted resource cannot
        be acted on); an Amazon-owned image can be read, not changed."""
        for image in self.amazon_streaming_images:
            if image.arn == resource_arn:
                if changing:
                    raise AccessDeniedException(
                        f"Streaming image {image.streaming_image_id} is owned by "
                        "Amazon and cannot be changed"
                    )
                return image
        return require(self.resources_by_arn, resource_arn, "Resource", live=True)

    def tag_resource(
        self, resource_arn: str, tags: dict[str, str] | None = None
    ) -> None:
        resource = self._tagged(resource_arn, changing=True)
        merged = {**resource.tags, **(tags or {})}
        most = LIMITS["Tags"]["max"]
        if len(merged) > most:
            raise ValidationException(
                f"A resource can have at most {most} tags; {resource_arn} would have {len(merged)}"
            )
        resource.tags.update(tags or {})

    def untag_resource(self, resource_arn: str, tag_keys: list[str]) -> None:
        resource = self._tagged(resource_arn, changing=True)
        for key in tag_keys:
            resource.tags.pop(key, None)

    def list_tags_for_resource(self, resource_arn: str) -> dict[str, dict[str, str]]:
        return {"tags": self._tagged(resource_arn).tags}
