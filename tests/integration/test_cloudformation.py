"""AWS::NimbleStudio::* through moto's CloudFormation, in-process and through
the server: templates as the AWS CDK's aws_nimblestudio L1 constructs write
them, Ref and every Fn::GetAtt attribute, validation through the model,
updates in place or by replacement, and stack deletes that leave every
resource DELETED."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from copy import deepcopy
from typing import Any

import pytest
from helpers import ACCOUNT, REGION

from moto_nimble import nimble_backends
from moto_nimble.sessions import boto3_session

ROLE = f"arn:aws:iam::{ACCOUNT}:role/Stack"
KEY = f"arn:aws:kms:{REGION}:{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab"

#: what `cdk synth` writes for a studio, a component, an image and a launch profile
#: made with aws_cdk.aws_nimblestudio's CfnStudio, CfnStudioComponent, CfnStreamingImage
#: and CfnLaunchProfile (map-form Tags, dotted GetAtt, a list attribute in Fn::Join)
CDK_TEMPLATE: dict[str, Any] = {
    "Resources": {
        "Studio": {
            "Type": "AWS::NimbleStudio::Studio",
            "Properties": {
                "AdminRoleArn": ROLE,
                "DisplayName": "Stacked studio",
                "StudioName": "stacked",
                "UserRoleArn": ROLE,
                "StudioEncryptionConfiguration": {
                    "KeyType": "CUSTOMER_MANAGED_KEY",
                    "KeyArn": KEY,
                },
                "Tags": {"team": "fx", "show": "seq010"},
            },
        },
        "Farm": {
            "Type": "AWS::NimbleStudio::StudioComponent",
            "Properties": {
                "Name": "farm",
                "StudioId": {"Fn::GetAtt": ["Studio", "StudioId"]},
                "Type": "COMPUTE_FARM",
                "Configuration": {
                    "ComputeFarmConfiguration": {
                        "ActiveDirectoryUser": "render",
                        "Endpoint": "farm.example.com",
                    }
                },
                "Ec2SecurityGroupIds": ["sg-0123456789abcdef0"],
                "ScriptParameters": [{"Key": "FARM_POOL", "Value": "lighting"}],
                "InitializationScripts": [
                    {
                        "LaunchProfileProtocolVersion": "2021-03-31",
                        "Platform": "LINUX",
                        "RunContext": "SYSTEM_INITIALIZATION",
                        "Script": "echo farm",
                    }
                ],
                "Tags": {"team": "fx"},
            },
        },
        "Image": {
            "Type": "AWS::NimbleStudio::StreamingImage",
            "Properties": {
                "Ec2ImageId": "ami-0123456789abcdef0",
                "Name": "workstation",
                "StudioId": {"Ref": "Studio"},
                "Description": "Linux workstation",
            },
        },
        "Profile": {
            "Type": "AWS::NimbleStudio::LaunchProfile",
            "Properties": {
                "Ec2SubnetIds": ["subnet-0123456789abcdef0"],
                "LaunchProfileProtocolVersions": ["2021-03-31"],
                "Name": "artists",
                "StreamConfiguration": {
                    "ClipboardMode": "ENABLED",
                    "Ec2InstanceTypes": ["g4dn.xlarge", "g4dn.2xlarge"],
                    "StreamingImageIds": [{"Ref": "Image"}],
                    "MaxSessionLengthInMinutes": "690",
                    "MaxStoppedSessionLengthInMinutes": 60,
                    "SessionPersistenceMode": "ACTIVATED",
                    "AutomaticTerminationMode": "ACTIVATED",
                    "SessionBackup": {"Mode": "AUTOMATIC", "MaxBackupsToRetain": 3},
                    "VolumeConfiguration": {
                        "Size": 500,
                        "Throughput": 125,
                        "Iops": 3000,
                    },
                },
                "StudioComponentIds": [{"Ref": "Farm"}],
                "StudioId": {"Fn::GetAtt": ["Studio", "StudioId"]},
                "Tags": {"team": "fx"},
            },
        },
    },
    "Outputs": {
        "StudioRef": {"Value": {"Ref": "Studio"}},
        "StudioId": {"Value": {"Fn::GetAtt": ["Studio", "StudioId"]}},
        "HomeRegion": {"Value": {"Fn::GetAtt": ["Studio", "HomeRegion"]}},
        "SsoClientId": {"Value": {"Fn::GetAtt": ["Studio", "SsoClientId"]}},
        "StudioUrl": {"Value": {"Fn::GetAtt": ["Studio", "StudioUrl"]}},
        "FarmRef": {"Value": {"Ref": "Farm"}},
        "FarmId": {"Value": {"Fn::GetAtt": ["Farm", "StudioComponentId"]}},
        "ImageRef": {"Value": {"Ref": "Image"}},
        "ImageId": {"Value": {"Fn::GetAtt": ["Image", "StreamingImageId"]}},
        "Owner": {"Value": {"Fn::GetAtt": ["Image", "Owner"]}},
        "Platform": {"Value": {"Fn::GetAtt": ["Image", "Platform"]}},
        "EulaIds": {"Value": {"Fn::Join": [",", {"Fn::GetAtt": ["Image", "EulaIds"]}]}},
        "KeyType": {
            "Value": {"Fn::GetAtt": ["Image", "EncryptionConfiguration.KeyType"]}
        },
        "KeyArn": {
            "Value": {"Fn::GetAtt": ["Image", "EncryptionConfiguration.KeyArn"]}
        },
        "ProfileRef": {"Value": {"Ref": "Profile"}},
        "ProfileId": {"Value": {"Fn::GetAtt": ["Profile", "LaunchProfileId"]}},
    },
}


def clients(nimble: Any, **credentials: str) -> tuple[Any, Any]:
    """(cloudformation, nimble) clients of the test's mode."""
    kwargs: dict[str, Any] = {"region_name": REGION, **credentials}
    if nimble.server_url:
        kwargs["endpoint_url"] = nimble.server_url
    session = boto3_session()
    return session.client("cloudformation", **kwargs), session.client(
        "nimble", **kwargs
    )


