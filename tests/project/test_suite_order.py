"""The suite's own order (tests/ordering.py): every test is still run, once, and each
worker's first run of tests starts with its share of the slow ones."""

from tests.ordering import runs, slowest_first


class Item:
    def __init__(self, path):
        self.nodeid = f"{path}::test"


def made(slow, quick):
    return [Item(f"tests/browser/test_{n}.py") for n in range(slow)] + [
        Item(f"tests/core/test_{n}.py") for n in range(quick)
    ]


def test_every_test_is_kept_once_whatever_the_mix():
    for slow, quick in [(0, 10), (10, 0), (7, 50), (300, 800), (5, 5)]:
        items = made(slow, quick)
        before = list(items)
        slowest_first(items, 3)
        assert sorted(map(id, items)) == sorted(map(id, before))


def test_each_worker_starts_with_its_share_of_the_slow_tests():
    items = made(6, 24)
    slowest_first(items, 3)
    start = 0
    for size in runs(len(items), 3):
        run = items[start : start + size]
        assert [i.nodeid.startswith("tests/browser/") for i in run[:2]] == [True, True]
        assert not any(i.nodeid.startswith("tests/browser/") for i in run[2:])
        start += size


def test_alone_the_order_is_as_collected():
    items = made(3, 3)[::-1]
    before = list(items)
    slowest_first(items, 1)
    assert items == before
