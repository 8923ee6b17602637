"""The feedback inbox: read messages, answer them by email, mark them handled, delete them."""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from outstaff.admin import bp
from outstaff.admin.forms import NoteForm, ReplyForm
from outstaff.admin.lookup import choice_arg, get_or_404, paginate
from outstaff.core.extensions import db
from outstaff.feedback import service
from outstaff.forms import EmptyForm
from outstaff.models import Feedback

FILTERS = {
    "new": Feedback.status == "new",
    "handled": Feedback.status == "handled",
    "privacy": Feedback.topic == "privacy",
    "all": None,
}


@bp.get("/feedback")
def feedback_inbox():
    """Messages from the contact form, newest first: new, handled or privacy requests."""
    show = choice_arg("show", FILTERS, "new")
    stmt = select(Feedback).order_by(Feedback.created_at.desc(), Feedback.id.desc())
    if FILTERS[show] is not None:
        stmt = stmt.where(FILTERS[show])
    return render_template("admin/inbox.html", pagination=paginate(stmt), show=show)


def _message_page(message: Feedback, reply_form=None, status: int = 200):
    site = current_app.config["SITE_NAME"]
    reply_form = reply_form or ReplyForm(
        subject=_("Re: your message to %(site)s", site=site), formdata=None
    )
    return render_template(
        "admin/message.html",
        message=message,
        reply_form=reply_form,
        account=service.account_for(message),
        history=service.audit_rows(message),
    ), status


@bp.get("/feedback/<int:feedback_id>")
def feedback_message(feedback_id: int):
    """One message, with its sender's account (if any), the reply form and its history."""
    return _message_page(get_or_404(Feedback, feedback_id))


@bp.post("/feedback/<int:feedback_id>/mark")
def feedback_mark(feedback_id: int):
    """Mark a message handled, or new again."""
    message = get_or_404(Feedback, feedback_id)
    if EmptyForm().validate_on_submit():
        handled = request.form.get("handled") == "1"
        service.mark(message, current_user, handled)
        db.session.commit()
        flash(_("Marked as handled.") if handled else _("Marked as new."), "success")
    return redirect(url_for("admin.feedback_message", feedback_id=feedback_id))


@bp.post("/feedback/<int:feedback_id>/reply")
def feedback_reply(feedback_id: int):
    """Answer the sender by email; the reply is kept with the message."""
    message = get_or_404(Feedback, feedback_id)
    form = ReplyForm()
    if not form.validate_on_submit():
        return _message_page(message, form, 400)
    service.reply(message, current_user, form.subject.data, form.body.data)
    db.session.commit()
    flash(_("Your reply is on its way to %(email)s.", email=message.email), "success")
    return redirect(url_for("admin.feedback_message", feedback_id=feedback_id))


@bp.route("/feedback/<int:feedback_id>/delete", methods=["GET", "POST"])
def feedback_delete(feedback_id: int):
    """Confirm, then delete a message (for example when its sender asks us to)."""
    message = get_or_404(Feedback, feedback_id)
    form = NoteForm()
    if form.validate_on_submit():
        service.delete(message, current_user, form.note.data or None)
        db.session.commit()
        flash(_("The message is deleted."), "success")
        return redirect(url_for("admin.feedback_inbox"))
    return render_template(
        "admin/confirm_feedback_delete.html",
        message=message,
        form=form,
    ), 400 if form.errors else 200
