"""Entry point for ``flask --app app`` and ``gunicorn app:app``: the app from the factory."""

from web import create_app

app = create_app()
