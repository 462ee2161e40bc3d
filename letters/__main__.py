"""Command line: ``python -m letters CASE... --out DIR [--format …] [--today D]``.

The letters of one case, or of many (each into its own folder): ``letters/cli/packets.py``.
``python -m letters read FILE`` reads a notification instead (letters/notification/cli.py),
``python -m letters bundle AUTHORITY CASE …`` builds a referral file (letters/cli/bundle.py),
``python -m letters batch CASE… --out DIR`` writes many cases on every core (letters/cli/batch.py).
"""

from __future__ import annotations

import sys

from .cli import packets


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["read"]:  # python -m letters read FILE: read a notification
        from .notification.cli import main as read

        return read(argv[1:])
    if argv[:1] == ["bundle"]:
        from .cli.bundle import main as bundle

        return bundle(argv[1:])
    if argv[:1] == ["batch"]:
        from .cli.batch import main as batch

        return batch(argv[1:])
    return packets.main(argv)


if __name__ == "__main__":
    sys.exit(main())