def deploy(
    cfn: Any, template: dict[str, Any], name: str = "studio-stack"
) -> dict[str, Any]:
    cfn.create_stack(StackName=name, TemplateBody=json.dumps(template))
    stack: dict[str, Any] = cfn.describe_stacks(StackName=name)["Stacks"][0]
    return stack


def outputs(stack: dict[str, Any]) -> dict[str, str]:
    return {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])}


def failures(cfn: Any, name: str) -> dict[str, str]:
    events = cfn.describe_stack_events(StackName=name)["StackEvents"]
    return {
        e["LogicalResourceId"]: e.get("ResourceStatusReason", "")
        for e in events
        if e["ResourceStatus"].endswith("_FAILED")
    }


def test_cdk_template_deploys_as_written(nimble):
    cfn, client = clients(nimble)

    stack = deploy(cfn, CDK_TEMPLATE)

    assert stack["StackStatus"] == "CREATE_COMPLETE"
    out = outputs(stack)
    studio = client.get_studio(studioId=out["StudioId"])["studio"]
    assert studio["state"] == "READY"
    assert (
        out["StudioRef"],
        out["HomeRegion"],
        out["SsoClientId"],
        out["StudioUrl"],
    ) == (
        studio["studioId"],
        REGION,
        studio["ssoClientId"],
        "https://stacked.nimblestudio.us-west-2.amazonaws.com",
    )
    assert studio["tags"] == {"team": "fx", "show": "seq010"}
    farm = client.get_studio_component(
        studioId=studio["studioId"], studioComponentId=out["FarmId"]
    )["studioComponent"]
    assert out["FarmRef"] == out["FarmId"] == farm["studioComponentId"]
    assert farm["state"] == "READY"
    assert (
        farm["configuration"]["computeFarmConfiguration"]["endpoint"]
        == "farm.example.com"
    )
    assert farm["scriptParameters"] == [{"key": "FARM_POOL", "value": "lighting"}]
    assert farm["initializationScripts"][0]["runContext"] == "SYSTEM_INITIALIZATION"
    image = client.get_streaming_image(
        studioId=studio["studioId"], streamingImageId=out["ImageId"]
    )["streamingImage"]
    assert out["ImageRef"] == out["ImageId"] == image["streamingImageId"]
    assert (out["Owner"], out["Platform"], out["EulaIds"]) == (
        image["owner"],
        image["platform"],
        ",".join(image.get("eulaIds", [])),
    )
    assert (out["KeyType"], out["KeyArn"]) == ("CUSTOMER_MANAGED_KEY", KEY)
    profile = client.get_launch_profile(
        studioId=studio["studioId"], launchProfileId=out["ProfileId"]
    )["launchProfile"]
    assert out["ProfileRef"] == out["ProfileId"]
    assert profile["state"] == "READY"
    config = profile["streamConfiguration"]
    assert (
        config["maxSessionLengthInMinutes"] == 690
    )  # "690" in the template: CloudFormation types it
    assert config["sessionBackup"] == {"mode": "AUTOMATIC", "maxBackupsToRetain": 3}
    assert config["volumeConfiguration"] == {
        "size": 500,
        "throughput": 125,
        "iops": 3000,
    }
    assert profile["studioComponentIds"] == [farm["studioComponentId"]]


