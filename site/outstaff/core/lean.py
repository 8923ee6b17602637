"""Lean endpoints: answers that are not pages (a thumbnail, dozens on every listing page).

A view marked `@lean` is still routed, logged and given the security headers, but the hooks
that exist only for pages skip it on purpose (`pages_only`): the session's "last seen", the
account's activity for retention and the analytics count. A page around the image always
runs them, and without them the view need not load the signed-in user through Flask-Login.
"""

from functools import wraps

from flask import current_app, request


def lean(view):
    view.lean = True
    return view


def is_lean() -> bool:
    """Is the request routed to a `@lean` view?"""
    endpoint = request.endpoint
    return endpoint is not None and getattr(current_app.view_functions[endpoint], "lean", False)


def pages_only(hook):
    """A before- or after-request hook that does nothing for lean endpoints."""

    @wraps(hook)
    def wrapped(*args):
        if is_lean():
            return args[0] if args else None  # an after-request hook hands the response on
        return hook(*args)

    return wrapped
