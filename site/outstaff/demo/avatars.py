"""Generated avatars for demo developers: pleasant, personless, repeatable, stored once."""

import random

from PIL import Image, ImageDraw, ImageFilter, ImageOps

from outstaff.core.extensions import db
from outstaff.questionnaire.photos import SIZES, encode, store_blob

# Calm pairs of colours for generated demo avatars.
PALETTE = [
    ("#1f4e79", "#6fb1e6"),
    ("#0d7a5f", "#9ee6c9"),
    ("#7a3e9d", "#e0b3ff"),
    ("#b5523b", "#ffd3a8"),
    ("#2d6a4f", "#d8f3dc"),
    ("#3a0ca3", "#4cc9f0"),
    ("#9d174d", "#fbcfe8"),
    ("#854d0e", "#fde68a"),
    ("#134e4a", "#5eead4"),
    ("#1e3a8a", "#c7d2fe"),
    ("#7c2d12", "#fdba74"),
    ("#374151", "#d1d5db"),
]


def _abstract_avatar(index: int) -> Image.Image:
    """A soft gradient with a few translucent circles: pleasant, personless, repeatable."""
    rng = random.Random(index)
    dark, light = PALETTE[index % len(PALETTE)]
    size = SIZES["large"]
    angle = rng.choice([0, 45, 90, 135, 180, 225, 270, 315])
    # Rotate a larger gradient and keep its middle, so no corner is left unfilled.
    gradient = Image.linear_gradient("L").resize((size * 2, size * 2)).rotate(angle)
    gradient = gradient.crop((size // 2, size // 2, size * 3 // 2, size * 3 // 2))
    image = ImageOps.colorize(gradient, dark, light).convert("RGBA")
    overlay = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for _ in range(rng.randint(3, 5)):
        radius = rng.randint(size // 8, size // 3)
        x, y = rng.randint(0, size), rng.randint(0, size)
        shade = rng.choice([(255, 255, 255), (0, 0, 0)])
        draw.ellipse(
            (x - radius, y - radius, x + radius, y + radius), fill=(*shade, rng.randint(30, 70))
        )
    overlay = overlay.filter(ImageFilter.GaussianBlur(6))
    return Image.alpha_composite(image, overlay).convert("RGB")


def pool(count: int) -> list[tuple[str, str]]:
    """`count` generated avatars stored once each: [(thumb_sha, large_sha), ...]."""
    pool = []
    for index in range(count):
        image = _abstract_avatar(index)
        pool.append(tuple(store_blob(encode(image, size)) for size in SIZES.values()))
    db.session.flush()
    return pool
