"""What happens in the directory that other apps may react to (``core.events``)."""

from dataclasses import dataclass, field

from knotenpunkt.core.events import Event


@dataclass(frozen=True)
class OrganisationChanged(Event):
    """An organisation's entry changed; ``fields`` names what changed (e.g. "name")."""

    organisation_id: int
    fields: list = field(default_factory=list)
