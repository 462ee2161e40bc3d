"""What the workspace's modules share: the store the app holds, and how long a session lasts."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import current_app

EXTENSION = "recours.workspace"
IDLE = timedelta(minutes=30)  # a session unused this long ends
LONGEST = timedelta(hours=8)  # and any session after a working day


def workspace() -> Any:
    return current_app.extensions[EXTENSION]
