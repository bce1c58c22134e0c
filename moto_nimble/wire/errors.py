"""Errors of the request itself, before any operation runs.

The model's own error shapes (ValidationException, ResourceNotFoundException,
...) live in ``moto_nimble.exceptions``. These are the protocol-level errors
every AWS JSON service answers with when a request cannot even be read: they
have no shape in the model, so each carries its HTTP status.
"""

from __future__ import annotations


class WireError(Exception):
    code = "InternalFailure"
    status = 500

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class SerializationException(WireError):
    """The body (or a path label) could not be decoded: not UTF-8, not JSON,
    not a JSON object, or a body that could not be read at all."""

    code = "SerializationException"
    status = 400


class UnknownOperationException(WireError):
    """No operation has this method and path."""

    code = "UnknownOperationException"
    status = 404

    def __init__(self, method: str, path: str) -> None:
        shown = path if len(path) <= 200 else path[:200] + "..."
        super().__init__(f"No operation matches {method} {shown}")


class RequestEntityTooLargeException(WireError):
    code = "RequestEntityTooLargeException"
    status = 413


class RequestTimeoutException(WireError):
    """The client stopped sending its body."""

    code = "RequestTimeoutException"
    status = 408
