"""``moto-nimble-server``: moto's server with Nimble Studio registered.

All of moto_server's flags work. One more, ``--print-data-path``, prints a
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
from pathlib import Path

import moto_nimble  # noqa: F401  (registers the service)

DATA_PATH_FLAG = "--print-data-path"
API_VERSION = "2020-08-01"


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
    from moto.server import main as moto_main

    args = list(sys.argv[1:] if argv is None else argv)
    if DATA_PATH_FLAG in args:
        sys.stdout.write(f"{nimble_data_path()}\n")
        return
    if "-h" in args or "--help" in args:
        sys.stdout.write(
            f"moto-nimble-server: moto_server with Nimble Studio.\n"
            f"  {DATA_PATH_FLAG}  print a folder holding only the nimble model "
            "(for AWS_DATA_PATH) and exit\n\n"
        )
    moto_main(args)


if __name__ == "__main__":
    main()
