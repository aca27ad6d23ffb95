"""simple-history (3.13) builds its history manager's class anew at every read of a model's
`history` (`HistoryDescriptor.__get__` calls `Manager.from_queryset`, which copies the
queryset's methods with `inspect.getmembers`): 0.2–0.4 ms a read, and simple-history reads
it once at every save of a model with a history, as the history pages do for each part.
`keep_manager_classes` (called once, from the core's AppConfig.ready) has each pair of
manager and queryset classes built once; the manager is made for its model and instance at
each read, as before."""

import functools

from simple_history.manager import HistoryDescriptor


@functools.cache
def manager_class(manager: type, queryset: type) -> type:
    return manager.from_queryset(queryset)


def history_manager(descriptor: HistoryDescriptor, instance, owner):
    return manager_class(descriptor.manager_class, descriptor.queryset_class)(
        descriptor.model, instance
    )


def keep_manager_classes() -> None:
    HistoryDescriptor.__get__ = history_manager
