"""Activity "Anybody can learn anything": rewrite the slogan together on a slide that always fits.

Pure-Python parts (``fit``, ``model``, ``barriers``, ``export``, ``html``) need no widgets; the
``SentenceEditor`` widget view is imported only when asked for.
"""
from .barriers import BARRIERS, Barrier
from .fitting import Layout, fit, layout_at
from .model import SLOGAN, SentenceModel, SentenceWork, Version, gallery

__all__ = ["BARRIERS", "Barrier", "Layout", "SLOGAN", "SentenceEditor", "SentenceModel",
           "SentenceWork", "Version", "fit", "gallery", "layout_at"]


def __getattr__(name):
    if name == "SentenceEditor":
        from .view import SentenceEditor

        return SentenceEditor
    raise AttributeError(name)
