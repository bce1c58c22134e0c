"""Every Nimble Studio path goes to one dispatch; moto picks the operation from the model.

One extra path is a test hook, not an AWS operation: ``hooks.break_studio_sso``.
"""

from __future__ import annotations

from .hooks import break_studio_sso
from .responses import NimbleStudioResponse

url_bases = [r"https?://nimble\.(.+)\.amazonaws\.com"]

url_paths = {
    r"{0}/nimble_(?P<region>[^/]+)/moto-api/break-studio-sso/?$": break_studio_sso,
    "{0}/.*$": NimbleStudioResponse.dispatch,
}
