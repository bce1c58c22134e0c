"""Streaming sessions: a workstation started from a launch profile, the streams
that connect a DCV client to it, and the backups its stops leave behind."""

from __future__ import annotations

from collections.abc import Container
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, ClassVar

from moto.core.common_models import BaseModel
from moto.moto_api._internal import mock_random

from .. import clock
from ..context import caller
from ..contract import Wire, wire
from ..exceptions import (
    ConflictException,
    ValidationException,
)
from ..pagination import page_limit
from ..quotas import check_quota, in_use
from ..settings import check_references
from .base import Lifecycle, NimbleResource, Transition, new_id, now
from .collection import Resources
from .launch_profiles import LaunchProfile
from .members import check_session_owner
from .references import Problem, key_problem
from .state import add_resource
from .streaming_images import StreamingImageBackend

if TYPE_CHECKING:
    from .studios import Studio

#: CreateStreamingSessionStream's expirationInSeconds when the request has none
DEFAULT_STREAM_EXPIRATION_SECONDS = 120


class StreamingSession(NimbleResource):
    WIRE: ClassVar[Wire] = wire("StreamingSession")

    MODEL_NAME = "nimble::streaming_session"
    ARN_TYPE = "streaming-session"
    TRANSITIONS: ClassVar[dict[str, Transition]] = {
        "create": Transition(
            "CREATE_IN_PROGRESS",
            "STREAMING_SESSION_CREATE_IN_PROGRESS",
            "The streaming session is being created",
            "READY",
            "STREAMING_SESSION_READY",
            "The streaming session is ready",
            fails_to="CREATE_FAILED",
        ),
        "stop": Transition(
            "STOP_IN_PROGRESS",
            "STREAMING_SESSION_STOP_IN_PROGRESS",
            "The streaming session is being stopped",
            "STOPPED",
            "STREAMING_SESSION_STOPPED",
            "The streaming session has been stopped",
            fails_to="STOP_FAILED",
        ),
        "start": Transition(
            "START_IN_PROGRESS",
            "STREAMING_SESSION_START_IN_PROGRESS",
            "The streaming session is being started",
            "READY",
            "STREAMING_SESSION_STARTED",
            "The streaming session has been started",
            fails_to="START_FAILED",
        ),
        "delete": Transition(
            "DELETE_IN_PROGRESS",
            "STREAMING_SESSION_DELETE_IN_PROGRESS",
            "The streaming session is being deleted",
            "DELETED",
            "STREAMING_SESSION_DELETED",
            "The streaming session has been deleted",
            fails_to="DELETE_FAILED",
        ),
    }

    def __init__(
        self,
        studio: Studio,
        profile: LaunchProfile,
        ec2_instance_type: str,
        streaming_image_id: str,
        owned_by: str,
        tags: dict[str, str] | None,
    ) -> None:
        self.session_id = new_id(studio.streaming_sessions)
        super().__init__(studio.account_id, studio.region, self.session_id, tags)
        self.studio = studio
        self.studio_id = studio.studio_id
        self.launch_profile_id = profile.launch_profile_id
        self.ec2_instance_type = ec2_instance_type
        self.streaming_image_id = streaming_image_id
        config = profile.stream_configuration
        self.max_session_minutes: int = config["maxSessionLengthInMinutes"]
        self.max_stopped_minutes: int = config["maxStoppedSessionLengthInMinutes"]
        self.session_persistence_mode: str = config["sessionPersistenceMode"]
        self.automatic_termination_mode: str | None = config.get(
            "automaticTerminationMode"
        )
        self.backup_mode: str | None = config["sessionBackup"].get("mode")
        self.max_backups_to_retain: int | None = config["sessionBackup"].get(
            "maxBackupsToRetain"
        )
        self.volume_configuration: dict[str, int] | None = config.get(
            "volumeConfiguration"
        )
        self.volume_retention_mode: str | None = None
        self.created_at = self.updated_at = now()
        self.created_by = self.updated_by = caller()
        self.owned_by = owned_by
        self.started_from_backup_id: str | None = None
        self.stopped_at: datetime | None = None
        self.stopped_by: str | None = None
        self.stop_at: datetime | None = None
        self.terminate_at: datetime | None = None
        #: the session's streams, in creation order (closed ones stay, DELETED)
        self.streams: Resources[StreamingSessionStream] = Resources(
            f"{self.session_id}/streams"
        )
        #: the session's backups, oldest first (trimmed ones stay, DELETED)
        self.backups: list[StreamingSessionBackup] = []
        self.started(self.created_at)
        self.start("create")

    #: when the next timer is due, in seconds since the epoch (see _arm)
    _due: float | None = None

    @property
    def stoppable(self) -> bool:
        """The model's maxStoppedSessionLengthInMinutes: with automatic
        termination on, 0 means "your sessions can't be STOPPED"; a session
        with persistent storage and no automatic termination may stay STOPPED
        for ever (a profile from before persistence had only the length)."""
        if self.automatic_termination_mode == "ACTIVATED":
            return self.max_stopped_minutes > 0
        return (
            self.session_persistence_mode == "ACTIVATED" or self.max_stopped_minutes > 0
        )

    def started(self, at: datetime) -> None:
        """Set the timers of a session that starts (again) at ``at``: one
        that can stop stops ``maxSessionLengthInMinutes`` later (``stopAt``),
        any other is terminated then (``terminateAt``)."""
        self.started_at = at
        self.started_by = caller()
        ends = at + timedelta(minutes=self.max_session_minutes)
        if self.stoppable:
            self.stop_at, self.terminate_at = ends, None
        else:
            self.stop_at, self.terminate_at = None, ends
        self._arm()

    def _arm(self) -> None:
        """Note when the next timer is due, in seconds, for a cheap check on
        every read of the state."""
        timers = [t for t in (self.stop_at, self.terminate_at) if t is not None]
        self._due = clock.seconds_of(min(timers)) if timers else None

    def stop(
        self,
        at: datetime,
        by: str | None,
        volume_retention_mode: str | None = None,
        timer: bool = False,
    ) -> None:
        """Stop at ``at``: by its owner (StopStreamingSession) or by its
        ``stopAt`` timer (``by`` None: nobody stopped it). Its streams end;
        it is backed up where its profile says so; with automatic
        termination it is terminated ``maxStoppedSessionLengthInMinutes``
        later."""
        self.stopped_at = at
        self.stopped_by = by
        self.updated_at = at
        if by is not None:
            self.updated_by = by
        self.volume_retention_mode = volume_retention_mode
        self.stop_at = None
        self.terminate_at = (
            at + timedelta(minutes=self.max_stopped_minutes)
            if self.automatic_termination_mode == "ACTIVATED"
            else None
        )
        self._arm()
        self.close_streams()
        if self.backup_mode == "AUTOMATIC":
            self.back_up(at)
        if timer:
            self.start_at("stop", at)
        else:
            self.start("stop")

    def back_up(self, at: datetime) -> None:
        """Take a backup of a session that is stopping; keep at most
        maxBackupsToRetain of its backups (0 keeps none, unset keeps all)."""
        limit = self.max_backups_to_retain
        if limit == 0:
            return
        studio = self.studio
        backup = StreamingSessionBackup(self, at, studio.streaming_session_backups)
        add_resource(
            studio.arn_index, studio.streaming_session_backups, backup.backup_id, backup
        )
        self.backups.append(backup)
        if limit is None:
            return
        kept = [b for b in self.backups if not b.deleted]
        for old in kept[: max(len(kept) - limit, 0)]:
            old.start("retire")

    @property
    def state(self) -> str | None:
        """The state, once every timer that has passed has acted, in order:
        a READY session past ``stopAt`` stops; one READY or STOPPED past
        ``terminateAt`` is terminated (DELETED). Each begins at its timer's
        time, as the first read after it, and is paced as moto says."""
        state = Lifecycle.state.fget(self)  # type: ignore[attr-defined]
        if self._due is None or self._due > clock.seconds():
            return state  # type: ignore[no-any-return]
        while state in ("READY", "STOPPED") and (self.stop_at or self.terminate_at):
            when = clock.now()
            if state == "READY" and self.stop_at is not None and self.stop_at <= when:
                self.stop(self.stop_at, None, timer=True)
            elif self.terminate_at is not None and self.terminate_at <= when:
                at, self.terminate_at = self.terminate_at, None
                self._arm()
                self.updated_at = at
                self.close_streams()
                self.start_at("delete", at)
            else:
                break
            state = Lifecycle.state.fget(self)  # type: ignore[attr-defined]
        return state  # type: ignore[no-any-return]

    def close_streams(self) -> None:
        """A session that stops or is deleted takes its streams with it."""
        for stream in self.streams:
            if stream.state != "DELETED":
                stream.start("end")

    def before_delete(self) -> None:
        self.close_streams()


