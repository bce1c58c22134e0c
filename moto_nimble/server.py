"""``moto-nimble-server``: moto's server with Nimble Studio registered.

All of moto_server's flags work. Nimble's requests skip moto's service
dispatcher and go straight to the request pipeline (``wire.wsgi.NimbleFirst``),
and a client that stops sending for ``MOTO_NIMBLE_CLIENT_TIMEOUT`` seconds
(default 30) is dropped. :class:`ThreadedNimbleServer` runs the same server
in a thread, as moto's ``ThreadedMotoServer`` does.

One more flag, ``--print-data-path``, prints a
folder that holds only the ``nimble`` service model, for clients that look for
models in ``AWS_DATA_PATH`` rather than in the botocore this package installs
into (the AWS CLI v1 carries its own botocore):

    export AWS_DATA_PATH="$(moto-nimble-server --print-data-path)"
    aws nimble list-studios --endpoint-url http://127.0.0.1:5000
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import threading
from pathlib import Path
from typing import Any
from unittest import mock

import moto_nimble  # noqa: F401  (registers the service)

from .wire.wsgi import NimbleFirst

DATA_PATH_FLAG = "--print-data-path"
API_VERSION = "2020-08-01"
#: seconds a client may go without sending while the server waits for its request
CLIENT_TIMEOUT_ENV = "MOTO_NIMBLE_CLIENT_TIMEOUT"
DEFAULT_CLIENT_TIMEOUT = 30.0


def client_timeout() -> float:
    try:
        return float(os.environ.get(CLIENT_TIMEOUT_ENV, DEFAULT_CLIENT_TIMEOUT))
    except ValueError:
        return DEFAULT_CLIENT_TIMEOUT


def request_handler(base: type | None = None, timeout: float | None = None) -> type:
    """moto's request handler, with a socket timeout: a client that stalls
    mid-request (fewer bytes than its Content-Length, say) is dropped."""
    if base is None:
        from werkzeug.serving import WSGIRequestHandler

        base = WSGIRequestHandler
        with contextlib.suppress(ImportError):  # moto >= 5.2.5
            from moto.moto_server.werkzeug_app import (  # type: ignore[attr-defined,unused-ignore]
                MotoRequestHandler,
            )

            base = MotoRequestHandler
    return type(
        "NimbleRequestHandler",
        (base,),
        {"timeout": client_timeout() if timeout is None else timeout},
    )


def make_app() -> NimbleFirst:
    """The WSGI application of ``moto-nimble-server``: moto's, with nimble first."""
    from moto.moto_server.werkzeug_app import (
        DomainDispatcherApplication,
        create_backend_app,
    )

    return NimbleFirst(DomainDispatcherApplication(create_backend_app))


class ThreadedNimbleServer:
    """``moto-nimble-server`` in a background thread (moto's ``ThreadedMotoServer``
    with nimble's front and the client timeout).

    ``port=0`` takes a free port; :meth:`get_host_and_port` tells which.
    """

    def __init__(
        self,
        ip_address: str = "127.0.0.1",
        port: int = 0,
        client_timeout: float | None = None,
    ) -> None:
        self._address = (ip_address, port)
        self._timeout = client_timeout
        self._server: Any = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        from werkzeug.serving import make_server

        self._server = make_server(
            *self._address,
            make_app(),
            threaded=True,
            request_handler=request_handler(timeout=self._timeout),
        )
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def get_host_and_port(self) -> tuple[str, int]:
        assert self._server is not None, "call start() first"
        host, port = self._server.server_address[:2]
        return str(host), int(port)

    @property
    def url(self) -> str:
        host, port = self.get_host_and_port()
        return f"http://{host}:{port}"

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join()

    def __enter__(self) -> ThreadedNimbleServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def nimble_data_path() -> Path:
    """A folder whose only service is ``nimble``: a link to the model botocore loads.

    It lives in the user's cache folder (``$XDG_CACHE_HOME`` or ``~/.cache``),
    one per installed model, so environments do not share or re-point it, and
    is made again when missing.
    """
    import botocore.session

    loader = botocore.session.get_session().get_component("data_loader")
    model_folder = _model_folder(loader.search_paths).resolve()
    digest = hashlib.sha256(str(model_folder).encode()).hexdigest()[:12]
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    root = cache / "moto-nimble" / f"aws-data-{digest}"
    link = root / "nimble" / API_VERSION
    link.parent.mkdir(parents=True, exist_ok=True)
    if link.is_symlink() and link.resolve() != model_folder:
        link.unlink()
    if not link.exists():
        # another process may make it at the same moment
        with contextlib.suppress(FileExistsError):
            link.symlink_to(model_folder, target_is_directory=True)
    return root


def _model_folder(search_paths: list[str]) -> Path:
    """The folder of the ``nimble`` model that botocore's own loader finds."""
    for search_path in search_paths:
        folder = Path(search_path) / "nimble" / API_VERSION
        if (folder / "service-2.json").exists() or (
            folder / "service-2.json.gz"
        ).exists():
            return folder
    raise FileNotFoundError(
        "botocore has no nimble model: install botocore-a-la-carte-nimble"
    )


def main(argv: list[str] | None = None) -> None:
    import moto.server

    args = list(sys.argv[1:] if argv is None else argv)
    if DATA_PATH_FLAG in args:
        sys.stdout.write(f"{nimble_data_path()}\n")
        return
    if "-h" in args or "--help" in args:
        sys.stdout.write(
            f"moto-nimble-server: moto_server with Nimble Studio.\n"
            f"  {DATA_PATH_FLAG}  print a folder holding only the nimble model "
            "(for AWS_DATA_PATH) and exit\n"
            f"  {CLIENT_TIMEOUT_ENV}  seconds before a stalled client is dropped "
            f"(default {DEFAULT_CLIENT_TIMEOUT:g})\n\n"
        )
    # moto's main parses the flags and builds its application; nimble's front
    # and the timeout go in where moto hands both to werkzeug.
    from werkzeug.serving import run_simple

    def run_nimble_first(host: str, port: int, app: Any, **options: Any) -> None:
        options["request_handler"] = request_handler(options.get("request_handler"))
        run_simple(host, port, NimbleFirst(app), **options)

    with mock.patch.object(moto.server, "run_simple", run_nimble_first):
        moto.server.main(args)


if __name__ == "__main__":
    main()
