"""Generated avatars for demo developers: drawn faces (no real person, no photo from
anywhere), repeatable from their index, stored once."""

import random

from PIL import Image, ImageDraw, ImageFilter, ImageOps

from outstaff.core.extensions import db
from outstaff.questionnaire.photos import SIZES, encode, store_blob

# Soft backgrounds, skin tones, hair and clothes: enough variety that a page of cards
# looks like a page of people.
BACKGROUNDS = [
    ("#dbe7f3", "#b8cfe6"),
    ("#dcefe6", "#b5dcc9"),
    ("#efe3f5", "#d6c2e6"),
    ("#f7e6d8", "#ecc9ad"),
    ("#e6e9ee", "#c9cfd8"),
    ("#f5efd6", "#e6d8a8"),
]
SKIN = ["#f2d3bd", "#e8b996", "#d09a72", "#b27a54", "#8d5a3b", "#6b4129"]
HAIR = ["#2b2b2b", "#4a3324", "#6e4a2f", "#a8773f", "#c9a15a", "#8a8a8a", "#1d1d1d"]
CLOTHES = ["#1f4e79", "#0d7a5f", "#7a3e9d", "#b5523b", "#374151", "#134e4a", "#9d174d"]


def _face_avatar(index: int) -> Image.Image:
    """A head-and-shoulders portrait: background, shoulders, neck, face, hair, eyes, smile."""
    rng = random.Random(index)
    size = SIZES["large"]
    scale = 4  # drawn large and reduced, for smooth edges
    s = size * scale
    top, bottom = BACKGROUNDS[index % len(BACKGROUNDS)]
    gradient = Image.linear_gradient("L").resize((s, s))
    image = ImageOps.colorize(gradient, top, bottom).convert("RGB")
    draw = ImageDraw.Draw(image)
    skin, hair, cloth = rng.choice(SKIN), rng.choice(HAIR), rng.choice(CLOTHES)
    cx = s // 2
    face_w, face_h = int(s * rng.uniform(0.30, 0.35)), int(s * rng.uniform(0.38, 0.43))
    face_top = int(s * 0.20)
    # Shoulders and neck.
    draw.ellipse((int(s * 0.12), int(s * 0.72), int(s * 0.88), int(s * 1.25)), fill=cloth)
    neck_w = face_w // 3
    draw.rectangle(
        (cx - neck_w // 2, face_top + face_h - s // 20, cx + neck_w // 2, int(s * 0.78)), fill=skin
    )
    # Hair behind the face (long hair for some), the face, then hair on top.
    long_hair = rng.random() < 0.45
    if long_hair:
        draw.rounded_rectangle(
            (
                cx - face_w // 2 - s // 28,
                face_top - s // 40,
                cx + face_w // 2 + s // 28,
                face_top + int(face_h * 1.05),
            ),
            radius=s // 8,
            fill=hair,
        )
    draw.ellipse((cx - face_w // 2, face_top, cx + face_w // 2, face_top + face_h), fill=skin)
    draw.chord(
        (
            cx - face_w // 2 - s // 60,
            face_top - s // 30,
            cx + face_w // 2 + s // 60,
            face_top + int(face_h * rng.uniform(0.55, 0.7)),
        ),
        180,
        360,
        fill=hair,
    )
    # Eyes and a small smile.
    eye_y, eye_dx, eye_r = face_top + int(face_h * 0.52), face_w // 5, max(s // 90, 2)
    for dx in (-eye_dx, eye_dx):
        draw.ellipse(
            (cx + dx - eye_r, eye_y - eye_r, cx + dx + eye_r, eye_y + eye_r), fill="#2b2b2b"
        )
    mouth_y = face_top + int(face_h * 0.72)
    draw.arc(
        (cx - face_w // 7, mouth_y - s // 40, cx + face_w // 7, mouth_y + s // 40),
        20,
        160,
        fill="#8a4b3c",
        width=max(s // 150, 2),
    )
    image = image.filter(ImageFilter.GaussianBlur(scale / 3))
    return image.resize((size, size), Image.LANCZOS)


def pool(count: int) -> list[tuple[str, str]]:
    """`count` generated avatars stored once each: [(thumb_sha, large_sha), ...]."""
    pool = []
    for index in range(count):
        image = _face_avatar(index)
        pool.append(tuple(store_blob(encode(image, size)) for size in SIZES.values()))
    db.session.flush()
    return pool
