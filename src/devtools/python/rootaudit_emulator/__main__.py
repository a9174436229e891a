"""``python3 -m rootaudit_emulator``: check moto first, then serve (see the package docstring)."""

import sys

from .moto_check import require_moto

require_moto()  # before importing anything that imports moto: exit 3, not a traceback

from .server import main  # noqa: E402

sys.exit(main())
