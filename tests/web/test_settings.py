import os
import stat

from cartpath.web.env import load_or_create_secret


def test_the_secret_key_is_generated_once_and_kept_private(tmp_path):  # noqa: ANN001
    path = tmp_path / "secret_key"
    first = load_or_create_secret(path)
    assert first == load_or_create_secret(path) and len(first) > 40
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_debug_is_off_unless_asked(settings):  # noqa: ANN001
    assert settings.DEBUG is False


def test_the_health_check_answers(client, db):  # noqa: ANN001
    assert client.get("/healthz").json() == {"status": "ok"}


def test_an_unknown_api_path_answers_json_404(client, db):  # noqa: ANN001
    response = client.get("/api/nothing-here")
    assert response.status_code == 404
