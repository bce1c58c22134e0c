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
        # moto finds the model of an exception another service's request raised
        # (the Resource Groups Tagging API's, say) by ``exception.__module__``,
        # read as "moto.<service>.exceptions": the instance says so, while the
        # class keeps its own module for tracebacks and reprs.
        self.__module__ = "moto.nimble.exceptions"


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


#: what an error answers when whoever asked for it gave no message
DEFAULT_MESSAGES = {
    "ThrottlingException": "Rate exceeded",
    "InternalServerErrorException": "An internal error occurred in the service",
    "ServiceQuotaExceededException": "A service quota was exceeded",
    "AccessDeniedException": "Access denied",
    "ConflictException": "Another operation is in progress",
    "ResourceNotFoundException": "The resource was not found",
    "ValidationException": "The request is not valid",
}


def error_named(code: str, message: str | None = None) -> NimbleStudioException:
    """The model's error shape ``code`` as an exception to raise."""
    kind = next(c for c in NimbleStudioException.__subclasses__() if c.code == code)
    text = message or DEFAULT_MESSAGES[code]
    if kind is ResourceNotFoundException:
        return ResourceNotFoundException(text, "")
    return kind(text)
