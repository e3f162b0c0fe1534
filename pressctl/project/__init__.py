"""Project commands beyond the pipeline: a new release, the machine check."""
