"""The compiled response encoder writes what moto's serializer writes.

For every operation, Hypothesis generates results from the output shape (dicts
keyed by member name, or objects with snake_case attributes as the backend's
models have, None for members that are left out, timestamps with and without
microseconds and time zones), and the encoder's bytes must equal those of
moto's rest-json serializer with moto's ``XFormedAttributePicker``, the
serializer nimble answered with before.

``MOTO_NIMBLE_ENCODER_EXAMPLES`` sets the examples per operation (25; the
same draws every run).
"""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from botocore import xform_name
from botocore.model import ListShape, MapShape, Shape, StructureShape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from moto.core.serialize import XFormedAttributePicker, get_serializer_class

from moto_nimble.contract import Wire, wire
from moto_nimble.wire import codec
from moto_nimble.wire.encoder import body
from moto_nimble.wire.spec import SERVICE_MODEL, SPECS

EXAMPLES = int(os.environ.get("MOTO_NIMBLE_ENCODER_EXAMPLES", "25"))
OPERATIONS = sorted(
    name for name, spec in SPECS.items() if spec.operation_model is not None
)


_classes: dict[str, type] = {}


def model_class(shape_name: str) -> type:
    """A class named like the shape that declares it fills every member, as
    the backend's models do."""
    if shape_name not in _classes:
        _classes[shape_name] = type(shape_name, (), {"WIRE": wire(shape_name)})
    return _classes[shape_name]


def only(shape_name: str, *members: str) -> Wire:
    """A declaration of these members of the shape, and no others."""
    others = SERVICE_MODEL.shape_for(shape_name).members
    return wire(shape_name, without=tuple(m for m in others if m not in members))


def as_object(shape_name: str, members: dict[str, Any]) -> Any:
    """An instance with every declared attribute: the generated values, None
    for the members left out."""
    instance = model_class(shape_name)()
    for key in SERVICE_MODEL.shape_for(shape_name).members:
        setattr(instance, xform_name(key), members.get(key))
    return instance


timestamps = st.one_of(
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 1, 1)),
    st.datetimes(
        min_value=datetime(2, 1, 1),
        max_value=datetime(9998, 1, 1),
        timezones=st.sampled_from(
            [timezone.utc, timezone(timedelta(hours=2)), timezone(timedelta(hours=-7))]
        ),
    ),
    st.integers(min_value=0, max_value=4_000_000_000),
)


#: strings are text: moto up to 5.2.2 writes whatever else it is given as it
#: is (an int as a number), later releases as str(); the backend sends text
strings = st.text(max_size=12)


def values(shape: Shape, depth: int = 0) -> st.SearchStrategy[Any]:
    """Results for ``shape``: what a backend might hand the encoder."""
    kind = shape.type_name
    if isinstance(shape, StructureShape):
        members = {
            key: st.one_of(st.none(), values(member, depth + 1))
            for key, member in shape.members.items()
        }
        fixed = st.fixed_dictionaries({}, optional=members)
        if depth == 0:  # the output itself is the backend's dict
            return fixed
        return st.one_of(fixed, fixed.map(lambda found: as_object(shape.name, found)))
    if isinstance(shape, ListShape):
        return st.lists(values(shape.member, depth + 1), max_size=3)
    if isinstance(shape, MapShape):
        return st.dictionaries(
            st.text(max_size=6), values(shape.value, depth + 1), max_size=3
        )
    if kind == "string":
        return strings
    if kind in ("integer", "long"):
        return st.one_of(st.integers(-(2**40), 2**40), st.booleans())
    if kind == "timestamp":
        return timestamps
    if kind == "boolean":
        return st.booleans()
    raise AssertionError(f"no strategy for {kind} ({shape.name})")


def moto_bytes(operation: str, result: Any) -> bytes:
    operation_model = SERVICE_MODEL.operation_model(operation)
    serializer = get_serializer_class("nimble", "rest-json")(
        operation_model=operation_model,
        pretty_print=False,
        value_picker=XFormedAttributePicker(response_transformers={}),
    )
    serialized = serializer.serialize(result)["body"]
    return serialized.encode("utf-8") if isinstance(serialized, str) else serialized


