import pytest


@pytest.fixture(scope="session")
def registry_dir(tmp_path_factory):  # noqa: ANN001, ANN201
    return tmp_path_factory.mktemp("trials")


@pytest.fixture(autouse=True)
def demo_registry(settings, registry_dir):  # noqa: ANN001, ANN201
    """Every test searches the packaged demo registry, indexed once per session."""
    settings.CARTPATH_TRIALS_DIR = registry_dir
    from cartpath.trials.registry import build_index, index_dir

    if not (index_dir() / "meta.json").exists():
        build_index()
