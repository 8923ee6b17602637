"""What the tests share that is not a fixture: readers of pages and mail, signing in,
images and rows to test with, and the translation checks. Fixtures are in the conftest.py
files: the factories every folder uses at the root, a folder's own beside its tests."""

import hashlib
import html
import io
import re
import struct
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from datetime import date
from email import message_from_bytes
from email.policy import default
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pyotp
import time_machine
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_keywords, parse_mapping_cfg
from babel.messages.pofile import read_po, write_po
from flask import Flask, has_app_context
from flask.testing import FlaskClient
from jinja2 import Environment
from PIL import ExifTags, Image
from sqlalchemy import event
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from outstaff.core.extensions import db
from outstaff.models import (
    AuditEntry,
    BlockedCompany,
    ConsentRecord,
    DeveloperProfile,
    EmployerProfile,
    ImageBlob,
    Offer,
    Photo,
    ProfileView,
    SecurityEvent,
    ShortlistEntry,
    User,
    utcnow,
)
from outstaff.questionnaire import service as questionnaire

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "correct horse battery staple"  # what make_user (conftest.py) sets


# --- Pages and mail -------------------------------------------------------------------


def field_error(response, field_id: str) -> str | None:
    """The error message shown beside a form field (the `_forms.html` macro's markup)."""
    match = re.search(
        rf'<p class="error" id="{re.escape(field_id)}-error">(.*?)</p>',
        response.get_data(as_text=True),
        re.S,
    )
    return html.unescape(match.group(1)).strip() if match else None


def input_value(response, name: str) -> str | None:
    """The value an <input name=...> is filled with."""
    page = response.get_data(as_text=True)
    for tag in re.findall(r"<input[^>]*>", page):
        if re.search(rf'\bname="{re.escape(name)}"', tag):
            value = re.search(r'\bvalue="([^"]*)"', tag)
            return html.unescape(value.group(1)) if value else None
    return None


def csrf_token(response) -> str:
    value = input_value(response, "csrf_token")
    assert value, "the page has no CSRF token"
    return value


def main_text(response) -> str:
    """The text of <main>, tags and whitespace dropped: what a reader sees of the page."""
    page = response.get_data(as_text=True)
    main = re.search(r"<main\b.*?</main>", page, re.S)
    text = re.sub(r"<[^>]+>", " ", main.group(0) if main else page)
    return " ".join(html.unescape(text).split())


def card_names(page: str) -> list[str]:
    """The names on the listing's cards, in page order (HTML entities decoded)."""
    return [
        html.unescape(name)
        for name in re.findall(r'<h3 id="dev-\d+"><a href="[^"]+">([^<]*)</a></h3>', page)
    ]


def next_link(page: str, rel: str = "next") -> str | None:
    match = re.search(rf'<a rel="{rel}"[^>]*href="([^"]+)"', page)
    return html.unescape(match[1]) if match else None


def mails_to(outbox: list, address: str) -> list:
    return [message for message in outbox if message.to == address]


def link_in(message, path_prefix: str) -> str:
    """The path of the first link in a mail that starts with `path_prefix`."""
    match = re.search(r"https?://[^/\s]+(" + re.escape(path_prefix) + r"\S*)", message.body)
    assert match, f"no {path_prefix} link in: {message.body}"
    return match.group(1)


# --- Mail through SMTP (Flask-Mailman's backend, smtplib.SMTP replaced) ---------------

SMTP_CONFIG = {
    "MAIL_BACKEND": "smtp",
    "MAIL_SERVER": "smtp.example.com",
    "MAIL_PORT": 2525,
    "MAIL_USERNAME": "relay-user",
    "MAIL_PASSWORD": "relay-secret",
}


class FakeSMTP:
    """Records what would be sent as (calls, parsed message); `fail` makes connecting raise."""

    sent: list = []
    fail: BaseException | None = None

    def __init__(self, host, port, local_hostname=None, timeout=None, **_):
        if FakeSMTP.fail is not None:
            raise FakeSMTP.fail
        self.calls = [("connect", host, port)]

    def starttls(self, context=None):
        self.calls.append(("starttls",))

    def login(self, user, password):
        self.calls.append(("login", user))

    def sendmail(self, sender, recipients, data, mail_options=(), rcpt_options=()):
        FakeSMTP.sent.append((self.calls, message_from_bytes(data, policy=default)))
        return {}

    def quit(self):
        pass

    def close(self):
        pass


# --- Signing in -------------------------------------------------------------------

_CLOCK_MOVES: list = []