class StreamingSessionStream(BaseModel, Lifecycle):
    """A DCV connection to a READY session. No ARN, no tags."""

    WIRE: ClassVar[Wire] = wire("StreamingSessionStream")

    MODEL_NAME = "nimble::streaming_session_stream"
    TRANSITIONS: ClassVar[dict[str, Transition]] = {
        "create": Transition(
            "CREATE_IN_PROGRESS",
            "STREAM_CREATE_IN_PROGRESS",
            "The stream is being created",
            "READY",
            "STREAM_READY",
            "The stream is ready",
            fails_to="CREATE_FAILED",
        ),
        "end": Transition(
            "DELETED", "STREAM_DELETED", "The streaming session has ended"
        ),
    }

    def __init__(self, session: StreamingSession, expiration_in_seconds: int) -> None:
        Lifecycle.__init__(self)
        self.stream_id = new_id(session.streams)
        self.created_at = now()
        self.created_by = caller()
        self.owned_by = session.owned_by
        self.expires_at = self.created_at + timedelta(seconds=expiration_in_seconds)
        self._expires = clock.seconds_of(self.expires_at)
        # Nothing documents the real format: make it obviously synthetic.
        self._url = (
            f"https://{mock_random.get_random_hex(16)}.dcv.nimble.{session.region}.amazonaws.com"
            f"/?authToken={new_id()}{new_id()}#{session.session_id}"
        )
        self.start("create")

    @property
    def state(self) -> str | None:
        """The state; a READY stream past ``expiresAt`` has ended (DELETED,
        ``STREAM_DELETED``) since then."""
        state = Lifecycle.state.fget(self)  # type: ignore[attr-defined]
        if state == "READY" and self._expires <= clock.seconds():
            self.start_at("end", self.expires_at)
            state = Lifecycle.state.fget(self)  # type: ignore[attr-defined]
        return state  # type: ignore[no-any-return]

    @property
    def url(self) -> str | None:
        """The DCV URL, given out only while the stream is READY."""
        return self._url if self.state == "READY" else None


