"""With moto's IAM enforcement on, each request is authorized as
``nimble:<Operation>`` (the routed one) on the ARN of the resource its path
names; denials are nimble's JSON AccessDeniedException. GET and DELETE
requests authenticate like the rest."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from botocore.exceptions import ClientError
from helpers import REGION, assert_error, create_studio
from moto.core.authorization import enable_iam_authentication

from moto_nimble.factory import NimbleStudioFactory
from moto_nimble.sessions import boto3_session


def statement(
    action: str | list[str], resource: str | list[str] = "*", effect: str = "Allow"
) -> dict[str, Any]:
    return {"Effect": effect, "Action": action, "Resource": resource}


class Principal:
    """An IAM user of moto's, and nimble clients signed with its keys."""

    def __init__(self, nimble: Any, name: str) -> None:
        self.nimble = nimble
        self.name = name
        self.iam = self._client("iam")
        self.iam.create_user(UserName=name)
        key = self.iam.create_access_key(UserName=name)["AccessKey"]
        self.keys = {
            "aws_access_key_id": key["AccessKeyId"],
            "aws_secret_access_key": key["SecretAccessKey"],
        }

    def _client(self, service: str, **kwargs: Any) -> Any:
        if self.nimble.server_url:
            kwargs["endpoint_url"] = self.nimble.server_url
        return boto3_session().client(service, region_name=REGION, **kwargs)

    def allow(self, *statements: dict[str, Any]) -> None:
        document = {"Version": "2012-10-17", "Statement": list(statements)}
        self.iam.put_user_policy(
            UserName=self.name, PolicyName="nimble", PolicyDocument=json.dumps(document)
        )

    def client(self, **overrides: str) -> Any:
        return self._client("nimble", **{**self.keys, **overrides})


@pytest.fixture
def built(nimble: Any) -> Any:
    """A READY studio with a component, image and launch profile (made before IAM is on)."""
    return NimbleStudioFactory(nimble.client)()


@pytest.fixture
def enforced() -> Iterator[None]:
    with enable_iam_authentication():
        yield


def denied(excinfo: Any, action: str, resource: str) -> None:
    response = assert_error(
        excinfo, "AccessDeniedException", 403, f"nimble:{action}", resource
    )
    assert (
        response["ResponseMetadata"]["HTTPHeaders"]["x-amzn-errortype"]
        == "AccessDeniedException"
    )


def test_everything_allowed_works_for_every_method(nimble, built):
    user = Principal(nimble, "admin")
    user.allow(statement("nimble:*"))
    client = user.client()
    studio_id, arn = built.studio_id, built.studio["arn"]

    with enable_iam_authentication():
        assert (
            client.get_studio(studioId=studio_id)["studio"]["state"] == "READY"
        )  # GET
        assert [s["studioId"] for s in client.list_studios()["studios"]] == [studio_id]
        client.tag_resource(resourceArn=arn, tags={"team": "fx"})  # POST
        assert client.list_tags_for_resource(resourceArn=arn)["tags"] == {"team": "fx"}
        client.untag_resource(resourceArn=arn, tagKeys=["team"])  # DELETE with a query
        client.update_launch_profile(
            studioId=studio_id,
            launchProfileId=built.launch_profile_id,
            description="patched",
        )  # PATCH
        client.get_launch_profile(
            studioId=studio_id, launchProfileId=built.launch_profile_id
        )
        session = client.create_streaming_session(
            studioId=studio_id, launchProfileId=built.launch_profile_id
        )
        session_id = session["session"]["sessionId"]
        client.get_streaming_session(studioId=studio_id, sessionId=session_id)
        deleted = client.delete_streaming_session(
            studioId=studio_id, sessionId=session_id
        )  # DELETE

    assert deleted["session"]["state"] == "DELETE_IN_PROGRESS"
    assert (
        session["session"]["createdBy"] != "AKIAIOSFODNN7EXAMPLE"
    )  # the user's own ID


