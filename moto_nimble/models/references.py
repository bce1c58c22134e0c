"""References to other services, resolved in moto's world.

With ``MOTO_NIMBLE_CHECK_REFERENCES=true`` (``settings.check_references``),
what a request names in another service (an IAM role, a KMS key, an AMI,
subnets, security groups, a directory, a file system) is looked up in moto's
backend of that service for the same account and region (IAM: the account's
partition). Each check returns ``None`` when the reference resolves, else a
:class:`Problem`: the statusCode the resource fails with and a statusMessage
that names the reference.

Looking never creates: :func:`existing_backend` reads moto's BackendDicts with
``dict.get``, bypassing their create-on-read ``[]``, so a lookup leaves no
backend (or account entry) behind that was not there before. Every lookup
into another service goes through it.
"""

from __future__ import annotations

import contextlib
import fnmatch
import json
import os
import re
from collections.abc import Iterable
from functools import cache
from typing import Any, NamedTuple

#: the service principal that assumed a studio's roles for its users
NIMBLE_IDENTITY_PRINCIPAL = "identity.nimble.amazonaws.com"

_ROLE_ARN = re.compile(r"^arn:(?P<partition>[\w-]+):iam::(?P<account>\d{12}):role/.+$")
_KEY_ARN = re.compile(
    r"^arn:[\w-]+:kms:(?P<region>[\w-]+):(?P<account>\d{12}):(?P<kind>key|alias)/(?P<name>.+)$"
)


class Problem(NamedTuple):
    """A reference that did not resolve: the failing statusCode and a
    statusMessage naming the reference."""

    code: str
    message: str


def existing_backend(backends: Any, account_id: str, region: str) -> Any | None:
    """moto's backend of a service for this account and region, if it exists.

    ``dict.get`` on the BackendDict and on the account's dict: ``[]`` would
    create the account entry and the regional backend (EC2's loads its AMI
    catalogue and default VPC, about 100 ms) just to find them empty."""
    account = dict.get(backends, account_id)
    return dict.get(account, region) if account is not None else None


# -- IAM roles ---------------------------------------------------------------


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _covers_assume_role(actions: Any) -> bool:
    return any(
        isinstance(action, str)
        and fnmatch.fnmatchcase("sts:assumerole", action.lower())
        for action in _as_list(actions)
    )


def _names_nimble(principal: Any) -> bool:
    if not isinstance(principal, dict):
        return False
    return NIMBLE_IDENTITY_PRINCIPAL in _as_list(principal.get("Service"))


def trusts_nimble(policy_document: Any) -> bool:
    """Whether a role's trust policy lets ``identity.nimble.amazonaws.com``
    assume it: a statement with Effect Allow, an Action covering
    ``sts:AssumeRole`` (a list, or a wildcard such as ``sts:*``) and a
    Principal whose Service names it, and no Deny statement that takes it back.
    A document that is not a JSON policy trusts nobody."""
    document = policy_document
    if isinstance(document, str):
        try:
            document = json.loads(document)
        except ValueError:
            return False
    if not isinstance(document, dict):
        return False
    allowed = denied = False
    for statement in _as_list(document.get("Statement")):
        if not isinstance(statement, dict):
            continue
        if not _covers_assume_role(statement.get("Action")):
            continue
        if not _names_nimble(statement.get("Principal")):
            continue
        effect = statement.get("Effect")
        allowed = allowed or effect == "Allow"
        denied = denied or effect == "Deny"
    return allowed and not denied


def role_problem(
    account_id: str, role_arn: str, not_owned: str, not_assumed: str
) -> Problem | None:
    """An IAM role the service assumes: it must belong to ``account_id``
    (else ``not_owned``), exist in moto's IAM and trust
    ``identity.nimble.amazonaws.com`` (else ``not_assumed``)."""
    from moto.iam.models import iam_backends

    found = _ROLE_ARN.match(role_arn)
    if found is None:
        return Problem(
            not_assumed,
            f"Role {role_arn} could not be assumed: it is not an IAM role ARN",
        )
    if found["account"] != account_id:
        return Problem(
            not_owned,
            f"Role {role_arn} belongs to account {found['account']}, "
            f"not to the studio's account {account_id}",
        )
    backend = existing_backend(iam_backends, account_id, found["partition"])
    role = next(
        (r for r in (backend.roles.values() if backend else ()) if r.arn == role_arn),
        None,
    )
    if role is None:
        return Problem(
            not_assumed, f"Role {role_arn} could not be assumed: it does not exist"
        )
    if not trusts_nimble(role.assume_role_policy_document):
        return Problem(
            not_assumed,
            f"Role {role_arn} could not be assumed: its trust policy does not let "
            f"{NIMBLE_IDENTITY_PRINCIPAL} assume it",
        )
    return None


