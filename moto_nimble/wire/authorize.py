"""IAM authorization of the routed operation, when moto's IAM enforcement is on.

moto enforces IAM once ``INITIAL_NO_AUTH_ACTION_COUNT`` requests have passed
(``set_initial_no_auth_action_count``, ``enable_iam_authentication``); until
then requests only count. Enforced, a request is

1. authenticated, once routed and before its input is read: its
   ``Authorization`` header must be a whole SigV4 header scoped to
   ``nimble``, and its signature is checked with moto's IAM, over the bytes
   that were signed (moto's own check signs the query string or the headers
   instead of an empty body, so every GET and DELETE fails it); and
2. once its input is valid, authorized as ``nimble:<Operation>`` on the resource the Service
   Authorization Reference names for it: in general the most specific of the
   session, backup, image, component, launch profile and studio its path
   names, or the ``resourceArn`` of the tagging operations; CreateStreamingSession
   on the launch profile its body names; CreateStudio on ``studio/*``;
   GetEula on ``eula/<eulaId>``, AcceptEulas and ListEulas on ``eula/<id>``
   for each EULA they name (``eula/*`` for none), ListEulaAcceptances on
   ``eula-acceptance/*``; ListStudios on ``*``.

Failures are JSON, as the service sent them: AccessDeniedException (the
model's, 403); MissingAuthenticationTokenException (403) without an
``Authorization`` header, IncompleteSignatureException (400) for one that is
not a whole SigV4 header, InvalidSignatureException (403) for a credential
scoped to another service or a signature that does not match, and
UnrecognizedClientException (403) for a key IAM does not know.
"""

from __future__ import annotations

from typing import Any

from .._registration import SERVICE
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


class IncompleteSignatureException(WireError):
    code = "IncompleteSignatureException"
    status = 400


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


#: the one signing algorithm the service accepts
ALGORITHM = "AWS4-HMAC-SHA256"
#: what a SigV4 ``Authorization`` header must name
REQUIRED_PARAMETERS = ("Credential", "Signature", "SignedHeaders")


def check_header(headers: dict[str, str]) -> None:
    """The ``Authorization`` header's form, before any key is looked up: 403
    MissingAuthenticationTokenException without one, 400
    IncompleteSignatureException for one that is not a whole SigV4 header
    (garbage, cut short, another algorithm), 403
    InvalidSignatureException for a credential scoped to another service."""
    authorization = headers.get("authorization")
    if authorization is None or not authorization.strip():
        raise MissingAuthenticationTokenException("Missing Authentication Token")
    algorithm, _, rest = authorization.strip().partition(" ")
    parameters: dict[str, str] = {}
    for piece in rest.split(","):
        if not piece.strip():
            continue
        name, equals, value = piece.strip().partition("=")
        if not equals:
            raise IncompleteSignatureException(
                f"{piece.strip()!r} is not a name=value pair (no equal sign) "
                f"in the Authorization header: {authorization!r}"
            )
        parameters[name.strip()] = value.strip()
    wanted = [
        f"Authorization header requires '{name}' parameter."
        for name in REQUIRED_PARAMETERS
        if not parameters.get(name)
    ]
    if wanted:
        raise IncompleteSignatureException(
            " ".join(wanted) + f" Authorization={authorization}"
        )
    if algorithm != ALGORITHM:
        raise IncompleteSignatureException(
            f"Unsupported signing algorithm {algorithm!r}: the service accepts {ALGORITHM}"
        )
    scope = parameters["Credential"].split("/")
    if len(scope) != 5 or scope[-1] != "aws4_request" or not all(scope[:2]):
        raise IncompleteSignatureException(
            "The Credential must be <access key>/<yyyymmdd>/<region>/<service>/aws4_request, "
            f"not {parameters['Credential']!r}"
        )
    if scope[3] != SERVICE:
        raise InvalidSignatureException(
            f"Credential should be scoped to correct service: '{SERVICE}'."
        )


def authenticate(
    *,
    spec: OperationSpec,
    account_id: str,
    method: str,
    target: str,
    headers: dict[str, str],
    body: bytes,
) -> Any:
    """Check the request's SigV4 signature with moto's IAM, over the bytes that
    were signed; the authenticated request, for :func:`permit`."""
    from moto.core.exceptions import (
        AuthFailureError,
        InvalidClientTokenIdError,
        SignatureDoesNotMatchError,
    )
    from moto.iam.access_control import IAMRequest

    check_header(headers)
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
    except (InvalidClientTokenIdError, AuthFailureError):
        raise UnrecognizedClientException(
            "The security token included in the request is invalid."
        ) from None
    except (SignatureDoesNotMatchError, KeyError, IndexError, ValueError):
        # KeyError and the like: a signed header the request does not carry
        raise InvalidSignatureException(
            "The request signature we calculated does not match the signature you provided."
        ) from None
    return request


def permit(
    request: Any,
    *,
    spec: OperationSpec,
    params: dict[str, Any],
    account_id: str,
    region: str,
) -> None:
    """Authorize ``nimble:<Operation>`` on each resource the request names, as
    the authenticated ``request`` (from :func:`authenticate`)."""
    from moto.core.exceptions import AccessDeniedError

    resource = ""
    try:
        for resource in resource_arns(spec, params, account_id, region):
            request.check_action_permitted(resource)
    except AccessDeniedError as denied:
        raise AccessDeniedException(
            f"{denied.message} on resource: {resource}"
        ) from None
