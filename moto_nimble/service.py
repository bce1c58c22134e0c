"""The service: a backend per account and region, and the one way into it.

Everything that acts on a backend calls :func:`invoke`: the request pipeline
(in-process and on both servers), CloudFormation's stack resources and moto's
Resource Groups Tagging API. It validates the operation's input against the
model, takes the backend's lock, makes the caller current and calls the
operation; a repeated ``clientToken`` gets the first call's answer. A call that
is not an operation of the model (a test hook) takes the same lock and context
through :func:`entered`. The caller is always passed in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from botocore import xform_name
from botocore.model import StructureShape

from .context import Caller, RequestContext, serving
from .contract import (
    SERVICE_MODEL,
    check_backend,
    client_token_member,
    keyword_arguments,
)
from .exceptions import ValidationException
from .faults import Fault, after_the_call
from .models import REGIONS, NimbleOperations, NimbleStudioBackend, nimble_backends
from .settings import allow_nonexistent_region
from .validation import validate

#: how many clientTokens a backend remembers
IDEMPOTENCY_MEMORY = 10_000


def backend_for(account_id: str, region: str) -> NimbleStudioBackend:
    """The backend of an account and region where Nimble Studio was offered
    (any region with MOTO_ALLOW_NONEXISTENT_REGION)."""
    if not region or (region not in REGIONS and not allow_nonexistent_region()):
        raise ValidationException(
            f"Nimble Studio is not offered in region {region}; "
            f"its regions are {', '.join(REGIONS)} "
            "(set MOTO_ALLOW_NONEXISTENT_REGION=true to use any region)"
        )
    return nimble_backends[account_id][region]


@contextmanager
def entered(
    caller: Caller, operation: str | None = None
) -> Iterator[NimbleStudioBackend]:
    """The caller's backend, under its lock, with the caller current: every
    check-then-change inside is atomic."""
    backend = backend_for(caller.account_id, caller.region)
    with backend.lock, serving(RequestContext(caller, operation)):
        yield backend


T = TypeVar("T")


class _Operation:
    """What :func:`invoke` needs of one operation, read from the model once."""

    __slots__ = ("client_token", "input_shape", "keywords", "method")

    def __init__(self, name: str) -> None:
        model = SERVICE_MODEL.operation_model(name)
        self.input_shape: StructureShape | None = model.input_shape
        self.client_token = client_token_member(model.input_shape)
        #: input member -> keyword argument (the idempotency token excepted)
        self.keywords = keyword_arguments(model)
        #: the method of NimbleOperations that implements it
        self.method = str(xform_name(name))


_OPERATIONS = {name: _Operation(name) for name in SERVICE_MODEL.operation_names}


def invoke(
    operation: str,
    params: dict[str, Any],
    caller: Caller,
    *,
    validated: bool = False,
    answer: Callable[[Any], T] | None = None,
    fault: Fault | None = None,
) -> Any:
    """Call ``operation`` (a model operation name, e.g. ``CreateStudio``) with
    ``params`` (its input members) as ``caller``; return what the operation
    returns, or ``answer`` of it (computed under the lock: the request pipeline
    encodes its response there). ``validated``: the caller already checked
    ``params`` against the input shape. ``fault``: the one a test injected
    for this request (:mod:`moto_nimble.faults`), applied once the call is
    accepted."""
    found = _OPERATIONS[operation]
    if not validated:
        validate(found.input_shape, params)
    keywords = found.keywords
    token = params.get(found.client_token) if found.client_token else None
    kwargs = {
        keywords[member]: value
        for member, value in params.items()
        if member != found.client_token
    }
    with entered(caller, operation) as backend:
        if token is not None:
            remembered = backend.idempotency.get((operation, token))
            if remembered is not None:
                first_kwargs, first_answer = remembered
                if first_kwargs != kwargs:
                    raise ValidationException(
                        f"clientToken {token} was already used with different parameters"
                    )
                return first_answer
        result = getattr(NimbleOperations, found.method)(backend, **kwargs)
        if fault is not None:
            after_the_call(fault, result)
        answered = result if answer is None else answer(result)
        if token is not None:
            memory = backend.idempotency
            memory[(operation, token)] = (kwargs, answered)
            if len(memory) > IDEMPOTENCY_MEMORY:
                del memory[next(iter(memory))]
        return answered


check_backend(NimbleOperations)

__all__ = ["backend_for", "entered", "invoke"]
