"""Every setting of moto-nimble, each read from the environment on every call.

Reading on every call lets a test change one with ``monkeypatch.setenv``, in
process and with a server running in the test process; a separate
``moto-nimble-server`` reads its own environment. A value that cannot be read
(``MOTO_NIMBLE_PAGE_SIZE=ten``) counts as unset: the default applies.

The table of docs/configuration.md lists the same settings with the same
defaults (``tests/integration/test_settings.py`` holds them together).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from moto import settings as moto_settings


@dataclass(frozen=True)
class Setting:
    """An environment variable and its default, as the documented table shows it."""

    variable: str
    default: str


PAGE_SIZE = Setting("MOTO_NIMBLE_PAGE_SIZE", "100")
STRICT_MEMBERSHIP = Setting("MOTO_NIMBLE_STRICT_MEMBERSHIP", "off")
CHECK_REFERENCES = Setting("MOTO_NIMBLE_CHECK_REFERENCES", "off")
CLIENT_TIMEOUT = Setting("MOTO_NIMBLE_CLIENT_TIMEOUT", "30")
#: moto's own setting, which nimble follows like every moto service
ALLOW_NONEXISTENT_REGION = Setting("MOTO_ALLOW_NONEXISTENT_REGION", "off")

#: quota name -> default (None: unlimited). The service's published defaults,
#: except G5 sessions: its default of 0 would make every g5.* session fail, so
#: they are unlimited unless a test sets the quota.
QUOTA_DEFAULTS: dict[str, int | None] = {
    "launch_profiles_per_studio": 50,
    "streaming_images_per_studio": 10,
    "shared_file_system_components_per_studio": 10,
    "g5_sessions_per_studio": None,
}
QUOTA_PREFIX = "MOTO_NIMBLE_QUOTA_"


def quota_setting(name: str) -> Setting:
    default = QUOTA_DEFAULTS[name]
    return Setting(
        QUOTA_PREFIX + name.upper(), "unlimited" if default is None else str(default)
    )


#: every setting, for the table of docs/configuration.md
SETTINGS: tuple[Setting, ...] = (
    STRICT_MEMBERSHIP,
    CHECK_REFERENCES,
    *(quota_setting(name) for name in QUOTA_DEFAULTS),
    PAGE_SIZE,
    ALLOW_NONEXISTENT_REGION,
    CLIENT_TIMEOUT,
)


def _read(setting: Setting) -> str | None:
    raw = os.environ.get(setting.variable)
    return raw.strip() if raw is not None and raw.strip() else None


def page_size() -> int:
    """Items in a List page that sends no ``maxResults``, at least 1."""
    raw = _read(PAGE_SIZE)
    try:
        return max(1, int(raw if raw is not None else PAGE_SIZE.default))
    except ValueError:
        return int(PAGE_SIZE.default)


def strict_membership() -> bool:
    """Whether CreateStreamingSession requires its owner to be a member."""
    return (_read(STRICT_MEMBERSHIP) or "").lower() == "true"


def check_references() -> bool:
    """Whether references to other services (IAM roles, KMS keys, AMIs,
    subnets, ...) are looked up in moto's backends of the same account and
    region (see ``moto_nimble.models.references``)."""
    return (_read(CHECK_REFERENCES) or "").lower() == "true"


def quota(name: str) -> int | None:
    """The quota in force (None: unlimited): a number, or ``unlimited``."""
    raw = _read(quota_setting(name))
    if raw is None:
        return QUOTA_DEFAULTS[name]
    if raw.lower() == "unlimited":
        return None
    try:
        return max(0, int(raw))
    except ValueError:
        return QUOTA_DEFAULTS[name]


def allow_nonexistent_region() -> bool:
    """Whether regions where Nimble Studio was not offered are served (moto's setting)."""
    return bool(moto_settings.allow_unknown_region())


def client_timeout() -> float:
    """Seconds ``moto-nimble-server`` waits for a client that stopped sending."""
    raw = _read(CLIENT_TIMEOUT)
    try:
        return float(raw if raw is not None else CLIENT_TIMEOUT.default)
    except ValueError:
        return float(CLIENT_TIMEOUT.default)
