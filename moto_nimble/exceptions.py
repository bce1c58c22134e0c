"""One exception per error shape in the nimble model.

Each is serialized by moto from its error shape: the HTTP status comes from the
model, ``x-amzn-ErrorType`` names the shape, and the body carries the modelled
members ``message``, ``code`` (the shape name again) and, on 404s,
``context.resourceId``.
"""

from __future__ import annotations

from moto.core.exceptions import ServiceException


class NimbleStudioException(ServiceException):
    def __init__(self, message: str, resource_id: str | None = None) -> None:
        super().__init__(message)
        self.context = {"resourceId": resource_id} if resource_id is not None else None


class ValidationException(NimbleStudioException):
    code = "ValidationException"


class ServiceQuotaExceededException(NimbleStudioException):
    code = "ServiceQuotaExceededException"


class AccessDeniedException(NimbleStudioException):
    code = "AccessDeniedException"


class ResourceNotFoundException(NimbleStudioException):
    code = "ResourceNotFoundException"

    def __init__(self, message: str, resource_id: str) -> None:
        super().__init__(message, resource_id)


class ConflictException(NimbleStudioException):
    code = "ConflictException"


class ThrottlingException(NimbleStudioException):
    code = "ThrottlingException"


class InternalServerErrorException(NimbleStudioException):
    code = "InternalServerErrorException"


# moto finds an exception's service model from the exception's module name
# ("moto.<service>.exceptions"); these classes answer for the nimble model.
for _cls in (
    NimbleStudioException,
    ValidationException,
    ServiceQuotaExceededException,
    AccessDeniedException,
    ResourceNotFoundException,
    ConflictException,
    ThrottlingException,
    InternalServerErrorException,
):
    _cls.__module__ = "moto.nimble.exceptions"
