"""Finding the seed's events and instances that a request names, or 404 naming the id."""

from __future__ import annotations

from sandbox.errors import echo, not_found
from sandbox.seed import Event, Instance, Seed


def event_or_404(seed: Seed, event_id: str) -> Event:
    found = seed.events.get(event_id)
    if found is None:
        raise not_found(f"The event '{echo(event_id)}' was not found.")
    return found


def instance_or_404(seed: Seed, instance_id: str) -> Instance:
    found = seed.instances.get(instance_id)
    if found is None:
        raise not_found(f"The instance '{echo(instance_id)}' was not found.")
    return found
