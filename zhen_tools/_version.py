"""The version of zhen_tools, read by the package, the CLI and the report signature."""

__version__ = "0.1.0"
