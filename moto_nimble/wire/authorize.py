"""IAM authorization of the routed operation, when moto's IAM enforcement is on.

moto enforces IAM once ``INITIAL_NO_AUTH_ACTION_COUNT`` requests have passed
(``set_initial_no_auth_action_count``, ``enable_iam_authentication``); until
then requests only count. Enforced, a request is

1. authenticated: its SigV4 signature is checked with moto's IAM, over the
   bytes that were signed (moto's own check signs the query string or the
   headers instead of an empty body, so every GET and DELETE fails it); and
2. authorized as ``nimble:<Operation>`` on the resource the Service
   Authorization Reference names for it: in general the most specific of the
   session, backup, image, component, launch profile and studio its path
   names, or the ``resourceArn`` of the tagging operations; CreateStreamingSession
   on the launch profile its body names; CreateStudio on ``studio/*``;
   GetEula on ``eula/<eulaId>``, AcceptEulas and ListEulas on ``eula/<id>``
   for each EULA they name (``eula/*`` for none), ListEulaAcceptances on
   ``eula-acceptance/*``; ListStudios on ``*``.

Failures are JSON, as the service sent them: AccessDeniedException (the
model's, 403), and for credentials IAM does not accept
UnrecognizedClientException, InvalidSignatureException or
MissingAuthenticationTokenException (403).
"""

from __future__ import annotations

from typing import Any

from ..contract import make_arn
from ..exceptions import AccessDeniedException
from .errors import WireError
from .spec import OperationSpec

#: path label -> the ARN resource type it names, the most specific first
RESOURCE_LABELS = (
    ("sessionId", "streaming-session"),
    ("backupId", "streaming-session-backup"),
    ("streamingImageId", "streaming-image"),
    ("studioComponentId", "studio-component"),
    ("launchProfileId", "launch-profile"),
    ("studioId", "studio"),
    ("eulaId", "eula"),
)


class MissingAuthenticationTokenException(WireError):
    code = "MissingAuthenticationTokenException"
    status = 403


class UnrecognizedClientException(WireError):
    code = "UnrecognizedClientException"
    status = 403


class InvalidSignatureException(WireError):
    code = "InvalidSignatureException"
    status = 403


#: operations whose resource is not the most specific one their path names:
#: (ARN type, the member holding its ID or IDs, or None for "*" of that type)
RESOURCE_EXCEPTIONS: dict[str, tuple[str, str | None]] = {
    "CreateStudio": ("studio", None),
    "CreateStreamingSession": ("launch-profile", "launchProfileId"),
    "AcceptEulas": ("eula", "eulaIds"),
    "ListEulas": ("eula", "eulaIds"),
    "ListEulaAcceptances": ("eula-acceptance", None),
}


def resource_arns(
    spec: OperationSpec, params: dict[str, Any], account_id: str, region: str
) -> list[str]:
    """The ARNs the operation is authorized against: each must be allowed
    (AcceptEulas names one EULA or several)."""
    if spec.name in RESOURCE_EXCEPTIONS:
        arn_type, member = RESOURCE_EXCEPTIONS[spec.name]
        named = params.get(member) if member else None
        if isinstance(named, list):
            ids = [str(i) for i in dict.fromkeys(named)] or ["*"]
        else:
            ids = [str(named) if named is not None else "*"]
        return [make_arn(region, account_id, arn_type, i) for i in ids]
    if "resourceArn" in spec.labels:
        return [str(params["resourceArn"])]
    for label, arn_type in RESOURCE_LABELS:
        if label in spec.labels:
            resource_id = str(params[label])
            if arn_type == "studio":  # the ARN names the studio without "<region>:"
                resource_id = resource_id.split(":", 1)[-1]
            return [make_arn(region, account_id, arn_type, resource_id)]
    return ["*"]


def enforced() -> bool:
    """Whether this request is checked; if not, it counts towards the free ones."""
    from ..moto_compat import take_unchecked_request

    return not take_unchecked_request()


def check(
    *,
    spec: OperationSpec,
    params: dict[str, Any],
    account_id: str,
    region: str,
    method: str,
    target: str,
    headers: dict[str, str],
    body: bytes,
) -> None:
    """Authenticate the request and authorize ``nimble:<Operation>`` on its resource."""
    from moto.core.exceptions import (
        AccessDeniedError,
        AuthFailureError,
        InvalidClientTokenIdError,
        SignatureDoesNotMatchError,
    )
    from moto.iam.access_control import IAMRequest

    if "authorization" not in headers:
        raise MissingAuthenticationTokenException("Missing Authentication Token")
    resources = resource_arns(spec, params, account_id, region)
    resource = resources[0]
    # moto's IAM reads headers by their canonical spelling ("X-Amz-Date")
    canonical = {name.title(): value for name, value in headers.items()}
    try:
        request = IAMRequest(
            account_id=account_id,
            method=method,
            path=target,
            data={},  # the signed payload is the body, empty or not
            body=body,
            headers=canonical,
            action=spec.name,
        )
        request.check_signature()
        for resource in resources:
            request.check_action_permitted(resource)
    except AccessDeniedError as denied:
        raise AccessDeniedException(
            f"{denied.message} on resource: {resource}"
        ) from None
    except (InvalidClientTokenIdError, AuthFailureError):
        raise UnrecognizedClientException(
            "The security token included in the request is invalid."
        ) from None
    except SignatureDoesNotMatchError:
        raise InvalidSignatureException(
            "The request signature we calculated does not match the signature you provided."
        ) from None
    except (
        KeyError,
        IndexError,
        ValueError,
    ):  # an Authorization header moto cannot read
        raise InvalidSignatureException(
            "The Authorization header is not a SigV4 signature"
        ) from None
