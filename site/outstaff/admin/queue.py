"""The task queue in the console: undelivered mail ("retry now") and the scheduled jobs."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import ngettext
from flask_login import current_user

from outstaff import audit
from outstaff.admin import bp
from outstaff.core.extensions import db
from outstaff.forms import EmptyForm
from outstaff.queue import jobs, outbox, tasks


@bp.get("/queue")
def queue():
    """Mail waiting, sent and dead (with the last error); each job's last run."""
    return render_template(
        "admin/queue.html",
        counts=outbox.counts(),
        last_error=outbox.last_error(),
        jobs=jobs.last_runs(),
    )


@bp.post("/queue/retry")
def queue_retry():
    """Queue every dead mail again, now, with fresh attempts; audited."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    ids = outbox.revive_dead()
    audit.record(current_user, "mail.retry", target=f"mail:{len(ids)}")
    db.session.commit()
    for outbox_id in ids:
        tasks.enqueue_delivery(outbox_id)
    flash(
        ngettext("%(num)d mail queued again.", "%(num)d mails queued again.", len(ids)), "success"
    )
    return redirect(url_for("admin.queue"))
