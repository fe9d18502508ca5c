"""One module per ``zhen`` subcommand: ``add_parser(subparsers)`` and ``run(args) -> int``."""
