"""The base every stage stands on: language tags, scripts, configuration, errors, paths,
atomic writes and hashes, OpenCC; it imports no stage."""
