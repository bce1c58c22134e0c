"""moto_nimble.moto_compat against the moto installed (CI runs the suite at
the oldest moto setup.cfg allows and at the newest): each of its functions
does what the package relies on. And no other module of the package touches
moto's internals: no frame walking, no underscore attribute of another
object, no attribute of one of moto's classes replaced."""

from __future__ import annotations

import ast
import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import boto3
import pytest
from moto import mock_aws

from moto_nimble import moto_compat
from moto_nimble.cloudformation import watch_stack_operations

ROOT = Path(__file__).resolve().parents[2]
REGION = "eu-west-1"
ACCOUNT = "123456789012"
#: 20 characters, as moto's signature parsing wants an access key
ACCESS_KEY = "AKIACOMPATTEST000001"

TOPIC = {"Type": "AWS::SNS::Topic", "Properties": {}}


def template(*topics: str) -> str:
    return json.dumps({"Resources": dict.fromkeys(topics, TOPIC)})


def cfn_client(**kwargs: Any) -> Any:
    return boto3.client("cloudformation", region_name=REGION, **kwargs)


def backend() -> Any:
    from moto.cloudformation.models import cloudformation_backends

    return cloudformation_backends[ACCOUNT][REGION]


@pytest.fixture
def stack() -> Any:
    """A stack of two SNS topics, as moto holds it."""
    with mock_aws():
        cfn = cfn_client()
        stack_id = cfn.create_stack(
            StackName="topics", TemplateBody=template("A", "B")
        )["StackId"]
        yield moto_compat.listed_stacks(backend())[stack_id]


# --- each function, against the moto installed -----------------------------------


def test_record_request_writes_moto_recording(tmp_path, monkeypatch):
    from moto.moto_api import recorder

    monkeypatch.chdir(tmp_path)  # moto records to ./moto_recording by default
    monkeypatch.delenv("MOTO_RECORDER_FILEPATH", raising=False)

    url = "https://nimble.us-west-2.amazonaws.com/2020-08-01/studios"
    # what moto_nimble.wire.wsgi hands it: what each moto release reads
    request = SimpleNamespace(
        headers={"Host": "nimble.us-west-2.amazonaws.com"},
        method="GET",
        url=url,
        raw_url=url,
        raw_path="/2020-08-01/studios",
    )

    recorder.reset_recording()
    recorder.start_recording()
    try:
        moto_compat.record_request(request, b"{}")
        recording = recorder.download_recording()
    finally:
        recorder.stop_recording()
        recorder.reset_recording()
    entry = json.loads(recording.splitlines()[-1])
    assert entry["url"] == url
    assert entry["method"] == "GET"
    assert entry["body"]  # the body, base64-encoded


def test_take_unchecked_request_counts_in_moto_count():
    from moto.core.authorization import ActionAuthenticatorMixin

    @ActionAuthenticatorMixin.set_initial_no_auth_action_count(2)
    def three() -> list[bool]:
        return [moto_compat.take_unchecked_request() for _ in range(3)]

    assert three() == [True, True, False]


def test_claim_requests_hands_what_it_claims_to_the_service():
    from moto.moto_server.werkzeug_app import (
        DomainDispatcherApplication,
        create_backend_app,
    )

    from moto_nimble._registration import claim_server_requests

    made: list[str] = []

    def create_app(service: str) -> Any:
        made.append(service)
        return create_backend_app(service)

    def first(*_: Any) -> Any:
        raise AssertionError("only handed over")

    def second(*_: Any) -> Any:
        raise AssertionError("only handed over")

    app = DomainDispatcherApplication(create_app)
    # the server's own host, no credentials: moto's guess is its default, S3
    environ = {"PATH_INFO": "/claimed/x", "HTTP_HOST": "127.0.0.1:5000"}
    try:
        moto_compat.claim_requests(
            "nimble",
            lambda environ: environ["PATH_INFO"].startswith("/claimed/"),
            first,
        )
        moto_compat.claim_requests(  # wraps once: the later claim replaces the first
            "nimble", lambda environ: environ["PATH_INFO"].startswith("/mine/"), second
        )
        mine = app.get_application({**environ, "PATH_INFO": "/mine/x"})
        guessed = app.get_application(environ)
    finally:
        claim_server_requests()  # the package's own again

    assert mine is second
    assert made == ["s3"]  # moto makes no application for what was claimed
    assert guessed.service == "s3"


