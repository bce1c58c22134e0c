"""Failures on demand: a test asks for a throttle, a 500, a slow answer, or a
resource that fails its transition, and sees how its code copes.

::

    from moto_nimble import faults

    faults.inject("CreateStudio", error="ThrottlingException", count=2)
    faults.inject("CreateLaunchProfile", status_code="INVALID_SUBNETS_PROVIDED")
    faults.inject("GetStudio", latency=0.5, probability=0.1)
    faults.clear()

A fault applies to the API requests that name its operation (in-process and
on both servers), not to CloudFormation's or the Tagging API's calls into the
backend. ``error`` is answered after routing, before validation, IAM and the
backend's lock, as any error shape the model lists for the operation, with
the model's status. ``status_code`` lets the call go ahead as usual; the
resource it starts a transition on settles into that transition's failed
state with that code (a call that is refused does not use the fault up).
``validation``, on CreateLaunchProfile and UpdateLaunchProfile, fails those
validation results and leaves the profile READY. ``latency`` is slept before
the answer, outside the backend's lock, and combines with the others.

``count`` calls use a fault up (None: until cleared); each matching call
draws against ``probability`` from moto's seeded random source
(``/moto-api/seed`` repeats the draws), and one that loses its draw uses up
nothing. ``account_id``, ``region`` and ``resource_id`` (an ID the request's
path names) narrow the calls it matches. The oldest matching fault that wins
its draw applies. Faults are cleared by :func:`clear`, by ``/moto-api/reset``
and when a mock starts or ends.

Through a server: ``POST /nimble_<region>/moto-api/faults`` with the same
names in camelCase registers one in that region; ``DELETE`` on the same path
clears them all.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from moto.moto_api._internal import mock_random

from .contract import SERVICE_MODEL
from .moto_compat import on_reset

#: the longest latency a fault may add, in seconds
MAX_LATENCY = 60.0
#: what a transition's operation is called, by its verb
_TRANSITION_OF_VERB = {
    "Create": "create",
    "Update": "update",
    "Delete": "delete",
    "Start": "start",
    "Stop": "stop",
}
_VALIDATING = ("CreateLaunchProfile", "UpdateLaunchProfile")


@dataclass
class Fault:
    """One registered fault; ``count`` is what is left of it."""

    operation: str
    error: str | None = None
    status_code: str | None = None
    validation: Mapping[str, str] | None = None
    latency: float | None = None
    count: int | None = 1
    probability: float = 1.0
    account_id: str | None = None
    region: str | None = None
    resource_id: str | None = None
    message: str | None = None
    #: set by the registry
    fault_id: int = field(default=0, compare=False)

    def document(self) -> dict[str, Any]:
        """The fault as the server's hook answers it (camelCase, unset left out)."""
        names = {
            "operation": self.operation,
            "error": self.error,
            "statusCode": self.status_code,
            "validation": dict(self.validation) if self.validation else None,
            "latency": self.latency,
            "count": self.count,
            "probability": self.probability,
            "accountId": self.account_id,
            "region": self.region,
            "resourceId": self.resource_id,
            "message": self.message,
        }
        return {
            "faultId": self.fault_id,
            **{k: v for k, v in names.items() if v is not None},
        }

    def matches(self, operation: str, account_id: str, region: str, ids: Any) -> bool:
        return (
            self.operation == operation
            and (self.account_id is None or self.account_id == account_id)
            and (self.region is None or self.region == region)
            and (self.resource_id is None or self.resource_id in ids)
        )


