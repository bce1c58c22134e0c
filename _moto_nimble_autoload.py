"""moto serves nimble once moto-nimble is installed, with no ``import moto_nimble``.

``moto_nimble.pth`` imports this module when the interpreter starts. It only
puts a finder on ``sys.meta_path``, which acts on these imports and no others:

* ``moto.backend_index``: once moto has built its index of service URLs,
  nimble's hosts join it, so ``mock_aws``, ``moto_server``, ``ThreadedMotoServer``
  and moto's proxy route nimble's requests (whenever the mock started);
* ``moto.moto_server.werkzeug_app``: once moto's server application is
  loaded, it hands nimble every request that ``moto-nimble-server`` serves as
  nimble's (a path under ``/2020-08-01/`` among them, whatever its host), so
  ``moto_server`` and ``ThreadedMotoServer`` route them alike;
* ``moto.nimble`` and ``moto.nimble.<module>``, which moto imports the first
  time it routes a nimble request (``moto.backends.get_backend("nimble")``):
  they are ``moto_nimble`` and its modules, imported then;
* ``moto.cloudformation.parsing``: once moto's CloudFormation is loaded,
  ``moto_nimble`` is imported too, so that stacks find the
  ``AWS::NimbleStudio::*`` resource types; and after
  ``moto.cloudformation.models``, a stack operation in which a nimble
  resource failed is reported failed, and after
  ``moto.cloudformation.responses``, a stack's nimble resources are made by
  the caller of the CloudFormation request (see ``moto_nimble.cloudformation``).

A process that never imports moto pays for reading this file and nothing else;
``import moto`` pays one string comparison per module it imports.

PYTEST_DONT_REWRITE: pytest rewrites the asserts of every top-level module of a
distribution with a ``pytest11`` plugin, and warns when one was imported first,
as this one always is; it has no asserts, and these words tell pytest so.
"""

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:  # importing typing at every interpreter start costs milliseconds
    from typing import Any

SERVICE = "nimble"
#: nimble's hosts: ``nimble.<region>.amazonaws.com`` and the FIPS
#: (``nimble-fips.``) and dual-stack (``.api.aws``) forms the model's endpoint
#: rules make. The region may be empty, as in the host moto's server makes from
#: a credential scope without one: such a request then reaches nimble, which
#: answers it 400, instead of failing in moto's dispatcher.
URL_BASE = r"https?://nimble(?:-fips)?\.([^./]*)\.(?:amazonaws\.com|api\.aws)"
#: the same hosts with a region-shaped region, and nothing after the host but
#: a port or a path. moto tries this one before its own services, so a nimble
#: request skips some 200 patterns; it matches no other service's host (an S3
#: bucket named "nimble" is ``nimble.s3[.<region>].amazonaws.com``), while
#: URL_BASE, tried last as any service's, still catches the odd region.
URL_FIRST = (
    r"https?://nimble(?:-fips)?\.[a-z]{2}(?:-[a-z]+)+-[0-9]+"
    r"\.(?:amazonaws\.com|api\.aws)(?::[0-9]+)?(?:/|$)"
)
#: the same hosts, as a Host header (with an optional port)
HOST = r"^nimble(?:-fips)?\.[^./]*\.(?:amazonaws\.com|api\.aws)(?::[0-9]+)?$"

_ALIAS = "moto.nimble"


def add_url_pattern(patterns: "list[tuple[str, Any]]") -> None:
    """Put nimble's hosts in moto's list of (service, URL pattern), once:
    URL_FIRST before every other service's, URL_BASE after them."""
    import re

    present = {pattern.pattern for name, pattern in patterns if name == SERVICE}
    if URL_FIRST not in present:
        patterns.insert(0, (SERVICE, re.compile(URL_FIRST)))
    if URL_BASE not in present:
        patterns.append((SERVICE, re.compile(URL_BASE)))


def _after_backend_index(module: "Any") -> None:
    add_url_pattern(module.backend_url_patterns)


def _after_moto_server(_module: "Any") -> None:
    import importlib

    importlib.import_module("moto_nimble._registration").claim_server_requests()


def _after_cloudformation(_module: "Any") -> None:
    import importlib

    importlib.import_module("moto_nimble")


def _after_cloudformation_models(_module: "Any") -> None:
    """Also after ``moto.cloudformation.responses``: watching what is loaded."""
    import importlib

    importlib.import_module("moto_nimble.cloudformation").watch_stack_operations()


#: moto's modules after whose import nimble joins in
_AFTER = {
    "moto.backend_index": _after_backend_index,
    "moto.moto_server.werkzeug_app": _after_moto_server,
    "moto.cloudformation.parsing": _after_cloudformation,
    "moto.cloudformation.models": _after_cloudformation_models,
    "moto.cloudformation.responses": _after_cloudformation_models,
}


class _Then:
    """Runs moto's own loader for a module, then nimble's addition to it."""

    def __init__(self, loader: "Any", then: "Any") -> None:
        self.loader = loader
        self.then = then

    def create_module(self, spec: "Any") -> "Any":
        return self.loader.create_module(spec)

    def exec_module(self, module: "Any") -> None:
        self.loader.exec_module(module)
        self.then(module)

    def __getattr__(self, name: str) -> "Any":
        return getattr(self.loader, name)


class _Alias:
    """Loads ``moto.nimble[.x]`` as ``moto_nimble[.x]``: the same module object."""

    def __init__(self, target: str) -> None:
        self.target = target
        self.spec: Any = None

    def create_module(self, _spec: "Any") -> "Any":
        import importlib

        module = importlib.import_module(self.target)
        self.spec = module.__spec__
        return module

    def exec_module(self, module: "Any") -> None:
        # the import system gave the module the alias's spec; give it back its own
        module.__spec__ = self.spec


class NimbleFinder:
    def find_spec(
        self, fullname: str, path: "Any" = None, _target: "Any" = None
    ) -> "Any":
        then = _AFTER.get(fullname)
        if then is not None:
            from importlib.machinery import PathFinder

            spec = PathFinder.find_spec(fullname, path)
            if spec is not None and spec.loader is not None:
                spec.loader = _Then(spec.loader, then)  # type: ignore[assignment,unused-ignore]
            return spec
        if fullname == _ALIAS or fullname.startswith(_ALIAS + "."):
            from importlib.util import spec_from_loader

            return spec_from_loader(
                fullname,
                _Alias("moto_nimble" + fullname[len(_ALIAS) :]),  # type: ignore[arg-type,unused-ignore]
            )
        return None


def install() -> None:
    """Put the finder first on ``sys.meta_path`` (once); if moto's URL index is
    already imported, add nimble to it now."""
    if not any(isinstance(finder, NimbleFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, NimbleFinder())
    index = sys.modules.get("moto.backend_index")
    if index is not None:
        _after_backend_index(index)


install()
