"""GetLaunchProfileDetails and GetLaunchProfileInitialization: resolved views of a launch profile."""

from __future__ import annotations

from .studios import StudioLookup


class LaunchProfileDetailsBackend(StudioLookup):
    """GetLaunchProfileDetails, GetLaunchProfileInitialization."""
