import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from knotenpunkt.districts.tests.factories import DistrictFactory
from knotenpunkt.downloads.models import Document, DocumentCategory, DocumentVersion

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 32
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64


def pdf_upload(name="flyer.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    district = factory.SubFactory(DistrictFactory)
    title = factory.Sequence(lambda n: f"Dokument {n}")
    description = "Eine Beschreibung."
    category = DocumentCategory.FLYER
    is_public = True


class DocumentVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DocumentVersion

    document = factory.SubFactory(DocumentFactory)
    district = factory.SelfAttribute("document.district")
    number = factory.Sequence(lambda n: n + 1)
    file = factory.django.FileField(filename="flyer.pdf", data=PDF_BYTES)
    original_name = "flyer.pdf"
    content_type = "application/pdf"
    size = len(PDF_BYTES)
