"""Production server settings, read by `make serve` (gunicorn --config gunicorn.conf.py app:app).

Recours is stateless: a request carries its whole case and the answer carries the letters,
so any worker on any machine can answer any request. Composing letters is CPU work, so one
worker process per core; each has a pool of threads, so that a slow client (one that sends
its request, or reads the answer, a byte at a time) holds one thread, not the whole worker.
A synchronous worker has one: two slow clients stopped a two-core server. Put a reverse
proxy in front all the same (TLS, and it reads whole requests before passing them on, with
limits per address), as the README's "Production" section shows.

Every setting can be changed from the environment without editing this file:
  RECOURS_BIND              address to listen on (default 127.0.0.1:8000: only the proxy talks to it)
  WEB_CONCURRENCY           number of worker processes (default: the number of cores)
  RECOURS_THREADS           threads per worker (default 40)
  RECOURS_MAX_REQUESTS      requests a worker answers before it is replaced (default 5000)
and the app's own settings as RECOURS_<NAME> (README: "Security settings"); behind a proxy,
RECOURS_TRUSTED_PROXIES=1.
"""

import gc
import os

bind = os.environ.get("RECOURS_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY") or os.cpu_count() or 1)
# Threads, not more processes: a thread waiting on a slow client costs a little memory and no
# CPU. Composing a packet holds the interpreter's lock, so threads do not add CPU: one
# process per core does. PDFs are made one at a time per process (web/heavy.py), so many
# threads never mean many PDFs in memory at once.
worker_class = "gthread"
threads = int(os.environ.get("RECOURS_THREADS", "40"))
# A worker takes no more connections than it has threads: one whose threads are all held (by
# slow clients, say) stops accepting and leaves new connections to the others, instead of
# queueing them behind the slow ones. So 50 slow connections held at once against 2 workers
# leave the others served (tests/test_production.py, make bench). No keep-alive: the proxy
# in front opens a connection per request anyway, and an idle one would hold a place.
worker_connections = threads
keepalive = 0
# Load the app once in the master, then fork: workers start in milliseconds and share the
# read-only pages (law catalogue, templates, the base Word document).
preload_app = True
timeout = 30  # a worker whose main loop is silent for 30 s is stuck and replaced
# A safety net, not the cure (the PDF renderer shares one font configuration, so memory stays
# flat): each worker is replaced after about 5,000 requests, at staggered moments so that the
# workers never restart together. A new worker forks from the master in milliseconds.
max_requests = int(os.environ.get("RECOURS_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
graceful_timeout = 20
# gunicorn believes no X-Forwarded-* header itself: the app does, from as many proxies as
# RECOURS_TRUSTED_PROXIES says (security.py), so there is one setting for the client's address
# (rate limiting) and for HTTPS (HSTS, secure cookies). Behind one proxy: RECOURS_TRUSTED_PROXIES=1.
forwarded_allow_ips = ""
# No access log: client addresses and request lines are personal data we have no need of.
accesslog = None
errorlog = "-"
# gunicorn's own lines name the client of a malformed request: they go through a filter that
# withholds every address (web/serverlog.py).
logger_class = "web.serverlog.RedactingLogger"
loglevel = os.environ.get("RECOURS_LOG_LEVEL", "info")
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # nosec B108  # heartbeat files
proc_name = "recours"
control_socket_disable = True  # no runtime control socket: restart through the service manager


def when_ready(server):
    """Load what every request shares (law catalogue, compiled letter templates, the Word base
    document) before the first worker is forked, then set it aside from the garbage collector:
    workers neither scan it nor copy its pages, and none waits for it on its first request."""
    from letters.warmup import warm

    warm()
    gc.collect()
    gc.freeze()


def post_fork(server, worker):
    """At most two malloc arenas per worker. glibc gives each thread that allocates an arena
    of its own (up to 8 a core): the threads that make PDFs in turn would each keep one a PDF
    wide. Only the number of arenas changes, not what is allocated."""
    import ctypes

    try:
        ctypes.CDLL("libc.so.6").mallopt(-8, 2)  # M_ARENA_MAX
    except (OSError, AttributeError):
        pass  # not glibc: nothing to set
