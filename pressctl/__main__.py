"""Allow ``python -m pressctl``."""

from pressctl.cli import main

main()