def studio_role_problem(account_id: str, role_arn: str) -> Problem | None:
    return role_problem(
        account_id,
        role_arn,
        "ROLE_NOT_OWNED_BY_STUDIO_OWNER",
        "ROLE_COULD_NOT_BE_ASSUMED",
    )


def first(problems: Iterable[Problem | None]) -> Problem | None:
    """The first problem of several checks, each made only when needed."""
    return next((p for p in problems if p is not None), None)


# -- KMS keys ----------------------------------------------------------------


def key_problem(account_id: str, region: str, key_arn: str) -> Problem | None:
    """A studio's customer managed key: a key (or alias) ARN of the studio's
    account and region that moto's KMS knows (else ENCRYPTION_KEY_NOT_FOUND),
    Enabled (else ENCRYPTION_KEY_ACCESS_DENIED: disabled, pending deletion)."""
    from moto.kms.models import kms_backends

    found = _KEY_ARN.match(key_arn)
    if found is None or (found["account"], found["region"]) != (account_id, region):
        return Problem(
            "ENCRYPTION_KEY_NOT_FOUND",
            f"KMS key {key_arn} was not found: the studio's key must be a key or "
            f"alias ARN of account {account_id} in {region}",
        )
    backend = existing_backend(kms_backends, account_id, region)
    keys = list(backend.keys.values()) if backend is not None else []
    if found["kind"] == "key":
        key = next((k for k in keys if k.id == found["name"]), None)
    else:
        alias = "alias/" + found["name"]
        key = next((k for k in keys if alias in k.aliases), None)
    if key is None:
        return Problem("ENCRYPTION_KEY_NOT_FOUND", f"KMS key {key_arn} was not found")
    if key.key_state != "Enabled":
        return Problem(
            "ENCRYPTION_KEY_ACCESS_DENIED",
            f"KMS key {key_arn} cannot be used: its state is {key.key_state}",
        )
    return None


def studio_key_problem(studio: Any) -> Problem | None:
    """The problem of the studio's customer managed key, if it has one."""
    encryption = studio.studio_encryption_configuration or {}
    if encryption.get("keyType") != "CUSTOMER_MANAGED_KEY":
        return None
    return key_problem(studio.account_id, studio.region, encryption.get("keyArn", ""))


# -- EC2 images --------------------------------------------------------------


@cache
def _catalogue(region: str) -> dict[str, str]:
    """moto's default AMIs of a region (AMI ID -> platform), as its EC2
    backend loads them when it is made: the global list and the region's
    latest and ECS-optimized images, unless ``MOTO_EC2_LOAD_DEFAULT_AMIS``
    is false; only the file of ``MOTO_AMIS_PATH`` when that is set."""
    from moto import settings as moto_settings
    from moto.ec2.models.amis import AMIS
    from moto.utilities.utils import load_resource

    custom = "MOTO_AMIS_PATH" in os.environ
    if not custom and not moto_settings.ec2_load_default_amis():
        return {}
    images: list[dict[str, Any]] = list(AMIS)
    if not custom:
        for path in ("latest_amis", "ecs/optimized_amis"):
            with contextlib.suppress(FileNotFoundError):
                images += load_resource(f"ec2/resources/{path}/{region}.json")
    return {i["ami_id"]: str(i.get("platform") or "") for i in images}


def find_ami(
    account_id: str, region: str, ami_id: str, catalogue: bool = True
) -> str | None:
    """The platform (``windows`` or ``""``) of an AMI moto's EC2 of this
    account and region knows; where that backend does not exist yet, of one
    in moto's default catalogue for the region (with ``catalogue``). None:
    not found."""
    from moto.ec2.models import ec2_backends

    backend = existing_backend(ec2_backends, account_id, region)
    if backend is not None:
        ami = backend.amis.get(ami_id)
        return None if ami is None else str(getattr(ami, "platform", None) or "")
    return _catalogue(region).get(ami_id) if catalogue else None


def ami_problem(account_id: str, region: str, ami_id: str) -> Problem | None:
    if find_ami(account_id, region, ami_id) is None:
        return Problem(
            "ACCESS_DENIED",
            f"EC2 image {ami_id} was not found in {region}, or cannot be read "
            f"by account {account_id}",
        )
    return None


# -- EC2 networks ------------------------------------------------------------


def _ec2(account_id: str, region: str) -> Any | None:
    from moto.ec2.models import ec2_backends

    return existing_backend(ec2_backends, account_id, region)


