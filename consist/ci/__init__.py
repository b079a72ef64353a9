"""Helpers the GitHub Action (``action.yml``) runs: plain Python, tested like the rest.

``python -m consist.ci.render`` turns one JSON report into annotations, a job summary,
SARIF and a pass/fail code; ``python -m consist.ci.comment`` keeps one pull-request
comment up to date with what changed since the baseline.
"""
