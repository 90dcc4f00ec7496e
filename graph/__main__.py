"""`python -m graph` runs the same command line as `actorgraph`."""

from .cli import main

main()
