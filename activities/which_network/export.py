"""Files of "Which network is which?" for "Download my work"."""
from __future__ import annotations

from .model import CHOICES, WhichNetwork, diagram_title


def exports(data: dict) -> dict[str, bytes]:
    """For "Download my work": a short text record of the answers."""
    model = WhichNetwork.from_dict(data)
    lines = ["Which network is which?", ""]
    for position in (0, 1):
        given = model.answers[position]
        lines.append(f"{diagram_title(position)}: shows {CHOICES[model.order[position]]}; "
                     f"you chose {CHOICES[given] if given else 'nothing yet'}.")
    lines += ["", f"Tries after the first: {model.retries}"]
    return {"which-network.txt": ("\n".join(lines) + "\n").encode("utf-8")}