def move_past_last_totp_step(user) -> None:
    """Move the app's clock past the account's last used TOTP step, for the rest of the test.

    The site takes each code once (and no older one), so a test that signs one account in
    twice within 30 seconds moves time on, as a person would wait for the next code. The
    clock stays moved (cookies signed "in the future" would not be read after a jump back);
    conftest puts it back after each test. Nothing moves while a code of now is unused.
    """
    from outstaff.core.extensions import db
    from outstaff.models import User

    last = db.session.scalar(db.select(User.totp_last_step).where(User.id == user.id))
    interval = pyotp.TOTP(user.totp_secret).interval
    if last is not None and last >= int(time.time()) // interval:
        traveller = time_machine.travel((last + 1) * interval + 1, tick=True)
        traveller.start()
        _CLOCK_MOVES.append(traveller)


def restore_clock() -> None:
    while _CLOCK_MOVES:
        _CLOCK_MOVES.pop().stop()


def totp_code(user) -> str:
    """The code the account's authenticator app shows, one the site has not taken yet."""
    move_past_last_totp_step(user)
    return pyotp.TOTP(user.totp_secret).now()


def answer_challenge(client: FlaskClient, user, path: str = "/account/2fa/challenge", **request):
    """Post the code the account's authenticator app shows (after the last used one)."""
    data = {"code": totp_code(user), **_csrf_field(client, path, **request)}
    return client.post(path, data=data, **request)


def sign_in(
    client: FlaskClient,
    user,
    password: str = PASSWORD,
    *,
    headers=None,
    environ_base=None,
    **fields,
):
    """Sign in as `user` (a User or an email address) through the form, as a browser does:
    with the form's CSRF token when the app checks it, answering the two-factor step if the
    account has one. `headers` and `environ_base` go with every request; `fields` (such as
    remember="y") into the form."""
    email = getattr(user, "email", user)
    request = {
        key: value
        for key, value in (("headers", headers), ("environ_base", environ_base))
        if value is not None
    }
    data = {
        "email": email,
        "password": password,
        **_csrf_field(client, "/account/signin", **request),
        **fields,
    }
    response = client.post("/account/signin", data=data, **request)
    location = response.headers.get("Location", "")
    if location.startswith("/account/2fa/challenge"):
        from outstaff.accounts import service as accounts

        with app_context_of(client.application):
            user = accounts.find_by_email(email)
            response = answer_challenge(client, user, location, **request)
    return response


def app_context_of(app: Flask):
    """The test's app context when it holds one, else a new one for the block."""
    return nullcontext() if has_app_context() else app.app_context()


def signed_in(app: Flask, user, **options) -> FlaskClient:
    """A separate browser, signed in as `user` (options as for `sign_in`)."""
    client = app.test_client()
    response = sign_in(client, user, **options)
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


def _csrf_field(client: FlaskClient, path: str, **request) -> dict:
    if not client.application.config["WTF_CSRF_ENABLED"]:
        return {}
    return {"csrf_token": csrf_token(client.get(path, **request))}


def reaches_admin_console(client: FlaskClient) -> bool:
    """The console opens; or the account is an admin whose session has not passed two-factor
    sign-in yet (the console is 404 to it, as to anyone) and the site steers it there."""
    response = client.get("/admin/")
    if response.status_code == 200:
        return True
    steered = client.get("/account/signin")  # a signed-in user is sent to their start page
    return (
        response.status_code == 404
        and steered.status_code == 302
        and steered.headers["Location"].startswith("/account/2fa")
    )


def signed_in_email(client: FlaskClient) -> str | None:
    """Whose account page this client sees, or None when it is sent to sign in."""
    response = client.get("/account/")
    if response.status_code == 302:
        assert response.headers["Location"].startswith("/account/signin")
        return None
    assert response.status_code == 200
    match = re.search(r"<dt>Email</dt><dd>([^<]*)</dd>", response.get_data(as_text=True))
    return html.unescape(match.group(1)) if match else None


# --- SQL --------------------------------------------------------------------------


ISOLATION = re.compile(r"(RELEASE |ROLLBACK TO )?SAVEPOINT ")


@contextmanager
def counted_statements() -> Iterator[list[str]]:
    """Collects every SQL statement the app sends to the database inside the block (not
    the savepoints that keep a test's writes in its outer transaction: harness.py)."""
    statements: list[str] = []

    def listener(conn, cursor, statement, parameters, context, executemany):
        if not ISOLATION.match(statement):
            statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)


# --- Questionnaires and photos ----------------------------------------------------

