"""The storage of uploaded files, chosen by KNOTENPUNKT_STORAGE (docs/decisions/0021)."""

from django.core.exceptions import ImproperlyConfigured

FILESYSTEM = {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def storage_from_environment(kind, env):
    """Return the ``STORAGES["default"]`` entry for ``kind``: "filesystem" or "s3".

    "s3" (django-storages) reads KNOTENPUNKT_S3_BUCKET (required), KNOTENPUNKT_S3_ENDPOINT_URL
    (for a store other than Amazon's: MinIO, Ceph, a cloud provider's), KNOTENPUNKT_S3_REGION,
    KNOTENPUNKT_S3_ACCESS_KEY_ID and KNOTENPUNKT_S3_SECRET_ACCESS_KEY (without them boto3's
    own sources: AWS_* variables, an instance role) and KNOTENPUNKT_S3_PREFIX (a folder in
    the bucket). Objects are private; Knotenpunkt reads them and serves them itself.
    """
    if kind == "filesystem":
        return dict(FILESYSTEM)
    if kind != "s3":
        raise ImproperlyConfigured(
            f"KNOTENPUNKT_STORAGE must be 'filesystem' or 's3', not {kind!r}."
        )
    bucket = env.str("KNOTENPUNKT_S3_BUCKET", default="")
    if not bucket:
        raise ImproperlyConfigured("KNOTENPUNKT_STORAGE=s3 needs KNOTENPUNKT_S3_BUCKET.")
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": env.str("KNOTENPUNKT_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("KNOTENPUNKT_S3_REGION", default="") or None,
            "access_key": env.str("KNOTENPUNKT_S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("KNOTENPUNKT_S3_SECRET_ACCESS_KEY", default="") or None,
            "location": env.str("KNOTENPUNKT_S3_PREFIX", default=""),
            # Private objects, never overwritten: a second upload of a name gets a new name.
            "default_acl": "private",
            "file_overwrite": False,
            "querystring_auth": True,
            # Path-style addresses work with every S3-compatible store.
            "addressing_style": env.str("KNOTENPUNKT_S3_ADDRESSING_STYLE", default="path"),
        },
    }
