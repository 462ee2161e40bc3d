"""Uploaded notifications stay in memory: the request class that never spools a file to disk,
and the larger body a view that reads a notification accepts (``@reads_uploads``).

Werkzeug keeps a file part over 500 KB in a temporary file; a notification is personal data,
so it is held in a ``BytesIO`` instead, bounded by the view's limit, and forgotten with the
request. Every other view keeps the app's small ``MAX_CONTENT_LENGTH``.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import IO, Any, TypeVar

from flask import Request, current_app

from letters.notification import files

# The largest file read, with room for the form's other fields and the multipart framing, so
# that a file just over the limit still reaches the reader, which says the limit in words.
UPLOAD_BYTES = files.MAX_BYTES + 256 * 1024
View = TypeVar("View", bound=Callable[..., Any])


def reads_uploads(view: View) -> View:
    """Mark a view that takes a notification file: its body may be as large as ``UPLOAD_BYTES``."""
    view.upload_bytes = UPLOAD_BYTES  # type: ignore[attr-defined]
    return view


class InMemoryRequest(Request):
    """A request whose uploaded files live in memory, with a body limit set per view."""

    def _limit(self) -> int | None:
        view = current_app.view_functions.get(self.endpoint or "")
        limit = getattr(view, "upload_bytes", None)
        return limit if limit and self._max_content_length is None else Request.max_content_length.fget(self)

    max_content_length = property(_limit, Request.max_content_length.fset)  # type: ignore[assignment]

    def _get_file_stream(self, total_content_length: int | None, content_type: str | None,
                         filename: str | None = None, content_length: int | None = None) -> IO[bytes]:
        return io.BytesIO()
