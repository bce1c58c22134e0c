"""TagResource, UntagResource and ListTagsForResource over the ARN index, and
the same resources for moto's Resource Groups Tagging API (GetResources,
TagResources, UntagResources) through moto's ``TaggableResourcesMixin``."""

from __future__ import annotations

from collections.abc import Iterator

from moto.core.resource_tagging import TaggableResourcesMixin, TaggedResource

from ..exceptions import AccessDeniedException, ValidationException
from ..pagination import require
from ..validation import LIMITS
from ..wire.contract import check_input
from .base import NimbleResource
from .studios import StudioLookup


class TaggingBackend(StudioLookup, TaggableResourcesMixin):
    #: the service part of nimble's ARNs, for the Resource Groups Tagging API
    SERVICE_NAMESPACE = "nimble"

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
        # also called by the Tagging API, outside nimble's requests and checks
        check_input("TagResource", resourceArn=resource_arn, tags=tags or {})
        with self.lock:
            resource = self._tagged(resource_arn, changing=True)
            merged = {**resource.tags, **(tags or {})}
            most = LIMITS["Tags"]["max"]
            if len(merged) > most:
                raise ValidationException(
                    f"A resource can have at most {most} tags; {resource_arn} would have {len(merged)}"
                )
            resource.tags.update(tags or {})

    def untag_resource(self, resource_arn: str, tag_keys: list[str]) -> None:
        check_input("UntagResource", resourceArn=resource_arn, tagKeys=tag_keys)
        with self.lock:
            resource = self._tagged(resource_arn, changing=True)
            for key in tag_keys:
                resource.tags.pop(key, None)

    def list_tags_for_resource(self, resource_arn: str) -> dict[str, dict[str, str]]:
        return {"tags": self._tagged(resource_arn).tags}

    # --- moto's Resource Groups Tagging API ------------------------------------

    def iter_tagged_resources(self) -> Iterator[TaggedResource]:
        """Every resource not deleted, typed ``nimble:<ARN type>`` (``nimble:studio``, ...)."""
        with self.lock:
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
