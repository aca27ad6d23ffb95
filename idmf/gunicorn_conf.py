"""gunicorn's settings for `make serve` and for production, from the environment as the
site's own are: `gunicorn -c python:idmf.gunicorn_conf idmf.wsgi`.

Workers, from measurements on 2 cores (bench/RESULTS.md): 2 sync workers serve as many
requests a second as 4, with less memory; allow one sync worker a core (WEB_WORKERS), as the
README's Deployment section says for 2, 4 and 8 cores.

Recycling: a worker is replaced after between WEB_MAX_REQUESTS and twice that many requests
(chosen at random for each worker, so two workers started together part thousands of
requests apart), or as soon as it finishes a request while over WEB_MAX_MEMORY_MB of memory.
The application is loaded and warmed (every page template compiled, the URLs resolved) once,
in the master, before any worker is forked: a new worker starts warm, and its first request
costs no more than any other."""

import os
import resource

from idmf.env import env_bool, env_int, env_str

bind = env_str("WEB_BIND", "127.0.0.1:8000")
workers = env_int("WEB_WORKERS", 2, minimum=1)
threads = env_int("WEB_THREADS", 1, minimum=1)
timeout = env_int("WEB_TIMEOUT_SECONDS", 60, minimum=5)
max_requests = env_int("WEB_MAX_REQUESTS", 5000)
max_requests_jitter = max_requests
max_memory_mb = env_int("WEB_MAX_MEMORY_MB", 400, minimum=50)
preload_app = env_bool("WEB_PRELOAD", True)
accesslog = "-" if env_bool("WEB_ACCESS_LOG", False) else None
errorlog = "-"
# No control socket under ~/.gunicorn: several servers may run as one user on one machine.
control_socket_disable = True
# Behind a load balancer or proxy that sets X-Forwarded-Proto (it must be trusted).
forwarded_allow_ips = env_str("WEB_FORWARDED_ALLOW_IPS", "127.0.0.1")


def when_ready(server):
    """In the master, once the application is loaded and before any worker is forked."""
    if preload_app:
        from idmf.warm import warm

        server.log.info("Warmed: %s", warm())


def post_request(worker, req, environ, resp):
    """Recycle a worker that has grown past WEB_MAX_MEMORY_MB, once this request is done."""
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if peak_mb > max_memory_mb and worker.alive:
        worker.log.info("Worker %s at %.0f MB: recycling it", worker.pid, peak_mb)
        worker.alive = False


def child_exit(server, worker):
    """A worker gone: its request metrics stay counted, its live gauges are dropped."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
