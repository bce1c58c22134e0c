"""The exceptions present as what they are, moto_nimble.exceptions.<Name>, and
moto still finds their error shapes in the nimble model."""

from __future__ import annotations

import traceback

import pytest
from moto.core.errors import get_error_model, get_exception_service_model
from moto.core.utils import get_service_model

from moto_nimble import exceptions

NAMES = [
    "ValidationException",
    "ServiceQuotaExceededException",
    "AccessDeniedException",
    "ConflictException",
    "ThrottlingException",
    "InternalServerErrorException",
]


@pytest.mark.parametrize("name", NAMES)
def test_tracebacks_and_reprs_name_the_package(name):
    cls = getattr(exceptions, name)

    try:
        raise cls("boom")
    except cls:
        printed = traceback.format_exc()

    assert repr(cls) == f"<class 'moto_nimble.exceptions.{name}'>"
    assert f"moto_nimble.exceptions.{name}: " in printed
    assert "moto.nimble" not in printed


def test_resource_not_found_too():
    error = exceptions.ResourceNotFoundException("Studio x not found", "x")

    assert f"{type(error).__module__}.{type(error).__qualname__}" == (
        "moto_nimble.exceptions.ResourceNotFoundException"
    )
    assert error.context == {"resourceId": "x"}


@pytest.mark.parametrize("name", [*NAMES, "ResourceNotFoundException"])
def test_moto_finds_the_error_shape_from_another_service(name):
    """moto serializes an exception that another service's request raised (the
    Tagging API calling nimble) with the model the exception's module names."""
    args = ("boom", "x") if name == "ResourceNotFoundException" else ("boom",)
    error = getattr(exceptions, name)(*args)

    model = get_exception_service_model(error)
    shape = get_error_model(error, get_service_model("resourcegroupstaggingapi"))

    assert model is not None
    assert model.service_name == "nimble"
    assert shape.name == name
