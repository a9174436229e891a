"""The emulator as a process: stdin EOF, SIGTERM, and exit code 3 for a wrong moto."""

import os
import signal
import subprocess
import sys
import tempfile
import time
import unittest

from .support import PACKAGE_PARENT, start_emulator, stop_emulator


class ProcessLifecycleTest(unittest.TestCase):
    def test_exits_on_stdin_eof_and_on_sigterm(self):
        proc, _ = start_emulator("--exit-on-stdin-eof")
        proc.stdin.close()
        self.assertEqual(0, proc.wait(10))
        stop_emulator(proc)
        proc, port = start_emulator()
        proc.stdin.close()  # without the flag stdin is ignored
        time.sleep(0.7)
        self.assertIsNone(proc.poll())
        proc.send_signal(signal.SIGTERM)
        self.assertEqual(0, proc.wait(10))
        self.assertEqual("", proc.stdout.read())  # exactly one stdout line was printed
        stop_emulator(proc)

    def test_wrong_moto_version_exits_3(self):
        with tempfile.TemporaryDirectory() as fake:
            info = os.path.join(fake, "moto-0.0.1.dist-info")
            os.makedirs(info)
            with open(os.path.join(info, "METADATA"), "w") as f:
                f.write("Metadata-Version: 2.1\nName: moto\nVersion: 0.0.1\n")
            env = dict(os.environ, PYTHONPATH=fake)
            done = subprocess.run([sys.executable, "-m", "rootaudit_emulator"], cwd=PACKAGE_PARENT, env=env,
                                  capture_output=True, text=True, timeout=60)
        self.assertEqual(3, done.returncode)
        self.assertIn("pip install 'moto[server]==5.2.1'", done.stderr)
        self.assertEqual("", done.stdout)
