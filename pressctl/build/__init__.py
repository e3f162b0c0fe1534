"""The build stage: plans, gates and runs the pipeline for every release.

plan (which files, through which gates) → keys (which are up to date) → run
(render the rest, then each release's manifest); check (``--check``, ``--list``)
compares without writing; shard picks a CI runner's releases.
"""
