"""Studios: the container every other Nimble Studio resource lives in."""

from __future__ import annotations

from collections.abc import Container
from typing import TYPE_CHECKING, Any, ClassVar

from ..contract import Wire, wire
from ..exceptions import (
    ConflictException,
    ValidationException,
)
from ..pagination import page_limit
from ..settings import check_references
from .base import NimbleResource, Transition, new_studio_id, new_uuid, now
from .collection import Collection, Resources
from .references import Problem, first, studio_key_problem, studio_role_problem
from .state import CROSS_ACCOUNT, BackendState

if TYPE_CHECKING:
    from .eulas import EulaAcceptance
    from .launch_profiles import LaunchProfile
    from .members import StudioMember
    from .streaming_images import StreamingImage
    from .streaming_sessions import StreamingSession, StreamingSessionBackup
    from .studio_components import StudioComponent


#: statusCodes of a studio whose IAM Identity Center (SSO) setup is broken, and
#: the statusMessage each one shows; only such a studio can be repaired
BROKEN_SSO_STATUS = {
    "AWS_SSO_NOT_ENABLED": "IAM Identity Center is not enabled for this studio",
    "AWS_SSO_ACCESS_DENIED": (
        "Nimble Studio was denied access to the IAM Identity Center configuration of this studio"
    ),
}
#: states ``break_studio_sso`` can leave a studio in
BROKEN_SSO_STATES = ("READY", "UPDATE_FAILED")