def test_cloudformation_request_is_the_one_being_served(monkeypatch):
    from moto.cloudformation import responses  # noqa: F401  (what watch wraps)
    from moto.cloudformation.models import CloudFormationBackend

    watch_stack_operations()
    seen = []
    describe_stacks = CloudFormationBackend.describe_stacks

    def spy(self: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(moto_compat.cloudformation_request())
        return describe_stacks(self, *args, **kwargs)

    monkeypatch.setattr(CloudFormationBackend, "describe_stacks", spy)
    with mock_aws():
        cfn_client(
            aws_access_key_id=ACCESS_KEY, aws_secret_access_key="secret"
        ).describe_stacks()

    assert seen == [moto_compat.CloudFormationRequest(ACCOUNT, REGION, ACCESS_KEY)]
    assert moto_compat.cloudformation_request() is None


def test_watch_runs_stack_operations_through_the_arounds():
    from moto.cloudformation import responses  # noqa: F401

    calls = []

    def recording(name: str) -> Any:
        def around(target: Any, proceed: Any) -> Any:
            calls.append((name, type(target).__name__))
            return proceed()

        return around

    arounds = {
        name: recording(name)
        for name in ("update", "execute_change_set", "delete_stack")
    }
    try:
        moto_compat.watch(**arounds)
        moto_compat.watch(**arounds)  # wraps once: each call still seen once
        with mock_aws():
            cfn = cfn_client()
            stack_id = cfn.create_stack(StackName="topics", TemplateBody=template("A"))[
                "StackId"
            ]
            cfn.update_stack(StackName="topics", TemplateBody=template("A", "B"))
            cfn.create_change_set(
                StackName="other",
                ChangeSetName="make",
                ChangeSetType="CREATE",
                TemplateBody=template("C"),
            )
            cfn.execute_change_set(StackName="other", ChangeSetName="make")
            # by ID: by name, moto's delete_stack calls itself with the ID
            cfn.delete_stack(StackName=stack_id)
            statuses = {
                s["StackName"]: s["StackStatus"]
                for s in cfn.list_stacks()["StackSummaries"]
            }
    finally:
        watch_stack_operations()  # the package's own again

    assert calls == [
        ("update", "Stack"),
        ("execute_change_set", "CloudFormationBackend"),
        ("delete_stack", "CloudFormationBackend"),
    ]
    # moto's own methods ran
    assert statuses == {"topics": "DELETE_COMPLETE", "other": "CREATE_COMPLETE"}


def test_listed_stacks_and_restore_stack(stack):
    listed = moto_compat.listed_stacks(backend())
    assert listed[stack.stack_id] is stack
    with pytest.raises(TypeError):
        listed["x"] = stack  # type: ignore[index]

    cfn = cfn_client()
    cfn.delete_stack(StackName=stack.stack_id)
    assert stack.stack_id not in listed  # live: moto took it off
    moto_compat.restore_stack(backend(), stack)

    assert listed[stack.stack_id] is stack
    assert cfn.describe_stacks(StackName="topics")["Stacks"][0]["StackId"] == (
        stack.stack_id
    )
    summaries = cfn.list_stacks()["StackSummaries"]
    assert [s["StackId"] for s in summaries] == [stack.stack_id]  # not also deleted


def test_stack_resources_and_replace_stack_resources(stack):
    resources = moto_compat.stack_resources(stack)
    assert {"A", "B"} <= set(resources)
    resources.clear()  # a copy
    topic_b = moto_compat.stack_resources(stack)["B"]

    moto_compat.replace_stack_resources(stack, {"A": topic_b})

    assert moto_compat.stack_resources(stack)["A"] is topic_b
    assert stack.resource_map["A"] is topic_b  # what Ref and Fn::GetAtt read


def test_add_stack_event(stack):
    moto_compat.add_stack_event(stack, "DELETE_FAILED", "because")

    newest = cfn_client().describe_stack_events(StackName="topics")["StackEvents"][0]
    assert newest["ResourceType"] == "AWS::CloudFormation::Stack"
    assert newest["LogicalResourceId"] == "topics"
    assert newest["ResourceStatus"] == "DELETE_FAILED"
    assert newest["ResourceStatusReason"] == "because"


def test_forget_resource_types():
    from moto.cloudformation import parsing

    assert "AWS::NimbleStudio::Studio" in parsing.get_model_map()
    assert parsing.get_model_map.cache_info().currsize == 1

    moto_compat.forget_resource_types()

    for cached in (
        parsing.get_model_list,
        parsing.get_model_map,
        parsing.get_name_type_map,
    ):
        assert cached.cache_info().currsize == 0
    assert "AWS::NimbleStudio::Studio" in parsing.get_model_map()


# --- nothing else touches moto's internals -------------------------------------------

COMPAT = "moto_nimble/moto_compat.py"
#: underscore attributes of another object that a module may use, each the
#: package's own and explained (keep this short)
ALLOWED: set[tuple[str, str]] = set()
#: the ways into the interpreter's frames
FRAMES = {"_getframe", "currentframe", "f_back", "f_locals", "f_globals"}


def _is_moto_name(module: str | None) -> bool:
    return module is not None and (module == "moto" or module.startswith("moto."))


class Scan(ast.NodeVisitor):
    """What a module does that only moto_compat may do."""

    def __init__(self, tree: ast.Module) -> None:
        #: names bound to moto's modules and classes (not to their instances)
        self.moto: set[str] = set()
        #: names bound to this package's modules
        self.own_modules: set[str] = set()
        self._collect(tree)
        self.found: list[str] = []

    def _collect(self, tree: ast.Module) -> None:
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if _is_moto_name(alias.name):
                        self.moto.add(alias.asname or alias.name.split(".")[0])
            elif isinstance(node, ast.ImportFrom):
                names = {alias.asname or alias.name for alias in node.names}
                if node.level == 0 and _is_moto_name(node.module):
                    self.moto |= names
                elif node.level > 0 and node.module is None:
                    self.own_modules |= names  # from . import service
        assignments = [
            node
            for node in ast.walk(tree)
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None
        ]
        while True:  # until nothing more is bound to moto's modules or classes
            before = len(self.moto)
            for node in assignments:
                targets = (
                    node.targets if isinstance(node, ast.Assign) else [node.target]
                )
                if self.is_moto(node.value):
                    self.moto |= {t.id for t in targets if isinstance(t, ast.Name)}
            if len(self.moto) == before:
                return

    def is_moto(self, node: ast.AST | None) -> bool:
        """Whether ``node`` is one of moto's modules or classes (or of their
        attributes): a name bound to one, an attribute of one, ``getattr`` of
        one, or a module looked up by a ``moto.`` name (``sys.modules.get``,
        ``import_module``, ``sys.modules[...]``)."""
        if isinstance(node, ast.Name):
            return node.id in self.moto
        if isinstance(node, ast.Attribute):
            return self.is_moto(node.value)
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Name) and node.func.id == "getattr":
                return bool(node.args) and self.is_moto(node.args[0])
            return any(
                isinstance(arg, ast.Constant)
                and isinstance(arg.value, str)
                and _is_moto_name(arg.value)
                for arg in node.args[:1]
            )
        if isinstance(node, ast.Subscript):
            key = node.slice
            return isinstance(key, ast.Constant) and (
                isinstance(key.value, str) and _is_moto_name(key.value)
            )
        return False

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if node.attr in FRAMES:
            self.found.append(f"{node.lineno}: frames ({node.attr})")
        elif (
            node.attr.startswith("_")
            and not node.attr.startswith("__")
            and not (
                isinstance(node.value, ast.Name)
                and node.value.id in {"self", "cls", *self.own_modules}
            )
        ):
            self.found.append(f"{node.lineno}: underscore attribute {node.attr}")
        self.generic_visit(node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        for alias in node.names:
            if alias.name in FRAMES:
                self.found.append(f"{node.lineno}: frames ({alias.name})")
            elif (
                node.level == 0
                and _is_moto_name(node.module)
                and alias.name.startswith("_")
                and not alias.name.startswith("__")
            ):
                self.found.append(f"{node.lineno}: underscore name {alias.name}")
        self.generic_visit(node)

    def _assigned(self, targets: list[ast.expr], lineno: int) -> None:
        for target in targets:
            if isinstance(target, ast.Attribute) and self.is_moto(target.value):
                self.found.append(
                    f"{lineno}: assigns {ast.unparse(target)} (one of moto's)"
                )

    def visit_Assign(self, node: ast.Assign) -> None:
        self._assigned(node.targets, node.lineno)
        self.generic_visit(node)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self._assigned([node.target], node.lineno)
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self._assigned([node.target], node.lineno)
        self.generic_visit(node)

    def visit_Delete(self, node: ast.Delete) -> None:
        self._assigned(node.targets, node.lineno)
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        if (
            isinstance(node.func, ast.Name)
            and node.func.id in ("setattr", "delattr")
            and node.args
            and self.is_moto(node.args[0])
        ):
            self.found.append(f"{node.lineno}: {node.func.id} on one of moto's")
        self.generic_visit(node)


def scan(source: str) -> list[str]:
    """Every touch the scan finds in ``source``, allowed or not."""
    tree = ast.parse(source)
    scanner = Scan(tree)
    scanner.visit(tree)
    return scanner.found


def internals(source: str, module: str = "moto_nimble/example.py") -> list[str]:
    """What ``source`` (the module ``module``) does that only moto_compat may do."""
    return [
        found
        for found in scan(source)
        if not any(
            module == allowed_module and found.endswith(f"attribute {name}")
            for allowed_module, name in ALLOWED
        )
    ]


def package_modules() -> list[Path]:
    return [
        *sorted((ROOT / "moto_nimble").rglob("*.py")),
        ROOT / "_moto_nimble_autoload.py",
    ]


def test_only_moto_compat_touches_moto_internals():
    found = {}
    for path in package_modules():
        module = path.relative_to(ROOT).as_posix()
        if module != COMPAT:
            found[module] = internals(path.read_text(encoding="utf-8"), module)
    assert {module: hits for module, hits in found.items() if hits} == {}


def test_the_scan_sees_what_moto_compat_does():
    """The scan finds each kind of touch in moto_compat itself."""
    found = "\n".join(internals((ROOT / COMPAT).read_text(encoding="utf-8"), COMPAT))
    assert "underscore attribute _record_request" in found
    assert "underscore attribute _parsed_resources" in found
    assert "assigns response_class.call_action (one of moto's)" in found


def test_every_allowance_is_used():
    for module, name in ALLOWED:
        found = scan((ROOT / module).read_text(encoding="utf-8"))
        assert any(hit.endswith(f"attribute {name}") for hit in found), (module, name)


@pytest.mark.parametrize(
    ("source", "kind"),
    [
        ("import sys\nframe = sys._getframe(1)\n", "frames"),
        ("from sys import _getframe\n", "frames"),
        ("import inspect\nframe = inspect.currentframe()\n", "frames"),
        ("def up(frame):\n    return frame.f_back.f_locals\n", "frames"),
        (
            "def resources(stack):\n    return stack.resource_map._parsed_resources\n",
            "underscore attribute _parsed_resources",
        ),
        (
            "def event(stack):\n    stack._add_stack_event('DELETE_FAILED')\n",
            "underscore attribute _add_stack_event",
        ),
        (
            "from moto.moto_api import recorder\nrecorder._record_request(None)\n",
            "underscore attribute _record_request",
        ),
        (
            "from moto.core.responses import _get_method_urls\n",
            "underscore name _get_method_urls",
        ),
        (
            "from moto.cloudformation.models import Stack\n"
            "Stack.update = lambda stack: None\n",
            "assigns Stack.update",
        ),
        (
            "import moto.cloudformation.models\n"
            "moto.cloudformation.models.Stack.update = None\n",
            "assigns moto.cloudformation.models.Stack.update",
        ),
        (
            "import sys\n"
            "models = sys.modules.get('moto.cloudformation.models')\n"
            "stack_class = getattr(models, 'Stack', None)\n"
            "stack_class.update = None\n",
            "assigns stack_class.update",
        ),
        (
            "import importlib\n"
            "responses = importlib.import_module('moto.cloudformation.responses')\n"
            "setattr(responses.CloudFormationResponse, 'call_action', None)\n",
            "setattr on one of moto's",
        ),
        (
            "from moto.cloudformation import models as m\n"
            "backend_class = m.CloudFormationBackend\n"
            "backend_class.delete_stack = None\n",
            "assigns backend_class.delete_stack",
        ),
    ],
)
def test_the_scan_finds_a_deliberately_bad_module(source, kind):
    found = internals(source)
    assert any(kind in hit for hit in found), found


@pytest.mark.parametrize(
    "source",
    [
        "class A:\n    def f(self):\n        return self._x\n",
        "class A:\n    @classmethod\n    def f(cls):\n        return cls._x\n",
        "from .. import service\nOPERATIONS = service._OPERATIONS\n",
        "def fail(stack):\n    stack.status = 'CREATE_FAILED'\n",  # a stack, not a class
        "from moto.cloudformation.models import cloudformation_backends\n"
        "def status(account, region, stack_id):\n"
        "    return cloudformation_backends[account][region].stacks.get(stack_id).status\n",
        "def __getattr__(name):\n    return name.__class__\n",
    ],
)
def test_the_scan_passes_what_is_not_moto_internals(source):
    assert internals(source) == []
