"""The Jinja2 environment pages render in (settings.TEMPLATES puts it first).

Templates come from templates/ and from `nhsuk-frontend-jinja`, the NHS.UK frontend
components as Jinja macros (pinned to the NHS.UK frontend version in package.json). Django's
own engine keeps templates/django/: the crispy-forms template pack and the date widget, which
render through Django's form machinery, and the admin. Forms render inside Jinja pages
through crispy-forms' own filters (`form|crispy`, `field|as_crispy_field`).
"""

import datetime

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field, as_crispy_form
from django.conf import settings
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.template import defaultfilters
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from jinja2 import (
    ChainableUndefined,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    FunctionLoader,
    PackageLoader,
)
from markupsafe import Markup

from idmf import charts, components
from idmf.core import dates, page_helpers
from idmf.core.links import address_for
from idmf.evidence.page_helpers import row_in_words
from idmf.page_frame import page_footer, page_header
from idmf.publishing.page_helpers import downloads, publishing


def url(name, *args, **kwargs) -> str:
    if kwargs:
        return reverse(name, args=args or None, kwargs=kwargs)
    return address_for(name, *args)


def cached(seconds, *key_parts, caller) -> Markup:
    """`{% call cached(60, "filters", key) %}…{% endcall %}`: what is inside, kept in the cache
    for `seconds` under the key, as Django's {% cache %} tag did."""
    key = make_template_fragment_key(str(key_parts[0]), [str(p) for p in key_parts[1:]])
    html = cache.get(key)
    if html is None:
        html = str(caller())
        cache.set(key, html, seconds)
    return Markup(html)


def today() -> datetime.date:
    return timezone.localdate()


def environment(**options) -> Environment:
    options["loader"] = ChoiceLoader(
        [
            FunctionLoader(components.macro_source),  # kept drawings of NHS.UK components
            FileSystemLoader(settings.BASE_DIR / "templates"),
            PackageLoader("nhsuk_frontend_jinja", "templates"),
        ]
    )
    # NHS.UK frontend's macros read optional parameters through chains such as
    # `params.search.input.placeholder`; its README asks for ChainableUndefined.
    options["undefined"] = ChainableUndefined
    # Block tags leave no blank lines or indentation behind (the macros are full of them).
    options.update(trim_blocks=True, lstrip_blocks=True)
    env = Environment(**options)
    env.globals.update(
        static=static,
        component=components.component,
        url=url,
        cached=cached,
        today=today,
        page_header=page_header,
        page_footer=page_footer,
        draw_chart=charts.chart,
        error_summary=page_helpers.error_summary,
        typed=page_helpers.typed,
        error_list=page_helpers.error_list,
        error_title_prefix=page_helpers.error_title_prefix,
        status_tag=page_helpers.status_tag,
        table_head=page_helpers.table_head,
        working_on=page_helpers.working_on,
        downloads=downloads,
        publishing=publishing,
        row_in_words=row_in_words,
    )
    env.filters.update(
        crispy=as_crispy_form,
        as_crispy_field=as_crispy_field,
        nhs_date=dates.nhs_date,
        nhs_datetime=dates.nhs_datetime,
        duration=dates.duration,
        # Django's own, where Jinja has none that means the same.
        add=defaultfilters.add,
        pluralize=defaultfilters.pluralize,
        truncatechars=defaultfilters.truncatechars,
        dslice=defaultfilters.slice_filter,
    )
    return env
