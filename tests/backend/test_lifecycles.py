"""Each resource declares its transitions once (``TRANSITIONS``), and every state and
statusCode they name is one the model's enums allow for that resource."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from moto_nimble.contract import SERVICE_MODEL
from moto_nimble.models.base import Lifecycle
from moto_nimble.models.launch_profiles import LaunchProfile
from moto_nimble.models.streaming_images import StreamingImage
from moto_nimble.models.streaming_sessions import (
    StreamingSession,
    StreamingSessionBackup,
    StreamingSessionStream,
)
from moto_nimble.models.studio_components import StudioComponent
from moto_nimble.models.studios import Studio

PACKAGE = Path(__file__).resolve().parents[2] / "moto_nimble"
#: resource class -> the model's output shape for it
SHAPES: dict[type[Lifecycle], str] = {
    Studio: "Studio",
    StudioComponent: "StudioComponent",
    LaunchProfile: "LaunchProfile",
    StreamingImage: "StreamingImage",
    StreamingSession: "StreamingSession",
    StreamingSessionStream: "StreamingSessionStream",
    StreamingSessionBackup: "StreamingSessionBackup",
}
#: the statusCodes a transition fails with, by resource (passed at run time)
FAILURES: dict[type[Lifecycle], set[str]] = {
    Studio: {
        "STUDIO_WITH_LAUNCH_PROFILES_NOT_DELETED",
        "STUDIO_WITH_STUDIO_COMPONENTS_NOT_DELETED",
        "STUDIO_WITH_STREAMING_IMAGES_NOT_DELETED",
        # references that do not resolve (models/references.py)
        "ROLE_COULD_NOT_BE_ASSUMED",
        "ROLE_NOT_OWNED_BY_STUDIO_OWNER",
        "ENCRYPTION_KEY_NOT_FOUND",
        "ENCRYPTION_KEY_ACCESS_DENIED",
    },
    StudioComponent: {
        "ACTIVE_DIRECTORY_ALREADY_EXISTS",
        "ENCRYPTION_KEY_NOT_FOUND",
        "ENCRYPTION_KEY_ACCESS_DENIED",
        "INTERNAL_ERROR",
    },
    LaunchProfile: {
        "STREAMING_IMAGE_NOT_FOUND",
        "STREAMING_IMAGE_NOT_READY",
        "LAUNCH_PROFILE_WITH_STREAM_SESSIONS_NOT_DELETED",
        "ENCRYPTION_KEY_NOT_FOUND",
        "ENCRYPTION_KEY_ACCESS_DENIED",
        "INVALID_SUBNETS_PROVIDED",
        "INVALID_SUBNETS_COMBINATION",
        "INVALID_INSTANCE_TYPES_PROVIDED",
    },
    StreamingImage: {"ACCESS_DENIED"},
    StreamingSession: {
        "ACTIVE_DIRECTORY_DOMAIN_JOIN_ERROR",
        "DECRYPT_STREAMING_IMAGE_ERROR",
    },
}


def enum(shape: str, member: str) -> set[str]:
    return set(SERVICE_MODEL.shape_for(shape).members[member].enum)


@pytest.mark.parametrize("cls", list(SHAPES), ids=lambda c: c.__name__)
def test_declared_states_and_codes_are_the_models(cls: type[Lifecycle]) -> None:
    states = enum(SHAPES[cls], "state")
    codes = enum(SHAPES[cls], "statusCode")
    assert cls.TRANSITIONS, f"{cls.__name__} declares no transitions"
    for name, step in cls.TRANSITIONS.items():
        for state in (step.state, step.settles_to, step.fails_to):
            assert state is None or state in states, f"{cls.__name__}.{name}: {state}"
        for code in (step.code, step.settled_code):
            assert code is None or code in codes, f"{cls.__name__}.{name}: {code}"
    assert FAILURES.get(cls, set()) <= codes


@pytest.mark.parametrize("cls", list(SHAPES), ids=lambda c: c.__name__)
def test_every_code_of_the_model_is_shown_on_the_way_or_as_a_failure(
    cls: type[Lifecycle],
) -> None:
    """A code of the resource's enum is one a transition shows while under
    way or once settled, or a failure with a message of its own."""
    from moto_nimble.models.failures import FAILURE_MESSAGES

    enum_of = {
        c: SERVICE_MODEL.shape_for(shape).members["statusCode"].name
        for c, shape in SHAPES.items()
    }
    sharing = [c for c in SHAPES if enum_of[c] == enum_of[cls]]  # backups: sessions'
    on_the_way = {
        code
        for kind in sharing
        for step in kind.TRANSITIONS.values()
        for code in (step.code, step.settled_code)
        if code is not None
    }
    codes = enum(SHAPES[cls], "statusCode")
    unused = {
        c for c in codes if c.endswith("_IN_PROGRESS")
    }  # STREAM_DELETE_IN_PROGRESS
    assert codes - on_the_way - unused <= set(FAILURE_MESSAGES), cls.__name__
    assert all(FAILURE_MESSAGES.values())


def test_no_state_is_set_outside_the_declarations() -> None:
    """Models change state only through a declared step (start), the one
    delete (start_delete), or pin for the test hook that breaks a studio."""
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("begin", "_begin", "_enter")
                and path.name != "base.py"
            ):
                offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []
