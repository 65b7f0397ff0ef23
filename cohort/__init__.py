"""Trainer tools: cohort course directories, nbgrader workflow helpers and the cohort dashboard."""
