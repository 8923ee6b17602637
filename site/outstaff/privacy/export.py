"""The "Download my data" file: the declarations' export as one JSON attachment."""

import json

from flask import Response, current_app
from flask_babel import gettext as _

from outstaff import personal_data
from outstaff.models import User, utcnow

FORMAT = "outstaff-export/1"


def build(user: User) -> dict:
    now = utcnow()
    return {
        "format": FORMAT,
        "site": current_app.config["SITE_NAME"],
        "company": current_app.config["COMPANY_NAME"],
        "contact": current_app.config["CONTACT_EMAIL"],
        "exported_at": now.isoformat(),
        "account_id": user.id,
        "note": _(
            "Every table that holds your data, with every row of yours. What another "
            "person keeps for themselves (an employer's shortlist) is theirs and not "
            "included. Images are base64-encoded. Ids refer to other rows of this file "
            "or to other accounts."
        ),
        "tables": personal_data.export_user(user),
    }


def download(user: User) -> Response:
    body = json.dumps(build(user), ensure_ascii=False, indent=2, sort_keys=True, default=str)
    filename = f"outstaff-data-{utcnow():%Y-%m-%d}.json"
    return Response(
        body,
        mimetype="application/json",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )
