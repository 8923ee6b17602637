"""What the request says about the client, read once and the same way everywhere."""

from flask import request


def client_ip() -> str:
    """The client's address; ProxyFix has already applied the trusted proxies' headers."""
    return request.remote_addr or "unknown"
