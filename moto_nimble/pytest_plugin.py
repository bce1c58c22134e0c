"""The pytest plugin's fixtures (``nimble_region``, ``nimble_client``,
``nimble_studio_factory``, ``nimble_faults``, ``nimble_shared_botocore``), for a suite that names this
module in ``pytest_plugins``. Installing moto-nimble already loads them, from
the light top-level module ``_moto_nimble_pytest`` (entry point ``pytest11``),
which imports nothing heavy until a fixture is used.
"""

from __future__ import annotations

from _moto_nimble_pytest import (
    nimble_client,
    nimble_faults,
    nimble_region,
    nimble_shared_botocore,
    nimble_studio_factory,
)
from moto_nimble.factory import (
    ADMIN_ROLE_ARN,
    USER_ROLE_ARN,
    NimbleStudio,
    NimbleStudioFactory,
)

#: the factory lives in :mod:`moto_nimble.factory` (no pytest needed there)
__all__ = [
    "ADMIN_ROLE_ARN",
    "USER_ROLE_ARN",
    "NimbleStudio",
    "NimbleStudioFactory",
    "nimble_client",
    "nimble_faults",
    "nimble_region",
    "nimble_shared_botocore",
    "nimble_studio_factory",
]
