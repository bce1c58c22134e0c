"""``moto-nimble-server``: moto's server with Nimble Studio registered.

All of moto_server's flags work. Nimble's requests skip moto's service
dispatcher and go straight to the request pipeline (``wire.wsgi.NimbleFirst``),
and a client that stops sending for ``MOTO_NIMBLE_CLIENT_TIMEOUT`` seconds
(default 30) is dropped. :class:`ThreadedNimbleServer` runs the same server
in a thread, as moto's ``ThreadedMotoServer`` does.

Two more flags give the AWS CLI (which carries its own botocore, without the
nimble model) the model with its paginators and waiters:
``--install-cli-model`` copies it to ``~/.aws/models``, where the CLI (and
botocore) look by default, and ``--uninstall-cli-model`` removes that copy::

    moto-nimble-server --install-cli-model
    aws nimble list-studios --endpoint-url http://127.0.0.1:5000

``--print-data-path`` prints a
folder that holds only the ``nimble`` service model, for clients that look for
models in ``AWS_DATA_PATH`` rather than in the botocore this package installs
into (the AWS CLI v1 carries its own botocore):

    export AWS_DATA_PATH="$(moto-nimble-server --print-data-path)"
    aws nimble list-studios --endpoint-url http://127.0.0.1:5000
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import os
import shutil
import sys
import threading
from pathlib import Path
from typing import Any
from unittest import mock

import moto_nimble  # noqa: F401  (registers the service)

from .settings import CLIENT_TIMEOUT, client_timeout
from .wire.wsgi import NimbleFirst

DATA_PATH_FLAG = "--print-data-path"
INSTALL_FLAG = "--install-cli-model"
UNINSTALL_FLAG = "--uninstall-cli-model"
#: marks a ~/.aws/models/nimble copy as this package's, so uninstall removes only its own
CLI_MODEL_MARKER = ".installed-by-moto-nimble"
#: the marker's line above the folders the install made (one a line, after _MADE)
_MADE_HEADER = "folders made by the install, which uninstalling removes when empty:"
_MADE = "made: "
_FOREIGN = (
    "{target} holds a nimble model moto-nimble did not put there "
    "(`aws configure add-model` writes there); remove that folder and repeat"
)
API_VERSION = "2020-08-01"
#: seconds a client may go without sending while the server waits for its request
CLIENT_TIMEOUT_ENV = CLIENT_TIMEOUT.variable


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


#: how often a ThreadedNimbleServer's loop looks whether stop() was called
STOP_POLL_SECONDS = 0.05


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
        # stop() waits for the loop to look again: a tenth of werkzeug's half second
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": STOP_POLL_SECONDS},
            daemon=True,
        )
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
    """A folder whose only service is ``nimble``: a link to the model installed
    with botocore.

    It lives in the user's cache folder (``$XDG_CACHE_HOME`` or ``~/.cache``),
    one per installed model, so environments do not share or re-point it, and
    is made again when missing.
    """

    model_folder = _installed_model_folder().resolve()
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


def cli_model_folder() -> Path:
    """Where the AWS CLI and botocore look for extra models: ``~/.aws/models``."""
    return Path.home() / ".aws" / "models" / "nimble" / API_VERSION


def _folders_above(target: Path) -> list[Path]:
    """``~/.aws/models/nimble``, ``~/.aws/models`` and ``~/.aws``: the folders
    an install may have to make, deepest first."""
    return [target.parent, target.parent.parent, target.parent.parent.parent]


def _folders_made(marker: Path, target: Path) -> set[Path]:
    """The folders above ``target`` that an install made, as its marker says.

    A marker written before the marker recorded them (its source alone) counts
    ``~/.aws/models/nimble`` and ``~/.aws/models`` as made, as uninstalling
    then treated them; ``~/.aws`` is never counted unless recorded."""
    lines = marker.read_text().splitlines()
    if _MADE_HEADER not in lines:
        return set(_folders_above(target)[:2])
    recorded = {Path(line[len(_MADE) :]) for line in lines if line.startswith(_MADE)}
    return recorded & set(_folders_above(target))


def install_cli_model() -> Path:
    """Copy the model botocore loads (service, paginators, waiters, endpoint
    rules), as plain JSON, to ``~/.aws/models/nimble/<version>``. Safe to repeat.

    The marker it leaves names the folders above the copy it had to make, so
    that uninstalling removes those (when empty) and no others."""

    source = _installed_model_folder()
    target = cli_model_folder()
    marker = target / CLI_MODEL_MARKER
    if target.exists() and not marker.exists():
        raise FileExistsError(_FOREIGN.format(target=target))
    made = {folder for folder in _folders_above(target) if not folder.exists()}
    if marker.exists():
        made |= _folders_made(marker, target)
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.iterdir()):
        if path.name.endswith(".json.gz"):
            (target / path.name[: -len(".gz")]).write_bytes(
                gzip.decompress(path.read_bytes())
            )
        elif path.name.endswith(".json"):
            shutil.copyfile(path, target / path.name)
    marker.write_text(
        f"{source}\n{_MADE_HEADER}\n"
        + "".join(f"{_MADE}{folder}\n" for folder in sorted(made))
    )
    return target


def uninstall_cli_model() -> Path | None:
    """Remove what :func:`install_cli_model` put in place, and the folders
    above it that the install made and that nothing else is left in (a file
    the user put in ``~/.aws`` keeps it); None if there was nothing."""
    target = cli_model_folder()
    if not target.exists():
        return None
    marker = target / CLI_MODEL_MARKER
    if not marker.exists():
        raise FileExistsError(_FOREIGN.format(target=target))
    made = _folders_made(marker, target)
    shutil.rmtree(target)
    for folder in _folders_above(target):
        if folder in made:
            with contextlib.suppress(OSError):  # not empty
                folder.rmdir()
    return target


def _installed_model_folder() -> Path:
    """The folder of the ``nimble`` model installed with botocore (its own, or
    the one this package's dependency adds to it), not the copy in
    ``~/.aws/models``, which ``--uninstall-cli-model`` may remove, nor a folder
    ``--print-data-path`` made."""
    import botocore.session

    loader = botocore.session.get_session().get_component("data_loader")
    user_models = cli_model_folder().parent.parent
    return _model_folder(
        [
            path
            for path in loader.search_paths
            if Path(path) != user_models and "moto-nimble" not in Path(path).parts
        ]
    )


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
    if INSTALL_FLAG in args or UNINSTALL_FLAG in args:
        try:
            if INSTALL_FLAG in args:
                where = install_cli_model()
                sys.stdout.write(f"the nimble model for the AWS CLI is in {where}\n")
            else:
                removed = uninstall_cli_model()
                sys.stdout.write(
                    f"removed {removed}\n" if removed else "nothing to remove\n"
                )
        except FileExistsError as error:
            sys.stderr.write(f"moto-nimble-server: {error}\n")
            raise SystemExit(1) from None
        return
    if "-h" in args or "--help" in args:
        sys.stdout.write(
            f"moto-nimble-server: moto_server with Nimble Studio.\n"
            f"  {INSTALL_FLAG}  copy the nimble model to ~/.aws/models for the AWS CLI, and exit\n"
            f"  {UNINSTALL_FLAG}  remove that copy, and exit\n"
            f"  {DATA_PATH_FLAG}  print a folder holding only the nimble model "
            "(for AWS_DATA_PATH) and exit\n"
            f"  {CLIENT_TIMEOUT_ENV}  seconds before a stalled client is dropped "
            f"(default {CLIENT_TIMEOUT.default})\n\n"
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
