"""The WSGI entry point: `gunicorn wsgi:app`, and `flask` commands (FLASK_APP=wsgi:app)."""

from outstaff import create_app

app = create_app()
