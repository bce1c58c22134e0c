"""Every failure statusCode of the model, with the statusMessage a resource
shows when it settles failed with it.

A transition fails with one of these (``Lifecycle.start(name, failure=code)``):
because of what the models check (a studio's children, a second Active
Directory, an image that is not usable), because of a reference that does not
resolve in moto's world, or because a test asked for it
(``moto_nimble.faults``). ``tests/test_lifecycles.py`` holds the table to the
model's enums: every code of a resource's enum that no transition shows on its
way is here.
"""

from __future__ import annotations

_INTERNAL = "The operation failed because of an internal error in the service"
_KEY_NOT_FOUND = "The customer managed KMS key of the studio was not found"
_KEY_DENIED = "The customer managed KMS key of the studio is disabled or cannot be used"

#: failure statusCode -> statusMessage
FAILURE_MESSAGES: dict[str, str] = {
    # studios
    "STUDIO_WITH_LAUNCH_PROFILES_NOT_DELETED": "The studio still has resources that are not deleted",
    "STUDIO_WITH_STUDIO_COMPONENTS_NOT_DELETED": "The studio still has resources that are not deleted",
    "STUDIO_WITH_STREAMING_IMAGES_NOT_DELETED": "The studio still has resources that are not deleted",
    "AWS_SSO_NOT_ENABLED": "IAM Identity Center is not enabled for this studio",
    "AWS_SSO_ACCESS_DENIED": (
        "Nimble Studio was denied access to the IAM Identity Center configuration of this studio"
    ),
    "AWS_STS_REGION_DISABLED": "AWS STS is not activated in the studio's region for this account",
    "ROLE_NOT_OWNED_BY_STUDIO_OWNER": "A role of the studio belongs to another account",
    "ROLE_COULD_NOT_BE_ASSUMED": "A role of the studio could not be assumed",
    "ENCRYPTION_KEY_NOT_FOUND": _KEY_NOT_FOUND,
    "ENCRYPTION_KEY_ACCESS_DENIED": _KEY_DENIED,
    "INTERNAL_ERROR": _INTERNAL,
    # studio components
    "ACTIVE_DIRECTORY_ALREADY_EXISTS": "An Active Directory studio component already exists in this studio",
    # launch profiles
    "STREAMING_IMAGE_NOT_FOUND": (
        "A streaming image of the launch profile is not usable: STREAMING_IMAGE_NOT_FOUND"
    ),
    "STREAMING_IMAGE_NOT_READY": (
        "A streaming image of the launch profile is not usable: STREAMING_IMAGE_NOT_READY"
    ),
    "LAUNCH_PROFILE_WITH_STREAM_SESSIONS_NOT_DELETED": (
        "The launch profile still has streaming sessions that are not deleted"
    ),
    "INVALID_SUBNETS_PROVIDED": "A subnet of the launch profile was not found",
    "INVALID_SUBNETS_COMBINATION": "The subnets of the launch profile are in more than one VPC",
    "INVALID_INSTANCE_TYPES_PROVIDED": (
        "An instance type of the launch profile is not offered in the Availability Zone of a subnet"
    ),
    # streaming images
    "ACCESS_DENIED": "The EC2 image was not found or cannot be read by this account",
    # streaming sessions (and their backups)
    "INSUFFICIENT_CAPACITY": "There is not enough capacity for the instance type of the session",
    "ACTIVE_DIRECTORY_DOMAIN_JOIN_ERROR": "The session could not join the Active Directory domain",
    "NETWORK_CONNECTION_ERROR": "The session could not connect to the network",
    "INITIALIZATION_SCRIPT_ERROR": "An initialization script of the session failed",
    "DECRYPT_STREAMING_IMAGE_ERROR": "The streaming image of the session could not be decrypted",
    "NETWORK_INTERFACE_ERROR": "The network interface of the session could not be created",
    "AMI_VALIDATION_ERROR": "The EC2 image of the session's streaming image is not valid",
}

#: a launch profile's failed validation result: statusCode -> statusMessage
VALIDATION_FAILURE_MESSAGES: dict[str, str] = {
    "VALIDATION_FAILED_INVALID_SUBNET_ROUTE_TABLE_ASSOCIATION": (
        "A subnet's route table has no route to the internet"
    ),
    "VALIDATION_FAILED_SUBNET_NOT_FOUND": "A subnet of the launch profile was not found",
    "VALIDATION_FAILED_INVALID_SECURITY_GROUP_ASSOCIATION": (
        "A security group of a studio component was not found, or is in another VPC than the subnets"
    ),
    "VALIDATION_FAILED_INVALID_ACTIVE_DIRECTORY": (
        "The Active Directory of the studio component was not found"
    ),
    "VALIDATION_FAILED_UNAUTHORIZED": "The service was not authorized to validate this",
    "VALIDATION_FAILED_INTERNAL_SERVER_ERROR": (
        "The validation failed because of an internal error in the service"
    ),
}


