"""Every path on a nimble host goes to one dispatch; the pipeline's router picks
the operation (or the test hook) from the method and the path."""

from __future__ import annotations

from ._registration import URL_BASE
from .responses import NimbleStudioResponse

url_bases = [URL_BASE]

url_paths = {
    "{0}/.*$": NimbleStudioResponse.dispatch,
}
