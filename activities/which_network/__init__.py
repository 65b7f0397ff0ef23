""""Which network is which?": the learner labels two network drawings and learns what the
difference (one centre versus sharing between peers) means for learning.

Pure-Python parts (``model``, ``render``, ``export``) need no widgets; the view (``activity``,
``WhichNetworkView``) is imported only when asked for.
"""
from .export import exports
from .model import (ACTIVITY, CHOICES, CLIENT_SERVER, EXPLANATIONS, HINTS, KINDS, PEER_TO_PEER,
                    SCHEMA_VERSION, Feedback, WhichNetwork, diagram_title, store)

__all__ = ["ACTIVITY", "CHOICES", "CLIENT_SERVER", "EXPLANATIONS", "HINTS", "KINDS", "PEER_TO_PEER",
           "SCHEMA_VERSION", "Feedback", "WhichNetwork", "WhichNetworkView", "activity",
           "diagram_title", "exports", "store"]


def __getattr__(name):
    if name in ("activity", "WhichNetworkView"):
        from . import view

        return getattr(view, name)
    raise AttributeError(name)