class StreamingSessionBackup(NimbleResource):
    """What an AUTOMATIC-backup session leaves behind each time it stops.

    It reports the streaming-session states and status codes (the model reuses
    those enums), and settles at the pace set for ``nimble::streaming_session``.
    """

    WIRE: ClassVar[Wire] = wire("StreamingSessionBackup")

    MODEL_NAME = "nimble::streaming_session"
    ARN_TYPE = "streaming-session-backup"
    TRANSITIONS: ClassVar[dict[str, Transition]] = {
        "create": Transition(
            "CREATE_IN_PROGRESS",
            "STREAMING_SESSION_CREATE_IN_PROGRESS",
            "The streaming session backup is being created",
            "READY",
            "STREAMING_SESSION_READY",
            "The streaming session backup is ready",
        ),
        # beyond maxBackupsToRetain, a session's oldest backups go
        "retire": Transition(
            "DELETED",
            "STREAMING_SESSION_DELETED",
            "The backup was deleted: its session kept more than maxBackupsToRetain backups",
        ),
        # backups outlive their session, not their studio
        "leave_with_studio": Transition(
            "DELETED",
            "STREAMING_SESSION_DELETED",
            "The backup was deleted with its studio",
        ),
    }

    def __init__(
        self, session: StreamingSession, at: datetime, taken: Container[str] = ()
    ) -> None:
        self.backup_id = new_id(taken)
        super().__init__(
            session.account_id, session.region, self.backup_id, session.tags
        )
        self.created_at = at.replace(microsecond=0)
        self.launch_profile_id = session.launch_profile_id
        self.owned_by = session.owned_by
        self.session_id = session.session_id
        self.start("create")


