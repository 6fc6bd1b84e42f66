"""Record ids that two devices cannot both give out (schema 3, issue 15).

An id is ``seconds since 2020 << 22 | device tag << 12 | counter``: a JSON integer below 2**53
(until the year 2088), larger than every id an older infoview counted up (those stay valid),
and increasing on one device. The device tag is drawn at random (10 bits) each time a notebook
is opened; the counter numbers the records one session adds within a second (past 4096 it goes
on in the next second). Two devices give out the same id only if they drew the same tag (1 in
1024) and added a record in the same second with the same count.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Container
from datetime import UTC, datetime

EPOCH = datetime(2020, 1, 1, tzinfo=UTC)
TAG_BITS = 10
COUNT_BITS = 12
LIMIT = 1 << 53
SEQUENTIAL = os.environ.get("INFOVIEW_SEQUENTIAL_IDS") == "1"
"""1, 2, 3, ... as infoview gave out before schema 3: for tests only, which name records by
them (tests/conftest.py sets it, and the variable for the processes tests start)."""


def new_tag() -> int:
    return secrets.randbits(TAG_BITS)


def new_id(now: datetime, after: int, taken: Container[int] = (), tag: int = 0) -> int:
    """A fresh id for a record added at ``now`` by the device with ``tag``, larger than
    ``after`` (the last this device gave out) and not in ``taken``."""
    if SEQUENTIAL:
        candidate = after + 1
    else:
        seconds = max(0, int((now - EPOCH).total_seconds()))
        low = tag << COUNT_BITS
        candidate = (seconds << (TAG_BITS + COUNT_BITS)) | low
        if candidate <= after:
            same_tag = (after >> COUNT_BITS) & ((1 << TAG_BITS) - 1) == tag
            if same_tag and after & ((1 << COUNT_BITS) - 1) < (1 << COUNT_BITS) - 1:
                candidate = after + 1
            else:  # the next second's first id of this tag
                candidate = (
                    ((after >> (TAG_BITS + COUNT_BITS)) + 1) << (TAG_BITS + COUNT_BITS)
                ) | low
    while candidate in taken:
        candidate += 1
    if candidate >= LIMIT:
        raise OverflowError("no record id left below 2**53")
    return candidate