#: how a test makes a failure happen without a fault, by (output shape, statusCode):
#: what the models check themselves, and the references they resolve in moto's
#: world when ``MOTO_NIMBLE_CHECK_REFERENCES`` is on
CAUSES: dict[tuple[str, str], str] = {
    ("Studio", "STUDIO_WITH_LAUNCH_PROFILES_NOT_DELETED"): (
        "DeleteStudio while a launch profile of the studio is not deleted (DELETE_FAILED)"
    ),
    ("Studio", "STUDIO_WITH_STUDIO_COMPONENTS_NOT_DELETED"): (
        "DeleteStudio while a studio component is not deleted (DELETE_FAILED)"
    ),
    ("Studio", "STUDIO_WITH_STREAMING_IMAGES_NOT_DELETED"): (
        "DeleteStudio while a streaming image of the studio is not deleted (DELETE_FAILED)"
    ),
    ("Studio", "AWS_SSO_NOT_ENABLED"): (
        "the break-studio-sso hook: `backend.break_studio_sso(studio_id)` or "
        "`POST /nimble_<region>/moto-api/break-studio-sso` (the studio stays READY or "
        "UPDATE_FAILED until StartStudioSSOConfigurationRepair)"
    ),
    ("Studio", "AWS_SSO_ACCESS_DENIED"): (
        "the break-studio-sso hook with `statusCode` AWS_SSO_ACCESS_DENIED"
    ),
    ("StudioComponent", "ACTIVE_DIRECTORY_ALREADY_EXISTS"): (
        "a second ACTIVE_DIRECTORY component in a studio (CREATE_FAILED)"
    ),
    ("LaunchProfile", "STREAMING_IMAGE_NOT_FOUND"): (
        "Create/UpdateLaunchProfile naming a streaming image that is deleted or being deleted"
    ),
    ("LaunchProfile", "STREAMING_IMAGE_NOT_READY"): (
        "Create/UpdateLaunchProfile naming a streaming image whose create failed"
    ),
    ("LaunchProfile", "LAUNCH_PROFILE_WITH_STREAM_SESSIONS_NOT_DELETED"): (
        "DeleteLaunchProfile while a session of the profile is not deleted (DELETE_FAILED)"
    ),
    # with MOTO_NIMBLE_CHECK_REFERENCES on: what a request names, looked up in moto
    ("Studio", "ROLE_NOT_OWNED_BY_STUDIO_OWNER"): (
        "references: an `adminRoleArn` or `userRoleArn` of another account"
    ),
    ("Studio", "ROLE_COULD_NOT_BE_ASSUMED"): (
        "references: a studio role moto's IAM does not have, or whose trust policy does "
        "not let `identity.nimble.amazonaws.com` assume it"
    ),
    ("Studio", "ENCRYPTION_KEY_NOT_FOUND"): (
        "references: a CUSTOMER_MANAGED_KEY `keyArn` moto's KMS does not have"
    ),
    ("Studio", "ENCRYPTION_KEY_ACCESS_DENIED"): (
        "references: a studio key that is disabled or pending deletion"
    ),
    ("StudioComponent", "ENCRYPTION_KEY_NOT_FOUND"): (
        "references: a component created or updated after its studio's key went missing"
    ),
    ("StudioComponent", "ENCRYPTION_KEY_ACCESS_DENIED"): (
        "references: a component created or updated after its studio's key was disabled"
    ),
    ("StudioComponent", "INTERNAL_ERROR"): (
        "references: an FSx `fileSystemId` moto's FSx does not have, or a `runtimeRoleArn` / "
        "`secureInitializationRoleArn` that cannot be assumed"
    ),
    ("StreamingImage", "ACCESS_DENIED"): (
        "references: an `ec2ImageId` that neither moto's EC2 nor its AMI catalogue of the region has"
    ),
    ("LaunchProfile", "INVALID_SUBNETS_PROVIDED"): (
        "references: an `ec2SubnetIds` entry moto's EC2 does not have"
    ),
    ("LaunchProfile", "INVALID_SUBNETS_COMBINATION"): (
        "references: subnets of more than one VPC"
    ),
    ("LaunchProfile", "INVALID_INSTANCE_TYPES_PROVIDED"): (
        "references: an `ec2InstanceTypes` entry not offered in a subnet's Availability Zone"
    ),
    ("LaunchProfile", "ENCRYPTION_KEY_NOT_FOUND"): (
        "references: a profile created or updated after its studio's key went missing"
    ),
    ("LaunchProfile", "ENCRYPTION_KEY_ACCESS_DENIED"): (
        "references: a profile created or updated after its studio's key was disabled"
    ),
    ("StreamingSession", "ACTIVE_DIRECTORY_DOMAIN_JOIN_ERROR"): (
        "a session of a profile whose `VALIDATE_ACTIVE_DIRECTORY_STUDIO_COMPONENT` result "
        "failed (references: a `directoryId` Directory Service does not have; or that "
        "validation fault)"
    ),
    ("StreamingSession", "DECRYPT_STREAMING_IMAGE_ERROR"): (
        "references: a session on an image encrypted with the studio's key, once the key "
        "is disabled"
    ),
    ("ValidationResult", "VALIDATION_FAILED_SUBNET_NOT_FOUND"): (
        "references: a subnet moto's EC2 does not have"
    ),
    ("ValidationResult", "VALIDATION_FAILED_INVALID_SUBNET_ROUTE_TABLE_ASSOCIATION"): (
        "references: a subnet (outside the default VPC) whose route table sends `0.0.0.0/0` "
        "to no internet or NAT gateway, or whose network ACL denies all traffic one way"
    ),
    ("ValidationResult", "VALIDATION_FAILED_INVALID_SECURITY_GROUP_ASSOCIATION"): (
        "references: a component's security group that moto's EC2 does not have, or of "
        "another VPC than the subnets"
    ),
    ("ValidationResult", "VALIDATION_FAILED_INVALID_ACTIVE_DIRECTORY"): (
        "references: an ACTIVE_DIRECTORY component whose `directoryId` Directory Service "
        "does not have"
    ),
}