COMPLETE_FORM = {
    "first_name": "Anna",
    "last_name": "Kowalska",
    "current_company": "Globex LLC",
    "country": "PL",
    "languages": ["pl", "en"],
    "english_level": "C1",
    "telegram": "@anna_kowalska",
    "phone": "+48 22 123 45 67",
    "profession": "backend",
    "profession_other": "",
    "skills": "Python, PostgreSQL, Docker",
    "years_experience": "7",
    "availability": "open",
    "bio": "Back-end developer who likes boring, reliable systems.",
    "contact_visibility": "employers",
}


def image_bytes(fmt: str = "JPEG", size=(640, 480), color=(40, 120, 200), **save) -> bytes:
    out = io.BytesIO()
    mode = "RGBA" if fmt == "PNG" and save.pop("alpha", False) else "RGB"
    Image.new(mode, size, color).save(out, fmt, **save)
    return out.getvalue()


def gps_jpeg() -> bytes:
    """A JPEG whose EXIF says where it was taken (and by which camera)."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "LeakyCam"
    exif[ExifTags.Base.ImageDescription] = "SECRET-HOME-ADDRESS"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (43.0, 14.0, 18.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (76.0, 53.0, 44.2)
    data = image_bytes("JPEG", exif=exif)
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(ExifTags.IFD.GPSInfo)  # it leaks
    return data


def sideways_jpeg() -> bytes:
    """A portrait photo (red above blue) stored on its side with EXIF orientation 6."""
    upright = Image.new("RGB", (300, 450), (220, 30, 30))
    upright.paste((30, 30, 220), (0, 225, 300, 450))
    stored = upright.transpose(Image.Transpose.ROTATE_90)  # what the camera wrote
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # "rotate 90° clockwise to display"
    out = io.BytesIO()
    stored.save(out, "JPEG", exif=exif, quality=95)
    return out.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A tiny PNG that claims huge dimensions: a decompression bomb's calling card."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def upload(
    client: FlaskClient, data: bytes, filename: str = "me.jpg", content_type: str = "image/jpeg"
):
    # Encoded in memory: the test client's own encoder leaves a temporary file open for
    # bodies over 500 KB, which warnings-as-errors turns into a failure.
    boundary, body = encode_multipart(
        MultiDict({"photo": FileStorage(io.BytesIO(data), filename, content_type=content_type)})
    )
    return client.post(
        "/questionnaire/photo", data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )


def complete_profile(user, **columns) -> DeveloperProfile:
    """A questionnaire with every required field, stored directly."""
    profile = questionnaire.get_or_create(user)
    values = {
        **COMPLETE_FORM,
        "years_experience": 7,
        "phone": "+48221234567",
        "telegram": "anna_kowalska",
        **columns,
    }
    questionnaire.save(profile, values, values["languages"], ["Python", "PostgreSQL"])
    db.session.commit()
    return profile


def publish(profile: DeveloperProfile) -> None:
    """Publish as the developer's button does (consent recorded, the search index follows)."""
    questionnaire.publish(profile.user, profile)
    db.session.commit()


# --- Rows in every table, browsers, GeoIP -----------------------------------------

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
)


