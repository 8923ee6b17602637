"""Demo data: a photo from a small generated pool for every demo developer without one."""

import random

from sqlalchemy import select

from outstaff.extensions import db
from outstaff.models import DeveloperProfile, Photo
from outstaff.services import photos

POOL_SIZE = 12
BATCH = 1000


def seed(rng: random.Random, fakers: dict, echo) -> None:
    """Give every developer profile without a photo one of POOL_SIZE abstract avatars."""
    pool = photos.demo_pool(POOL_SIZE)
    query = select(DeveloperProfile).where(DeveloperProfile.photo_id.is_(None))
    added = 0
    while batch := db.session.scalars(query.order_by(DeveloperProfile.id).limit(BATCH)).all():
        for profile in batch:
            thumb, large = rng.choice(pool)
            profile.photo = Photo(user_id=profile.user_id, thumb_sha=thumb, large_sha=large)
        db.session.commit()
        added += len(batch)
    echo(f"Gave {added} demo developers a photo from a pool of {POOL_SIZE}.")
