"""Helpers shared by the test folders, imported as ``from support.<module> import ...``.

pytest puts ``tests/`` on ``sys.path`` (``pythonpath`` in pyproject.toml), so ``support`` is a
package there; fixtures live in the ``conftest.py`` files, never here.

- ``paths``: the repository root, the environment's scripts, Debian's Chromium
- ``net``: a free port, a quiet static HTTP server
- ``toc``: the book's pages read from ``_toc.yml`` and ``activities/registry.py``
- ``lab``: a real JupyterLab and Playwright helpers to drive notebooks in it
- ``site``, ``book``: the built book served and read; ``slide``: the sentence editor's slide measured
- ``hub``: a real JupyterHub with real Unix users; ``as_root``: how its test gets root
- ``sandbox``, ``checkpoints``: nbgrader courses and learners for the cohort tests
- ``hostile``: text a learner might type that has broken software before
"""
