"""The project's form renderer: Django's templates, with select boxes rendered in Python
and KERN's markup for the widgets Django draws without classes (file fields).

Django renders every ``<option>`` through its own template include. A filter form with a
hundred options (municipalities, types, languages) then costs tens of milliseconds per
page, most of a search page's budget. The markup produced here is the same as that of
Django's ``select.html`` and ``select_option.html``.
"""

import html

from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"
# Django's widget templates replaced by KERN-styled ones (in core/templates/) for every form.
KERN_TEMPLATES = {
    "django/forms/widgets/clearable_file_input.html": "core/widgets/clearable_file_input.html",
}


class FormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if template_name == SELECT_TEMPLATE and _plain_options(widget):
            return render_select(widget)
        template_name = KERN_TEMPLATES.get(template_name, template_name)
        return super().render(template_name, context, request=request)


def _plain_options(widget):
    return all(
        option["template_name"] == OPTION_TEMPLATE
        for _name, options, _index in widget["optgroups"]
        for option in options
    )


def _escape(value):
    # Django's escape() goes through the lazy-string machinery for every call; for a
    # hundred options per form that overhead is most of the rendering time.
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value), quote=True)


def _attributes(attrs):
    """The same as Django's ``attrs.html``: True gives a bare name, False/None nothing."""
    parts = []
    for name, value in attrs.items():
        if value is True:
            parts.append(f" {_escape(name)}")
        elif value is not False and value is not None:
            parts.append(f' {_escape(name)}="{_escape(value)}"')
    return "".join(parts)


def _options(options):
    return "\n".join(
        f'<option value="{_escape(option["value"])}"{_attributes(option["attrs"])}>'
        f"{_escape(option['label'])}</option>"
        for option in options
    )


def render_select(widget):
    groups = []
    for name, options, _index in widget["optgroups"]:
        if name:
            groups.append(f'<optgroup label="{_escape(name)}">{_options(options)}</optgroup>')
        else:
            groups.append(_options(options))
    body = "\n".join(groups)
    markup = (
        f'<select name="{_escape(widget["name"])}"{_attributes(widget["attrs"])}>{body}</select>'
    )
    return mark_safe(markup)  # noqa: S308 - every value above is escaped
