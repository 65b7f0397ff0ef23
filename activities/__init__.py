"""Activities of the Learning Circles course.

Each activity is a pure-Python model (state, validation, computation; no widgets) and a thin
ipywidgets view that only wires widgets to that model. Notebooks create a view in one line.
"""
