"""The build stage: plans, gates and runs the pipeline for every release."""
