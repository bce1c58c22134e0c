"""pytest plugin (entry point ``pytest11``): importing it registers Nimble Studio with moto."""

from __future__ import annotations

import moto_nimble  # noqa: F401  (registers the service)
