"""``moto-nimble-server``: moto's server with Nimble Studio registered."""

from __future__ import annotations

import sys

import moto_nimble  # noqa: F401  (registers the service)


def main(argv: list[str] | None = None) -> None:
    from moto.server import main as moto_main

    args = list(sys.argv[1:] if argv is None else argv)
    moto_main(args)


if __name__ == "__main__":
    main()
