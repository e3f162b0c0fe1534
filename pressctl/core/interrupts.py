"""Moments a Ctrl-C or SIGTERM must wait for: the one home of holding them back.

Python raises Ctrl-C (KeyboardInterrupt) wherever the interpreter happens to be.
Some places cannot take it: a release's commit (renames that belong together),
forking the build's workers (they inherit the block, and unblock once their
handlers are set), a clean-up under way, and code in C, C++ or Rust that cannot
take the exception — pydantic-core, building the config's validators, printed
"Exception ignored" and then refused a valid colour (exit 2 for a Ctrl-C);
pikepdf, initialising, aborted the process.  Held, the signal is delivered when the
block ends, at a point that handles it.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM back (they are delivered when the block ends)."""
    held = {signal.SIGINT, signal.SIGTERM}
    try:
        before = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    except (AttributeError, ValueError):  # not on this platform, or not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)