class StreamingSessionBackend(StreamingImageBackend):
    """Create/Get/List/Delete/Start/StopStreamingSession, the session's streams
    (Create/GetStreamingSessionStream) and backups (Get/ListStreamingSessionBackups)."""

    def create_streaming_session(
        self,
        studio_id: str,
        launch_profile_id: str,
        ec2_instance_type: str | None = None,
        owned_by: str | None = None,
        streaming_image_id: str | None = None,
        tags: dict[str, str] | None = None,
    ) -> StreamingSession:
        studio = self._ready_studio(studio_id)
        profile = self._launch_profile(studio, launch_profile_id, live=True)
        if not profile.usable:
            raise ConflictException(
                f"Launch profile {launch_profile_id} is {profile.state}; it must be READY"
            )
        instance_type, image_id = self._session_choice(
            studio, profile, ec2_instance_type, streaming_image_id
        )
        owner = owned_by or caller()
        check_session_owner(studio, profile, owner)
        if instance_type.startswith("g5."):
            check_quota(
                "g5_sessions_per_studio",
                lambda: in_use(
                    studio.streaming_sessions,
                    lambda s: s.ec2_instance_type.startswith("g5."),
                ),
            )
        session = StreamingSession(
            studio, profile, instance_type, image_id, owner, tags
        )
        problem = self._session_problem(studio, profile, image_id)
        if problem is not None:
            session.start("create", failure=problem.code, message=problem.message)
        self._add(studio.streaming_sessions, session.session_id, session)
        return session

    def _session_problem(
        self, studio: Studio, profile: LaunchProfile, image_id: str
    ) -> Problem | None:
        """Why a session that was accepted fails: its profile's Active
        Directory failed validation (the kept result), or, with references
        checked, the customer managed key its image is encrypted with does
        not resolve now."""
        directory = "VALIDATE_ACTIVE_DIRECTORY_STUDIO_COMPONENT"
        if directory in profile.validation_failures:
            why = profile.validation_messages.get(directory, "it failed validation")
            return Problem(
                "ACTIVE_DIRECTORY_DOMAIN_JOIN_ERROR",
                f"The session could not join the Active Directory domain of launch "
                f"profile {profile.launch_profile_id}: {why}",
            )
        image = self._find_streaming_image(studio, image_id)
        encryption = (image.encryption_configuration if image else None) or {}
        if check_references() and encryption.get("keyType") == "CUSTOMER_MANAGED_KEY":
            bad_key = key_problem(
                studio.account_id, studio.region, encryption.get("keyArn", "")
            )
            if bad_key is not None:
                return Problem(
                    "DECRYPT_STREAMING_IMAGE_ERROR",
                    f"Streaming image {image_id} could not be decrypted: {bad_key.message}",
                )
        return None

    def _session_choice(
        self,
        studio: Studio,
        profile: LaunchProfile,
        ec2_instance_type: str | None,
        streaming_image_id: str | None,
    ) -> tuple[str, str]:
        """The instance type and image a session runs on: those asked for, or
        the profile's first; either must be one the profile allows, and the
        image READY with its EULAs accepted."""
        config = profile.stream_configuration
        instance_type = ec2_instance_type or config["ec2InstanceTypes"][0]
        if instance_type not in config["ec2InstanceTypes"]:
            raise ValidationException(
                f"ec2InstanceType {instance_type} is not allowed by launch profile "
                f"{profile.launch_profile_id}; allowed: {', '.join(config['ec2InstanceTypes'])}"
            )
        image_id = streaming_image_id or config["streamingImageIds"][0]
        if image_id not in config["streamingImageIds"]:
            raise ValidationException(
                f"streamingImageId {image_id} is not allowed by launch profile "
                f"{profile.launch_profile_id}"
            )
        image = self._find_streaming_image(studio, image_id)
        if image is None or not image.usable:
            raise ValidationException(f"Streaming image {image_id} is not READY")
        missing = [e for e in image.eula_ids if studio.eula_acceptances.get(e) is None]
        if missing:
            raise ValidationException(
                f"The studio has not accepted the EULAs {', '.join(missing)} "
                "that the streaming image requires; call AcceptEulas first"
            )
        return instance_type, image_id

    def _streaming_session(self, studio: Studio, session_id: str) -> StreamingSession:
        return studio.streaming_sessions.require(session_id, "Streaming session")

    def _session_in_state(
        self, studio: Studio, session_id: str, state: str, verb: str
    ) -> StreamingSession:
        """A session that is not deleted and is in ``state`` (else 404 / 409)."""
        session = studio.streaming_sessions.require(
            session_id, "Streaming session", live=True
        )
        if session.state != state:
            raise ConflictException(
                f"Streaming session {session_id} is {session.state}; "
                f"only a {state} session can be {verb}"
            )
        return session

    def get_streaming_session(
        self, studio_id: str, session_id: str
    ) -> StreamingSession:
        return self._live_studio(studio_id).streaming_sessions.read(
            session_id, "Streaming session"
        )

    def list_streaming_sessions(
        self,
        studio_id: str,
        created_by: str | None = None,
        next_token: str | None = None,
        owned_by: str | None = None,
        session_ids: str | None = None,
    ) -> dict[str, Any]:
        studio = self._live_studio(studio_id)
        wanted = (
            {s.strip() for s in session_ids.split(",") if s.strip()}
            if session_ids
            else None
        )

        def keep(session: StreamingSession) -> bool:
            return (
                session.state != "DELETED"
                and (created_by is None or session.created_by == created_by)
                and (owned_by is None or session.owned_by == owned_by)
                and (wanted is None or session.session_id in wanted)
            )

        items, token = studio.streaming_sessions.page(next_token, page_limit(), keep)
        return {"sessions": items, "nextToken": token}

    def delete_streaming_session(
        self, studio_id: str, session_id: str
    ) -> StreamingSession:
        session = self._streaming_session(self._live_studio(studio_id), session_id)
        session.start_delete(session_id)
        return session

    def stop_streaming_session(
        self, studio_id: str, session_id: str, volume_retention_mode: str | None = None
    ) -> StreamingSession:
        studio = self._live_studio(studio_id)
        session = self._session_in_state(studio, session_id, "READY", "stopped")
        if not session.stoppable:
            raise ValidationException(
                f"Streaming session {session_id} cannot be stopped: its launch profile "
                f"has sessionPersistenceMode {session.session_persistence_mode}, "
                f"automaticTerminationMode {session.automatic_termination_mode}, "
                f"maxStoppedSessionLengthInMinutes {session.max_stopped_minutes}"
            )
        session.stop(now(), caller(), volume_retention_mode)
        return session

    def start_streaming_session(
        self, studio_id: str, session_id: str, backup_id: str | None = None
    ) -> StreamingSession:
        studio = self._live_studio(studio_id)
        session = self._session_in_state(studio, session_id, "STOPPED", "started")
        if backup_id is not None:
            backup = self._live_backup(studio, backup_id)
            if backup.session_id != session_id and backup.owned_by != session.owned_by:
                raise ValidationException(
                    f"Streaming session backup {backup_id} belongs to streaming session "
                    f"{backup.session_id} of {backup.owned_by}, neither {session_id} "
                    f"nor another session of {session.owned_by}"
                )
            if backup.state != "READY":
                raise ValidationException(
                    f"Streaming session backup {backup_id} is {backup.state}; "
                    "a session can be started only from a READY backup"
                )
        stamp = now()
        session.started_from_backup_id = backup_id
        session.started(stamp)
        session.updated_at = stamp
        session.updated_by = caller()
        session.start("start")
        return session

    # --- streams ---------------------------------------------------------

    def create_streaming_session_stream(
        self,
        studio_id: str,
        session_id: str,
        expiration_in_seconds: int | None = None,
    ) -> StreamingSessionStream:
        session = self._live_studio(studio_id).streaming_sessions.require(
            session_id, "Streaming session", live=True
        )
        if session.state != "READY":
            raise ConflictException(
                f"Streaming session {session_id} is {session.state}; "
                "a stream can be created only for a READY session"
            )
        stream = StreamingSessionStream(
            session,
            DEFAULT_STREAM_EXPIRATION_SECONDS
            if expiration_in_seconds is None
            else expiration_in_seconds,
        )
        session.streams.add(stream.stream_id, stream)
        return stream

    def get_streaming_session_stream(
        self, studio_id: str, session_id: str, stream_id: str
    ) -> StreamingSessionStream:
        session = self._streaming_session(self._live_studio(studio_id), session_id)
        return session.streams.read(stream_id, "Streaming session stream")

    # --- backups ---------------------------------------------------------

    def _live_backup(self, studio: Studio, backup_id: str) -> StreamingSessionBackup:
        return studio.streaming_session_backups.require(
            backup_id, "Streaming session backup", live=True
        )

    def get_streaming_session_backup(
        self, studio_id: str, backup_id: str
    ) -> StreamingSessionBackup:
        return self._live_studio(studio_id).streaming_session_backups.read(
            backup_id, "Streaming session backup"
        )

    def list_streaming_session_backups(
        self,
        studio_id: str,
        next_token: str | None = None,
        owned_by: str | None = None,
    ) -> dict[str, Any]:
        studio = self._live_studio(studio_id)

        def keep(backup: StreamingSessionBackup) -> bool:
            return not backup.deleted and (
                owned_by is None or backup.owned_by == owned_by
            )

        items, token = studio.streaming_session_backups.page(
            next_token, page_limit(), keep
        )
        return {"streamingSessionBackups": items, "nextToken": token}
