"""How the tests watch Jinja2 pages render.

- Django's test client learns a page's context (`response.context`) from the
  template_rendered signal, which only Django's own engine sends in tests: Jinja2 templates
  send it here too.
- Django's templates called a method for you (`{{ record.get_status_display }}`); Jinja2
  does not, so a page that forgets the brackets would print "<bound method …>" or, in
  `{% if record.is_ready %}`, always be true. Here every method a page reads is handed back
  guarded: calling it works; printing it, testing it or looping over it fails the test.
"""

import types

from django.template import engines
from django.template.backends import jinja2 as jinja_backend
from django.test.signals import template_rendered


class MethodNotCalled(TypeError):
    pass


class GuardedMethod:
    __slots__ = ("method",)

    def __init__(self, method):
        self.method = method

    def __call__(self, *args, **kwargs):
        return self.method(*args, **kwargs)

    def _refuse(self, *args):
        raise MethodNotCalled(
            f"A template used the method {self.method.__qualname__} without calling it: "
            "write it with brackets, ()."
        )

    __bool__ = __str__ = __html__ = __iter__ = __len__ = _refuse


def watch():
    """Start watching; returns a function that stops."""
    original_render = jinja_backend.Template.render

    def render_and_tell(self, context=None, request=None):
        told = dict(context or {})
        if request is not None:  # what the page sees from the context processors, too
            for processor in self.backend.template_context_processors:
                told.update(processor(request))
        template_rendered.send(sender=self, template=self, context=told)
        return original_render(self, context, request)

    env = engines["jinja2"].env
    original_getattr = env.getattr

    def guarded_getattr(obj, attribute):
        found = original_getattr(obj, attribute)
        return GuardedMethod(found) if isinstance(found, types.MethodType) else found

    jinja_backend.Template.render = render_and_tell
    env.getattr = guarded_getattr

    def stop():
        jinja_backend.Template.render = original_render
        env.getattr = original_getattr

    return stop
