"""`python -m zhen_tools.cli`: the same as the `zhen` command."""

import sys

from zhen_tools.cli import main

sys.exit(main())
