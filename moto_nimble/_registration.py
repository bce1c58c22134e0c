"""The one place that touches moto's registries. Safe to run more than once."""

from __future__ import annotations

import importlib
import re
import sys
import threading

SERVICE = "nimble"
#: nimble's hosts; the region may be empty, as in the host moto's server makes
#: from a credential scope without one, so that such a request reaches nimble's
#: pipeline (which answers it 400) rather than failing in moto's dispatcher
URL_BASE = r"https?://nimble\.(.*)\.amazonaws\.com"

#: moto's ``state_manager`` model names and their default progression:
#: an *_IN_PROGRESS state settles on the next Get (one ``advance()``).
MODEL_NAMES = (
    "nimble::studio",
    "nimble::studio_component",
    "nimble::launch_profile",
    "nimble::streaming_image",
    "nimble::streaming_session",
    "nimble::streaming_session_stream",
)
DEFAULT_TRANSITION = {"progression": "manual", "times": 1}

_lock = threading.Lock()
_done = False


def register() -> None:
    """Make moto route ``nimble.<region>.amazonaws.com`` to this package."""
    global _done
    with _lock:
        if _done:
            return
        import moto.backend_index as backend_index
        from moto.moto_api import state_manager

        if not any(name == SERVICE for name, _ in backend_index.backend_url_patterns):
            backend_index.backend_url_patterns.append((SERVICE, re.compile(URL_BASE)))
        # moto.backends.get_backend("nimble") imports "moto.nimble" and reads
        # its ``nimble_backends``: point that module name at this package.
        sys.modules.setdefault("moto.nimble", importlib.import_module("moto_nimble"))
        sys.modules.setdefault(
            "moto.nimble.exceptions", importlib.import_module("moto_nimble.exceptions")
        )
        registered = set(state_manager.get_registered_models())
        for model_name in MODEL_NAMES:
            if model_name not in registered:
                state_manager.register_default_transition(
                    model_name=model_name, transition=dict(DEFAULT_TRANSITION)
                )
        _done = True
