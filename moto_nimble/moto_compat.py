"""Every use of moto's private internals, in one place.

moto-nimble reads and changes moto's objects through their public names
everywhere else; what moto offers no public way to do is done here, against
the moto releases setup.cfg allows (the suite runs at the oldest and the
newest), so that a moto release that changes one of these breaks this module
and its tests (``tests/test_moto_compat.py``), not the package at large.

What is here:

* :func:`record_request`: moto's recorder;
* :func:`take_unchecked_request`: moto's count of the requests it lets
  through unchecked;
* :func:`claim_requests`: which service moto's server hands a request to;
* :func:`watch`: moto's CloudFormation stack operations (``Stack.update``,
  ``CloudFormationBackend.execute_change_set`` and ``delete_stack``) and its
  request handling (``CloudFormationResponse.call_action``), wrapped once;
* :func:`cloudformation_request`: the CloudFormation request being served;
* :func:`listed_stacks`, :func:`restore_stack`, :func:`stack_resources`,
  :func:`replace_stack_resources`, :func:`add_stack_event`: a stack's state,
  as moto keeps it;
* :func:`forget_resource_types`: the resource types moto's CloudFormation
  remembers.

Nothing here imports moto's CloudFormation: it acts on what is loaded, and
:mod:`_moto_nimble_autoload` calls :func:`watch` (through
``moto_nimble.cloudformation.watch_stack_operations``) as each part loads.
"""

from __future__ import annotations

import contextvars
import functools
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

#: what :func:`watch` wraps a moto method with: called with the stack or
#: backend the method was called on and ``proceed``, which runs moto's own
#: method with the arguments it was given; returns what the method returns
Around = Callable[[Any, Callable[[], Any]], Any]

#: marks a function this module put in place of moto's
_WATCHED = "_moto_nimble_watched"


def record_request(request: Any, body: bytes) -> None:
    """Hand a request served outside moto's dispatcher to moto's recorder
    (``/moto-api/recorder/``), as moto's own server does."""
    from moto.moto_api import recorder

    recorder._record_request(request, body=body)


def take_unchecked_request() -> bool:
    """Whether a request goes unchecked, as one of the first
    ``INITIAL_NO_AUTH_ACTION_COUNT`` with IAM authorization on (moto's
    setting, or its ``set_initial_no_auth_action_count``): counted, if so, in
    moto's own count, which moto's services share."""
    from moto import settings
    from moto.core.authorization import ActionAuthenticatorMixin

    if ActionAuthenticatorMixin.request_count < settings.INITIAL_NO_AUTH_ACTION_COUNT:
        ActionAuthenticatorMixin.request_count += 1
        return True
    return False


# --- moto's server: whose request it is -------------------------------------------

#: service -> what picks its requests (a WSGI environ) in moto's server, and
#: the WSGI application that serves them
_claims: dict[str, tuple[Callable[[dict[str, Any]], bool], Callable[..., Any]]] = {}


def claim_requests(
    service: str,
    claims: Callable[[dict[str, Any]], bool],
    application: Callable[..., Any],
) -> None:
    """Make moto's server application (``DomainDispatcherApplication``, which
    ``moto_server`` and ``ThreadedMotoServer`` run) hand every request that
    ``claims`` picks to ``application``, a WSGI application of ``service``'s,
    before moto guesses the service from the request's credential scope, body
    or path (for a request to the server's own host, that guess fails with a
    500 or names another service) and before moto's Flask application for the
    service answers a method it does not route with an HTML 405.

    ``get_application`` is wrapped once, if moto's server module is loaded (call
    again when it loads); a later call for the same service replaces its claim.
    """
    _claims[service] = (claims, application)
    module = sys.modules.get("moto.moto_server.werkzeug_app")
    dispatcher = getattr(module, "DomainDispatcherApplication", None)
    if dispatcher is None:
        return
    get_application = dispatcher.__dict__.get("get_application")
    if get_application is None or getattr(get_application, _WATCHED, False):
        return

    @functools.wraps(get_application)
    def claimed(app: Any, environ: dict[str, Any]) -> Any:
        for claim, serves in list(_claims.values()):
            if claim(environ):
                return serves
        return get_application(app, environ)

    setattr(claimed, _WATCHED, True)
    dispatcher.get_application = claimed


# --- the CloudFormation request being served -------------------------------------


@dataclass(frozen=True)
class CloudFormationRequest:
    """Who sent the CloudFormation request being served, as moto read it."""

    account_id: str
    region: str
    access_key: str


_request: contextvars.ContextVar[CloudFormationRequest | None] = contextvars.ContextVar(
    "moto_nimble_cloudformation_request", default=None
)


def cloudformation_request() -> CloudFormationRequest | None:
    """The CloudFormation request moto is serving (CreateStack, UpdateStack,
    ExecuteChangeSet, DeleteStack, ...), or None outside one. moto hands a
    stack's resources no caller: this is how they learn it."""
    return _request.get()


