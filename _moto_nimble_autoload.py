"""moto serves nimble once moto-nimble is installed, with no ``import moto_nimble``.

``moto_nimble.pth`` imports this module when the interpreter starts. It only
puts a finder on ``sys.meta_path``, which acts on these imports and no others:

* ``moto.backend_index``: once moto has built its index of service URLs,
  nimble's hosts (read from botocore's data then: see :class:`Hosts`) join
  it, so ``mock_aws``, ``moto_server``, ``ThreadedMotoServer``
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
    import re
    from collections.abc import Iterator
    from typing import Any

SERVICE = "nimble"
_ALIAS = "moto.nimble"


class Hosts:
    """nimble's hosts, as regular expressions: every host the endpoint rules of
    nimble's model make (``endpoint-rule-set-1``), with each partition's DNS
    suffixes (botocore's ``partitions``), read with botocore's loader.

    The rules make ``<first label>.<region>.<suffix>``: ``nimble`` or
    ``nimble-fips``, the region as given, and a partition's ``dnsSuffix`` or
    ``dualStackDnsSuffix``. The region's partition is the one whose region list
    or ``regionRegex`` holds it, else ``aws``, so any region may go with any
    partition's suffix: each pattern takes every first label with every suffix.
    """

    def __init__(
        self, labels: "list[str]", suffixes: "list[str]", regions: str
    ) -> None:
        import re

        #: the first labels and the suffixes, each as an alternation
        labels_re = "(?:" + "|".join(labels) + ")"
        suffixes_re = "(?:" + "|".join(suffixes) + ")"
        #: the hosts, with nothing after them but a port: as a Host header
        self.host = rf"^{labels_re}\.[^./]*\.{suffixes_re}(?::[0-9]+)?$"
        #: any region, even an empty one, as in the host moto's server makes
        #: from a credential scope without one: such a request then reaches
        #: nimble, which answers it 400, instead of failing in moto's dispatcher
        self.url_base = rf"https?://{labels_re}\.([^./]*)\.{suffixes_re}"
        #: the same hosts with a region of a partition (one of its regions or
        #: matching its ``regionRegex``), and nothing after the host but a port
        #: or a path. moto tries this one before its own services, so a nimble
        #: request skips some 200 patterns; it matches no other service's host
        #: (an S3 bucket named "nimble" is ``nimble.s3[.<region>].amazonaws.com``),
        #: while url_base, tried last as any service's, still catches the odd
        #: region
        self.url_first = (
            rf"https?://{labels_re}\.(?:{regions})\.{suffixes_re}(?::[0-9]+)?(?:/|$)"
        )
        #: a host's region, from a Host header or a URL's host (with a port)
        self.region = re.compile(
            rf"{labels_re}\.(?P<region>[^./]+)\.{suffixes_re}(?::[0-9]+)?"
        )


_hosts: "Hosts | None" = None


def hosts() -> Hosts:
    """nimble's hosts, read from botocore's data the first time they are asked
    for: when moto's URL index or ``moto_nimble`` loads, not at start-up."""
    global _hosts
    if _hosts is None:
        _hosts = _read_hosts()
    return _hosts


def _read_hosts() -> Hosts:
    import os
    import re

    from botocore.loaders import create_loader

    # the data a botocore session reads: its own, ~/.aws/models, AWS_DATA_PATH
    loader = create_loader(os.environ.get("AWS_DATA_PATH"))
    version = loader.determine_latest_version(SERVICE, "endpoint-rule-set-1")
    rule_set = loader.load_data(f"{SERVICE}/{version}/endpoint-rule-set-1")
    partitions = loader.load_data("partitions")["partitions"]
    labels: set[str] = set()
    suffixes: set[str] = set()
    for url, partition_names in endpoint_urls(rule_set["rules"]):
        found = re.fullmatch(_URL_SHAPE, url)
        if found is None:  # none of nimble's rules: tests/ check each one fits
            continue
        labels.add(re.escape(found["label"]))
        for partition in partitions:
            suffix = _fill(found["suffix"], partition["outputs"], partition_names)
            if suffix is not None:
                suffixes.add(re.escape(suffix))
    # a partition's regions: those its regionRegex matches, and the others it lists
    shapes = [p["regionRegex"] for p in partitions]
    regions = [f"(?:{shape.lstrip('^').rstrip('$')})" for shape in shapes]
    regions += sorted(
        re.escape(name)
        for p in partitions
        for name in p.get("regions", {})
        if not any(re.match(shape, name) for shape in shapes)
    )
    return Hosts(_longest_first(labels), _longest_first(suffixes), "|".join(regions))


def endpoint_urls(
    rules: "list[Any]", partition_names: "frozenset[str]" = frozenset()
) -> "Iterator[tuple[str, frozenset[str]]]":
    """Each endpoint URL template of the rules (a string: not the ``Endpoint``
    parameter), with the names the region's partition is assigned to there."""
    for rule in rules:
        names = set(partition_names)
        for condition in rule.get("conditions", ()):
            if condition.get("fn") == "aws.partition" and "assign" in condition:
                names.add(condition["assign"])
        if rule.get("type") == "tree":
            yield from endpoint_urls(rule["rules"], frozenset(names))
        elif rule.get("type") == "endpoint" and isinstance(
            rule["endpoint"]["url"], str
        ):
            yield rule["endpoint"]["url"], frozenset(names)


#: an endpoint URL template of the shape ``https://<first label>.{Region}.<suffix>``
_URL_SHAPE = r"https://(?P<label>[^{}./]+)\.\{Region\}\.(?P<suffix>[^/]+)"


def _fill(
    template: str, outputs: "dict[str, Any]", names: "frozenset[str]"
) -> "str | None":
    """The template with each ``{<partition>#<attribute>}`` replaced by that
    partition's value; None if it names anything else."""
    import re

    missing = []

    def value(reference: "re.Match[str]") -> str:
        name, _, attribute = reference[1].partition("#")
        found = outputs.get(attribute) if name in names else None
        if not isinstance(found, str):
            missing.append(reference[0])
            return ""
        return found

    filled = re.sub(r"\{([^}]*)\}", value, template)
    return None if missing else filled


def _longest_first(patterns: "set[str]") -> "list[str]":
    return sorted(patterns, key=lambda p: (-len(p), p))


def add_url_pattern(patterns: "list[tuple[str, Any]]") -> None:
    """Put nimble's hosts in moto's list of (service, URL pattern), once:
    ``url_first`` before every other service's, ``url_base`` after them."""
    import re

    present = {pattern.pattern for name, pattern in patterns if name == SERVICE}
    found = hosts()
    if found.url_first not in present:
        patterns.insert(0, (SERVICE, re.compile(found.url_first)))
    if found.url_base not in present:
        patterns.append((SERVICE, re.compile(found.url_base)))


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