class Registry:
    """The process's faults, oldest first, under one lock."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []
        self._next_id = 0

    def add(self, fault: Fault) -> Fault:
        with self._lock:
            self._next_id += 1
            fault.fault_id = self._next_id
            self._faults.append(fault)
        return fault

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def __bool__(self) -> bool:
        return bool(self._faults)

    def list(self) -> list[Fault]:
        with self._lock:
            return list(self._faults)

    def draw(
        self, operation: str, account_id: str, region: str, ids: Any
    ) -> Fault | None:
        """The fault this call gets, if any: the oldest that matches and wins
        its draw. An ``error`` or ``latency``-only fault is used up now; one
        that changes what the call does is used up by :meth:`use` once the
        call took effect."""
        with self._lock:
            for fault in self._faults:
                if not fault.matches(operation, account_id, region, ids):
                    continue
                if (
                    fault.probability < 1.0
                    and mock_random.random() >= fault.probability
                ):
                    continue
                if fault.status_code is None and fault.validation is None:
                    self._use(fault)
                return fault
        return None

    def use(self, fault: Fault) -> bool:
        """Use up one count of a fault whose call was accepted; False when
        another call used its last count first."""
        with self._lock:
            if fault not in self._faults:
                return False
            self._use(fault)
            return True

    def _use(self, fault: Fault) -> None:
        if fault.count is not None:
            fault.count -= 1
            if fault.count <= 0:
                self._faults.remove(fault)


#: the faults of this process
REGISTRY = Registry()
on_reset(REGISTRY.clear)


def resource_shape(operation: str) -> str | None:
    """The resource a Create/Update/Delete/Start/Stop answers with, by its shape."""
    output = SERVICE_MODEL.operation_model(operation).output_shape
    for member in (output.members if output is not None else {}).values():
        if "state" in getattr(member, "members", {}):
            return str(member.name)
    return None


def failure_codes(operation: str) -> list[str]:
    """The statusCodes a ``status_code`` fault may give ``operation``: the
    failure codes of the resource it starts a transition on (empty when it
    starts none that can fail)."""
    from .models import resource_classes
    from .models.failures import FAILURE_MESSAGES

    shape = resource_shape(operation)
    verb = next((v for v in _TRANSITION_OF_VERB if operation.startswith(v)), None)
    cls = resource_classes().get(shape or "")
    if cls is None or verb is None:
        return []
    transition = cls.TRANSITIONS.get(_TRANSITION_OF_VERB[verb])
    if transition is None or transition.fails_to is None:
        return []
    codes = SERVICE_MODEL.shape_for(str(shape)).members["statusCode"].enum
    return [code for code in codes if code in FAILURE_MESSAGES]


def _validation_codes() -> tuple[list[str], list[str]]:
    result = SERVICE_MODEL.shape_for("ValidationResult")
    kinds = list(result.members["type"].enum)
    codes = [
        c
        for c in result.members["statusCode"].enum
        if c.startswith("VALIDATION_FAILED")
    ]
    return kinds, codes


def _problem(fault: Fault) -> str | None:
    """Why a fault cannot be registered, naming what its operation allows."""
    operation = fault.operation
    if operation not in SERVICE_MODEL.operation_names:
        return f"{operation!r} is not an operation of the nimble model"
    if fault.error is not None and fault.status_code is not None:
        return f"{operation}: a fault has an error or a status_code, not both"
    if (
        fault.error is None
        and fault.status_code is None
        and fault.validation is None
        and fault.latency is None
    ):
        return f"{operation}: a fault needs an error, a status_code, a validation or a latency"
    if fault.error is not None:
        errors = [s.name for s in SERVICE_MODEL.operation_model(operation).error_shapes]
        if fault.error not in errors:
            return f"{operation} answers the errors {', '.join(sorted(errors))}, not {fault.error!r}"
    if fault.status_code is not None:
        codes = failure_codes(operation)
        if not codes:
            return f"{operation} starts no transition that can fail: it takes no status_code"
        if fault.status_code not in codes:
            return f"{operation} fails with the statusCodes {', '.join(codes)}, not {fault.status_code!r}"
    if fault.validation is not None:
        kinds, codes = _validation_codes()
        if operation not in _VALIDATING:
            return f"{operation}: only {' and '.join(_VALIDATING)} take a validation"
        for kind, code in fault.validation.items():
            if kind not in kinds or code not in codes:
                return (
                    f"{operation}: a validation maps one of {', '.join(kinds)} "
                    f"to one of {', '.join(codes)}, not {kind!r}: {code!r}"
                )
    if fault.latency is not None and not 0 <= fault.latency <= MAX_LATENCY:
        return f"{operation}: latency is between 0 and {MAX_LATENCY:g} seconds"
    if fault.count is not None and fault.count < 1:
        return f"{operation}: count is at least 1 (None: until cleared)"
    if not 0 < fault.probability <= 1:
        return f"{operation}: probability is above 0 and at most 1"
    return None


def inject(
    operation: str,
    *,
    error: str | None = None,
    status_code: str | None = None,
    validation: Mapping[str, str] | None = None,
    latency: float | None = None,
    count: int | None = 1,
    probability: float = 1.0,
    account_id: str | None = None,
    region: str | None = None,
    resource_id: str | None = None,
    message: str | None = None,
) -> Fault:
    """Register a fault (see the module's documentation); ValueError, naming
    the operation and what it allows, for one that cannot happen."""
    fault = Fault(
        operation,
        error=error,
        status_code=status_code,
        validation=dict(validation) if validation is not None else None,
        latency=float(latency) if latency is not None else None,
        count=count,
        probability=float(probability),
        account_id=account_id,
        region=region,
        resource_id=resource_id,
        message=message,
    )
    problem = _problem(fault)
    if problem is not None:
        raise ValueError(problem)
    return REGISTRY.add(fault)


def clear() -> None:
    """Forget every fault."""
    REGISTRY.clear()


def injected() -> list[Fault]:
    """The faults registered and not used up, oldest first."""
    return REGISTRY.list()


# --- what the request path does with a fault ---------------------------------------


def before_the_call(fault: Fault) -> None:
    """Sleep the fault's latency; raise its error."""
    if fault.latency:
        time.sleep(fault.latency)
    if fault.error is not None:
        from .exceptions import error_named

        raise error_named(fault.error, fault.message)


def after_the_call(fault: Fault, result: Any) -> None:
    """Make the call's resource fail as the fault says; called under the
    backend's lock, once the call was accepted."""
    if fault.status_code is None and fault.validation is None:
        return
    if not getattr(result, "failable", False) or not REGISTRY.use(fault):
        return
    if fault.status_code is not None:
        result.fail_with(fault.status_code, fault.message)
    if fault.validation is not None:
        result.validation_failures = {**result.validation_failures, **fault.validation}


__all__ = ["MAX_LATENCY", "Fault", "clear", "failure_codes", "inject", "injected"]
