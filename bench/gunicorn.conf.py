# Gunicorn for the benchmarks, as production would run it on a 2-core machine (docs: gunicorn.org/settings).
import os

bind = os.environ.get("BENCH_BIND", "127.0.0.1:8181")
workers = int(os.environ.get("BENCH_WORKERS", "3"))
worker_class = "gthread"  # keep-alive connections, like nginx upstream keepalive
threads = int(os.environ.get("BENCH_THREADS", "2"))
keepalive = 30
backlog = 2048
accesslog = None
errorlog = "-"
loglevel = "warning"
