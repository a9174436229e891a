"""The server: command line, one threaded WSGI server, the READY line, and how it stops.

The parent (rootaudit's ``Emulator`` class, or a test) reads stdout until the line
``ROOTAUDIT_EMULATOR_READY port=<n>``; nothing else is printed on stdout. The server
stops on SIGTERM/SIGINT and, with ``--exit-on-stdin-eof``, when stdin is closed, so a
parent that dies without stopping it does not leave it running.
"""

import argparse
import logging
import os
import signal
import sys
import threading

from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import make_server

from .middleware import EmulatorMiddleware
from .moto_check import REQUIRED_MOTO_VERSION
from .services import install_moto_patches

READY = "ROOTAUDIT_EMULATOR_READY port=%d\n"


def build_app():
    install_moto_patches()
    return EmulatorMiddleware(DomainDispatcherApplication(create_backend_app))


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python3 -m rootaudit_emulator",
                                     description="rootaudit loopback AWS emulator (moto %s)" % REQUIRED_MOTO_VERSION)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 = pick a free port")
    parser.add_argument("--exit-on-stdin-eof", action="store_true", help="exit when stdin is closed (parent died)")
    parser.add_argument("--verbose", action="store_true", help="log every request")
    args = parser.parse_args(argv)

    # moto's routing must come from the access keys: these would override it.
    os.environ.pop("MOTO_ACCOUNT_ID", None)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, stream=sys.stderr)
    if not args.verbose:
        logging.getLogger("werkzeug").setLevel(logging.ERROR)

    app = build_app()
    server = make_server(args.host, args.port, app, threaded=True)
    app.port = server.server_port
    stop = threading.Event()

    def on_signal(signum, frame):
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    if args.exit_on_stdin_eof:
        def watch_stdin():
            try:
                while sys.stdin.buffer.read(4096):
                    pass
            except Exception:
                pass
            stop.set()

        threading.Thread(target=watch_stdin, name="stdin-watch", daemon=True).start()

    serve = threading.Thread(target=server.serve_forever, name="serve", daemon=True)
    serve.start()
    sys.stdout.write(READY % server.server_port)
    sys.stdout.flush()
    while not stop.wait(0.5):
        pass
    server.shutdown()
    server.server_close()
    return 0
