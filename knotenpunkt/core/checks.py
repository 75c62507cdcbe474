"""System check: a model in a tenant app must belong to a district.

An app declares itself a tenant app with ``tenant_app = True`` on its AppConfig. Models
that are deliberately installation-wide (the district itself, the user account) are named
in ``tenant_exempt_models`` with the reason in a comment next to them.
"""

from django.apps import apps
from django.core import checks

from .models import DistrictScopedModel


@checks.register(checks.Tags.models)
def check_tenant_models_have_district(app_configs=None, **kwargs):
    errors = []
    for app_config in app_configs or apps.get_app_configs():
        if not getattr(app_config, "tenant_app", False):
            continue
        exempt = set(getattr(app_config, "tenant_exempt_models", ()))
        for model in app_config.get_models():
            if model._meta.proxy or model.__name__ in exempt:
                continue
            if not issubclass(model, DistrictScopedModel):
                errors.append(
                    checks.Error(
                        f"{model._meta.label} is in a tenant app but does not inherit "
                        "DistrictScopedModel.",
                        hint="Inherit knotenpunkt.core.models.DistrictScopedModel, or list "
                        "the model in tenant_exempt_models of its AppConfig with a reason.",
                        obj=model,
                        id="knotenpunkt.E001",
                    )
                )
    return errors
