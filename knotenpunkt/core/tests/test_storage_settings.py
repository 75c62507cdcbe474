"""KNOTENPUNKT_STORAGE chooses where uploads are kept (docs/decisions/0021)."""

import environ
import pytest
from django.core.exceptions import ImproperlyConfigured

from knotenpunkt.config.settings.storage import storage_from_environment


def test_the_default_storage_is_the_local_folder():
    assert storage_from_environment("filesystem", environ.Env()) == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"
    }


def test_s3_takes_bucket_endpoint_and_keys_from_the_environment(monkeypatch):
    monkeypatch.setenv("KNOTENPUNKT_S3_BUCKET", "uploads")
    monkeypatch.setenv("KNOTENPUNKT_S3_ENDPOINT_URL", "https://minio.example:9000")
    monkeypatch.setenv("KNOTENPUNKT_S3_ACCESS_KEY_ID", "key")
    monkeypatch.setenv("KNOTENPUNKT_S3_SECRET_ACCESS_KEY", "secret")

    storage = storage_from_environment("s3", environ.Env())

    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    options = storage["OPTIONS"]
    assert options["bucket_name"] == "uploads"
    assert options["endpoint_url"] == "https://minio.example:9000"
    assert (options["access_key"], options["secret_key"]) == ("key", "secret")
    assert options["default_acl"] == "private"
    assert options["file_overwrite"] is False


def test_s3_without_a_bucket_or_an_unknown_storage_stops_the_start(monkeypatch):
    monkeypatch.delenv("KNOTENPUNKT_S3_BUCKET", raising=False)
    with pytest.raises(ImproperlyConfigured, match="KNOTENPUNKT_S3_BUCKET"):
        storage_from_environment("s3", environ.Env())
    with pytest.raises(ImproperlyConfigured, match="'filesystem' or 's3'"):
        storage_from_environment("nfs", environ.Env())
