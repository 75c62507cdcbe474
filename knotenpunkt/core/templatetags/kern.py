"""Render Django form fields with KERN UX markup."""

from django import forms, template

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
def is_select(bound_field):
    return isinstance(bound_field.field.widget, forms.Select)
