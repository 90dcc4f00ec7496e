"""`python -m graph` runs the same command line as `actorgraph`."""

from graph.cli import main

main()
