"""The one place that touches moto's registries. Safe to run more than once."""

from __future__ import annotations

import importlib
import sys
import threading
from typing import Any

from _moto_nimble_autoload import SERVICE, add_url_pattern, hosts, install

__all__ = [
    "DEFAULT_TRANSITION",
    "HOST",
    "HOST_REGION",
    "SERVICE",
    "URL_BASE",
    "claim_server_requests",
    "register",
]

# nimble's hosts, read from botocore's data when moto_nimble is imported (as
# when moto's URL index loads): see _moto_nimble_autoload.Hosts
#: every host of nimble's endpoint rules, as a Host header (with an optional port)
HOST = hosts().host
#: the same hosts as URLs, the region (possibly empty) the group
URL_BASE = hosts().url_base
#: a host's region, in the group ``region``
HOST_REGION = hosts().region

#: the default progression of every model name: an *_IN_PROGRESS state
#: settles on the next read (a Get or a List)
DEFAULT_TRANSITION = {"progression": "manual", "times": 1}

_lock = threading.Lock()
_done = False


def register() -> None:
    """Make moto route ``nimble.<region>.amazonaws.com`` to this package."""
    global _done
    with _lock:
        if _done:
            return
        # the finder moto_nimble.pth installs at start-up (an editable install
        # has no .pth): moto.nimble.<module> is moto_nimble.<module>
        install()
        import moto.backend_index as backend_index
        from moto.moto_api import state_manager

        add_url_pattern(backend_index.backend_url_patterns)
        # moto.backends.get_backend("nimble") imports "moto.nimble" and reads
        # its ``nimble_backends``: point that module name at this package.
        sys.modules.setdefault("moto.nimble", importlib.import_module("moto_nimble"))
        sys.modules.setdefault(
            "moto.nimble.exceptions", importlib.import_module("moto_nimble.exceptions")
        )
        from .models import MODEL_NAMES

        registered = set(state_manager.get_registered_models())
        for model_name in MODEL_NAMES:
            if model_name not in registered:
                state_manager.register_default_transition(
                    model_name=model_name, transition=dict(DEFAULT_TRANSITION)
                )
        claim_server_requests()
        _done = True


def _is_nimble_request(environ: dict[str, Any]) -> bool:
    from .wire.wsgi import is_nimble_request

    return is_nimble_request(environ)


def _serve(environ: dict[str, Any], start_response: Any) -> Any:
    from .wire.wsgi import serve

    return serve(environ, start_response)


def claim_server_requests() -> None:
    """Make moto's server (``moto_server``, ``ThreadedMotoServer``) serve the
    requests ``moto-nimble-server`` serves as nimble's
    (:func:`moto_nimble.wire.wsgi.is_nimble_request`), whatever their host,
    method or ``Authorization``, with the same application
    (:func:`moto_nimble.wire.wsgi.serve`), once moto's server module is loaded;
    the import hook calls it again when it loads."""
    from .moto_compat import claim_requests

    claim_requests(SERVICE, _is_nimble_request, _serve)