def png_bytes(color=(200, 30, 30), size=(8, 8)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return buffer.getvalue()


def make_photo(user: User, profile: DeveloperProfile) -> tuple[Photo, bytes, bytes]:
    thumb, large = png_bytes((10, 20, 30)), png_bytes((40, 50, 60), (16, 16))
    for data, (w, h) in ((thumb, (8, 8)), (large, (16, 16))):
        db.session.add(
            ImageBlob(
                sha256=hashlib.sha256(data).hexdigest(),
                content_type="image/png",
                width=w,
                height=h,
                data=data,
            )
        )
    photo = Photo(
        user_id=user.id,
        thumb_sha=hashlib.sha256(thumb).hexdigest(),
        large_sha=hashlib.sha256(large).hexdigest(),
    )
    db.session.add(photo)
    db.session.flush()
    profile.photo_id = photo.id
    db.session.commit()
    return photo, thumb, large


# The developer's questionnaire in fill_everything: every column filled.
FULL_PROFILE = dict(
    first_name="Aigerim",
    last_name="Nurlanovna",
    current_company="Kaspi Lab",
    country="KZ",
    english_level="B2",
    english_rank=4,
    telegram="aigerim_dev",
    phone="+77011234567",
    profession="backend",
    profession_other="Backend wizard",
    years_experience=6,
    availability="open",
    bio="Python and PostgreSQL.",
    contact_visibility="after_accept",
    languages=("kk", "en"),
    skills=("PostgreSQL",),
)


def fill_everything(make_profile, developer: User, employer: User, admin: User) -> None:
    """A row of every kind the site keeps about the developer and the employer."""
    profile = make_profile(user=developer, published_at=utcnow(), **FULL_PROFILE)
    make_photo(developer, profile)
    db.session.add_all(
        [
            EmployerProfile(
                user_id=employer.id,
                first_name="Dana",
                last_name="Boss",
                company_name="Hire Co",
                company_name_norm="hire co",
                country="DE",
                website="https://hire.example",
                phone="+4915112345678",
                telegram="hireco_hr",
            ),
            BlockedCompany(
                profile_id=profile.id,
                user_id=developer.id,
                kind="company",
                value="Kaspi Lab",
                value_norm="kaspi lab",
            ),
            ProfileView(developer_id=developer.id, employer_id=employer.id, day=date.today()),
            Offer(
                employer_id=employer.id,
                developer_id=developer.id,
                role_title="Backend lead",
                engagement="contract",
                rate_amount=50,
                currency="EUR",
                rate_period="hour",
                start_date=date.today(),
                duration="6 months",
                message="Join us!",
                state="accepted",
                reply="Gladly",
            ),
            ShortlistEntry(employer_id=employer.id, developer_id=developer.id, note="Strong"),
            ConsentRecord(
                user_id=developer.id, purpose="publish_profile", granted=True, policy_version=1
            ),
            AuditEntry(
                actor_id=admin.id,
                action="profile.hide",
                target_user_id=developer.id,
                note="Checked the photo",
            ),
            SecurityEvent(
                user_id=developer.id,
                kind="signin",
                ip="203.0.113.9",
                browser="Firefox",
                os="Windows",
            ),
        ]
    )
    developer.last_seen_at = utcnow()
    db.session.commit()


def _mmdb_value(value) -> bytes:
    """MaxMind DB data-section encoding of the few types a country record needs."""
    if isinstance(value, dict):
        out = bytes([(7 << 5) | len(value)])
        for key, item in value.items():
            out += _mmdb_value(key) + _mmdb_value(item)
        return out
    if isinstance(value, str):
        data = value.encode()
        return bytes([(2 << 5) | len(data)]) + data
    if isinstance(value, list):  # array: extended type 11
        return bytes([len(value), 11 - 7]) + b"".join(_mmdb_value(v) for v in value)
    if isinstance(value, tuple):  # ("uint16"|"uint32"|"uint64", n)
        kind, number = value
        width = {"uint16": 2, "uint32": 4, "uint64": 8}[kind]
        data = number.to_bytes(width, "big").lstrip(b"\0")
        if kind == "uint64":
            return bytes([len(data), 9 - 7]) + data
        return bytes([({"uint16": 5, "uint32": 6}[kind] << 5) | len(data)]) + data
    raise TypeError(value)


def write_mmdb(path, network: str, iso_code: str) -> None:
    """A minimal IPv4 GeoIP2-Country-style database: one network -> one country."""
    import ipaddress

    net = ipaddress.ip_network(network)
    bits = format(int(net.network_address), "032b")[: net.prefixlen]
    node_count = len(bits)
    data = _mmdb_value({"country": {"iso_code": iso_code}})
    pointer = node_count + 16  # data offset 0, as a search-tree record value
    tree = b""
    for i, bit in enumerate(bits):
        follow = pointer if i == node_count - 1 else i + 1
        left, right = (follow, node_count) if bit == "0" else (node_count, follow)
        tree += left.to_bytes(3, "big") + right.to_bytes(3, "big")
    metadata = _mmdb_value(
        {
            "node_count": ("uint32", node_count),
            "record_size": ("uint16", 24),
            "ip_version": ("uint16", 4),
            "database_type": "Test-Country",
            "languages": ["en"],
            "binary_format_major_version": ("uint16", 2),
            "binary_format_minor_version": ("uint16", 0),
            "build_epoch": ("uint64", 1_700_000_000),
            "description": {"en": "test"},
        }
    )
    path.write_bytes(tree + b"\0" * 16 + data + b"\xab\xcd\xefMaxMind.com" + metadata)


# --- Translations -----------------------------------------------------------------

TEMPLATES = ROOT / "templates"
RUSSIAN_PO = ROOT / "site/outstaff/translations/ru/LC_MESSAGES/messages.po"
RUSSIAN_MO = RUSSIAN_PO.with_suffix(".mo")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%%")


def extract_keywords() -> dict:
    """The keywords `make extract` passes (`-k …` in the Makefile), on top of Babel's."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    command = re.search(r"pybabel extract (.*?)-o messages\.pot", makefile, re.S).group(1)
    keywords = dict(DEFAULT_KEYWORDS)
    keywords.update(parse_keywords(re.findall(r"-k (\S+)", command)))
    return keywords


def extract_to(pot: Path) -> Catalog:
    """Run the extraction `make extract` runs, in this process, into `pot`; read it back."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    catalog = Catalog(project="Outstaff")
    for filename, lineno, message, comments, context in extract_from_dir(
        ROOT, method_map, options_map, keywords=extract_keywords()
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    with pot.open("wb") as out:
        write_po(out, catalog)
    with pot.open("rb") as back:
        return read_po(back)


def russian_catalog() -> Catalog:
    with RUSSIAN_PO.open("rb") as po:
        return read_po(po, locale="ru")


def forms_of(message) -> list[str]:
    return list(message.string) if isinstance(message.id, tuple) else [message.string]


@cache
def english_chunks() -> tuple[tuple[str, str], ...]:
    """(msgid, piece) for every translated message: the pieces of English between its
    placeholders that are longer than 12 characters and absent from its translation."""
    chunks = []
    for message in russian_catalog():
        if not message.id or not all(forms_of(message)):
            continue
        translated = " ".join(forms_of(message))
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        for msgid in ids:
            for piece in PLACEHOLDER.split(msgid):
                piece = piece.strip()
                if len(piece) > 12 and piece not in translated:
                    chunks.append((ids[0], piece))
    return tuple(chunks)


def english_left_in(page: str) -> list[str]:
    """The English UI strings (from the catalog) that appear verbatim in a rendered page.

    What a text box holds is data (the English policy an admin edits), not the page's UI.
    """
    text = html.unescape(re.sub(r"<textarea[^>]*>.*?</textarea>", "", page, flags=re.S))
    return sorted({msgid for msgid, piece in english_chunks() if piece in text})


# --- Templates -------------------------------------------------------------------------

GETTEXT = {"_", "gettext", "ngettext", "pgettext", "npgettext"}
SHOWN_ATTRIBUTES = {"alt", "title", "placeholder", "aria-label", "aria-description"}
WORDS = re.compile(r"[A-Za-z]{2,}")
# A literal inside {{ }} or {% %} that reads like words for people: "Save changes", "Cancel".
PROSE = re.compile(r"^[A-Z][a-z]+$|[A-Za-z]{2,}[ ,.!?:;]+[A-Za-z]{2,}.*[A-Z]|^[A-Z][a-z]+ [a-z]")
# Text that is the same in every language.
ALLOWED = {"JSON", "Markdown", "Telegram", "Crypton", "Outstaff", "UTC", "OK", "ID", "QR"}


class _TextNodes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs) -> None:
        if tag in ("script", "style"):
            self.hidden += 1
        values = dict(attrs)
        for name, value in attrs:
            shown = name in SHOWN_ATTRIBUTES or (
                name == "value" and tag == "input" and values.get("type") in ("submit", "button")
            )
            if shown and value:
                self._check(f"{name}=", value)

    def handle_endtag(self, tag) -> None:
        if tag in ("script", "style"):
            self.hidden -= 1

    def handle_data(self, data) -> None:
        if not self.hidden:
            self._check("", data)

    def _check(self, where: str, text: str) -> None:
        words = [w for w in WORDS.findall(text) if w not in ALLOWED]
        if words:
            self.found.append(where + text.strip())


def untranslated_template_text(source: str, mail: bool = False) -> list[str]:
    """English a template shows outside `_()`: text between tags, shown attributes, and
    string literals in expressions that read like prose."""
    env = Environment(extensions=["jinja2.ext.i18n"])
    data, found, calls = [], [], []
    previous = None
    for _line, kind, value in env.lex(source):
        if kind == "data":
            data.append(value)
        elif kind in ("variable_begin", "block_begin"):
            data.append(" ")  # the tag renders as something, never as English
        elif kind == "operator" and value == "(":
            calls.append(previous[1] if previous and previous[0] == "name" else None)
        elif kind == "operator" and value == ")" and calls:
            calls.pop()
        elif (
            kind == "string" and not (calls and calls[-1] in GETTEXT) and PROSE.search(value[1:-1])
        ):
            found.append(f"literal {value}")
        if kind != "whitespace":
            previous = (kind, value)
    text = "".join(data)
    if mail:
        found += [
            line.strip()
            for line in text.splitlines()
            if [w for w in WORDS.findall(line) if w not in ALLOWED]
        ]
    else:
        parser = _TextNodes()
        parser.feed(text)
        found += parser.found
    return found
