"""The e-mail edition: one ``.eml`` per release and language, ready to open and send."""
