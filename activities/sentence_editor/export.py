"""Export the slide as a PNG (drawn with Pillow from the same fit as the preview) and as text."""
from __future__ import annotations

import io
import re
import unicodedata
from datetime import datetime
from pathlib import Path

from PIL import Image, ImageDraw

from . import fitting
from .model import clean_text

BACKGROUND = "#1d3557"
FOREGROUND = "#ffffff"
EXPORT_FOLDER = "my-slides"


def text_origin(layout: fitting.Layout, index: int) -> tuple[float, float]:
    """Top-left corner (ascender line) of line ``index``: lines centred, block centred."""
    top = fitting.PADDING + (fitting.BOX_HEIGHT - layout.height) / 2
    glyph_height = layout.size * fitting.height_ratio()
    y = top + index * layout.line_height + (layout.line_height - glyph_height) / 2
    x = fitting.PADDING + (fitting.BOX_WIDTH - layout.widths[index]) / 2
    return x, y


def render_image(text: str, layout: fitting.Layout | None = None) -> Image.Image:
    layout = layout or fitting.fit(text)
    image = Image.new("RGB", (fitting.SLIDE_WIDTH, fitting.SLIDE_HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    for index, line in enumerate(layout.lines):
        if line.strip():
            draw_line(draw, text_origin(layout, index), line, layout.size, FOREGROUND)
    return image


def draw_line(draw: ImageDraw.ImageDraw, origin: tuple[float, float], line: str, size: int, fill: str) -> None:
    """One line of text in the course's font, its top-left corner (ascender line) at ``origin``."""
    try:
        draw.text(origin, line, font=fitting.font(size), fill=fill, anchor="la")
    except (RuntimeError, ValueError):  # text the shaping library refuses: draw it unshaped
        draw.text(origin, line, font=fitting.basic_font(size), fill=fill, anchor="la")


def png_bytes(text: str, layout: fitting.Layout | None = None) -> bytes:
    buffer = io.BytesIO()
    render_image(text, layout).save(buffer, format="PNG")
    return buffer.getvalue()


def safe_stem(text: str, when: datetime | None = None) -> str:
    """A file name stem anyone's computer accepts: date, time and the first words in ASCII."""
    when = when or datetime.now()
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", ascii_text)
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > 40:
            break
        slug = f"{slug}-{word}" if slug else word
    return f"slide-{when:%Y%m%d-%H%M%S}-{slug or 'sentence'}"


def _free_path(folder: Path, stem: str, suffix: str) -> Path:
    candidate = folder / f"{stem}{suffix}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{number}{suffix}"
        number += 1
    return candidate


def export_png(text: str, folder: Path, when: datetime | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = _free_path(folder, safe_stem(text, when), ".png")
    path.write_bytes(png_bytes(text))
    return path


def export_text(text: str, folder: Path, when: datetime | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = _free_path(folder, safe_stem(text, when), ".txt")
    path.write_bytes(text_bytes(text))
    return path


def text_bytes(text: str) -> bytes:
    """Exactly what was typed (carriage returns kept), plus a final newline, as UTF-8."""
    return (clean_text(text) + "\n").encode("utf-8")


def exports(data: dict) -> dict[str, bytes]:
    """The files "Download my work" adds for this activity, rebuilt from its saved data."""
    text = data.get("text", "") if isinstance(data.get("text"), str) else ""
    history = "\n\n".join(f"{v.get('saved_at', '')}\n{v.get('text', '')}" for v in data.get("history", [])
                          if isinstance(v, dict))
    return {
        "sentence.txt": text_bytes(text),
        "sentence-slide.png": png_bytes(text),
        "sentence-versions.txt": (history + "\n").encode("utf-8"),
    }
