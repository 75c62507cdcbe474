"""Download centre fixtures, shared with the view access matrix (via pytest_plugins)."""

import pytest

from .factories import DocumentFactory, DocumentVersionFactory


@pytest.fixture
def document(district):
    document = DocumentFactory(district=district, title="Willkommensflyer")
    DocumentVersionFactory(document=document, number=1)
    return document


@pytest.fixture
def internal_document(district):
    document = DocumentFactory(district=district, title="Interner Leitfaden", is_public=False)
    DocumentVersionFactory(document=document, number=1)
    return document


@pytest.fixture
def document_kwargs(document):
    return {"pk": document.pk}


@pytest.fixture
def document_version_kwargs(document):
    return {"pk": document.pk, "number": 1}


@pytest.fixture
def internal_document_kwargs(internal_document):
    return {"pk": internal_document.pk}


@pytest.fixture
def internal_document_version_kwargs(internal_document):
    return {"pk": internal_document.pk, "number": 1}
