"""``python -m align`` runs the ``align`` command."""

import sys

from .cli import main

sys.exit(main())
