"""Every path on a nimble host goes to one dispatch; the pipeline's router picks
the operation (or the test hook) from the method and the path."""

from __future__ import annotations

from ._registration import URL_BASE
from .responses import NimbleStudioResponse

url_bases = [URL_BASE]

url_paths = {
    # moto's server turns "/.*" into a Flask rule that needs a non-empty path
    "{0}/$": NimbleStudioResponse.dispatch,
    "{0}/.*$": NimbleStudioResponse.dispatch,
}
