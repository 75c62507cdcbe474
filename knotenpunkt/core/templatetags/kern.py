"""Render Django form fields with KERN UX markup, and small helpers of the templates."""

from django import forms, template
from django.template import loader
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import pgettext

from knotenpunkt.core.text import before_full_stop
from knotenpunkt.core.validators import tel_href
from knotenpunkt.core.widgets import FILTER_FROM

register = template.Library()


@register.filter
def kern_widget(bound_field):
    """Render the widget of ``bound_field`` with KERN classes and ARIA links."""
    widget = bound_field.field.widget
    describedby = []
    if bound_field.help_text:
        describedby.append(f"{bound_field.auto_id}_hint")
    if bound_field.errors:
        describedby.append(f"{bound_field.auto_id}_error")
    attrs = {}
    if describedby:
        attrs["aria-describedby"] = " ".join(describedby)
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
    # On right-to-left pages, German data (addresses, phone numbers) must keep its order.
    # A form that knows the direction of a field's text (a translation) sets it itself.
    if "dir" not in widget.attrs:
        if (
            isinstance(widget, forms.EmailInput | forms.URLInput)
            or getattr(widget, "input_type", "") == "tel"
        ):
            attrs["dir"] = "ltr"
        elif isinstance(widget, forms.TextInput | forms.Textarea):
            attrs["dir"] = "auto"
    if isinstance(widget, forms.CheckboxInput):
        attrs["class"] = "kern-form-check__checkbox"
    elif isinstance(widget, forms.Select):
        attrs["class"] = "kern-form-input__select"
    elif isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        attrs["class"] = "kern-form-input__input"
    else:
        attrs["class"] = "kern-form-input__input" + (
            " kern-form-input__input--error" if bound_field.errors else ""
        )
    return bound_field.as_widget(attrs=attrs)


@register.filter
def is_checkbox(bound_field):
    return isinstance(bound_field.field.widget, forms.CheckboxInput)


@register.filter
def is_checkbox_list(bound_field):
    """Whether ``bound_field`` is a choice among many (components/checkbox_list.html)."""
    return isinstance(bound_field.field.widget, forms.CheckboxSelectMultiple)


@register.filter
def has_filter(bound_field):
    """Whether the checkbox list of ``bound_field`` is long enough for a filter box."""
    widget = bound_field.field.widget
    return len(bound_field.subwidgets) >= getattr(widget, "filter_from", FILTER_FROM)


@register.filter
def chosen_labels(bound_field):
    """Return the labels of the options of ``bound_field`` that are chosen."""
    return [option.choice_label for option in bound_field.subwidgets if option.data["selected"]]


@register.filter
def is_select(bound_field):
    return isinstance(bound_field.field.widget, forms.Select)


@register.simple_tag
def list_separator():
    """The separator between the items of a list in the current language ("، " in Arabic)."""
    return pgettext("separator between the items of a list", ", ")


@register.filter
def join_list(items):
    """Join ``items`` with the list separator of the current language (escaped)."""
    separator = conditional_escape(list_separator())
    return mark_safe(separator.join(conditional_escape(item) for item in items))  # noqa: S308


@register.simple_tag
def error_summary_entries(form=None, forms_and_formsets=None):
    """Return the entries of the error summary of ``form`` or of several forms and formsets."""
    from knotenpunkt.core.forms import error_summary

    items = list(forms_and_formsets or [])
    if form is not None and form != "":
        items.insert(0, form)
    return error_summary(*items)


class FieldsetNode(template.Node):
    def __init__(self, nodelist, legend, section_id):
        self.nodelist, self.legend, self.section_id = nodelist, legend, section_id

    def render(self, context):
        content = self.nodelist.render(context)
        return loader.render_to_string(
            "components/fieldset.html",
            {
                "legend": self.legend.resolve(context),
                "id": self.section_id.resolve(context) if self.section_id else "",
                "content": mark_safe(content),  # noqa: S308 - rendered by the template engine
            },
        )


@register.tag
def fieldset(parser, token):
    """A section of a long form with a legend that is a heading (components/fieldset.html).

    ``{% fieldset legend id="cost" %} … fields … {% endfieldset %}``
    """
    bits = token.split_contents()
    if len(bits) not in (2, 3):
        raise template.TemplateSyntaxError('Usage: {% fieldset legend [id="…"] %}')
    legend = parser.compile_filter(bits[1])
    section_id = None
    if len(bits) == 3:
        if not bits[2].startswith("id="):
            raise template.TemplateSyntaxError('Usage: {% fieldset legend [id="…"] %}')
        section_id = parser.compile_filter(bits[2][3:])
    nodelist = parser.parse(("endfieldset",))
    parser.delete_first_token()
    return FieldsetNode(nodelist, legend, section_id)


@register.simple_tag
def phone_link(number):
    """A phone number as a ``tel:`` link in international form; a value that is no phone
    number (entered before the check existed) stays plain text."""
    href = tel_href(number)
    if href is None:
        return format_html('<span dir="ltr">{}</span>', number)
    return format_html('<a class="kern-link" dir="ltr" href="{}">{}</a>', href, number)


@register.filter(name="before_full_stop")
def before_full_stop_filter(text):
    """``{{ name|before_full_stop }}.``: a name ending in "." (B.Sc., e. V.) gets no second one."""
    return before_full_stop(text)


@register.filter
def weekday_date(value):
    """Format a date with its weekday in the current language ("Mittwoch, 13. Januar 2027").

    Two formats of the language's format module, joined as the language joins them: a
    format string mixing specifiers and a format's name ("l, DATE_FORMAT") would read the
    name's letters as specifiers.
    """
    if not value:
        return ""
    return pgettext(
        "a weekday and a date, e.g. 'Wednesday, 13 January 2027'", "%(weekday)s, %(date)s"
    ) % {
        "weekday": date_format(value, "l"),
        "date": date_format(value, "DATE_FORMAT"),
    }