class Studio(NimbleResource):
    WIRE: ClassVar[Wire] = wire("Studio")

    MODEL_NAME = "nimble::studio"
    ARN_TYPE = "studio"
    TRANSITIONS: ClassVar[dict[str, Transition]] = {
        "create": Transition(
            "CREATE_IN_PROGRESS",
            "STUDIO_CREATE_IN_PROGRESS",
            "The studio is being created",
            "READY",
            "STUDIO_CREATED",
            "The studio has been created successfully ",
            fails_to="CREATE_FAILED",
        ),
        "update": Transition(
            "UPDATE_IN_PROGRESS",
            "STUDIO_UPDATE_IN_PROGRESS",
            "The studio is being updated",
            "READY",
            "STUDIO_UPDATED",
            "The studio has been updated successfully",
            fails_to="UPDATE_FAILED",
        ),
        "sso_repair": Transition(
            "UPDATE_IN_PROGRESS",
            "AWS_SSO_CONFIGURATION_REPAIR_IN_PROGRESS",
            "The IAM Identity Center configuration of the studio is being repaired",
            "READY",
            "AWS_SSO_CONFIGURATION_REPAIRED",
            "The IAM Identity Center configuration of the studio has been repaired",
        ),
        "delete": Transition(
            "DELETE_IN_PROGRESS",
            "STUDIO_DELETE_IN_PROGRESS",
            "The studio is being deleted",
            "DELETED",
            "STUDIO_DELETED",
            "The studio has been deleted",
            fails_to="DELETE_FAILED",
        ),
    }

    def __init__(
        self,
        account_id: str,
        region: str,
        admin_role_arn: str,
        display_name: str,
        studio_name: str,
        user_role_arn: str,
        studio_encryption_configuration: dict[str, str] | None,
        tags: dict[str, str] | None,
        taken: Container[str] = (),
        arn_index: dict[str, NimbleResource] | None = None,
    ) -> None:
        self.studio_id = new_studio_id(region, taken)
        #: the ARN index of the studio's backend, for what its resources make
        #: on their own (a session that stops on its timer takes a backup)
        self.arn_index: dict[str, NimbleResource] = (
            arn_index if arn_index is not None else {}
        )
        # The ARN names the studio without the "<region>:" prefix of its ID.
        super().__init__(account_id, region, self.studio_id.split(":", 1)[1], tags)
        self.admin_role_arn = admin_role_arn
        self.display_name = display_name
        self.studio_name = studio_name
        self.user_role_arn = user_role_arn
        self.studio_encryption_configuration = studio_encryption_configuration or {
            "keyType": "AWS_OWNED_KEY"
        }
        self.home_region = region
        self.sso_client_id = new_uuid()
        #: the statusCode of a broken IAM Identity Center setup (the test hook
        #: breaks it): it stays broken, whatever else the studio goes
        #: through, until StartStudioSSOConfigurationRepair
        self.sso_broken: str | None = None
        self.studio_url = f"https://{studio_name}.nimblestudio.{region}.amazonaws.com"
        self.created_at = self.updated_at = now()
        # children, in creation order (deleted ones stay as tombstones)
        within = self.studio_id
        self.studio_components: Resources[StudioComponent] = Resources(
            f"{within}/studio-components"
        )
        self.launch_profiles: Resources[LaunchProfile] = Resources(
            f"{within}/launch-profiles"
        )
        self.streaming_images: Resources[StreamingImage] = Resources(
            f"{within}/streaming-images"
        )
        self.streaming_sessions: Resources[StreamingSession] = Resources(
            f"{within}/streaming-sessions"
        )
        self.streaming_session_backups: Resources[StreamingSessionBackup] = Resources(
            f"{within}/streaming-session-backups"
        )
        #: accepted EULAs by eulaId, listed in eulaId order, as the service's
        #: published list-eula-acceptances example shows them
        self.eula_acceptances: Collection[EulaAcceptance] = Collection(
            f"{within}/eula-acceptances", ordered_by_key=True
        )
        #: studio members (persona ADMINISTRATOR) by principalId
        self.members: dict[str, StudioMember] = {}
        problem = self.reference_problem() if check_references() else None
        if problem is None:
            self.start("create")
        else:
            self.start("create", failure=problem.code, message=problem.message)

    def reference_problem(self, roles: tuple[str, ...] | None = None) -> Problem | None:
        """What does not resolve in moto's world: the studio's roles (or
        ``roles``, those an update sends), then its customer managed key."""
        checked = (self.admin_role_arn, self.user_role_arn) if roles is None else roles
        return first(
            [
                *(studio_role_problem(self.account_id, arn) for arn in checked),
                studio_key_problem(self) if roles is None else None,
            ]
        )

    def before_delete(self) -> None:
        """A studio that is deleted takes its session backups with it (they
        outlive their sessions, not their studio)."""
        if self.blocking_delete() is None:
            for backup in self.streaming_session_backups:
                if not backup.deleted:
                    backup.start("leave_with_studio")

    def blocking_delete(self) -> str | None:
        """The statusCode that makes a delete fail: children not yet deleted."""
        for children, code in (
            (self.launch_profiles, "STUDIO_WITH_LAUNCH_PROFILES_NOT_DELETED"),
            (self.studio_components, "STUDIO_WITH_STUDIO_COMPONENTS_NOT_DELETED"),
            (self.streaming_images, "STUDIO_WITH_STREAMING_IMAGES_NOT_DELETED"),
        ):
            if any(child.state != "DELETED" for child in children):
                return code
        return None


