"""``mock_nimblestudio``: moto's ``mock_aws`` under the name users look for."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar, overload

from moto import mock_aws
from moto.core.config import DefaultConfig
from moto.core.models import MockAWS

T = TypeVar("T")


@overload
def mock_nimblestudio(func: Callable[..., T]) -> Callable[..., T]: ...


@overload
def mock_nimblestudio(
    func: None = None, config: DefaultConfig | None = None
) -> MockAWS: ...


def mock_nimblestudio(
    func: Callable[..., T] | None = None, config: DefaultConfig | None = None
) -> MockAWS | Callable[..., T]:
    """Mock every AWS service moto knows, Nimble Studio included.

    Works as a function or class decorator (``unittest.TestCase`` too), as a
    context manager, and with ``.start()``/``.stop()``. State is reset between
    uses, exactly as with ``mock_aws``.
    """
    if func is not None:
        return mock_aws(func)
    return mock_aws(config=config)
