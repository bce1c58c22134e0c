"""boto3 sessions that read botocore's data from disk once per process.

A new boto3 Session makes a new botocore loader, which reads the service
model, the endpoint rules and the partitions again: 70 to 100 ms for the first
client of each session. It also registers botocore's 1,300-odd built-in event
handlers one by one. moto resets boto3's default session for every mock,
so a suite whose tests call ``boto3.client(...)`` pays that in every test.

:func:`boto3_session` is ``boto3.session.Session(**kwargs)`` whose loader is
shared: the session's credentials, configuration, region and event handlers
are its own, as ever; only what botocore reads from its data folders is read
once (per ``AWS_DATA_PATH``), and its event handlers start as a copy of the
built-in ones (registered again if ``botocore.handlers.BUILTIN_HANDLERS``
changed), as botocore copies a session's handlers into each client. :func:`shared_default_sessions` makes boto3's
default session one of these while it is active, so ``boto3.client(...)``
inside a mock costs next to nothing; the pytest plugin's
``nimble_shared_botocore`` fixture wraps it::

    # conftest.py
    import pytest

    @pytest.fixture(autouse=True)
    def _botocore_reads_once(nimble_shared_botocore):
        pass

Models that a test adds to or removes from ``~/.aws/models`` while the process
runs are not seen by a loader that already read them: such a test should make
its own ``boto3.session.Session()``.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import boto3  # type: ignore[import-untyped,unused-ignore]
import botocore.handlers
import botocore.hooks
import botocore.session

__all__ = ["boto3_session", "shared_default_sessions"]

#: one loader per data path (``AWS_DATA_PATH``), made by the first session that asked
_LOADERS: dict[Any, Any] = {}
_LOCK = threading.Lock()
#: botocore's built-in handlers, registered once: (what they were made from, the emitter)
_BUILT_IN: list[tuple[list[Any], Any]] = []


def _built_in_handlers() -> Any:
    """A copy of an emitter holding botocore's built-in handlers."""
    specs = list(botocore.handlers.BUILTIN_HANDLERS)
    with _LOCK:
        if not _BUILT_IN or _BUILT_IN[0][0] != specs:
            emitter = botocore.hooks.HierarchicalEmitter()
            botocore.session.Session(event_hooks=emitter)  # registers them into it
            _BUILT_IN[:] = [(specs, emitter)]
        return copy.copy(_BUILT_IN[0][1])


def boto3_session(**kwargs: Any) -> Any:
    """``boto3.session.Session(**kwargs)``, sharing the process's botocore loader."""
    core = botocore.session.Session(
        event_hooks=_built_in_handlers(), include_builtin_handlers=False
    )
    data_path = core.get_config_variable("data_path")
    with _LOCK:
        loader = _LOADERS.get(data_path)
        if loader is None:
            loader = _LOADERS[data_path] = core.get_component("data_loader")
        else:
            core.register_component("data_loader", loader)
        session = boto3.session.Session(botocore_session=core, **kwargs)
        # every boto3 Session adds boto3's data folder to its loader's search paths
        paths = loader.search_paths
        paths[:] = list(dict.fromkeys(paths))
    return session


@contextmanager
def shared_default_sessions() -> Iterator[None]:
    """While active, boto3's default session (``boto3.client(...)``,
    ``boto3.resource(...)``), when boto3 makes a new one, is a
    :func:`boto3_session`."""
    original = boto3.setup_default_session

    def setup_default_session(**kwargs: Any) -> None:
        boto3.DEFAULT_SESSION = boto3_session(**kwargs)

    boto3.setup_default_session = setup_default_session
    try:
        yield
    finally:
        boto3.setup_default_session = original
