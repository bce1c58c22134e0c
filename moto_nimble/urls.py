"""Every path on a nimble host goes to one dispatch; the pipeline's router picks
the operation from the method and the path (the control handler, a test hook)."""

from __future__ import annotations

from ._registration import URL_BASE
from .responses import NimbleStudioResponse

url_bases = [URL_BASE]

url_paths = {
    # moto's server turns "/.*" into a Flask rule that needs a non-empty path
    "{0}/$": NimbleStudioResponse.dispatch,
    "{0}/.*$": NimbleStudioResponse.dispatch,
}
