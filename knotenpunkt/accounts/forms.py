from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.forms import DistrictModelChoiceField
from knotenpunkt.core.roles import ROLES_BOUND_TO_MUNICIPALITY, ROLES_BOUND_TO_ORGANISATION, Role
from knotenpunkt.districts.selectors import municipalities_list


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    municipality = DistrictModelChoiceField(
        label=_("Municipality"),
        queryset=None,
        required=False,
        help_text=_("Only for municipal coordinators."),
    )
    organisation = DistrictModelChoiceField(
        label=_("Organisation"),
        queryset=None,
        required=False,
        help_text=_("Only for partner editors: the directory entry they will edit."),
    )

    def __init__(self, *args, district, **kwargs):
        from knotenpunkt.directory.models import Organisation

        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities_list(district=district)
        self.fields["organisation"].queryset = Organisation.objects.in_district(district).order_by(
            "name"
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") in ROLES_BOUND_TO_MUNICIPALITY and not cleaned.get("municipality"):
            self.add_error("municipality", _("This role needs a municipality."))
        if cleaned.get("role") in ROLES_BOUND_TO_ORGANISATION and not cleaned.get("organisation"):
            self.add_error("organisation", _("This role needs an organisation."))
        return cleaned


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