def test_policy_scoped_to_one_studio(nimble, built):
    other = NimbleStudioFactory(nimble.client)()
    user = Principal(nimble, "scoped")
    user.allow(
        statement(["nimble:GetStudio", "nimble:UpdateStudio"], built.studio["arn"])
    )
    client = user.client()

    with enable_iam_authentication():
        assert (
            client.get_studio(studioId=built.studio_id)["studio"]["studioId"]
            == built.studio_id
        )
        with pytest.raises(ClientError) as get_other:
            client.get_studio(studioId=other.studio_id)
        with pytest.raises(ClientError) as listing:
            client.list_studios()
        with pytest.raises(ClientError) as update_other:
            client.update_studio(studioId=other.studio_id, displayName="no")

    denied(get_other, "GetStudio", other.studio["arn"])
    denied(listing, "ListStudios", "resource: *")
    denied(update_other, "UpdateStudio", other.studio["arn"])
    assert (
        nimble.client.get_studio(studioId=other.studio_id)["studio"]["displayName"]
        == other.studio["displayName"]
    )


def test_child_resources_are_authorized_on_their_own_arn(nimble, built):
    user = Principal(nimble, "components")
    user.allow(statement("nimble:GetStudioComponent", built.component["arn"]))
    second = nimble.client.create_studio_component(
        studioId=built.studio_id, name="second", type="CUSTOM"
    )
    second_id = second["studioComponent"]["studioComponentId"]
    client = user.client()

    with enable_iam_authentication():
        got = client.get_studio_component(
            studioId=built.studio_id, studioComponentId=built.component_id
        )
        with pytest.raises(ClientError) as excinfo:
            client.get_studio_component(
                studioId=built.studio_id, studioComponentId=second_id
            )

    assert got["studioComponent"]["studioComponentId"] == built.component_id
    denied(excinfo, "GetStudioComponent", second["studioComponent"]["arn"])


def test_explicit_deny_wins_and_changes_nothing(nimble, built):
    user = Principal(nimble, "nodelete")
    user.allow(statement("nimble:*"), statement("nimble:DeleteStudio", "*", "Deny"))
    client = user.client()

    with enable_iam_authentication(), pytest.raises(ClientError) as excinfo:
        client.delete_studio(studioId=built.studio_id)

    denied(excinfo, "DeleteStudio", built.studio["arn"])
    assert (
        nimble.client.get_studio(studioId=built.studio_id)["studio"]["state"] == "READY"
    )


def test_the_routed_operation_is_authorized_not_x_amz_target(nimble, built):
    user = Principal(nimble, "reader")
    user.allow(statement("nimble:ListEulas"))
    client = user.client()

    def claim_create_studio(request: Any, **_: Any) -> None:
        request.headers["X-Amz-Target"] = "AmazonNimbleStudio.CreateStudio"

    client.meta.events.register("before-sign.nimble.ListEulas", claim_create_studio)
    with enable_iam_authentication():
        eulas = client.list_eulas()["eulas"]
        with pytest.raises(ClientError) as excinfo:
            client.list_studios()

    assert len(eulas) == 9
    denied(excinfo, "ListStudios", "resource: *")
    assert [s["studioId"] for s in nimble.client.list_studios()["studios"]] == [
        built.studio_id
    ]


def test_assumed_role_is_authorized_by_the_role_policy(nimble, built):
    admin = Principal(nimble, "assumer")
    admin.allow(statement(["sts:AssumeRole", "iam:*"]))
    trust = {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}
        ],
    }
    role = admin.iam.create_role(
        RoleName="studio-reader", AssumeRolePolicyDocument=json.dumps(trust)
    )["Role"]
    admin.iam.put_role_policy(
        RoleName="studio-reader",
        PolicyName="read",
        PolicyDocument=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [statement("nimble:GetStudio", built.studio["arn"])],
            }
        ),
    )
    sts = admin._client("sts", **admin.keys)
    credentials = sts.assume_role(RoleArn=role["Arn"], RoleSessionName="render-node")[
        "Credentials"
    ]
    as_role = admin._client(
        "nimble",
        aws_access_key_id=credentials["AccessKeyId"],
        aws_secret_access_key=credentials["SecretAccessKey"],
        aws_session_token=credentials["SessionToken"],
    )

    with enable_iam_authentication():
        got = as_role.get_studio(studioId=built.studio_id)["studio"]
        with pytest.raises(ClientError) as excinfo:
            as_role.delete_studio(studioId=built.studio_id)

    assert got["studioId"] == built.studio_id
    denied(excinfo, "DeleteStudio", built.studio["arn"])


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"aws_secret_access_key": "not-the-secret"}, "InvalidSignatureException"),
        (
            {"aws_access_key_id": "AKIAUNKNOWNKEY000000", "aws_secret_access_key": "x"},
            "UnrecognizedClientException",
        ),
    ],
)
def test_credentials_iam_does_not_accept(nimble, built, overrides, code):
    user = Principal(nimble, "anyone")
    user.allow(statement("nimble:*"))
    client = user.client(**overrides)

    with enable_iam_authentication(), pytest.raises(ClientError) as excinfo:
        client.get_studio(studioId=built.studio_id)

    assert_error(excinfo, code, 403)


