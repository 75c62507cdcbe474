"""Fixture: an S3-compatible object store on this machine (moto's server), used as the
default storage (docs/decisions/0021).

``s3_storage`` starts moto's ``ThreadedMotoServer`` on a free port of 127.0.0.1, creates a
bucket, and points ``STORAGES["default"]`` at it with the settings KNOTENPUNKT_STORAGE=s3
would build (``config.settings.storage``). It yields a boto3 client, so that a test can
look into the bucket itself.
"""

import socket

import environ
import pytest

BUCKET = "knotenpunkt-test"
CREDENTIALS = {
    "KNOTENPUNKT_S3_ACCESS_KEY_ID": "testing",
    "KNOTENPUNKT_S3_SECRET_ACCESS_KEY": "testing",
    "KNOTENPUNKT_S3_REGION": "eu-central-1",
}


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def s3_server():
    """moto's S3 server for the session; yields its address."""
    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


@pytest.fixture
def s3_storage(s3_server, settings, monkeypatch):
    """Use a new bucket of the local S3 server as the default storage; yield a boto3 client."""
    import boto3
    from django.core.files.storage import storages

    from knotenpunkt.config.settings.storage import storage_from_environment

    environment = {
        **CREDENTIALS,
        "KNOTENPUNKT_S3_BUCKET": BUCKET,
        "KNOTENPUNKT_S3_ENDPOINT_URL": s3_server,
        "KNOTENPUNKT_S3_PREFIX": "uploads",
    }
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    client = boto3.client(
        "s3",
        endpoint_url=s3_server,
        region_name=CREDENTIALS["KNOTENPUNKT_S3_REGION"],
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    client.create_bucket(
        Bucket=BUCKET,
        CreateBucketConfiguration={"LocationConstraint": CREDENTIALS["KNOTENPUNKT_S3_REGION"]},
    )
    settings.STORAGES = {
        **settings.STORAGES,
        "default": storage_from_environment("s3", environ.Env()),
    }
    storages._storages.pop("default", None)  # setting_changed resets it; be sure
    try:
        yield client
    finally:
        objects = client.list_objects_v2(Bucket=BUCKET).get("Contents", [])
        for item in objects:
            client.delete_object(Bucket=BUCKET, Key=item["Key"])
        client.delete_bucket(Bucket=BUCKET)
