"""A person to delete, with rows in every table: the populate functions of
populate_profiles.py and populate_records.py (see conftest.py), in the order they are
registered."""

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

from outstaff.core.extensions import db
from outstaff.models import (
    User,
)

# How each kind of identifier looks; {t} is the person's unique token, {d} seven digits.
FORMATS = {
    "email": "quokka.{t}@example.com",
    "email local part": "quokka.{t}",
    "first name": "Zenobia{t}",
    "last name": "Marchetti{t}",
    "phone": "+7701{d}",
    "telegram": "quokka_{t}",
    "bio phrase": "tends bonsai trees {t} on weekends",
    "blocked company": "Blockco {t} LLP",
    "company": "Quokka Works {t}",
    "website": "https://quokka-{t}.example.org",
    "email domain": "quokka-{t}.example.net",
    "IP address": "2001:db8::{t[0]}{t[1]}{t[2]}{t[3]}:{t[4]}{t[5]}{t[6]}{t[7]}",
}


@dataclass
class Person:
    role: str
    user: User
    developer: User
    employer: User
    admin: User
    token: str
    ids: dict[str, str] = field(default_factory=dict)

    def ident(self, key: str) -> str:
        """This person's identifier of that kind (made on first use); all are searched for."""
        if key not in self.ids:
            template = FORMATS.get(key, key.replace(" ", "-") + "-{t}")
            digits = f"{int(self.token, 16) % 10**7:07d}"
            self.ids[key] = template.format(t=self.token, d=digits)
        return self.ids[key]


POPULATORS: list[Callable[[Person], None]] = []


def populates(function: Callable[[Person], None]) -> Callable[[Person], None]:
    POPULATORS.append(function)
    return function


def make_person(role: str, make_user) -> Person:
    token = secrets.token_hex(4)
    email = FORMATS["email"].format(t=token)
    person = Person(
        role=role,
        user=make_user(role, email=email),
        developer=make_user("developer"),
        employer=make_user("employer", approval="approved"),
        admin=make_user("admin"),
        token=token,
    )
    person.ident("email")
    person.ident("email local part")
    for populate in POPULATORS:
        populate(person)
    db.session.commit()
    return person
