"""gunicorn's settings for `make serve` and for production, from the environment as the
site's own are: `gunicorn -c python:idmf.gunicorn_conf idmf.wsgi`."""

from idmf.env import env_bool, env_int, env_str

bind = env_str("WEB_BIND", "127.0.0.1:8000")
# Measured on 2 cores: 2 workers serve as many requests a second as 4, with less memory.
workers = env_int("WEB_WORKERS", 2, minimum=1)
threads = env_int("WEB_THREADS", 1, minimum=1)
timeout = env_int("WEB_TIMEOUT_SECONDS", 60, minimum=5)
# Recycle workers now and then, so a slow leak never grows without bound.
max_requests = env_int("WEB_MAX_REQUESTS", 5000)
max_requests_jitter = max_requests // 10
accesslog = "-" if env_bool("WEB_ACCESS_LOG", False) else None
errorlog = "-"
# No control socket under ~/.gunicorn: several servers may run as one user on one machine.
control_socket_disable = True
# Behind a load balancer or proxy that sets X-Forwarded-Proto (it must be trusted).
forwarded_allow_ips = env_str("WEB_FORWARDED_ALLOW_IPS", "127.0.0.1")
