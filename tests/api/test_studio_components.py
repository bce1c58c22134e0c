"""Create/Get/List/Update/DeleteStudioComponent."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import pytest
from botocore.exceptions import ClientError, WaiterError
from helpers import (
    ACCOUNT,
    PROTOCOL_VERSION,
    REGION,
    ROLE,
    assert_error,
    create_studio,
)

FAST = {"Delay": 1, "MaxAttempts": 3}

CONFIGURATIONS: dict[str, dict[str, Any] | None] = {
    "ACTIVE_DIRECTORY": {
        "activeDirectoryConfiguration": {
            "directoryId": "d-1234567890",
            "organizationalUnitDistinguishedName": "OU=Workstations,DC=studio,DC=example,DC=com",
            "computerAttributes": [{"name": "location", "value": "la"}],
        }
    },
    "SHARED_FILE_SYSTEM": {
        "sharedFileSystemConfiguration": {
            "fileSystemId": "fs-0123456789abcdef0",
            "endpoint": "fs-0123456789abcdef0.studio.example.com",
            "linuxMountPoint": "/mnt/fsxshare",
            "windowsMountDrive": "Z",
            "shareName": "share",
        }
    },
    "COMPUTE_FARM": {
        "computeFarmConfiguration": {
            "activeDirectoryUser": "render",
            "endpoint": "deadline.studio.example.com",
        }
    },
    "LICENSE_SERVICE": {
        "licenseServiceConfiguration": {"endpoint": "licenses.example.com"}
    },
    "CUSTOM": None,
}


def component_params(
    component_type: str = "COMPUTE_FARM", **kwargs: Any
) -> dict[str, Any]:
    params: dict[str, Any] = {"name": component_type.lower(), "type": component_type}
    if CONFIGURATIONS[component_type] is not None:
        params["configuration"] = CONFIGURATIONS[component_type]
    return {**params, **kwargs}


def component_ids(client: Any, studio_id: str, **filters: Any) -> list[str]:
    response = client.list_studio_components(studioId=studio_id, **filters)
    return [c["studioComponentId"] for c in response["studioComponents"]]


def get_component(client: Any, studio_id: str, component_id: str) -> dict[str, Any]:
    return client.get_studio_component(
        studioId=studio_id, studioComponentId=component_id
    )["studioComponent"]


# --- CreateStudioComponent --------------------------------------------------


def test_create_studio_component(client, studio_id):
    script = {
        "launchProfileProtocolVersion": PROTOCOL_VERSION,
        "platform": "LINUX",
        "runContext": "SYSTEM_INITIALIZATION",
        "script": "#!/bin/bash\necho hello",
    }
    response = client.create_studio_component(
        studioId=studio_id,
        **component_params(
            "COMPUTE_FARM",
            name="Render farm",
            description="Render farm running Deadline",
            subtype="CUSTOM",
            ec2SecurityGroupIds=["sg-0123456789abcdef0"],
            initializationScripts=[script],
            scriptParameters=[{"key": "farm_host", "value": "deadline"}],
            runtimeRoleArn=ROLE + "Runtime",
            secureInitializationRoleArn=ROLE + "SecureInit",
            tags={"team": "render"},
        ),
    )

    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    component = response["studioComponent"]
    component_id = component["studioComponentId"]
    assert re.fullmatch(r"[A-Za-z0-9_-]{22}", component_id)
    assert (
        component["arn"]
        == f"arn:aws:nimble:{REGION}:{ACCOUNT}:studio-component/{component_id}"
    )
    assert component["state"] == "CREATE_IN_PROGRESS"
    assert component["statusCode"] == "STUDIO_COMPONENT_CREATE_IN_PROGRESS"
    assert component["name"] == "Render farm"
    assert component["description"] == "Render farm running Deadline"
    assert component["type"] == "COMPUTE_FARM"
    assert component["subtype"] == "CUSTOM"
    assert component["configuration"] == CONFIGURATIONS["COMPUTE_FARM"]
    assert component["ec2SecurityGroupIds"] == ["sg-0123456789abcdef0"]
    assert component["initializationScripts"] == [script]
    assert component["scriptParameters"] == [{"key": "farm_host", "value": "deadline"}]
    assert component["runtimeRoleArn"] == ROLE + "Runtime"
    assert component["secureInitializationRoleArn"] == ROLE + "SecureInit"
    assert component["tags"] == {"team": "render"}
    assert component["createdBy"]
    assert component["updatedBy"] == component["createdBy"]
    assert isinstance(component["createdAt"], datetime)
    assert isinstance(component["updatedAt"], datetime)


def test_create_studio_component_with_matching_configuration(client, studio_id):
    created = {
        component_type: client.create_studio_component(
            studioId=studio_id, **component_params(component_type)
        )["studioComponent"]["studioComponentId"]
        for component_type in CONFIGURATIONS
    }

    assert len(set(created.values())) == len(CONFIGURATIONS)
    for component_type, component_id in created.items():
        component = get_component(client, studio_id, component_id)
        assert (component["type"], component["state"]) == (component_type, "READY")
        if CONFIGURATIONS[component_type] is None:
            # nothing the caller left out is made up
            for member in (
                "configuration",
                "description",
                "subtype",
                "scriptParameters",
            ):
                assert member not in component
            assert component["tags"] == {}
        else:
            assert component["configuration"] == CONFIGURATIONS[component_type]


def test_create_studio_component_configuration_not_matching_type(client, studio_id):
    mismatches = [
        ("ACTIVE_DIRECTORY", "SHARED_FILE_SYSTEM"),
        ("SHARED_FILE_SYSTEM", "COMPUTE_FARM"),
        ("COMPUTE_FARM", "LICENSE_SERVICE"),
        ("LICENSE_SERVICE", "ACTIVE_DIRECTORY"),
        ("CUSTOM", "COMPUTE_FARM"),
    ]
    for component_type, configuration_of in mismatches:
        configuration = CONFIGURATIONS[configuration_of]
        assert configuration is not None
        member = next(iter(configuration))

        with pytest.raises(ClientError) as excinfo:
            client.create_studio_component(
                studioId=studio_id,
                name="bad",
                type=component_type,
                configuration=configuration,
            )

        assert_error(excinfo, "ValidationException", 400, member, component_type)
    assert component_ids(client, studio_id) == []


def test_create_studio_component_two_configuration_members(
    client, raw_client, studio_id
):
    configuration = {
        **CONFIGURATIONS["COMPUTE_FARM"],  # type: ignore[dict-item]
        **CONFIGURATIONS["LICENSE_SERVICE"],  # type: ignore[dict-item]
    }

    with pytest.raises(ClientError) as excinfo:
        raw_client.create_studio_component(
            studioId=studio_id,
            name="both",
            type="COMPUTE_FARM",
            configuration=configuration,
        )

    assert_error(excinfo, "ValidationException", 400, "configuration")
    assert component_ids(client, studio_id) == []


def test_create_studio_component_subtype(client, factory, studio_id):
    pairs = [(component_type, "CUSTOM") for component_type in CONFIGURATIONS]
    pairs += [
        ("SHARED_FILE_SYSTEM", "AMAZON_FSX_FOR_WINDOWS"),
        ("SHARED_FILE_SYSTEM", "AMAZON_FSX_FOR_LUSTRE"),
    ]
    created = [
        client.create_studio_component(
            studioId=studio_id, **component_params(component_type, subtype=subtype)
        )["studioComponent"]["studioComponentId"]
        for component_type, subtype in pairs
    ]
    # one Active Directory component per studio: this one goes in another studio
    other = factory.studio("other")["studioId"]
    pairs.append(("ACTIVE_DIRECTORY", "AWS_MANAGED_MICROSOFT_AD"))
    created.append(
        client.create_studio_component(
            studioId=other,
            **component_params("ACTIVE_DIRECTORY", subtype="AWS_MANAGED_MICROSOFT_AD"),
        )["studioComponent"]["studioComponentId"]
    )

    studios = [studio_id] * (len(pairs) - 1) + [other]
    for (component_type, subtype), component_id, owner in zip(
        pairs, created, studios, strict=True
    ):
        component = get_component(client, owner, component_id)
        assert (component["type"], component["subtype"], component["state"]) == (
            component_type,
            subtype,
            "READY",
        )


def test_create_studio_component_subtype_not_matching_type(client, studio_id):
    mismatches = [
        ("SHARED_FILE_SYSTEM", "AWS_MANAGED_MICROSOFT_AD"),
        ("ACTIVE_DIRECTORY", "AMAZON_FSX_FOR_WINDOWS"),
        ("COMPUTE_FARM", "AMAZON_FSX_FOR_LUSTRE"),
        ("CUSTOM", "AMAZON_FSX_FOR_WINDOWS"),
    ]
    for component_type, subtype in mismatches:
        with pytest.raises(ClientError) as excinfo:
            client.create_studio_component(
                studioId=studio_id, **component_params(component_type, subtype=subtype)
            )

        assert_error(excinfo, "ValidationException", 400, subtype, component_type)
    assert component_ids(client, studio_id) == []


def test_create_studio_component_invalid_member(client, studio_id):
    groups = [f"sg-{i:017x}" for i in range(31)]
    for params, member, fragment in [
        (component_params(type="RENDER_FARM"), "'type'", "RENDER_FARM"),
        (component_params(name="n" * 65), "'name'", "less than or equal to 64"),
        (
            component_params(ec2SecurityGroupIds=groups),
            "'ec2SecurityGroupIds'",
            "less than or equal to 30",
        ),
    ]:
        with pytest.raises(ClientError) as excinfo:
            client.create_studio_component(studioId=studio_id, **params)

        assert_error(excinfo, "ValidationException", 400, member, fragment)
    assert component_ids(client, studio_id) == []


def test_create_studio_component_missing_required_members(
    client, raw_client, studio_id
):
    for member in ("name", "type"):
        params = component_params()
        del params[member]

        with pytest.raises(ClientError) as excinfo:
            raw_client.create_studio_component(studioId=studio_id, **params)

        assert_error(excinfo, "ValidationException", 400, member, "must not be null")
    assert component_ids(client, studio_id) == []


def test_create_studio_component_second_active_directory(client, studio_id):
    first = client.create_studio_component(
        studioId=studio_id, **component_params("ACTIVE_DIRECTORY")
    )["studioComponent"]
    assert (
        get_component(client, studio_id, first["studioComponentId"])["state"] == "READY"
    )

    response = client.create_studio_component(
        studioId=studio_id, **component_params("ACTIVE_DIRECTORY")
    )

    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    second = response["studioComponent"]
    assert second["state"] == "CREATE_IN_PROGRESS"
    with pytest.raises(WaiterError) as excinfo:
        client.get_waiter("studio_component_ready").wait(
            studioId=studio_id,
            studioComponentId=second["studioComponentId"],
            WaiterConfig=FAST,
        )
    assert excinfo.value.last_response["studioComponent"]["state"] == "CREATE_FAILED"
    settled = get_component(client, studio_id, second["studioComponentId"])
    assert settled["state"] == "CREATE_FAILED"
    assert settled["statusCode"] == "ACTIVE_DIRECTORY_ALREADY_EXISTS"
    assert (
        get_component(client, studio_id, first["studioComponentId"])["state"] == "READY"
    )


def test_create_studio_component_active_directory_after_first_deleted(
    client, studio_id
):
    first = client.create_studio_component(
        studioId=studio_id, **component_params("ACTIVE_DIRECTORY")
    )["studioComponent"]["studioComponentId"]
    get_component(client, studio_id, first)
    client.delete_studio_component(studioId=studio_id, studioComponentId=first)
    assert get_component(client, studio_id, first)["state"] == "DELETED"

    second = client.create_studio_component(
        studioId=studio_id, **component_params("ACTIVE_DIRECTORY")
    )["studioComponent"]["studioComponentId"]

    settled = get_component(client, studio_id, second)
    assert (settled["state"], settled["statusCode"]) == (
        "READY",
        "STUDIO_COMPONENT_CREATED",
    )


def test_create_studio_component_studio_not_ready(client):
    studio_id = create_studio(client, "new")["studioId"]

    with pytest.raises(ClientError) as excinfo:
        client.create_studio_component(studioId=studio_id, **component_params())

    assert_error(excinfo, "ConflictException", 409)
    assert component_ids(client, studio_id) == []


# --- GetStudioComponent -----------------------------------------------------


def test_get_studio_component(client, studio_id):
    created = client.create_studio_component(
        studioId=studio_id, **component_params(description="farm")
    )["studioComponent"]

    component = get_component(client, studio_id, created["studioComponentId"])

    assert component["state"] == "READY"
    assert component["statusCode"] == "STUDIO_COMPONENT_CREATED"
    assert component["statusMessage"] == "Studio Component has been created"
    for member in (
        "studioComponentId",
        "arn",
        "name",
        "description",
        "createdAt",
        "createdBy",
    ):
        assert component[member] == created[member]


def test_get_studio_component_of_other_studio(client, factory, studio_id):
    other = factory.studio("other")["studioId"]
    component_id = factory.component(other)["studioComponentId"]

    with pytest.raises(ClientError) as excinfo:
        get_component(client, studio_id, component_id)

    response = assert_error(excinfo, "ResourceNotFoundException", 404)
    assert response["context"] == {"resourceId": component_id}
    assert get_component(client, other, component_id)["state"] == "READY"


def test_studio_component_ready_waiter(client, studio_id):
    component_id = client.create_studio_component(
        studioId=studio_id, **component_params()
    )["studioComponent"]["studioComponentId"]

    client.get_waiter("studio_component_ready").wait(
        studioId=studio_id, studioComponentId=component_id, WaiterConfig=FAST
    )

    assert get_component(client, studio_id, component_id)["state"] == "READY"


# --- ListStudioComponents ---------------------------------------------------


def test_list_studio_components(client, factory, studio_id):
    ids = [
        factory.component(studio_id, name=f"c{i}")["studioComponentId"]
        for i in range(3)
    ]

    response = client.list_studio_components(studioId=studio_id)

    assert [c["studioComponentId"] for c in response["studioComponents"]] == ids
    assert [c["name"] for c in response["studioComponents"]] == ["c0", "c1", "c2"]
    assert {c["state"] for c in response["studioComponents"]} == {"READY"}
    assert "nextToken" not in response


def test_list_studio_components_only_own_studio(client, factory, studio_id):
    other = factory.studio("other")["studioId"]
    factory.component(other)

    empty = client.list_studio_components(studioId=studio_id)
    own = factory.component(studio_id)["studioComponentId"]

    assert empty["studioComponents"] == []
    assert "nextToken" not in empty
    assert component_ids(client, studio_id) == [own]


def test_list_studio_components_omits_deleted(client, factory, studio_id):
    kept = factory.component(studio_id)["studioComponentId"]
    gone = factory.component(studio_id)["studioComponentId"]
    client.delete_studio_component(studioId=studio_id, studioComponentId=gone)
    assert get_component(client, studio_id, gone)["state"] == "DELETED"

    assert component_ids(client, studio_id) == [kept]


def test_list_studio_components_states(client, factory, studio_id):
    ready = factory.component(studio_id)["studioComponentId"]
    gone = factory.component(studio_id)["studioComponentId"]
    client.delete_studio_component(studioId=studio_id, studioComponentId=gone)
    get_component(client, studio_id, gone)

    assert component_ids(client, studio_id, states=["DELETED"]) == [gone]
    assert component_ids(client, studio_id, states=["READY"]) == [ready]
    assert component_ids(client, studio_id, states=["READY", "DELETED"]) == [
        ready,
        gone,
    ]
    assert component_ids(client, studio_id, states=["CREATE_FAILED"]) == []


def test_list_studio_components_types(client, studio_id):
    ids = {
        component_type: client.create_studio_component(
            studioId=studio_id, **component_params(component_type)
        )["studioComponent"]["studioComponentId"]
        for component_type in ("COMPUTE_FARM", "LICENSE_SERVICE", "CUSTOM")
    }

    assert component_ids(client, studio_id, types=["LICENSE_SERVICE"]) == [
        ids["LICENSE_SERVICE"]
    ]
    assert component_ids(client, studio_id, types=["CUSTOM", "COMPUTE_FARM"]) == [
        ids["COMPUTE_FARM"],
        ids["CUSTOM"],
    ]
    assert component_ids(client, studio_id, types=["ACTIVE_DIRECTORY"]) == []


def test_list_studio_components_states_and_types(client, factory, studio_id):
    farm = factory.component(studio_id)["studioComponentId"]
    factory.component(studio_id, **component_params("CUSTOM"))
    deleted_farm = factory.component(studio_id)["studioComponentId"]
    client.delete_studio_component(studioId=studio_id, studioComponentId=deleted_farm)
    get_component(client, studio_id, deleted_farm)

    assert component_ids(
        client, studio_id, states=["READY"], types=["COMPUTE_FARM"]
    ) == [farm]
    assert component_ids(client, studio_id, states=["DELETED"], types=["CUSTOM"]) == []


def test_list_studio_components_pages(client, studio_id):
    ids = [
        client.create_studio_component(
            studioId=studio_id, **component_params(name=f"c{i}")
        )["studioComponent"]["studioComponentId"]
        for i in range(55)
    ]

    first = client.list_studio_components(studioId=studio_id, maxResults=100)
    second = client.list_studio_components(
        studioId=studio_id, nextToken=first["nextToken"]
    )

    assert len(first["studioComponents"]) == 50
    assert [c["studioComponentId"] for c in first["studioComponents"]] == ids[:50]
    assert [c["studioComponentId"] for c in second["studioComponents"]] == ids[50:]
    assert "nextToken" not in second


def test_list_studio_components_max_results(client, factory, studio_id):
    ids = [
        factory.component(studio_id, name=f"c{i}")["studioComponentId"]
        for i in range(5)
    ]

    pages = list(
        client.get_paginator("list_studio_components").paginate(
            studioId=studio_id, PaginationConfig={"PageSize": 2}
        )
    )

    assert [len(page["studioComponents"]) for page in pages] == [2, 2, 1]
    assert [
        c["studioComponentId"] for page in pages for c in page["studioComponents"]
    ] == ids


def test_list_studio_components_unknown_state(client, studio_id):
    with pytest.raises(ClientError) as excinfo:
        client.list_studio_components(studioId=studio_id, states=["FINISHED"])

    assert_error(excinfo, "ValidationException", 400, "states")


# --- UpdateStudioComponent --------------------------------------------------


def test_update_studio_component(client, factory, studio_id):
    component = factory.component(studio_id, **component_params())
    configuration = {"computeFarmConfiguration": {"endpoint": "farm2.example.com"}}

    updated = client.update_studio_component(
        studioId=studio_id,
        studioComponentId=component["studioComponentId"],
        name="Renamed farm",
        description="New farm",
        configuration=configuration,
        ec2SecurityGroupIds=["sg-0fedcba9876543210"],
    )["studioComponent"]

    assert updated["state"] == "UPDATE_IN_PROGRESS"
    assert updated["statusCode"] == "STUDIO_COMPONENT_UPDATE_IN_PROGRESS"
    assert updated["name"] == "Renamed farm"
    assert updated["description"] == "New farm"
    assert updated["configuration"] == configuration
    assert updated["ec2SecurityGroupIds"] == ["sg-0fedcba9876543210"]
    assert updated["updatedBy"]
    fetched = get_component(client, studio_id, component["studioComponentId"])
    assert fetched["state"] == "READY"
    assert fetched["statusCode"] == "STUDIO_COMPONENT_UPDATED"
    assert fetched["name"] == "Renamed farm"
    assert fetched["type"] == "COMPUTE_FARM"
    assert fetched["createdAt"] == component["createdAt"]
    assert fetched["updatedAt"] >= component["updatedAt"]


def test_update_studio_component_type_and_configuration(client, factory, studio_id):
    component = factory.component(studio_id, **component_params())

    client.update_studio_component(
        studioId=studio_id,
        studioComponentId=component["studioComponentId"],
        type="LICENSE_SERVICE",
        configuration=CONFIGURATIONS["LICENSE_SERVICE"],
    )

    fetched = get_component(client, studio_id, component["studioComponentId"])
    assert fetched["type"] == "LICENSE_SERVICE"
    assert fetched["configuration"] == CONFIGURATIONS["LICENSE_SERVICE"]


def test_update_studio_component_while_creating(client, studio_id):
    component_id = client.create_studio_component(
        studioId=studio_id, **component_params()
    )["studioComponent"]["studioComponentId"]

    with pytest.raises(ClientError) as excinfo:
        client.update_studio_component(
            studioId=studio_id, studioComponentId=component_id, name="Too early"
        )

    assert_error(excinfo, "ConflictException", 409)
    component = get_component(client, studio_id, component_id)
    assert component["name"] == "compute_farm"
    assert component["statusCode"] == "STUDIO_COMPONENT_CREATED"


def test_update_studio_component_while_updating(client, factory, studio_id):
    component_id = factory.component(studio_id)["studioComponentId"]
    client.update_studio_component(
        studioId=studio_id, studioComponentId=component_id, name="one"
    )

    with pytest.raises(ClientError) as excinfo:
        client.update_studio_component(
            studioId=studio_id, studioComponentId=component_id, name="two"
        )

    assert_error(excinfo, "ConflictException", 409)
    assert get_component(client, studio_id, component_id)["name"] == "one"


def test_update_studio_component_configuration_not_matching_type(
    client, factory, studio_id
):
    component = factory.component(studio_id, **component_params())

    with pytest.raises(ClientError) as excinfo:
        client.update_studio_component(
            studioId=studio_id,
            studioComponentId=component["studioComponentId"],
            configuration=CONFIGURATIONS["SHARED_FILE_SYSTEM"],
        )

    assert_error(excinfo, "ValidationException", 400, "sharedFileSystemConfiguration")
    fetched = get_component(client, studio_id, component["studioComponentId"])
    assert fetched["configuration"] == CONFIGURATIONS["COMPUTE_FARM"]
    assert fetched["state"] == "READY"


def test_update_studio_component_type_not_matching_configuration(
    client, factory, studio_id
):
    component = factory.component(studio_id, **component_params())

    with pytest.raises(ClientError) as excinfo:
        client.update_studio_component(
            studioId=studio_id,
            studioComponentId=component["studioComponentId"],
            type="SHARED_FILE_SYSTEM",
        )

    assert_error(excinfo, "ValidationException", 400, "SHARED_FILE_SYSTEM")
    assert get_component(client, studio_id, component["studioComponentId"])["type"] == (
        "COMPUTE_FARM"
    )


def test_update_studio_component_to_custom_drops_its_configuration(
    client, factory, studio_id
):
    """CUSTOM takes no configuration, and a client cannot send an empty one:
    the configuration of the type a component leaves goes with it."""
    component = factory.component(studio_id, **component_params())
    assert "computeFarmConfiguration" in component["configuration"]

    client.update_studio_component(
        studioId=studio_id,
        studioComponentId=component["studioComponentId"],
        type="CUSTOM",
    )

    updated = get_component(client, studio_id, component["studioComponentId"])
    assert (updated["type"], updated["state"]) == ("CUSTOM", "READY")
    assert "configuration" not in updated


def test_update_studio_component_subtype_not_matching_type(client, factory, studio_id):
    component = factory.component(studio_id, **component_params())

    with pytest.raises(ClientError) as excinfo:
        client.update_studio_component(
            studioId=studio_id,
            studioComponentId=component["studioComponentId"],
            subtype="AMAZON_FSX_FOR_WINDOWS",
        )

    assert_error(excinfo, "ValidationException", 400, "AMAZON_FSX_FOR_WINDOWS")
    assert "subtype" not in get_component(
        client, studio_id, component["studioComponentId"]
    )


def test_update_studio_component_name_too_long(client, factory, studio_id):
    component = factory.component(studio_id)

    with pytest.raises(ClientError) as excinfo:
        client.update_studio_component(
            studioId=studio_id,
            studioComponentId=component["studioComponentId"],
            name="n" * 65,
        )

    assert_error(excinfo, "ValidationException", 400, "name")
    assert (
        get_component(client, studio_id, component["studioComponentId"])["name"]
        == (component["name"])
    )


def test_update_studio_component_deleted(client, factory, studio_id):
    component_id = factory.component(studio_id)["studioComponentId"]
    client.delete_studio_component(studioId=studio_id, studioComponentId=component_id)
    get_component(client, studio_id, component_id)

    with pytest.raises(ClientError) as excinfo:
        client.update_studio_component(
            studioId=studio_id, studioComponentId=component_id, name="x"
        )

    assert_error(excinfo, "ResourceNotFoundException", 404)
    assert get_component(client, studio_id, component_id)["state"] == "DELETED"


def test_update_studio_component_create_failed(client, studio_id):
    """CREATE_FAILED is final: the component can be deleted, not revived."""
    client.create_studio_component(
        studioId=studio_id, **component_params("ACTIVE_DIRECTORY")
    )
    second = client.create_studio_component(
        studioId=studio_id, **component_params("ACTIVE_DIRECTORY")
    )["studioComponent"]["studioComponentId"]
    failed = get_component(client, studio_id, second)
    assert failed["state"] == "CREATE_FAILED"

    with pytest.raises(ClientError) as excinfo:
        client.update_studio_component(
            studioId=studio_id, studioComponentId=second, description="retry"
        )

    assert_error(excinfo, "ConflictException", 409, "CREATE_FAILED")
    assert get_component(client, studio_id, second) == failed
    client.delete_studio_component(studioId=studio_id, studioComponentId=second)
    assert get_component(client, studio_id, second)["state"] == "DELETED"


def test_update_studio_component_to_second_active_directory(client, factory, studio_id):
    client.create_studio_component(
        studioId=studio_id, **component_params("ACTIVE_DIRECTORY")
    )
    custom = factory.component(studio_id, name="custom", type="CUSTOM")

    with pytest.raises(ClientError) as excinfo:
        client.update_studio_component(
            studioId=studio_id,
            studioComponentId=custom["studioComponentId"],
            type="ACTIVE_DIRECTORY",
        )

    assert_error(excinfo, "ServiceQuotaExceededException", 402, "Active Directory")
    unchanged = get_component(client, studio_id, custom["studioComponentId"])
    assert (unchanged["type"], unchanged["state"]) == ("CUSTOM", "READY")


def test_update_studio_component_to_first_active_directory(client, factory, studio_id):
    directory = factory.component(studio_id, name="ad", type="ACTIVE_DIRECTORY")
    client.update_studio_component(
        studioId=studio_id,
        studioComponentId=directory["studioComponentId"],
        description="the one directory",
        type="ACTIVE_DIRECTORY",
    )
    get_component(client, studio_id, directory["studioComponentId"])
    custom = factory.component(studio_id, name="custom", type="CUSTOM")
    client.delete_studio_component(
        studioId=studio_id, studioComponentId=directory["studioComponentId"]
    )
    get_component(client, studio_id, directory["studioComponentId"])

    client.update_studio_component(
        studioId=studio_id,
        studioComponentId=custom["studioComponentId"],
        type="ACTIVE_DIRECTORY",
    )

    updated = get_component(client, studio_id, custom["studioComponentId"])
    assert (updated["type"], updated["state"]) == ("ACTIVE_DIRECTORY", "READY")


# --- DeleteStudioComponent --------------------------------------------------


def test_delete_studio_component(client, factory, studio_id):
    component = factory.component(studio_id)

    deleted = client.delete_studio_component(
        studioId=studio_id, studioComponentId=component["studioComponentId"]
    )["studioComponent"]

    assert deleted["studioComponentId"] == component["studioComponentId"]
    assert deleted["state"] == "DELETE_IN_PROGRESS"
    assert deleted["statusCode"] == "STUDIO_COMPONENT_DELETE_IN_PROGRESS"
    fetched = get_component(client, studio_id, component["studioComponentId"])
    assert fetched["state"] == "DELETED"
    assert fetched["statusCode"] == "STUDIO_COMPONENT_DELETED"
    assert fetched["name"] == component["name"]


def test_delete_studio_component_twice(client, factory, studio_id):
    component_id = factory.component(studio_id)["studioComponentId"]
    client.delete_studio_component(studioId=studio_id, studioComponentId=component_id)
    get_component(client, studio_id, component_id)

    again = client.delete_studio_component(
        studioId=studio_id, studioComponentId=component_id
    )

    assert again["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert again["studioComponent"]["state"] == "DELETED"


def test_delete_studio_component_while_creating(client, studio_id):
    component_id = client.create_studio_component(
        studioId=studio_id, **component_params()
    )["studioComponent"]["studioComponentId"]

    with pytest.raises(ClientError) as excinfo:
        client.delete_studio_component(
            studioId=studio_id, studioComponentId=component_id
        )

    assert_error(excinfo, "ConflictException", 409)
    assert get_component(client, studio_id, component_id)["state"] == "READY"


def test_delete_studio_component_while_updating(client, factory, studio_id):
    component_id = factory.component(studio_id)["studioComponentId"]
    client.update_studio_component(
        studioId=studio_id, studioComponentId=component_id, name="x"
    )

    with pytest.raises(ClientError) as excinfo:
        client.delete_studio_component(
            studioId=studio_id, studioComponentId=component_id
        )

    assert_error(excinfo, "ConflictException", 409)
    assert get_component(client, studio_id, component_id)["state"] == "READY"


def test_studio_component_deleted_waiter(client, factory, studio_id):
    component_id = factory.component(studio_id)["studioComponentId"]
    client.delete_studio_component(studioId=studio_id, studioComponentId=component_id)

    client.get_waiter("studio_component_deleted").wait(
        studioId=studio_id, studioComponentId=component_id, WaiterConfig=FAST
    )

    assert get_component(client, studio_id, component_id)["state"] == "DELETED"