def test_stack_delete_leaves_every_resource_deleted(nimble):
    cfn, client = clients(nimble)
    out = outputs(deploy(cfn, CDK_TEMPLATE))

    cfn.delete_stack(StackName="studio-stack")

    assert client.get_studio(studioId=out["StudioId"])["studio"]["state"] == "DELETED"
    assert client.list_studios()["studios"] == []
    # children went first, so none of them is stuck in DELETE_FAILED either (the
    # server runs in this process: its backend is this one)
    studio = nimble_backends[ACCOUNT][REGION].studios.get(out["StudioId"])
    children = [
        *studio.studio_components,
        *studio.streaming_images,
        *studio.launch_profiles,
    ]
    assert [c.state for c in children] == ["DELETED"] * 3


@pytest.mark.parametrize(
    ("resource", "change", "member"),
    [
        ("Studio", {"StudioName": "Not-Valid"}, "studioName"),
        ("Profile", {"Ec2SubnetIds": "subnet-1"}, "ec2SubnetIds"),
        ("Farm", {"Type": "RENDER_FARM"}, "type"),
    ],
)
def test_a_bad_property_fails_the_stack_naming_it(nimble, resource, change, member):
    cfn, _ = clients(nimble)
    template = deepcopy(CDK_TEMPLATE)
    template["Resources"][resource]["Properties"].update(change)

    stack = deploy(cfn, template, "broken")

    assert stack["StackStatus"] == "CREATE_FAILED"
    reasons = failures(cfn, "broken")
    assert f"at '{member}'" in reasons[resource]
    cancelled = {
        name
        for name, reason in reasons.items()
        if "Resource creation cancelled" in reason
    }
    assert resource not in cancelled


def test_an_unknown_property_fails_the_stack(nimble):
    cfn, _ = clients(nimble)
    template = deepcopy(CDK_TEMPLATE)
    template["Resources"]["Image"]["Properties"]["Colour"] = "blue"

    stack = deploy(cfn, template, "unknown")

    assert stack["StackStatus"] == "CREATE_FAILED"
    assert (
        "Encountered unsupported property Colour" in failures(cfn, "unknown")["Image"]
    )


