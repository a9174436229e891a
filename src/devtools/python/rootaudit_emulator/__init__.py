"""rootaudit loopback AWS emulator: moto 5.2.1 + centralized root access.

Run (from the folder that holds this package):

    python3 -m rootaudit_emulator [--host 127.0.0.1] [--port 0] [--exit-on-stdin-eof] [--verbose]

Once listening it prints exactly one line ``ROOTAUDIT_EMULATOR_READY port=<n>`` on
stdout. It stops cleanly on SIGTERM/SIGINT and, with ``--exit-on-stdin-eof``, when
its stdin reaches EOF (so a parent JVM that dies does not leave it running).
Exit code 3: moto (``pip install 'moto[server]==5.2.1'``) missing or wrong version.
``requirements.txt`` beside this package pins what it needs.

This package needs nothing but moto and its server extras on purpose: it ships inside
the rootaudit jar and the ``demo`` command extracts it to a temporary directory and runs
it from there. It is a development and demo tool, not part of the audit.

Design
------
* One werkzeug threaded WSGI server serves every moto service (moto's own
  ``DomainDispatcherApplication``) on one loopback port (``server``).
* ``middleware.EmulatorMiddleware`` sits in front of moto. It serves the control
  endpoints under ``/_rootaudit/`` (``control``), counts AWS requests by action,
  injects latency and faults (``faults``), and enforces root-session rules (expiry via
  the emulator clock, task policy scope: ``root_sessions``) *before* moto sees a
  request. moto never checks signatures, so these checks have to live here.
* moto is extended in-process, one module per AWS service (``services``; all patches
  are installed by ``services.install_moto_patches``).
* Everything the emulator keeps beside moto (root-user state, root sessions, enabled
  organization features, faults, latency, clock offset, request statistics) is one
  ``state.EmulatorState``. Like moto's own state it is global to the process.

Modules
-------
``__main__``       ``python3 -m rootaudit_emulator``: checks moto, then runs ``server``
``moto_check``     the exact moto version this package patches (exit code 3 otherwise)
``server``         command line, WSGI server, READY line, signals, stdin EOF
``middleware``     the WSGI layer in front of moto
``request_info``   what an AWS request is: service, action, protocol, key, target accounts
``wsgi``           reading request bodies and writing responses
``control``        the ``/_rootaudit/`` endpoints (and ``control.organization``,
                   ``control.resources`` for seeding organizations, keys, buckets, queues)
``state``          ``EmulatorState`` and root sessions
``root_user``      the root-user state JSON of an account
``faults``         fault injection (errors, quotas, delays)
``task_policies``  the root task policies and the actions each allows
``root_sessions``  the rules a root session's requests must pass
``errors``         AWS errors in each wire protocol, control-endpoint errors
``times``          ISO-8601 and UTC helpers
``services``       the moto patches: ``routing`` (access key -> account), ``sts``,
                   ``iam``, ``organizations``, ``s3``, ``sqs``
"""
