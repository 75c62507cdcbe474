"""The tenancy system check: a model in a tenant app must belong to a district."""
# ruff: noqa: DJ008  (throwaway models, built only to be inspected by the check)

from types import SimpleNamespace

from django.core import checks
from django.db import models
from django.test.utils import isolate_apps

from knotenpunkt.core.checks import check_tenant_models_have_district
from knotenpunkt.core.models import DistrictScopedModel


def _app_config(*model_classes, tenant_app=True, exempt=()):
    return SimpleNamespace(
        label="notes",
        tenant_app=tenant_app,
        tenant_exempt_models=exempt,
        get_models=lambda: list(model_classes),
    )


@isolate_apps("knotenpunkt.core")
def test_a_model_without_district_in_a_tenant_app_is_an_error():
    class Note(models.Model):
        text = models.TextField()

        class Meta:
            app_label = "core"

    errors = check_tenant_models_have_district(app_configs=[_app_config(Note)])

    assert [(error.id, error.obj) for error in errors] == [("knotenpunkt.E001", Note)]
    assert isinstance(errors[0], checks.Error)
    assert "core.Note" in errors[0].msg
    assert "DistrictScopedModel" in errors[0].hint


@isolate_apps("knotenpunkt.core")
def test_a_plain_district_foreign_key_is_not_enough():
    """Only the base class brings the district-scoped queryset every view reads through."""

    class Note(models.Model):
        district = models.ForeignKey("districts.District", on_delete=models.CASCADE)

        class Meta:
            app_label = "core"

    errors = check_tenant_models_have_district(app_configs=[_app_config(Note)])

    assert [error.id for error in errors] == ["knotenpunkt.E001"]


@isolate_apps("knotenpunkt.core")
def test_district_scoped_models_exempt_models_and_proxies_pass():
    class Note(DistrictScopedModel):
        class Meta:
            app_label = "core"

    class Setting(models.Model):
        class Meta:
            app_label = "core"

    class NoteProxy(Note):
        class Meta:
            app_label = "core"
            proxy = True

    app_config = _app_config(Note, Setting, NoteProxy, exempt=("Setting",))

    assert check_tenant_models_have_district(app_configs=[app_config]) == []


@isolate_apps("knotenpunkt.core")
def test_apps_that_are_not_tenant_apps_are_not_checked():
    class Note(models.Model):
        class Meta:
            app_label = "core"

    app_config = _app_config(Note, tenant_app=False)

    assert check_tenant_models_have_district(app_configs=[app_config]) == []


def test_the_project_itself_passes_and_the_check_is_registered():
    assert check_tenant_models_have_district() == []
    assert check_tenant_models_have_district in checks.registry.registry.get_checks()