@pytest.mark.parametrize("operation", OPERATIONS)
def test_encoder_writes_what_moto_writes(operation: str) -> None:
    output = SERVICE_MODEL.operation_model(operation).output_shape
    if output is None:
        pytest.skip("no output shape")
    plan = codec.output_plan(SPECS[operation])

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        database=None,
    )
    @given(values(output))
    def same_bytes(result: dict[str, Any]) -> None:
        assert body(plan, result) == moto_bytes(operation, result)

    same_bytes()


def test_every_operation_has_an_output_shape_to_compare() -> None:
    without = [
        name
        for name in OPERATIONS
        if SERVICE_MODEL.operation_model(name).output_shape is None
    ]
    assert without == []
    assert len(OPERATIONS) == 49


def test_an_object_gives_only_the_members_its_class_declares() -> None:
    """A property, a member left out by None, an attribute named like a
    member that the class does not declare (it stays off the wire)."""

    class Studio:
        WIRE = only("Studio", "studioId", "displayName", "state", "createdAt", "tags")

        def __init__(self) -> None:
            self.studio_id = "us-west-2:stid-0123456789abcdef"
            self.display_name = "Display"
            self.created_at = datetime(2022, 1, 27, 20, 29, 35, 120000)
            self.tags = None
            self.sso_client_id = "not declared, not sent"

        @property
        def state(self) -> str:
            return "READY"

    encoded = body(codec.output_plan(SPECS["GetStudio"]), {"studio": Studio()})
    assert json.loads(encoded) == {
        "studio": {
            "createdAt": "2022-01-27T20:29:35.120000Z",
            "displayName": "Display",
            "state": "READY",
            "studioId": "us-west-2:stid-0123456789abcdef",
        }
    }


def test_an_object_without_a_declaration_for_the_shape_is_refused() -> None:
    class Studio:
        studio_id = "us-west-2:stid-0123456789abcdef"

    class Eula:
        WIRE = only("Eula", "eulaId")
        eula_id = "x"

    plan = codec.output_plan(SPECS["GetStudio"])
    with pytest.raises(TypeError, match="Studio declares no wire contract for Studio"):
        body(plan, {"studio": Studio()})
    with pytest.raises(TypeError, match="Eula declares no wire contract for Studio"):
        body(plan, {"studio": Eula()})


def test_a_declaration_names_only_members_of_its_shape() -> None:
    from moto_nimble.contract import ContractError

    with pytest.raises(ContractError, match="no member"):
        wire("Studio", without=("studioId", "maxSessionMinutes"))
    assert "studioId" not in wire("Studio", without=("studioId",)).members
    assert "studioId" in wire("Studio").members


def test_a_backend_answer_outside_the_output_members_is_refused() -> None:
    """ListTagsForResource's method must answer {"tags": {...}}, not the tags."""
    with pytest.raises(TypeError, match="not ListTagsForResource's members"):
        codec.encode(SPECS["ListTagsForResource"], {"team": "fx"})


def test_plans_compiled_by_threads_at_once_are_whole(monkeypatch) -> None:
    """The first requests of a server may compile one plan in several threads
    at once; none of them may answer with a plan still being made."""
    import sys
    import threading

    from moto_nimble.wire.encoder import Compiler

    result = {
        "launchProfile": {
            "createdAt": datetime(2022, 1, 27, 21, 18, 59),
            "streamConfiguration": {"sessionBackup": {"mode": "AUTOMATIC"}},
            "validationResults": [{"state": "VALIDATION_SUCCESS"}],
        },
        "streamingImages": [{"encryptionConfiguration": {"keyType": "X"}}],
        "studioComponentSummaries": [{"createdAt": datetime(2022, 1, 1)}],
    }
    expected = moto_bytes("GetLaunchProfileDetails", result)

    def encode(start: threading.Barrier, answers: list[Any]) -> None:
        start.wait()
        try:
            plan = codec.output_plan(SPECS["GetLaunchProfileDetails"])
            answers.append(body(plan, result))
        except Exception as error:
            answers.append(error)

    previous = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads take turns as often as they can
    try:
        for _ in range(20):
            monkeypatch.setattr(codec, "_OUTPUT_PLANS", {})
            monkeypatch.setattr(codec, "_COMPILER", Compiler())
            start, answers = threading.Barrier(8), []
            threads = [
                threading.Thread(target=encode, args=(start, answers)) for _ in range(8)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert answers == [expected] * 8
    finally:
        sys.setswitchinterval(previous)