def _track_requests(response_class: Any) -> None:
    """Make each CloudFormation request current while moto serves it.

    ``BaseResponse._dispatch`` reads the request (``setup_class``: its access
    key, account and region) and then calls ``call_action``, which runs the
    action; that is so in moto 5.2.2 and every release since, for requests in
    process and on moto's server alike. ``call_action`` is wrapped on
    ``CloudFormationResponse`` only, so no other service pays for it.
    """
    if getattr(response_class.__dict__.get("call_action"), _WATCHED, False):
        return
    call_action = response_class.call_action

    @functools.wraps(call_action)
    def tracked(response: Any) -> Any:
        access_key = getattr(response, "access_key", None)
        if access_key is None:
            return call_action(response)
        token = _request.set(
            CloudFormationRequest(
                str(response.current_account), str(response.region), str(access_key)
            )
        )
        try:
            return call_action(response)
        finally:
            _request.reset(token)

    setattr(tracked, _WATCHED, True)
    response_class.call_action = tracked


# --- stack operations -----------------------------------------------------------

#: what the wrapped methods call: set by the latest :func:`watch`
_arounds: dict[str, Around] = {}


def _wrap(owner: Any, name: str, key: str) -> None:
    method = owner.__dict__.get(name)
    if method is None or getattr(method, _WATCHED, False):
        return

    @functools.wraps(method)
    def watched(target: Any, *args: Any, **kwargs: Any) -> Any:
        around = _arounds.get(key)
        if around is None:
            return method(target, *args, **kwargs)
        return around(target, lambda: method(target, *args, **kwargs))

    setattr(watched, _WATCHED, True)
    setattr(owner, name, watched)


def watch(*, update: Around, execute_change_set: Around, delete_stack: Around) -> None:
    """Run ``Stack.update``, ``CloudFormationBackend.execute_change_set`` and
    ``CloudFormationBackend.delete_stack`` through these (see :data:`Around`),
    and make each CloudFormation request current while it is served (see
    :func:`cloudformation_request`). Each of moto's methods is wrapped once,
    if its module is loaded (call again when it loads); a later call replaces
    the functions."""
    _arounds.update(
        update=update, execute_change_set=execute_change_set, delete_stack=delete_stack
    )
    models = sys.modules.get("moto.cloudformation.models")
    stack_class = getattr(models, "Stack", None)
    backend_class = getattr(models, "CloudFormationBackend", None)
    if stack_class is not None and backend_class is not None:
        _wrap(stack_class, "update", "update")
        _wrap(backend_class, "execute_change_set", "execute_change_set")
        _wrap(backend_class, "delete_stack", "delete_stack")
    responses = sys.modules.get("moto.cloudformation.responses")
    response_class = getattr(responses, "CloudFormationResponse", None)
    if response_class is not None:
        _track_requests(response_class)


# --- a stack's state --------------------------------------------------------------


def listed_stacks(backend: Any) -> Mapping[str, Any]:
    """The stacks a CloudFormation backend lists, by stack ID (read-only, live:
    moto takes a stack off it when DeleteStack begins)."""
    return MappingProxyType(backend.stacks)


def restore_stack(backend: Any, stack: Any) -> None:
    """Put a stack moto took off its list at DeleteStack back on it, as it
    was before: listed, and not among the deleted."""
    backend.stacks[stack.stack_id] = stack
    backend.deleted_stacks.pop(stack.stack_id, None)


def stack_resources(stack: Any) -> dict[str, Any]:
    """What a stack holds by logical ID (its resources, and the parameters and
    mappings moto keeps beside them), as a copy."""
    return dict(stack.resource_map._parsed_resources)


def replace_stack_resources(stack: Any, resources: Mapping[str, Any]) -> None:
    """Make the stack hold these resources under these logical IDs (a
    replacement's new resources in place of the old)."""
    stack.resource_map._parsed_resources.update(resources)


def add_stack_event(stack: Any, status: str, reason: str) -> None:
    """Record an event of the stack itself (``AWS::CloudFormation::Stack``),
    as moto records its own (and sends it to the stack's notification ARNs)."""
    stack._add_stack_event(status, resource_status_reason=reason)


def forget_resource_types() -> None:
    """moto's CloudFormation finds resource types through
    ``CloudFormationModel.__subclasses__()`` behind caches: clear them (if it
    is loaded), so that classes defined since are found."""
    parsing = sys.modules.get("moto.cloudformation.parsing")
    if parsing is None:
        return
    for cached in ("get_model_list", "get_model_map", "get_name_type_map"):
        function = getattr(parsing, cached, None)
        if function is not None and hasattr(function, "cache_clear"):
            function.cache_clear()


# --- moto's reset -------------------------------------------------------------------

#: what runs after every reset of moto's backends
_after_reset: list[Callable[[], None]] = []


def on_reset(callback: Callable[[], None]) -> None:
    """Run ``callback`` whenever moto resets its backends (``/moto-api/reset``,
    and a mock that starts or ends), whether or not a nimble backend exists:
    moto's reset reaches only the backends that were made."""
    from moto.core.base_backend import BackendDict

    if callback not in _after_reset:
        _after_reset.append(callback)
    reset = BackendDict.__dict__["reset"]
    if getattr(reset, _WATCHED, False):
        return
    original = reset.__func__

    @functools.wraps(original)
    def reset_and_after(cls: Any) -> None:
        original(cls)
        for after in list(_after_reset):
            after()

    setattr(reset_and_after, _WATCHED, True)
    BackendDict.reset = classmethod(reset_and_after)  # type: ignore[method-assign,assignment,unused-ignore]
