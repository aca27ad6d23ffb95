"""The slowest tests first on every worker, so that pytest-xdist's workers end together.

xdist's `worksteal` gives each worker an equal run of the collection, in order, and an idle
worker takes half of the longest queue, counted in tests, from its end. In path order the
permission matrix, the browser tests and the serving tests sat in long runs of their own, so
one worker was given most of them, and the last minutes could be one worker's slow tests.
Here each worker's run starts with its share of the slow tests (dealt out in turn) and is
filled up with quick ones: the slow ones start at once on every worker, and every queue ends
with quick tests, which are what an idle worker takes."""

# The files whose tests take seconds each (measured on PostgreSQL with three workers: the
# matrix 308 s in all, the browser tests 440 s, each of the others 20-40 s).
SLOW = (
    "tests/browser/",
    "tests/project/test_permission_matrix.py",
    "tests/project/test_migrations.py",
    "tests/project/test_serving.py",
    "tests/boardtool/test_packs.py",
    "tests/project/test_page_queries.py",
)


def is_slow(item) -> bool:
    path = item.nodeid.split("::")[0]
    return any(path.startswith(prefix) for prefix in SLOW)


def runs(total: int, workers: int) -> list[int]:
    """How many tests xdist gives each worker at first: the pending tests shared out in
    turn, each taking its part of what is left (xdist/scheduler/worksteal.py)."""
    sizes = []
    for index in range(workers):
        sizes.append(total // (workers - index))
        total -= sizes[-1]
    return sizes


def slowest_first(items, workers: int) -> None:
    """Reorder `items` in place for `workers` workers (no change for one)."""
    if workers < 2:
        return
    slow = [item for item in items if is_slow(item)]
    quick = [item for item in items if not is_slow(item)]
    ordered = []
    for index, size in enumerate(runs(len(items), workers)):
        run = slow[index::workers][:size]
        taken = size - len(run)
        ordered += run + quick[:taken]
        quick = quick[taken:]
    placed = {id(item) for item in ordered}
    items[:] = ordered + [item for item in items if id(item) not in placed]
