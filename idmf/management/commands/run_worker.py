"""The task worker (django-tasks-db's `db_worker`, with the same options), saying every 30
seconds that it is alive: the readiness check and the metrics read the last beat."""

from django_tasks_db.management.commands.db_worker import Command as DbWorker

from idmf.core import heartbeat


class Command(DbWorker):
    help = "Run the background task worker, with a heartbeat the readiness check reads."

    def handle(self, *args, **options):
        me = heartbeat.worker_id()
        heartbeat.worker_beat(me)  # alive from the start, not only after the first beat
        with heartbeat.beating(
            lambda: heartbeat.worker_beat(me), every=heartbeat.WORKER_BEAT, name="worker-heartbeat"
        ):
            return super().handle(*args, **options)
