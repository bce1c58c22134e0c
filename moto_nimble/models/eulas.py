"""EULAs: the service's read-only catalogue, and each studio's acceptances."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any, ClassVar

from ..context import caller
from ..contract import Wire, wire
from ..pagination import page_limit
from .base import new_id, now
from .collection import Collection, require
from .state import BackendState

if TYPE_CHECKING:
    from .studios import Studio


@dataclass(frozen=True)
class Eula:
    WIRE: ClassVar[Wire] = wire("Eula")

    eula_id: str
    name: str
    content: str
    created_at: datetime
    updated_at: datetime


_PUBLISHED = datetime(2021, 4, 20, 16, 45, 23, tzinfo=timezone.utc)
#: three of them carry the next second in the service's published list-eulas output
_A_SECOND_LATER = {
    "RvoNmVXiSrS4LhLTb6ybkw",
    "Rl-J0fM5Sl2hyIiwWIV6hw",
    "uu2VDLo-QJeIGWWLBae_UA",
}


def _published(eula_id: str) -> datetime:
    return _PUBLISHED + timedelta(seconds=eula_id in _A_SECOND_LATER)


#: The same nine EULAs in every region, in the order the service lists them.
EULAS: dict[str, Eula] = {
    eula_id: Eula(eula_id, name, content, _published(eula_id), _published(eula_id))
    for eula_id, name, content in (
        (
            "gJZLygd-Srq_5NNbSfiaLg",
            "Mozilla-FireFox",
            "https://www.mozilla.org/en-US/MPL/2.0/",
        ),
        (
            "RvoNmVXiSrS4LhLTb6ybkw",
            "Thinkbox-Deadline",
            "https://www.awsthinkbox.com/end-user-license-agreement",
        ),
        (
            "Rl-J0fM5Sl2hyIiwWIV6hw",
            "Videolan-VLC",
            "https://www.videolan.org/legal.html",
        ),
        (
            "ggK2eIw6RQyt8PIeeOlD3g",
            "Microsoft-VSCode",
            "https://code.visualstudio.com/license",
        ),
        (
            "wtp85BcSTa2NZeNRnMKdjw",
            "DJV-DJV",
            "https://darbyjohnston.github.io/DJV/legal.html#License",
        ),
        (
            "uu2VDLo-QJeIGWWLBae_UA",
            "SideFX-Houdini",
            "https://www.sidefx.com/legal/license-agreement/",
        ),
        (
            "L0HS4P3CRYKVXc2J2LO7Vw",
            "ChaosGroup-Vray",
            "https://www.chaosgroup.com/eula",
        ),
        ("SAuhfHmmSAeUuq3wsMiMlw", "Foundry-Nuke", "https://www.foundry.com/eula"),
        (
            "a-D9Wc0VQCKUfxAinCDxaw",
            "BlenderFoundation-Blender",
            "https://download.blender.org/release/GPL3-license.txt",
        ),
    )
}
_EULA_LIST = Collection[Eula]("eulas")
for _eula in EULAS.values():
    _EULA_LIST.add(_eula.eula_id, _eula)


class EulaAcceptance:
    WIRE: ClassVar[Wire] = wire("EulaAcceptance")

    def __init__(self, studio: Studio, eula_id: str) -> None:
        taken = {a.eula_acceptance_id for a in studio.eula_acceptances}
        self.eula_acceptance_id: str = new_id(taken)
        self.eula_id = eula_id
        self.acceptee_id = studio.studio_id
        self.accepted_by = caller()
        self.accepted_at = now()


class EulaBackend(BackendState):
    """GetEula, ListEulas, AcceptEulas, ListEulaAcceptances."""

    def _eula(self, eula_id: str) -> Eula:
        return require(EULAS, eula_id, "EULA")

    def get_eula(self, eula_id: str) -> Eula:
        return self._eula(eula_id)

    def list_eulas(
        self, eula_ids: list[str] | None = None, next_token: str | None = None
    ) -> dict[str, Any]:
        wanted = set(eula_ids or ())
        items, token = _EULA_LIST.page(
            next_token, page_limit(), lambda eula: not wanted or eula.eula_id in wanted
        )
        return {"eulas": items, "nextToken": token}

    def accept_eulas(
        self, studio_id: str, eula_ids: list[str] | None = None
    ) -> dict[str, Any]:
        studio = self._ready_studio(studio_id)
        for eula_id in eula_ids or []:
            self._eula(eula_id)  # all known, or nothing is accepted
        accepted = []
        for eula_id in dict.fromkeys(eula_ids or []):
            acceptance = studio.eula_acceptances.get(eula_id)
            if acceptance is None:
                acceptance = EulaAcceptance(studio, eula_id)
                studio.eula_acceptances.add(eula_id, acceptance)
            accepted.append(acceptance)
        return {"eulaAcceptances": accepted}

    def list_eula_acceptances(
        self,
        studio_id: str,
        eula_ids: list[str] | None = None,
        next_token: str | None = None,
    ) -> dict[str, Any]:
        studio = self._live_studio(studio_id)
        wanted = set(eula_ids or ())
        items, token = studio.eula_acceptances.page(
            next_token, page_limit(), lambda a: not wanted or a.eula_id in wanted
        )
        return {"eulaAcceptances": items, "nextToken": token}
