"""The yardstick: a bare Flask app with one route, served under the same gunicorn settings."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    return "<!doctype html><html lang=en><title>bare</title><p>Hello from a bare Flask app.</p>"
