"""Decoding a hostile upload into a small, clean square, at a bounded cost in memory.

Pillow reads the header first (JPEG, PNG or WebP only) and the file is refused before any
pixel is decoded when it is too large; then it is verified, decoded (a baseline JPEG at a
reduced scale), cut down at once to a centred square of the largest size kept, turned
upright by its EXIF orientation and converted to sRGB, with transparency laid on white.
"""

import io
import warnings

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from PIL import ExifTags, Image, ImageCms

LARGEST = 480  # the largest size the site keeps (photos.SIZES["large"])
# One upload may cost the worker about 100 MB at most (tests/abuse/test_input_uploads.py
# measures the worst accepted images). So the header is read first and the image refused
# before any pixel is decoded when it claims more than MAX_PIXELS, or when the decoder would
# hold more than DECODED_PIXELS at full size: PNG is decoded whole (up to 8 bytes a pixel
# while it is cut down), WebP through libwebp's canvases (about 17 bytes a pixel), a
# progressive JPEG keeps every coefficient of the full image; only a baseline JPEG is decoded
# at 1/2 to 1/8 of its size (`draft`), which is why it may claim far more pixels.
MAX_PIXELS = 40_000_000
DECODED_PIXELS = {"WEBP": 5_000_000}
DECODED_PIXELS_OTHERWISE = 10_000_000
FORMATS = ("JPEG", "PNG", "WEBP")
# Modes Pillow resizes with a proper filter; others are converted first.
RESIZABLE = ("L", "LA", "RGB", "RGBA", "CMYK")
# EXIF orientation -> the transpose that shows the image upright (as ImageOps.exif_transpose).
UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}

# Pillow's own guard against decompression bombs, at our highest limit: it warns above it
# and refuses above twice it; the pipeline turns both into a refusal.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS

NOT_AN_IMAGE = _l(
    "This file is not a JPEG, PNG or WebP image, or it is damaged. Please choose another photo."
)


class PhotoRejected(ValueError):
    """The upload cannot be used; the message is for the person who sent it."""


def _open(data: bytes) -> Image.Image:
    """The image with only its header read (JPEG already set to decode at a reduced scale);
    refused when the header says it is too large to decode here."""
    if (size := webp_size(data)) and size[0] * size[1] > DECODED_PIXELS["WEBP"]:
        # libwebp allocates its canvases as soon as Pillow opens the file.
        raise PhotoRejected(_too_many_pixels(DECODED_PIXELS["WEBP"]))
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=FORMATS)
        except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
            raise PhotoRejected(_too_many_pixels(MAX_PIXELS)) from exc
        except Exception as exc:  # Pillow raises many kinds on hostile input
            raise PhotoRejected(NOT_AN_IMAGE) from exc
    if image.format not in (*FORMATS, "MPO"):  # MPO: the JPEG many cameras write
        raise PhotoRejected(NOT_AN_IMAGE)
    _refuse_costly(image)
    return image


def _refuse_costly(image: Image.Image) -> None:
    """Refuse what would cost too much to decode; set a JPEG to decode at a reduced scale."""
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise PhotoRejected(_too_many_pixels(MAX_PIXELS))
    ceiling = DECODED_PIXELS.get(image.format, DECODED_PIXELS_OTHERWISE)
    if image.format not in ("JPEG", "MPO"):
        held = width * height
    else:
        image.draft("RGB", (LARGEST, LARGEST))
        reduced = image.size[0] * image.size[1]
        if not image.info.get("progressive") and reduced > ceiling:  # long and narrow
            raise PhotoRejected(
                _l("The image is too long and narrow. Please crop it closer to a square.")
            )
        held = width * height if image.info.get("progressive") else reduced
    if held > ceiling:
        raise PhotoRejected(_too_many_pixels(ceiling))


def webp_size(data: bytes) -> tuple[int, int] | None:
    """The canvas size a WebP file's header states (RFC 9649), or None for other files."""
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP" or len(data) < 30:
        return None
    kind, number = data[12:16], int.from_bytes
    if kind == b"VP8X":
        return 1 + number(data[24:27], "little"), 1 + number(data[27:30], "little")
    if kind == b"VP8L" and data[20] == 0x2F:
        bits = number(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if kind == b"VP8 ":
        return number(data[26:28], "little") & 0x3FFF, number(data[28:30], "little") & 0x3FFF
    return None


def _too_many_pixels(limit: int):
    return lazy_ngettext(
        "The image has more than %(num)d megapixel. Please choose a smaller one.",
        "The image has more than %(num)d megapixels. Please choose a smaller one.",
        limit // 1_000_000,
    )


def decode(data: bytes) -> Image.Image:
    """The centred square of the upload, upright, in sRGB, at most the large size across.

    The full-size pixels live only while they are cut down: every conversion runs on the
    small square. PhotoRejected when the file is not a usable image.
    """
    _verify(data)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        image = _open(data)  # verify() leaves the image unusable: open it again
        try:
            image.load()
            orientation = image.getexif().get(ExifTags.Base.Orientation)
            icc = image.info.get("icc_profile")
            square = _small_square(image)
            del image  # the full-size pixels go before any further copy is made
            if orientation in UPRIGHT:
                square = square.transpose(UPRIGHT[orientation])
            return _to_srgb(square, icc)
        except Exception as exc:  # truncated or corrupt pixel data
            raise PhotoRejected(NOT_AN_IMAGE) from exc


def _verify(data: bytes) -> None:
    """Check the file's structure without decoding the pixels (in its own frame, so the
    decoder it opens is gone before the pixels are decoded)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            _open(data).verify()
        except PhotoRejected:
            raise
        except Exception as exc:
            raise PhotoRejected(NOT_AN_IMAGE) from exc


def _small_square(image: Image.Image) -> Image.Image:
    """The centred square, resized straight from the decoded pixels to at most `large`.

    A centred square commutes with the EXIF rotations and flips, so orientation can wait.
    """
    width, height = image.size
    side = min(width, height)
    left, top = (width - side) // 2, (height - side) // 2
    box = (left, top, left + side, top + side)
    if image.mode not in RESIZABLE:  # palette, 1-bit, 16-bit: convert just the square
        transparent = image.mode in ("PA", "La") or "transparency" in image.info
        image = image.crop(box).convert("RGBA" if transparent else "RGB")
        box = (0, 0, side, side)
    target = min(side, LARGEST)
    return image.resize((target, target), Image.Resampling.LANCZOS, box=box)


def _to_srgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    """RGB in sRGB: colour profiles converted, transparency laid on white."""
    if icc and image.mode in ("RGB", "RGBA", "CMYK", "L"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            mode = "RGBA" if image.mode == "RGBA" else "RGB"
            image = ImageCms.profileToProfile(
                image, source, ImageCms.createProfile("sRGB"), outputMode=mode
            )
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: keep the pixels as they are
    if image.mode in ("RGBA", "LA"):
        image = image.convert("RGBA")
        background = Image.new("RGBA", image.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, image)
    return image.convert("RGB")
