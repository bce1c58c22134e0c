"""Amazon Nimble Studio (``nimble``, API 2020-08-01) for moto.

Importing this package registers the service with moto, so ``moto.mock_aws``
and moto's server answer ``nimble`` requests as well.
"""

from ._registration import register as _register

_register()

from . import faults  # noqa: E402
from .cloudformation import register as _register_stack_resources  # noqa: E402
from .decorator import mock_nimblestudio  # noqa: E402
from .models import NimbleStudioBackend, nimble_backends  # noqa: E402

_register_stack_resources()

__version__ = "0.1.0"

__all__ = [
    "NimbleStudioBackend",
    "__version__",
    "faults",
    "mock_nimblestudio",
    "nimble_backends",
]
