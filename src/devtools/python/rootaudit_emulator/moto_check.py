"""The exact moto version this package patches.

The emulator extends moto's internals (response classes, backends, the access-key
lookup), which change between moto releases, so it runs on moto 5.2.1 only. This
module imports nothing of moto at import time: ``__main__`` calls ``require_moto``
before anything that needs moto is imported, so a missing or wrong moto gives an
install hint and exit code 3 instead of a traceback.
"""

import sys

REQUIRED_MOTO_VERSION = "5.2.1"
INSTALL_HINT = "pip install 'moto[server]==%s'" % REQUIRED_MOTO_VERSION


def require_moto() -> None:
    """Exit 3 with an install hint unless moto 5.2.1 and its server extras are importable."""
    try:
        from importlib.metadata import version

        found = version("moto")
        import flask  # noqa: F401  (moto[server] extra)
        import moto  # noqa: F401
        import werkzeug  # noqa: F401
    except Exception as exc:  # ImportError, PackageNotFoundError
        sys.stderr.write(
            "rootaudit emulator: moto %s with its server extras is required (%s).\n"
            "Install it with: %s\n" % (REQUIRED_MOTO_VERSION, exc, INSTALL_HINT)
        )
        sys.exit(3)
    if found != REQUIRED_MOTO_VERSION:
        sys.stderr.write(
            "rootaudit emulator: moto %s is installed but exactly %s is required "
            "(the emulator patches moto internals).\nInstall it with: %s\n"
            % (found, REQUIRED_MOTO_VERSION, INSTALL_HINT)
        )
        sys.exit(3)
