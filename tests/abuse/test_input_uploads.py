"""Uploads an attacker crafts to exhaust a worker's memory (issue 12, finding 18)."""

import pytest
from input_photo_cost import draw, processing_cost

from tests.helpers import upload

# Finding 18: one upload may cost the worker about 100 MB at most.
BUDGET_MB = 100
WORST_ACCEPTED = {  # the costliest image of each kind still accepted (at its pixel ceiling)
    "rgba_png": ("PNG", "RGBA", 4000, 2500),
    "palette_png_with_transparency": ("PNG", "P", 4000, 2500),
    "grey_alpha_png": ("PNG", "LA", 4000, 2500),
    "rgba_webp": ("WEBP", "RGBA", 2500, 2000),
    "progressive_cmyk_jpeg": ("JPEG", "progressive CMYK", 4000, 2500),
    "baseline_jpeg_40_mp": ("JPEG", "RGB", 8000, 5000),
}
JUST_REFUSED = {
    "review_png_6300": ("PNG", "RGB", 6300, 6300),  # the review's 154 KB, 39.7 MP image
    "png_over_10_mp": ("PNG", "RGBA", 4001, 2500),
    "webp_over_5_mp": ("WEBP", "RGB", 2501, 2000),
    "progressive_jpeg_over_10_mp": ("JPEG", "progressive RGB", 4001, 2500),
    "long_narrow_jpeg": ("JPEG", "RGB", 65000, 615),  # draft cannot shrink it below 10 MP
}


@pytest.fixture(scope="module")
def images(tmp_path_factory):
    return draw(tmp_path_factory.mktemp("costly_images"), {**WORST_ACCEPTED, **JUST_REFUSED})


def test_decompression_sized_png_costs_little_memory(images, client, make_user, auth):
    data = images["review_png_6300"].read_bytes()
    assert len(data) < 200_000
    outcome, megabytes = processing_cost(images["review_png_6300"])
    assert "more than 10 megapixels" in outcome and megabytes < 10
    auth.login(make_user("developer"))
    response = upload(client, data, "bomb.png", "image/png")
    assert response.status_code == 400 and "more than 10 megapixels" in response.text


@pytest.mark.parametrize("name", WORST_ACCEPTED)
def test_the_costliest_accepted_images_stay_under_100_mb(images, name):
    outcome, megabytes = processing_cost(images[name])
    assert outcome == "accepted"
    assert megabytes < BUDGET_MB, f"{name}: {megabytes:.0f} MB"


@pytest.mark.parametrize("name", [n for n in JUST_REFUSED if n != "review_png_6300"])
def test_images_over_their_ceiling_are_refused_before_decoding(images, name):
    outcome, megabytes = processing_cost(images[name])
    assert outcome != "accepted" and megabytes < 10, (outcome, megabytes)
