"""Every Get and List of the model is a read: whatever resource it shows that is
in a transition settles on it (by default, on the first read), in-process and
through the server. The operations come from the model: a new Get or List
whose answer shows a ``state`` fails ``test_every_read_of_the_model_is_here``
until it is added below."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from botocore.model import ListShape, Shape, StructureShape
from helpers import Factory

from moto_nimble.contract import SERVICE_MODEL

BACKED_UP = {
    "sessionPersistenceMode": "ACTIVATED",
    "automaticTerminationMode": "ACTIVATED",
    "maxStoppedSessionLengthInMinutes": 60,
    "sessionBackup": {"mode": "AUTOMATIC", "maxBackupsToRetain": 2},
}


class World:
    """One of each resource, READY, then each put in a transition that only
    a read settles: the studio, component, image and profile being updated,
    a session being stopped (which takes a backup), and a new stream of a
    second session."""

    def __init__(self, nimble: Any) -> None:
        self.nimble = nimble
        client = nimble.client
        factory = Factory(client)
        studio, component, image, profile = factory.ready_profile(BACKED_UP)
        self.studio_id = studio["studioId"]
        self.component_id = component["studioComponentId"]
        self.image_id = image["streamingImageId"]
        self.profile_id = profile["launchProfileId"]
        factory.accept_eulas(self.studio_id, [self.image_id])
        streaming = factory.session(self.studio_id, self.profile_id)
        self.stream_id = client.create_streaming_session_stream(
            studioId=self.studio_id, sessionId=streaming["sessionId"]
        )["stream"]["streamId"]
        self.streaming_session_id = streaming["sessionId"]
        stopping = factory.session(self.studio_id, self.profile_id)
        self.session_id = stopping["sessionId"]
        ids = {"studioId": self.studio_id}
        client.stop_streaming_session(**ids, sessionId=self.session_id)
        client.update_studio_component(
            **ids, studioComponentId=self.component_id, description="new"
        )
        client.update_streaming_image(
            **ids, streamingImageId=self.image_id, description="new"
        )
        client.update_launch_profile(
            **ids, launchProfileId=self.profile_id, description="new"
        )
        client.update_studio(**ids, displayName="new")


def _first(items: list[dict[str, Any]], key: str, value: str) -> dict[str, Any]:
    return next(item for item in items if item[key] == value)


def _read_backup(client: Any, world: World) -> list[dict[str, Any]]:
    """The stop's backup, found by a List that reads it once of two, then Get."""
    world.nimble.set_transition(
        "nimble::streaming_session", {"progression": "manual", "times": 2}
    )
    (listed,) = client.list_streaming_session_backups(studioId=world.studio_id)[
        "streamingSessionBackups"
    ]
    assert listed["state"] == "CREATE_IN_PROGRESS"
    return [
        client.get_streaming_session_backup(
            studioId=world.studio_id, backupId=listed["backupId"]
        )["streamingSessionBackup"]
    ]


Read = Callable[[Any, World], list[dict[str, Any]]]

#: each read of the model: (call it, the resources of the world it shows)
READS: dict[str, Read] = {
    "GetStudio": lambda c, w: [c.get_studio(studioId=w.studio_id)["studio"]],
    "ListStudios": lambda c, w: [
        _first(c.list_studios()["studios"], "studioId", w.studio_id)
    ],
    "GetStudioComponent": lambda c, w: [
        c.get_studio_component(studioId=w.studio_id, studioComponentId=w.component_id)[
            "studioComponent"
        ]
    ],
    "ListStudioComponents": lambda c, w: c.list_studio_components(studioId=w.studio_id)[
        "studioComponents"
    ],
    "GetStreamingImage": lambda c, w: [
        c.get_streaming_image(studioId=w.studio_id, streamingImageId=w.image_id)[
            "streamingImage"
        ]
    ],
    "ListStreamingImages": lambda c, w: [
        _first(
            c.list_streaming_images(studioId=w.studio_id)["streamingImages"],
            "streamingImageId",
            w.image_id,
        )
    ],
    "GetLaunchProfile": lambda c, w: [
        c.get_launch_profile(studioId=w.studio_id, launchProfileId=w.profile_id)[
            "launchProfile"
        ]
    ],
    "ListLaunchProfiles": lambda c, w: c.list_launch_profiles(studioId=w.studio_id)[
        "launchProfiles"
    ],
    "GetLaunchProfileDetails": lambda c, w: _details(
        c.get_launch_profile_details(studioId=w.studio_id, launchProfileId=w.profile_id)
    ),
    "GetStreamingSession": lambda c, w: [
        c.get_streaming_session(studioId=w.studio_id, sessionId=w.session_id)["session"]
    ],
    "ListStreamingSessions": lambda c, w: [
        _first(
            c.list_streaming_sessions(studioId=w.studio_id)["sessions"],
            "sessionId",
            w.session_id,
        )
    ],
    "GetStreamingSessionStream": lambda c, w: [
        c.get_streaming_session_stream(
            studioId=w.studio_id, sessionId=w.streaming_session_id, streamId=w.stream_id
        )["stream"]
    ],
    "GetStreamingSessionBackup": _read_backup,
    "ListStreamingSessionBackups": lambda c, w: c.list_streaming_session_backups(
        studioId=w.studio_id
    )["streamingSessionBackups"],
}


