from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.uploads import upload_limit

from .models import Document
from .services import EDITABLE_FIELDS
from .validation import check_upload


def _file_help():
    return gettext("PDF, PNG, JPEG, DOCX, XLSX, ODT or ODS; at most %(limit)s.") % {
        "limit": upload_limit()
    }


# Translated when shown, not when the module is imported.
FILE_HELP = lazy(_file_help, str)()


class UploadField(forms.FileField):
    """A file field that accepts only the allowed types, checked by content."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("File"))
        super().__init__(**kwargs)
        self.help_text = FILE_HELP
        self.widget.attrs["accept"] = ".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.odt,.ods"

    def validate(self, value):
        super().validate(value)
        if value:
            check_upload(value)


class DocumentForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = EDITABLE_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class DocumentCreateForm(DocumentForm):
    file = UploadField()


class VersionForm(forms.Form):
    file = UploadField()