def test_update_in_place_and_by_replacement(nimble):
    cfn, client = clients(nimble)
    before = outputs(deploy(cfn, CDK_TEMPLATE))
    template = deepcopy(CDK_TEMPLATE)
    template["Resources"]["Studio"]["Properties"]["DisplayName"] = "Renamed"  # in place
    template["Resources"]["Image"]["Properties"]["Ec2ImageId"] = (
        "ami-0fedcba9876543210"  # create-only
    )

    cfn.update_stack(StackName="studio-stack", TemplateBody=json.dumps(template))
    after = outputs(cfn.describe_stacks(StackName="studio-stack")["Stacks"][0])

    assert after["StudioId"] == before["StudioId"]
    studio = client.get_studio(studioId=after["StudioId"])["studio"]
    assert (studio["displayName"], studio["state"]) == ("Renamed", "READY")
    assert after["ImageId"] != before["ImageId"]
    new_image = client.get_streaming_image(
        studioId=after["StudioId"], streamingImageId=after["ImageId"]
    )
    old_image = client.get_streaming_image(
        studioId=after["StudioId"], streamingImageId=before["ImageId"]
    )
    assert new_image["streamingImage"]["ec2ImageId"] == "ami-0fedcba9876543210"
    assert new_image["streamingImage"]["state"] == "READY"
    assert old_image["streamingImage"]["state"] == "DELETED"


def stack_of(cfn: Any, name: str = "studio-stack") -> dict[str, Any]:
    found: dict[str, Any] = cfn.describe_stacks(StackName=name)["Stacks"][0]
    return found


def test_update_that_fails_in_place_fails_the_stack(nimble):
    cfn, client = clients(nimble)
    before = outputs(deploy(cfn, CDK_TEMPLATE))
    template = deepcopy(CDK_TEMPLATE)
    template["Resources"]["Studio"]["Properties"]["DisplayName"] = "x" * 65

    cfn.update_stack(StackName="studio-stack", TemplateBody=json.dumps(template))

    stack = stack_of(cfn)
    assert stack["StackStatus"] == "UPDATE_FAILED"
    assert outputs(stack) == before
    reasons = failures(cfn, "studio-stack")
    assert "at 'displayName'" in reasons["Studio"]
    assert reasons["studio-stack"] == (
        "The following resource(s) failed to update: [Studio]."
    )
    studio = client.get_studio(studioId=before["StudioId"])["studio"]
    assert (studio["displayName"], studio["state"]) == ("Stacked studio", "READY")


def test_replacement_that_fails_keeps_the_resource_it_had(nimble):
    """Changing a create-only property makes a new resource first; one that
    cannot be made (a studio named as the one it replaces) fails the stack,
    which keeps the resource it had."""
    cfn, client = clients(nimble)
    before = outputs(deploy(cfn, CDK_TEMPLATE))
    template = deepcopy(CDK_TEMPLATE)
    template["Resources"]["Studio"]["Properties"]["Tags"] = {"team": "lighting"}

    cfn.update_stack(StackName="studio-stack", TemplateBody=json.dumps(template))

    stack = stack_of(cfn)
    assert stack["StackStatus"] == "UPDATE_FAILED"
    assert "already exists" in failures(cfn, "studio-stack")["Studio"]
    assert outputs(stack) == before
    studios = client.list_studios()["studios"]
    assert [(s["studioId"], s["tags"]) for s in studios] == [
        (before["StudioId"], {"team": "fx", "show": "seq010"})
    ]
    cfn.delete_stack(StackName="studio-stack")
    assert client.list_studios()["studios"] == []


def test_change_set_that_fails_fails_the_stack(nimble):
    cfn, client = clients(nimble)
    before = outputs(deploy(cfn, CDK_TEMPLATE))
    template = deepcopy(CDK_TEMPLATE)
    template["Resources"]["Image"]["Properties"]["Description"] = "d" * 257

    cfn.create_change_set(
        StackName="studio-stack",
        ChangeSetName="longer",
        TemplateBody=json.dumps(template),
        ChangeSetType="UPDATE",
    )
    cfn.execute_change_set(StackName="studio-stack", ChangeSetName="longer")

    assert stack_of(cfn)["StackStatus"] == "UPDATE_FAILED"
    assert "at 'description'" in failures(cfn, "studio-stack")["Image"]
    image = client.get_streaming_image(
        studioId=before["StudioId"], streamingImageId=before["ImageId"]
    )["streamingImage"]
    assert image.get("description") != "d" * 257