def _details(answer: dict[str, Any]) -> list[dict[str, Any]]:
    return [answer["launchProfile"], *answer["streamingImages"]]


def _shows_state(shape: Shape, depth: int = 0) -> bool:
    if depth > 2:
        return False
    if isinstance(shape, StructureShape):
        if "state" in shape.members and "statusCode" in shape.members:
            return True
        return any(_shows_state(m, depth + 1) for m in shape.members.values())
    if isinstance(shape, ListShape):
        return _shows_state(shape.member, depth + 1)
    return False


def test_every_read_of_the_model_is_here() -> None:
    reads = {
        name
        for name in SERVICE_MODEL.operation_names
        if name.startswith(("Get", "List"))
        and _shows_state(SERVICE_MODEL.operation_model(name).output_shape)
    }
    assert reads == set(READS)


@pytest.mark.parametrize("operation", sorted(READS))
def test_a_read_settles_what_it_shows(client, nimble, operation) -> None:
    world = World(nimble)
    shown = READS[operation](client, world)
    assert shown, f"{operation} showed nothing"
    for resource in shown:
        assert not resource["state"].endswith("_IN_PROGRESS"), (operation, resource)
        assert resource["state"] in ("READY", "STOPPED"), (operation, resource)


def test_reads_count_as_moto_paces_them(client, nimble) -> None:
    """With ``times: 2``, the first read shows the transition, the second
    its end: each Get counts once."""
    world = World(nimble)
    client.get_studio(studioId=world.studio_id)  # its update settles
    nimble.set_transition("nimble::studio", {"progression": "manual", "times": 2})
    client.update_studio(studioId=world.studio_id, displayName="again")
    first = client.get_studio(studioId=world.studio_id)["studio"]["state"]
    second = client.get_studio(studioId=world.studio_id)["studio"]["state"]
    assert (first, second) == ("UPDATE_IN_PROGRESS", "READY")


def test_only_the_collections_settle() -> None:
    """A resource is read (and so settles) only through its collection: no
    model module calls a resource's ``read()`` but the collections'."""
    import ast
    from pathlib import Path

    package = Path(__file__).resolve().parents[2] / "moto_nimble"
    offenders = []
    for path in sorted(
        [
            *(package / "models").rglob("*.py"),
            *(package / "cloudformation").rglob("*.py"),
        ]
    ):
        if path.relative_to(package).as_posix() in ("models/collection.py",):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("read", "advance")
                and not node.args
                and not node.keywords
                and not (
                    isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "self"
                )
            ):
                offenders.append(f"{path.relative_to(package)}:{node.lineno}")
    assert offenders == []


def test_one_place_writes_the_arn_index() -> None:
    """A new resource joins the ARN index (an assignment keyed by a
    resource's ``.arn``) only in ``models/state.py``'s ``add_resource``."""
    import ast
    from pathlib import Path

    package = Path(__file__).resolve().parents[2] / "moto_nimble"
    writers = []
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef):
                continue
            for node in ast.walk(function):
                if (
                    isinstance(node, ast.Assign)
                    and isinstance(node.targets[0], ast.Subscript)
                    and isinstance(node.targets[0].slice, ast.Attribute)
                    and node.targets[0].slice.attr == "arn"
                ):
                    writers.append(f"{path.relative_to(package)}:{function.name}")
    assert writers == ["models/state.py:add_resource"]
