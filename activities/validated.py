"""Changing a dataclass model all at once or not at all (a model checks itself in ``validate``)."""
from __future__ import annotations


def update_validated(model, changes: dict) -> None:
    """Set ``changes`` on ``model`` and validate it; on any error the model is left as it was.

    Raises ``ValueError`` for a field the model does not have (before anything changes) and
    whatever ``model.validate()`` raises for values it refuses.
    """
    unknown = set(changes) - set(model.__dataclass_fields__)
    if unknown:
        raise ValueError(f"unknown field {sorted(unknown)[0]}")
    previous = {name: getattr(model, name) for name in changes}
    for name, value in changes.items():
        setattr(model, name, value)
    try:
        model.validate()
    except ValueError:
        for name, value in previous.items():
            setattr(model, name, value)
        raise
