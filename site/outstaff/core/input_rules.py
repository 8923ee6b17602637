"""The one input rule: no control characters in what people send, except tab, and line ends
in multi-line text.

Control characters are never typed: a NUL makes PostgreSQL refuse the whole statement (a 500),
a CR or LF in a single-line value would end up in a mail header, the others are invisible.
Forms apply the rule to every field (outstaff.forms.Form) with a message beside the field;
URLs apply it here, to the path and every query-string key and value of a routed request,
with a 400.
"""

import re

from flask import Flask, abort, request
from flask_babel import lazy_gettext as _l

# C0 and C1 controls, DEL, and the Unicode line and paragraph separators; tab is allowed.
_SINGLE_LINE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")
# The same, but CR and LF are allowed.
_MULTI_LINE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
LINE_ENDS = re.compile("[\r\n\u2028\u2029]")

BAD_ADDRESS = _l(
    "The address contains characters that cannot be typed (control "
    "characters). Please check the link."
)


def has_control_characters(text: str, multiline: bool = False) -> bool:
    return (_MULTI_LINE if multiline else _SINGLE_LINE).search(text) is not None


def register(app: Flask) -> None:
    # First of the app's before-request hooks: nothing may read the values before this.
    app.before_request_funcs.setdefault(None, []).insert(0, refuse_control_characters_in_url)


def refuse_control_characters_in_url() -> None:
    """400 for a routed request whose path or query string carries a control character.

    Unrouted paths are left to their 404: no view reads them.
    """
    if request.url_rule is None:
        return
    values = [request.path]
    for key, value in request.args.items(multi=True):
        values += (key, value)
    if any(has_control_characters(value) for value in values):
        abort(400, description=BAD_ADDRESS)
