"""Background work of the board assurance tool, on Django's tasks framework (the database
queue): `make run` starts a worker beside the web server."""

from django_tasks import task

from idmf.core.logs import logged_task


@task()
@logged_task
def build_pack(pack_id: int) -> None:
    from boardtool import pack  # typesets: the worker's alone, never loaded by a web process

    pack.build(pack_id)
