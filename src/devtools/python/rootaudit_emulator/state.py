"""All extension state: everything the emulator keeps that moto does not.

One ``EmulatorState`` (``STATE``) per process, guarded by its lock: the access-key
index, root-user state per account, enabled IAM organization features, issued root
sessions, faults, latency, the emulator clock and request statistics.
``POST /_rootaudit/reset`` and ``/moto-api/reset`` clear it.
"""

import datetime as dt
import threading
from collections import Counter

from .root_user import normalize_root_state
from .times import UTC


class RootSession:
    """One ``AssumeRoot`` answer: its key lives in the target account's IAM backend."""

    __slots__ = ("access_key_id", "account_id", "caller_account_id", "task", "expiration", "secret", "token")

    def __init__(self, access_key_id, account_id, caller_account_id, task, expiration, secret=None, token=None):
        self.secret = secret
        self.token = token
        self.access_key_id = access_key_id
        self.account_id = account_id
        self.caller_account_id = caller_account_id
        self.task = task
        self.expiration = expiration

    @property
    def arn(self):
        return "arn:aws:sts::%s:assumed-root/%s/%s" % (self.account_id, self.task, self.caller_account_id)


class EmulatorState:
    """All extension state (everything moto does not keep). Guarded by ``lock``."""

    def __init__(self):
        self.lock = threading.RLock()
        self.clear()

    def clear(self):
        with self.lock:
            self.key_index = {}  # access key id -> account id (fed by IAMBackend hooks)
            self.fallback_cache = {}  # answers of moto's original scan for unindexed keys
            self.root_states = {}  # account id -> normalized root-user state (python objects)
            self.report_times = {}  # account id -> when its credential report was generated
            self.features = {}  # organization id -> set of enabled IAM org features
            self.sessions = {}  # root-session access key id -> RootSession
            self.faults = []  # list of fault dicts
            self.next_fault_id = 1
            self.latency_ms = 0
            self.clock_offset = 0.0
            self.stats = Counter()
            self.first_seen = {}  # action -> time.monotonic() of its first request since the last stats reset
            self.last_seen = {}

    def now(self):
        """The emulator clock: real time moved forward by ``POST /_rootaudit/clock``."""
        return dt.datetime.now(UTC) + dt.timedelta(seconds=self.clock_offset)

    # ---- root-user state
    def root_state(self, account_id):
        with self.lock:
            state = self.root_states.get(account_id)
            if state is None:
                state = normalize_root_state({}, account_id)
                self.root_states[account_id] = state
            return state


STATE = EmulatorState()


def session_of(response):
    """The root session that signed the request of a moto response object, or None."""
    return STATE.sessions.get(response.get_access_key())