def test_update_that_works_completes(nimble):
    cfn, _ = clients(nimble)
    deploy(cfn, CDK_TEMPLATE)
    template = deepcopy(CDK_TEMPLATE)
    template["Resources"]["Studio"]["Properties"]["DisplayName"] = "Renamed"

    cfn.update_stack(StackName="studio-stack", TemplateBody=json.dumps(template))

    assert stack_of(cfn)["StackStatus"] == "UPDATE_COMPLETE"
    assert "studio-stack" not in failures(cfn, "studio-stack")


def test_replacement_moves_the_resources_that_name_it(nimble):
    """A replaced image's launch profile names the new image (CloudFormation
    resolves Ref again), so sessions still start from it."""
    cfn, client = clients(nimble)
    before = outputs(deploy(cfn, CDK_TEMPLATE))
    template = deepcopy(CDK_TEMPLATE)
    template["Resources"]["Image"]["Properties"]["Ec2ImageId"] = "ami-0fedcba987654321"

    cfn.update_stack(StackName="studio-stack", TemplateBody=json.dumps(template))

    stack = stack_of(cfn)
    after = outputs(stack)
    assert stack["StackStatus"] == "UPDATE_COMPLETE"
    assert after["ImageId"] != before["ImageId"]
    assert after["ProfileId"] == before["ProfileId"]  # updated in place
    ids = {"studioId": after["StudioId"], "launchProfileId": after["ProfileId"]}
    profile = client.get_launch_profile(**ids)["launchProfile"]
    assert profile["streamConfiguration"]["streamingImageIds"] == [after["ImageId"]]
    old = client.get_streaming_image(
        studioId=after["StudioId"], streamingImageId=before["ImageId"]
    )
    assert old["streamingImage"]["state"] == "DELETED"
    session = client.create_streaming_session(**ids)["session"]
    assert session["streamingImageId"] == after["ImageId"]


def test_replacing_a_studio_replaces_what_is_in_it(nimble):
    """A new StudioName makes a new studio; its components, images and launch
    profiles (whose StudioId is create-only) are made again in it, and the old
    ones are deleted, children first."""
    cfn, client = clients(nimble)
    before = outputs(deploy(cfn, CDK_TEMPLATE))
    template = deepcopy(CDK_TEMPLATE)
    template["Resources"]["Studio"]["Properties"]["StudioName"] = "restacked"

    cfn.update_stack(StackName="studio-stack", TemplateBody=json.dumps(template))

    stack = stack_of(cfn)
    after = outputs(stack)
    assert stack["StackStatus"] == "UPDATE_COMPLETE"
    assert (
        after["StudioUrl"] == "https://restacked.nimblestudio.us-west-2.amazonaws.com"
    )
    for key in ("StudioId", "FarmId", "ImageId", "ProfileId"):
        assert after[key] != before[key], key
    old = client.get_studio(studioId=before["StudioId"])["studio"]
    assert old["state"] == "DELETED"
    profile = client.get_launch_profile(
        studioId=after["StudioId"], launchProfileId=after["ProfileId"]
    )["launchProfile"]
    assert profile["studioComponentIds"] == [after["FarmId"]]
    assert profile["streamConfiguration"]["streamingImageIds"] == [after["ImageId"]]
    listed = cfn.describe_stack_resources(StackName="studio-stack")["StackResources"]
    assert {r["LogicalResourceId"]: r["PhysicalResourceId"] for r in listed} == {
        "Studio": after["StudioId"],
        "Farm": after["FarmId"],
        "Image": after["ImageId"],
        "Profile": after["ProfileId"],
    }
    assert [s["studioId"] for s in client.list_studios()["studios"]] == [
        after["StudioId"]
    ]


