"""Every Nimble Studio path goes to one dispatch; moto picks the operation from the model."""

from .responses import NimbleStudioResponse

url_bases = [r"https?://nimble\.(.+)\.amazonaws\.com"]

url_paths = {"{0}/.*$": NimbleStudioResponse.dispatch}
