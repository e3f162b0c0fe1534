"""The base every stage stands on: language tags, scripts, configuration, errors, paths."""