class StudioBackend(BackendState):
    """CreateStudio, GetStudio, ListStudios, UpdateStudio, DeleteStudio,
    StartStudioSSOConfigurationRepair (and ``break_studio_sso``, its test hook)."""

    def create_studio(
        self,
        admin_role_arn: str,
        display_name: str,
        studio_name: str,
        user_role_arn: str,
        studio_encryption_configuration: dict[str, str] | None = None,
        tags: dict[str, str] | None = None,
    ) -> Studio:
        encryption = studio_encryption_configuration
        if (
            encryption
            and encryption["keyType"] == "CUSTOMER_MANAGED_KEY"
            and not encryption.get("keyArn")
        ):
            raise ValidationException(
                "studioEncryptionConfiguration.keyArn is required when keyType is CUSTOMER_MANAGED_KEY"
            )
        with CROSS_ACCOUNT.lock:
            if CROSS_ACCOUNT.studio_named(self.region_name, studio_name) is not None:
                raise ConflictException(
                    f"A studio named {studio_name} already exists in {self.region_name}"
                )
            studio = Studio(
                self.account_id,
                self.region_name,
                admin_role_arn,
                display_name,
                studio_name,
                user_role_arn,
                encryption,
                tags,
                taken=self.studios,
                arn_index=self.resources_by_arn,
            )
            self._add(self.studios, studio.studio_id, studio)
            self.studios_by_name[studio_name] = studio
        return studio

    def get_studio(self, studio_id: str) -> Studio:
        return self.studios.read(studio_id, "Studio")

    def list_studios(self, next_token: str | None = None) -> dict[str, Any]:
        def keep(studio: Studio) -> bool:
            return not studio.deleted

        studios, token = self.studios.page(next_token, page_limit(), keep)
        return {"studios": studios, "nextToken": token}

    def update_studio(
        self,
        studio_id: str,
        admin_role_arn: str | None = None,
        display_name: str | None = None,
        user_role_arn: str | None = None,
    ) -> Studio:
        studio = self._live_studio(studio_id)
        studio.require_changeable(studio_id)
        replaced = studio.apply(
            {
                "admin_role_arn": admin_role_arn,
                "display_name": display_name,
                "user_role_arn": user_role_arn,
            }
        )
        studio.stamp_update()
        sent = tuple(arn for arn in (admin_role_arn, user_role_arn) if arn is not None)
        problem = studio.reference_problem(sent) if check_references() else None
        # a failed update keeps the roles (and name) the studio had
        studio.start(
            "update",
            failure=problem.code if problem else None,
            undo=replaced,
            message=problem.message if problem else None,
        )
        return studio

    def delete_studio(self, studio_id: str) -> Studio:
        studio = self._studio(studio_id)
        studio.start_delete(studio_id, studio.blocking_delete())
        return studio

    def start_studio_sso_configuration_repair(self, studio_id: str) -> Studio:
        """A studio whose SSO setup is broken gets a new IAM Identity Center
        application (a new ssoClientId) and settles in READY; a healthy one
        answers ValidationException."""
        studio = self._live_studio(studio_id)
        studio.require_settled(studio_id)
        if studio.sso_broken is None:
            raise ValidationException(
                f"Studio {studio_id} has a valid IAM Identity Center configuration; "
                "there is nothing to repair"
            )
        studio.sso_broken = None
        studio.sso_client_id = new_uuid()
        studio.stamp_update()
        studio.start("sso_repair")
        return studio

    def break_studio_sso(
        self,
        studio_id: str,
        status_code: str = "AWS_SSO_NOT_ENABLED",
        state: str = "READY",
    ) -> Studio:
        """Test hook, not an AWS operation: put a studio into a broken SSO state
        (``state`` READY or UPDATE_FAILED, ``status_code`` AWS_SSO_NOT_ENABLED or
        AWS_SSO_ACCESS_DENIED), the one StartStudioSSOConfigurationRepair repairs.

        Whatever transition the studio was in is dropped. A deleted studio (or an
        unknown one) raises ResourceNotFoundException, one being deleted
        ConflictException, a bad ``status_code`` or ``state`` ValidationException.
        """
        if status_code not in BROKEN_SSO_STATUS:
            raise ValidationException(
                f"status_code must be one of {', '.join(BROKEN_SSO_STATUS)}, not {status_code!r}"
            )
        if state not in BROKEN_SSO_STATES:
            raise ValidationException(
                f"state must be one of {', '.join(BROKEN_SSO_STATES)}, not {state!r}"
            )
        studio = self._live_studio(studio_id)
        if studio.state == "DELETE_IN_PROGRESS":
            raise ConflictException(f"Studio {studio_id} is being deleted")
        studio.sso_broken = status_code
        studio.pin(state, status_code, BROKEN_SSO_STATUS[status_code])
        return studio
