"""TagResource, UntagResource and ListTagsForResource, over the ARN index."""

from __future__ import annotations

from ..exceptions import ResourceNotFoundException, ValidationException
from ..validation import LIMITS
from .base import NimbleResource
from .studios import StudioLookup


class TaggingBackend(StudioLookup):
    def _tagged(self, resource_arn: str) -> NimbleResource:
        resource = self.resources_by_arn.get(resource_arn)
        if resource is None:
            raise ResourceNotFoundException(
                f"Resource {resource_arn} not found", resource_arn
            )
        return resource

    def tag_resource(
        self, resource_arn: str, tags: dict[str, str] | None = None
    ) -> None:
        resource = self._tagged(resource_arn)
        merged = {**resource.tags, **(tags or {})}
        most = LIMITS["Tags"]["max"]
        if len(merged) > most:
            raise ValidationException(
                f"A resource can have at most {most} tags; {resource_arn} would have {len(merged)}"
            )
        resource.tags.update(tags or {})

    def untag_resource(self, resource_arn: str, tag_keys: list[str]) -> None:
        resource = self._tagged(resource_arn)
        for key in tag_keys:
            resource.tags.pop(key, None)

    def list_tags_for_resource(self, resource_arn: str) -> dict[str, dict[str, str]]:
        return {"tags": self._tagged(resource_arn).tags}
