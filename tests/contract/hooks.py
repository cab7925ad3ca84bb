"""Schemathesis hooks for the contract run: each case comes from its own client address.

A backend behind a reverse proxy counts clients by the address the proxy forwards; the reference gateway
is run trusting 127.0.0.1 as its proxy, so per-client limits (which are tested on their own) do not turn
most of a run into 429s and leave the operations behind them untested. A backend that trusts no proxy
ignores the header, and its 429s are still documented answers.
"""
import itertools

import schemathesis

_clients = itertools.count(1)


@schemathesis.hook
def before_call(context, case, kwargs):
    n = next(_clients) % 65000
    case.headers = case.headers or {}
    case.headers["X-Forwarded-For"] = "198.18.%d.%d" % (n // 250, n % 250 + 1)
