"""The wire contract: backend methods take what the model sends, and answers
fit the output shapes."""

from __future__ import annotations

import re
from typing import Any

import pytest
from helpers import check_response

from moto_nimble.contract import ContractError, check_backend
from moto_nimble.models import NimbleStudioBackend
from moto_nimble.wire.spec import SERVICE_MODEL


def test_every_backend_method_takes_its_operations_input_members() -> None:
    check_backend(NimbleStudioBackend)  # as the import did


class Misspelt(NimbleStudioBackend):
    def get_studio(self, studio_idd: str) -> Any:  # type: ignore[override]
        raise NotImplementedError


class TakesAnything(NimbleStudioBackend):
    def get_studio(self, **kwargs: Any) -> Any:  # type: ignore[override]
        raise NotImplementedError


class LacksOne(NimbleStudioBackend):
    def list_studios(self) -> Any:  # type: ignore[override]
        raise NotImplementedError


@pytest.mark.parametrize(
    ("backend", "named"),
    [
        (Misspelt, "GetStudio: get_studio takes ['studio_idd']"),
        (TakesAnything, "GetStudio: get_studio takes *args or **kwargs"),
        (LacksOne, "lacks ['next_token']"),
    ],
)
def test_a_backend_that_breaks_the_contract_is_refused(
    backend: type, named: str
) -> None:
    with pytest.raises(ContractError, match=re.escape(named)):
        check_backend(backend)


def test_the_test_clients_refuse_an_answer_outside_the_output_shape() -> None:
    """the after-call check in helpers, which every test client runs."""
    model = SERVICE_MODEL.operation_model("GetStudio")
    check_response({"studio": {"studioId": "x", "state": "READY"}}, model)
    with pytest.raises(AssertionError, match="GetStudio"):
        check_response({"studio": {"studioId": 7}}, model)
    with pytest.raises(AssertionError, match="GetStudio"):
        check_response({"studio": {"studioId": "x", "notAMember": 1}}, model)