def test_requests_before_enforcement_only_count(nimble, built):
    """moto's INITIAL_NO_AUTH_ACTION_COUNT: the first requests pass unchecked."""
    from moto.core.authorization import ActionAuthenticatorMixin

    client = Principal(nimble, "nobody").client()  # no policy at all

    @ActionAuthenticatorMixin.set_initial_no_auth_action_count(2)
    def three_gets() -> list[Any]:
        outcomes = []
        for _ in range(3):
            try:
                outcomes.append(
                    client.get_studio(studioId=built.studio_id)["studio"]["state"]
                )
            except ClientError as error:
                outcomes.append(error.response["Error"]["Code"])
        return outcomes

    assert three_gets() == ["READY", "READY", "AccessDeniedException"]


def test_create_streaming_session_is_authorized_on_its_launch_profile(nimble, built):
    other = NimbleStudioFactory(nimble.client)()
    user = Principal(nimble, "artist")
    user.allow(statement("nimble:CreateStreamingSession", built.launch_profile["arn"]))
    client = user.client()

    with enable_iam_authentication():
        session = client.create_streaming_session(
            studioId=built.studio_id, launchProfileId=built.launch_profile_id
        )
        with pytest.raises(ClientError) as excinfo:
            client.create_streaming_session(
                studioId=other.studio_id, launchProfileId=other.launch_profile_id
            )

    assert session["session"]["launchProfileId"] == built.launch_profile_id
    denied(excinfo, "CreateStreamingSession", other.launch_profile["arn"])


def test_create_studio_is_authorized_on_any_studio_arn(nimble):
    user = Principal(nimble, "builder")
    user.allow(statement("nimble:CreateStudio", "arn:aws:nimble:*:*:studio/*"))
    client = user.client()

    with enable_iam_authentication():
        studio = create_studio(client, "byiam")

    assert studio["studioName"] == "byiam"


def test_eula_operations_on_eula_resources(nimble, built):
    """The EULA operations are authorized on the resource types the Service
    Authorization Reference names: ``eula`` for AcceptEulas, GetEula and
    ListEulas, each EULA they name; ``eula-acceptance`` for ListEulaAcceptances."""
    eulas = [e["eulaId"] for e in nimble.client.list_eulas()["eulas"]]
    first, second = eulas[0], eulas[1]
    prefix = f"arn:aws:nimble:{REGION}:123456789012"
    user = Principal(nimble, "eulas")
    user.allow(
        statement(
            ["nimble:AcceptEulas", "nimble:GetEula", "nimble:ListEulas"],
            f"{prefix}:eula/{first}",
        ),
        statement("nimble:ListEulas", f"{prefix}:eula/*"),
        statement("nimble:ListEulaAcceptances", f"{prefix}:eula-acceptance/*"),
    )
    client = user.client()

    with enable_iam_authentication():
        assert client.get_eula(eulaId=first)["eula"]["eulaId"] == first
        assert len(client.list_eulas()["eulas"]) == len(eulas)
        client.accept_eulas(studioId=built.studio_id, eulaIds=[first])
        accepted = client.list_eula_acceptances(studioId=built.studio_id)
        with pytest.raises(ClientError) as other_eula:
            client.get_eula(eulaId=second)
        with pytest.raises(ClientError) as both:
            client.accept_eulas(studioId=built.studio_id, eulaIds=[first, second])

    assert [a["eulaId"] for a in accepted["eulaAcceptances"]] == [first]
    denied(other_eula, "GetEula", f"{prefix}:eula/{second}")
    denied(both, "AcceptEulas", f"{prefix}:eula/{second}")
    listed = nimble.client.list_eula_acceptances(studioId=built.studio_id)
    assert [a["eulaId"] for a in listed["eulaAcceptances"]] == [first]
