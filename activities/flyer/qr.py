"""QR codes of the sign-up link, made by segno (a kept QR library), only for http/https links."""
from __future__ import annotations

import io

import segno
from PIL import Image


def qr_code(url: str) -> segno.QRCode:
    # Error correction "M" (15 %): survives a crease or a smudge on a printed flyer.
    return segno.make(url, error="m", micro=False)


def qr_svg(url: str) -> str:
    """An inline SVG of the code (made by segno from the checked link; it holds no text)."""
    return qr_code(url).svg_inline(scale=4, border=2, dark="#000", light="#fff", omitsize=True)


def qr_image(url: str, size: int) -> Image.Image:
    """The code as a square picture of about ``size`` pixels, for the PNG."""
    code = qr_code(url)
    modules = code.symbol_size(scale=1, border=2)[0]
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=max(1, size // modules), border=2)
    buffer.seek(0)
    return Image.open(buffer).convert("RGB")
