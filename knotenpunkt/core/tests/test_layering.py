"""The layering of the apps holds: the kernel imports no domain app, no two apps import each
other, and the API reads the apps through their selectors (import-linter contracts in
pyproject.toml, ``[tool.importlinter]``)."""

import tomllib
from pathlib import Path

from django.apps import apps
from importlinter.cli import lint_imports

PYPROJECT = Path(__file__).resolve().parents[3] / "pyproject.toml"


def _contract(contract_id):
    config = tomllib.loads(PYPROJECT.read_text())["tool"]["importlinter"]
    return next(item for item in config["contracts"] if item["id"] == contract_id)


def _apps_in_layers():
    return {name.strip() for layer in _contract("layers")["layers"] for name in layer.split("|")}


def test_the_import_contracts_are_kept(monkeypatch):
    """Fails, naming the import, when e.g. core imports a domain app or two apps import
    each other."""
    monkeypatch.chdir(PYPROJECT.parent)
    assert lint_imports(config_filename=str(PYPROJECT), no_cache=True) == 0


def test_every_app_has_its_place_in_the_layers():
    """A new app must be placed in the layers, or the contract would not see it."""
    ours = {
        config.name.removeprefix("knotenpunkt.")
        for config in apps.get_app_configs()
        if config.name.startswith("knotenpunkt.")
    }
    assert ours | {"config"} == _apps_in_layers()


def test_core_is_the_lowest_layer_and_domain_apps_lie_above_the_kernel():
    layers = [layer.replace(" ", "") for layer in _contract("layers")["layers"]]
    assert layers[-1] == "core"
    kernel = {"core", "districts", "outbox", "accounts", "notifications", "workspace"}
    domain = {"directory", "offers", "downloads"}
    position = {name: i for i, layer in enumerate(layers) for name in layer.split("|")}
    assert max(position[name] for name in domain) < min(position[name] for name in kernel)
