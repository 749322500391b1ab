"""Lets `python -m gapcheck` run the CLI."""

from gapcheck.cli import main

main()
