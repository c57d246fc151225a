"""`python -m painlog.cli`: the same as the `painlog` command."""

import sys

from painlog.cli import main

sys.exit(main())
