"""The clinic workspace: dossiers stored encrypted at rest, for a clinic's staff.

It builds on letters/ (the case, the packet, the referral file) and never imports the web
layer. Settings come from the environment (``settings.py``); storage is SQLAlchemy with
Alembic migrations (``alembic/``), an SQLite file by default and PostgreSQL in production;
``cli.py`` holds the ``clinic`` commands of the Flask command line.
"""
