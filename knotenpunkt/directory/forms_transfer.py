"""Forms for importing and exporting the directory."""

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.forms import DistrictModelChoiceField, FilterForm
from knotenpunkt.core.uploads import check_upload_size, max_upload_bytes, upload_limit
from knotenpunkt.districts.models import Municipality

from .importing import KIND_CHOICES, ORGANISATIONS, UploadError, read_table
from .models import OrganisationType, SpokenLanguage, Topic


def _file_help():
    return gettext(
        "A CSV file (UTF-8, separated by ; or ,) or an Excel workbook (.xlsx), at most %(limit)s."
    ) % {"limit": upload_limit()}


FORMAT_CHOICES = [("csv", "CSV"), ("xlsx", "Excel (XLSX)")]


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file contains"), choices=KIND_CHOICES)
    file = forms.FileField(label=_("File"), help_text=lazy(_file_help, str)())

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_upload_size(upload.size)
        content = upload.read(max_upload_bytes() + 1)
        try:
            self.table = read_table(content)
        except UploadError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return upload


class ExportFilterForm(FilterForm):
    """The filters of the directory list; every field is optional."""

    kind = forms.ChoiceField(label=_("What to export"), choices=KIND_CHOICES, required=False)
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    type = forms.ChoiceField(
        label=_("Type"),
        choices=[("", _("All types"))] + list(OrganisationType.choices),
        required=False,
    )
    municipality = DistrictModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label=_("All municipalities"),
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"), queryset=Topic.objects.all(), required=False, empty_label=_("All topics")
    )
    language = forms.ModelChoiceField(
        label=_("Language spoken"),
        queryset=SpokenLanguage.objects.all(),
        required=False,
        empty_label=_("All languages"),
    )

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.in_district(district)

    def clean_kind(self):
        return self.cleaned_data["kind"] or ORGANISATIONS
