"""The flyer's files: printable pages (A4 and US Letter) and a square picture for social media.

The picture is drawn with Pillow in the course's font (DejaVu Sans), each block fitted with the
sentence editor's fitting, so a long title shrinks (or, beyond reason, is cut) but never leaves
the picture. The QR code of the sign-up link is drawn only for http/https links.
"""
from __future__ import annotations

import io

from PIL import Image, ImageDraw

from ..safe_text import safe_filename
from ..sentence_editor.export import draw_line
from .fit import Block
from .layout import free_line, layout
from .model import Flyer
from .qr import qr_image
from .render import flyer_html

PICTURE_SIZE = (1080, 1080)  # square: the shape every social network shows whole
PADDING = 60
QR_SIZE = 260
BACKGROUND, INK, ACCENT, BADGE = "#1d3557", "#ffffff", "#ffd166", "#14213d"


def _draw_block(draw: ImageDraw.ImageDraw, block: Block, left: float, top: float, fill: str) -> float:
    """Draw the block's lines from ``top`` down; returns the height used."""
    for index, line in enumerate(block.lines):
        if line.strip():
            draw_line(draw, (left, top + index * block.layout.line_height), line, block.size, fill)
    return len(block.lines) * block.layout.line_height


BADGE_HEIGHT, TITLE_HEIGHT, TOPIC_HEIGHT, GAP = 76, 300, 110, 10


def picture_layout(flyer: Flyer):
    width = PICTURE_SIZE[0] - 2 * PADDING
    # What is left under the title and the topic, above the QR code (when there is one).
    details = (PICTURE_SIZE[1] - 2 * PADDING - BADGE_HEIGHT - TITLE_HEIGHT - TOPIC_HEIGHT - 2 * GAP
               - (QR_SIZE + 2 * GAP if flyer.signup_link() else 0))
    return layout(flyer, width, TITLE_HEIGHT, TOPIC_HEIGHT, details, scale=1.4)


def render_picture(flyer: Flyer) -> Image.Image:
    image = Image.new("RGB", PICTURE_SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    placed = picture_layout(flyer)
    top = PADDING
    badge = free_line(flyer)
    if badge:
        draw.rectangle((PADDING, top, PICTURE_SIZE[0] - PADDING, top + 60), fill=ACCENT)
        draw_line(draw, (PADDING + 16, top + 6), badge, 40, BADGE)
    top += BADGE_HEIGHT
    top += _draw_block(draw, placed.title, PADDING, top, INK) + GAP
    if placed.topic:
        top += _draw_block(draw, placed.topic, PADDING, top, ACCENT) + GAP
    if placed.details_block:
        _draw_block(draw, placed.details_block, PADDING, top, INK)
    link = flyer.signup_link()
    if link:
        code = qr_image(link, QR_SIZE)
        code = code.resize((QR_SIZE, QR_SIZE), Image.NEAREST)
        image.paste(code, (PICTURE_SIZE[0] - PADDING - QR_SIZE, PICTURE_SIZE[1] - PADDING - QR_SIZE))
    return image


def png_bytes(flyer: Flyer) -> bytes:
    buffer = io.BytesIO()
    render_picture(flyer).save(buffer, format="PNG")
    return buffer.getvalue()


def file_names(flyer: Flyer) -> dict[str, str]:
    stem = safe_filename(flyer.title, "flyer", "", 40)
    return {"a4": f"{stem}-flyer-a4.html", "letter": f"{stem}-flyer-letter.html", "png": f"{stem}-flyer.png"}


def flyer_files(flyer: Flyer) -> dict[str, bytes]:
    names = file_names(flyer)
    return {names["a4"]: flyer_html(flyer, "a4").encode("utf-8"),
            names["letter"]: flyer_html(flyer, "letter").encode("utf-8"),
            names["png"]: png_bytes(flyer)}


def exports(data: dict) -> dict[str, bytes]:
    """The files "Download my work" adds for this activity, rebuilt from its saved data."""
    return flyer_files(Flyer.from_dict(data))