def test_delete_blocked_by_what_the_stack_did_not_make(nimble):
    """A session started from the stack's launch profile keeps the profile, and
    what it uses, from being deleted: the stack ends DELETE_FAILED, stays
    listed, and a later DeleteStack finishes the job."""
    cfn, client = clients(nimble)
    out = outputs(deploy(cfn, CDK_TEMPLATE))
    session = client.create_streaming_session(
        studioId=out["StudioId"], launchProfileId=out["ProfileId"]
    )["session"]

    cfn.delete_stack(StackName="studio-stack")

    stack = stack_of(cfn)
    assert stack["StackStatus"] == "DELETE_FAILED"
    reasons = failures(cfn, "studio-stack")
    assert "LAUNCH_PROFILE_WITH_STREAM_SESSIONS_NOT_DELETED" in reasons["Profile"]
    assert (
        reasons["studio-stack"]
        == "The following resource(s) failed to delete: [Profile]."
    )
    profile = client.get_launch_profile(
        studioId=out["StudioId"], launchProfileId=out["ProfileId"]
    )["launchProfile"]
    assert profile["state"] == "READY"
    farm = client.get_studio_component(
        studioId=out["StudioId"], studioComponentId=out["FarmId"]
    )["studioComponent"]
    assert farm["state"] == "READY"  # the profile still uses it

    ids = {"studioId": out["StudioId"], "sessionId": session["sessionId"]}
    client.get_streaming_session(**ids)  # READY
    client.delete_streaming_session(**ids)
    client.get_streaming_session(**ids)  # DELETED
    cfn.delete_stack(StackName="studio-stack")

    assert client.get_studio(studioId=out["StudioId"])["studio"]["state"] == "DELETED"
    assert [s["StackName"] for s in cfn.describe_stacks()["Stacks"]] == []


def test_stack_resources_record_the_stack_caller(nimble):
    kwargs = {"endpoint_url": nimble.server_url} if nimble.server_url else {}
    iam = boto3_session().client("iam", region_name=REGION, **kwargs)
    user = iam.create_user(UserName="deployer")["User"]
    key = iam.create_access_key(UserName="deployer")["AccessKey"]
    cfn, client = clients(
        nimble,
        aws_access_key_id=key["AccessKeyId"],
        aws_secret_access_key=key["SecretAccessKey"],
    )

    out = outputs(deploy(cfn, CDK_TEMPLATE))

    farm = client.get_studio_component(
        studioId=out["StudioId"], studioComponentId=out["FarmId"]
    )
    profile = client.get_launch_profile(
        studioId=out["StudioId"], launchProfileId=out["ProfileId"]
    )
    assert farm["studioComponent"]["createdBy"] == user["UserId"]
    assert profile["launchProfile"]["createdBy"] == user["UserId"]


@pytest.mark.slow
def test_a_stack_parsed_before_nimble_was_loaded(tmp_path):
    """moto caches the resource types it knows: nimble's join them even when
    moto's CloudFormation parsed a stack first. (The interpreter skips the
    site-packages .pth files, which would load nimble at once.)"""
    code = textwrap.dedent(
        f"""
        import json, os, sys
        sys.path[:0] = {json.dumps(sys.path)}
        os.environ.update(AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing")
        import boto3
        from moto import mock_aws
        from moto.cloudformation import parsing
        with mock_aws():
            cfn = boto3.client("cloudformation", region_name="{REGION}")
            cfn.create_stack(StackName="first", TemplateBody=json.dumps({{"Resources": {{
                "Topic": {{"Type": "AWS::SNS::Topic", "Properties": {{}}}}}}}}))
            known_before = "AWS::NimbleStudio::Studio" in parsing.get_model_map()
            import moto_nimble
            cfn.create_stack(StackName="second", TemplateBody=json.dumps({{"Resources": {{
                "Studio": {json.dumps(CDK_TEMPLATE["Resources"]["Studio"])}}}}}))
            status = cfn.describe_stacks(StackName="second")["Stacks"][0]["StackStatus"]
            studios = boto3.client("nimble", region_name="{REGION}").list_studios()["studios"]
        print(known_before, status, [s["studioName"] for s in studios])
        """
    )
    done = subprocess.run(
        [sys.executable, "-S", "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False CREATE_COMPLETE ['stacked']"