def _subnet(ec2: Any, subnet_id: str) -> Any | None:
    for by_id in list(ec2.subnets.values()) if ec2 is not None else ():
        if subnet_id in by_id:
            return by_id[subnet_id]
    return None


def _offered_in(ec2: Any) -> dict[str, set[str]]:
    """Instance type -> the Availability Zones of the region that offer it."""
    zones: dict[str, set[str]] = {}
    for offering in ec2.describe_instance_type_offerings("availability-zone"):
        zones.setdefault(offering["InstanceType"], set()).add(offering["Location"])
    return zones


def subnets_problem(
    account_id: str, region: str, subnet_ids: list[str], instance_types: list[str]
) -> Problem | None:
    """A launch profile's subnets exist (INVALID_SUBNETS_PROVIDED), lie in one
    VPC (INVALID_SUBNETS_COMBINATION) and offer each instance type in their
    Availability Zone (INVALID_INSTANCE_TYPES_PROVIDED); a type moto lists in
    no Availability Zone of the region counts as offered (moto's data has gaps)."""
    ec2 = _ec2(account_id, region)
    subnets = []
    for subnet_id in subnet_ids:
        subnet = _subnet(ec2, subnet_id)
        if subnet is None:
            return Problem(
                "INVALID_SUBNETS_PROVIDED",
                f"Subnet {subnet_id} was not found in account {account_id} in {region}",
            )
        subnets.append(subnet)
    vpcs = {s.vpc_id for s in subnets}
    if len(vpcs) > 1:
        named = ", ".join(f"{s.id} ({s.vpc_id})" for s in subnets)
        return Problem(
            "INVALID_SUBNETS_COMBINATION",
            f"The subnets {named} are in more than one VPC",
        )
    if not subnets:
        return None
    zones = _offered_in(ec2)
    for instance_type in instance_types:
        offered = zones.get(instance_type)
        for subnet in subnets:
            if offered is not None and subnet.availability_zone not in offered:
                return Problem(
                    "INVALID_INSTANCE_TYPES_PROVIDED",
                    f"Instance type {instance_type} is not offered in "
                    f"{subnet.availability_zone}, the Availability Zone of subnet {subnet.id}",
                )
    return None


def _route_table(ec2: Any, subnet: Any) -> Any | None:
    """The subnet's route table: the one associated with it, else its VPC's main one."""
    main = None
    for table in list(ec2.route_tables.values()):
        if table.vpc_id != subnet.vpc_id:
            continue
        for association in table.associations:
            if association.get("SubnetId") == subnet.id:
                return table
            if association.get("Main"):
                main = table
    return main


def _reaches_internet(table: Any) -> bool:
    """A route for 0.0.0.0/0 to an internet gateway or a NAT gateway."""
    for route in table.routes:
        if route.destination_cidr_block != "0.0.0.0/0":
            continue
        gateway = getattr(route.gateway, "id", "") or ""
        if gateway.startswith("igw-") or route.nat_gateway is not None:
            return True
    return False


def _closed_direction(acl: Any) -> str | None:
    """``inbound`` or ``outbound`` when the ACL denies all traffic that way: no
    rule allows anything before a rule that denies all traffic (protocol -1,
    0.0.0.0/0). A new custom ACL, with only AWS's implicit deny, is closed."""
    for egress, direction in ((False, "inbound"), (True, "outbound")):
        rules = sorted(
            (e for e in acl.network_acl_entries if bool(e.egress) == egress),
            key=lambda e: int(e.rule_number),
        )
        opened = False
        for rule in rules:
            if rule.rule_action == "allow":
                opened = True
                break
            if str(rule.protocol) == "-1" and rule.cidr_block == "0.0.0.0/0":
                break
        if not opened:
            return direction
    return None


def _network_acl(ec2: Any, subnet: Any) -> Any | None:
    for acl in list(ec2.network_acls.values()):
        if any(a.subnet_id == subnet.id for a in acl.associations):
            return acl
    return None


def _security_group(ec2: Any, group_id: str) -> Any | None:
    for by_id in list(ec2.groups.values()) if ec2 is not None else ():
        if group_id in by_id:
            return by_id[group_id]
    return None


def _is_default_vpc(ec2: Any, vpc_id: str) -> bool:
    vpc = ec2.vpcs.get(vpc_id)
    return bool(vpc is not None and vpc.is_default)


#: the validation result the network ACL check reports: the model's
#: LaunchProfileValidationStatusCode has no ACL code, and a closed ACL, like a
#: route table without a way out, leaves the subnet's sessions unreachable
ACL_FAILURE = "VALIDATION_FAILED_INVALID_SUBNET_ROUTE_TABLE_ASSOCIATION"


