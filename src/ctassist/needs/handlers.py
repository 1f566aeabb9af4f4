"""What the needs area does when another area announces an event.

Library emits ``REVIEW_FINALISED`` when a legislative review is finalised; the review's gaps
become proposed needs in the same transaction (see ``services.propose_from_review``).
"""

from __future__ import annotations

from typing import Any

from ctassist.core.events import subscribe
from ctassist.library.events import LibraryEvent
from ctassist.needs import services


@subscribe(LibraryEvent.REVIEW_FINALISED)
def propose_needs_from_review(*, event_type: Any, obj: Any, acting_user: Any, data: dict[str, Any]) -> None:
    services.propose_from_review(acting_user=acting_user, review=obj)
