from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.forms import DistrictModelChoiceField
from knotenpunkt.core.roles import ROLES_BOUND_TO_MUNICIPALITY, Role
from knotenpunkt.districts.selectors import municipalities_list

from .scopes import check_required_scopes, scope_form_fields

ROLE_CHOICES = [("", _("Choose a role")), *Role.choices]


class RoleForm(forms.Form):
    """A role with what it is bound to: a municipality, and the scopes of other apps
    (e.g. the organisation a partner editor edits; see ``accounts.scopes``)."""

    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES)
    municipality = DistrictModelChoiceField(
        label=_("Municipality"),
        queryset=None,
        required=False,
        help_text=_("Only for municipal coordinators."),
    )

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities_list(district=district)
        self.scope_keys = []
        for key, field in scope_form_fields(district).items():
            field.required = False
            self.fields[key] = field
            self.scope_keys.append(key)

    def clean(self):
        cleaned = super().clean()
        role = cleaned.get("role")
        if role in ROLES_BOUND_TO_MUNICIPALITY and not cleaned.get("municipality"):
            self.add_error("municipality", _("This role needs a municipality."))
        if role:
            try:
                check_required_scopes(role, cleaned)
            except forms.ValidationError as error:
                for field, messages in error.message_dict.items():
                    self.add_error(field, messages)
        return cleaned

    def role_values(self) -> dict:
        """The keyword arguments of the services: role, municipality and scopes."""
        return {
            "role": self.cleaned_data["role"],
            "municipality": self.cleaned_data.get("municipality"),
            "scopes": {key: self.cleaned_data.get(key) for key in self.scope_keys},
        }


class InvitationForm(RoleForm):
    email = forms.EmailField(label=_("E-mail address"))
    language = forms.ChoiceField(
        label=_("Language of the invitation"),
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
        required=False,
        help_text=_("The e-mail is written in this language; the new account starts with it."),
    )
    field_order = ["email", "role", "municipality"]


class InvitationAcceptForm(forms.Form):
    """Create the account of an invited person who has none yet."""

    name = forms.CharField(label=_("Your name"), max_length=150)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password (again)"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords differ."))
        elif password1:
            from .models import User

            try:
                password_validation.validate_password(
                    password1, User(email=self.email, name=cleaned.get("name", ""))
                )
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class ProfileForm(forms.Form):
    """What a person changes about themselves: the name others see, and their language."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        help_text=_("Other members of your district see this name."),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=settings.LANGUAGES,
        help_text=_("Knotenpunkt shows its pages and writes its e-mails to you in this language."),
    )
