"""Every path on a nimble host goes to one dispatch; the pipeline's router picks
the operation (or the test hook) from the method and the path."""

from __future__ import annotations

from .responses import NimbleStudioResponse

url_bases = [r"https?://nimble\.(.+)\.amazonaws\.com"]

url_paths = {
    "{0}/.*$": NimbleStudioResponse.dispatch,
}