def validation_problems(
    account_id: str,
    region: str,
    subnet_ids: list[str],
    security_group_ids: list[str],
    directory_ids: list[str | None],
) -> dict[str, Problem]:
    """A launch profile's validation results that fail: validation type ->
    (its failing statusCode, a message naming the reference).

    ``directory_ids`` holds the ``directoryId`` of each ACTIVE_DIRECTORY
    component of the profile (None: the component names none)."""
    from moto.ds.models import ds_backends

    failed: dict[str, Problem] = {}
    ec2 = _ec2(account_id, region)
    subnets = []
    for subnet_id in subnet_ids:
        subnet = _subnet(ec2, subnet_id)
        if subnet is None:
            missing = Problem(
                "VALIDATION_FAILED_SUBNET_NOT_FOUND",
                f"Subnet {subnet_id} was not found",
            )
            failed["VALIDATE_SUBNET_ASSOCIATION"] = missing
            failed["VALIDATE_NETWORK_ACL_ASSOCIATION"] = missing
            break
        subnets.append(subnet)
    else:
        for subnet in subnets:
            if "VALIDATE_SUBNET_ASSOCIATION" not in failed and not _is_default_vpc(
                ec2, subnet.vpc_id
            ):
                table = _route_table(ec2, subnet)
                if table is None or not _reaches_internet(table):
                    named = table.id if table is not None else "(none)"
                    failed["VALIDATE_SUBNET_ASSOCIATION"] = Problem(
                        "VALIDATION_FAILED_INVALID_SUBNET_ROUTE_TABLE_ASSOCIATION",
                        f"Route table {named} of subnet {subnet.id} has no route for "
                        "0.0.0.0/0 to an internet gateway or a NAT gateway",
                    )
            if "VALIDATE_NETWORK_ACL_ASSOCIATION" not in failed:
                acl = _network_acl(ec2, subnet)
                closed = _closed_direction(acl) if acl is not None else None
                if acl is not None and closed is not None:
                    failed["VALIDATE_NETWORK_ACL_ASSOCIATION"] = Problem(
                        ACL_FAILURE,
                        f"Network ACL {acl.id} of subnet {subnet.id} denies all "
                        f"{closed} traffic",
                    )
    vpcs = {s.vpc_id for s in subnets}
    for group_id in security_group_ids:
        group = _security_group(ec2, group_id)
        if group is None or (vpcs and group.vpc_id not in vpcs):
            why = (
                "was not found"
                if group is None
                else f"is in {group.vpc_id}, not in the VPC of the subnets ({', '.join(sorted(vpcs))})"
            )
            failed["VALIDATE_SECURITY_GROUP_ASSOCIATION"] = Problem(
                "VALIDATION_FAILED_INVALID_SECURITY_GROUP_ASSOCIATION",
                f"Security group {group_id} {why}",
            )
            break
    ds = existing_backend(ds_backends, account_id, region)
    for directory_id in directory_ids:
        if directory_id is None or ds is None or directory_id not in ds.directories:
            named = (
                f"Directory {directory_id} was not found in Directory Service"
                if directory_id is not None
                else "The Active Directory studio component names no directoryId"
            )
            failed["VALIDATE_ACTIVE_DIRECTORY_STUDIO_COMPONENT"] = Problem(
                "VALIDATION_FAILED_INVALID_ACTIVE_DIRECTORY", named
            )
            break
    return failed


# -- shared file systems -----------------------------------------------------

#: FSx subtypes -> the FSx FileSystemType they name
FSX_TYPES = {"AMAZON_FSX_FOR_WINDOWS": "WINDOWS", "AMAZON_FSX_FOR_LUSTRE": "LUSTRE"}


def file_system_problem(
    account_id: str, region: str, subtype: str | None, configuration: Any
) -> Problem | None:
    """An FSx component's ``fileSystemId``: a file system of its type in
    moto's FSx (else INTERNAL_ERROR, the component enum's only fit)."""
    from moto.fsx.models import fsx_backends

    wanted = FSX_TYPES.get(subtype or "")
    shared = (configuration or {}).get("sharedFileSystemConfiguration") or {}
    file_system_id = shared.get("fileSystemId")
    if wanted is None or not file_system_id:
        return None
    backend = existing_backend(fsx_backends, account_id, region)
    found = backend.file_systems.get(file_system_id) if backend is not None else None
    if found is None:
        return Problem(
            "INTERNAL_ERROR", f"File system {file_system_id} was not found in FSx"
        )
    if found.file_system_type != wanted:
        return Problem(
            "INTERNAL_ERROR",
            f"File system {file_system_id} is an FSx for {found.file_system_type} "
            f"file system, not {wanted}",
        )
    return None
