"""Settings come from the environment; production is strict and passes Django's deploy checks."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from cms.settings.env import env_bool, env_choice, env_float, env_int, env_int_or_word, env_list

REPO = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "SECRET_KEY": "k3Y-for-the-deploy-check_8e2b1f0c9d7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f",
    "ALLOWED_HOSTS": "shop.example.com",
    "DATABASE_URL": "sqlite:////tmp/deploy-check.sqlite3",
}


def manage(*args, env):
    clean_env = {key: value for key, value in os.environ.items() if key not in {"DJANGO_SETTINGS_MODULE", "DEBUG"}}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env={**clean_env, **env}, capture_output=True, text=True
    )


def test_check_deploy_is_clean_in_a_production_like_environment():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    env = {**PRODUCTION_ENV, "ALLOWED_HOSTS": ""}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is required" in result.stderr


def test_production_serves_static_files_compressed_and_hashed():
    from django.conf import settings

    assert "whitenoise.middleware.WhiteNoiseMiddleware" in settings.MIDDLEWARE
    result = manage("shell", "-v", "0", "-c", "from django.conf import settings; print(settings.STORAGES['staticfiles']['BACKEND'])", env=PRODUCTION_ENV)
    assert result.stdout.strip() == "whitenoise.storage.CompressedManifestStaticFilesStorage", result.stderr


def test_database_url_chooses_the_database():
    env = {**PRODUCTION_ENV, "DATABASE_URL": "postgres://shop:pw@db.internal:6543/content"}
    code = "from django.conf import settings; d = settings.DATABASES['default']; print(d['ENGINE'], d['HOST'], d['PORT'], d['NAME'])"
    result = manage("shell", "-v", "0", "-c", code, env=env)
    assert result.stdout.split() == ["django.db.backends.postgresql", "db.internal", "6543", "content"], result.stderr


@pytest.mark.parametrize(("raw", "expected"), [("true", True), ("1", True), ("off", False), ("", False)])
def test_env_bool_reads_common_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("SOME_FLAG", raw)
    assert env_bool("SOME_FLAG") is expected


def test_env_bool_names_the_variable_when_the_value_is_unreadable(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG"):
        env_bool("SOME_FLAG")


def test_env_int_and_list(monkeypatch):
    monkeypatch.setenv("SOME_NUMBER", "12")
    monkeypatch.setenv("SOME_LIST", "a.example, b.example,,")
    assert env_int("SOME_NUMBER", 3) == 12
    assert env_list("SOME_LIST") == ["a.example", "b.example"]
    monkeypatch.setenv("SOME_NUMBER", "twelve")
    with pytest.raises(ImproperlyConfigured, match="SOME_NUMBER"):
        env_int("SOME_NUMBER", 3)


def test_collectstatic_writes_hashed_and_compressed_files(tmp_path):
    env = {**PRODUCTION_ENV, "STATIC_ROOT": str(tmp_path)}
    result = manage("collectstatic", "--noinput", "-v", "0", env=env)
    assert result.returncode == 0, result.stderr
    manifest = (tmp_path / "staticfiles.json").read_text()
    hashed_css = sorted(tmp_path.glob("core/preview.*.css"))
    assert hashed_css, "the preview stylesheet is stored under a hashed name"
    assert hashed_css[0].name in manifest
    assert hashed_css[0].with_name(hashed_css[0].name + ".gz").exists()


def test_env_choice_accepts_a_listed_value_and_names_the_variable_otherwise(monkeypatch):
    assert env_choice("SOME_MODE", ["", "nginx"], "") == ""
    monkeypatch.setenv("SOME_MODE", " Nginx ")
    assert env_choice("SOME_MODE", ["", "nginx"], "") == "nginx"
    monkeypatch.setenv("SOME_MODE", "apache")
    with pytest.raises(ImproperlyConfigured, match="SOME_MODE"):
        env_choice("SOME_MODE", ["", "nginx"], "")


def test_documents_are_kept_and_sent_as_the_environment_says():
    env = {**PRODUCTION_ENV, "DOCUMENTS_ROOT": "/srv/private-documents", "DOCUMENTS_SENDFILE": "nginx"}
    code = (
        "from django.conf import settings; "
        "print(settings.STORAGES['documents']['OPTIONS']['location'], settings.DOCUMENTS['SENDFILE'])"
    )
    result = manage("shell", "-v", "0", "-c", code, env=env)
    assert result.stdout.split() == ["/srv/private-documents", "nginx"], result.stderr


CORS_SETTINGS = "from django.conf import settings; print(settings.CORS_ALLOWED_ORIGINS, getattr(settings, 'CORS_ALLOWED_ORIGIN_REGEXES', []))"


def test_production_shares_nothing_cross_origin_unless_configured():
    assert manage("shell", "-v", "0", "-c", CORS_SETTINGS, env=PRODUCTION_ENV).stdout.strip() == "[] []"
    env = {**PRODUCTION_ENV, "CORS_ALLOWED_ORIGINS": "https://shop.example.com, https://app.example.com:8443"}
    result = manage("shell", "-v", "0", "-c", CORS_SETTINGS, env=env)
    assert result.stdout.strip() == "['https://shop.example.com', 'https://app.example.com:8443'] []", result.stderr


@pytest.mark.parametrize("origin", ["https://shop.example.com/", "shop.example.com", "ftp://shop.example.com"])
def test_a_cors_origin_that_is_not_an_origin_is_refused_naming_it(origin):
    result = manage("check", env={**PRODUCTION_ENV, "CORS_ALLOWED_ORIGINS": f"https://ok.example.com,{origin}"})
    assert result.returncode != 0
    assert f"CORS_ALLOWED_ORIGINS: {origin!r} is not an origin" in result.stderr


def test_development_allows_frontends_on_any_localhost_port_unless_origins_are_configured():
    dev = {"DJANGO_SETTINGS_MODULE": "cms.settings.dev", "DATABASE_URL": PRODUCTION_ENV["DATABASE_URL"]}
    result = manage("shell", "-v", "0", "-c", "from django.conf import settings; print(settings.CORS_ALLOWED_ORIGIN_REGEXES[0])", env=dev)
    pattern = result.stdout.strip()
    assert pattern, result.stderr
    for origin in ("http://localhost:3000", "http://127.0.0.1:5173", "http://[::1]:8080", "http://localhost"):
        assert re.match(pattern, origin), origin
    for origin in ("http://localhost.evil.example", "https://shop.example.com", "http://127.0.0.1:5173.evil.example"):
        assert not re.match(pattern, origin), origin
    configured = manage("shell", "-v", "0", "-c", CORS_SETTINGS, env={**dev, "CORS_ALLOWED_ORIGINS": "http://localhost:3000"})
    assert configured.stdout.strip() == "['http://localhost:3000'] []", configured.stderr


def test_env_float_and_int_or_word(monkeypatch):
    monkeypatch.setenv("SOME_SECONDS", "0.25")
    monkeypatch.setenv("SOME_COUNT", " Auto ")
    assert env_float("SOME_SECONDS", 5) == 0.25 and env_float("UNSET_SECONDS", 5) == 5
    assert env_int_or_word("SOME_COUNT", "auto", 1) == "auto"
    monkeypatch.setenv("SOME_COUNT", "2")
    assert env_int_or_word("SOME_COUNT", "auto", 1) == 2
    monkeypatch.setenv("SOME_SECONDS", "half")
    with pytest.raises(ImproperlyConfigured, match="SOME_SECONDS"):
        env_float("SOME_SECONDS", 5)
    for raw in ("-1", "two", "1.5"):
        monkeypatch.setenv("SOME_COUNT", raw)
        with pytest.raises(ImproperlyConfigured, match="SOME_COUNT must be 'auto' or a whole number"):
            env_int_or_word("SOME_COUNT", "auto", 1)


def test_elasticsearch_cluster_settings_come_from_the_environment():
    env = {
        **PRODUCTION_ENV,
        "ELASTICSEARCH_URL": "http://es1:9200,http://es2:9200,http://es3:9200",
        "SEARCH_TIMEOUT": "0.3",
        "SEARCH_INDEX_REPLICAS": "2",
        "SEARCH_BREAKER_FAILURES": "5",
        "SEARCH_BREAKER_COOLDOWN": "30",
    }
    code = (
        "from search.service import get_search_backend; b = get_search_backend(); "
        "print(b.urls, b.timeout, b.max_retries, b.replicas, b.breakers['searches'].failures, b.breakers['index writes'].cooldown)"
    )
    result = manage("shell", "-v", "0", "-c", code, env=env)
    assert result.stdout.strip() == "['http://es1:9200', 'http://es2:9200', 'http://es3:9200'] 0.3 2 2 5 30.0", result.stderr
    result = manage("check", env={**env, "SEARCH_INDEX_REPLICAS": "one"})
    assert result.returncode != 0 and "SEARCH_INDEX_REPLICAS must be 'auto' or a whole number" in result.stderr


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"CDN_PURGER": "varnish", "VARNISH_PURGE_URLS": "http://10.0.0.5:6081,http://10.0.0.6:6081"},
         "VarnishPurger xkey ['varnish-0', 'varnish-1']"),
        ({"CDN_PURGER": "fastly", "FASTLY_SERVICE_ID": "s", "FASTLY_API_TOKEN": "t"}, "FastlyPurger Surrogate-Key []"),
        ({"CDN_PURGER": "cloudflare", "CLOUDFLARE_ZONE_ID": "z", "CLOUDFLARE_API_TOKEN": "t"},
         "CloudflarePurger Cache-Tag ['cloudflare']"),
        ({"CDN_PURGER": "cloudflare", "CLOUDFLARE_ZONE_ID": "z", "CLOUDFLARE_API_TOKEN": "t",
          "CDN_SURROGATE_KEY_HEADER": "Surrogate-Key"}, "CloudflarePurger Surrogate-Key ['cloudflare']"),
    ],
)
def test_the_cdn_purger_and_its_header_come_from_the_environment(env, expected):
    code = (
        "from django.conf import settings; from cms.publishing.purgers.base import get_purger; "
        "print(type(get_purger()).__name__, settings.CDN['SURROGATE_KEY_HEADER'], sorted(settings.WAGTAILFRONTENDCACHE))"
    )
    result = manage("shell", "-c", code, env={**PRODUCTION_ENV, **env})
    assert result.stdout.strip().splitlines()[-1] == expected, result.stderr


def test_a_cdn_purger_without_its_credentials_fails_the_checks_naming_the_variable():
    result = manage("check", env={**PRODUCTION_ENV, "CDN_PURGER": "fastly", "FASTLY_SERVICE_ID": "s"})
    assert result.returncode != 0
    assert "FASTLY_API_TOKEN" in result.stderr
    result = manage("check", env={**PRODUCTION_ENV, "CDN_PURGER": "akamai"})
    assert result.returncode != 0 and "CDN_PURGER" in result.stderr


def test_redis_url_makes_redis_the_shared_state_and_its_absence_keeps_everything_in_the_process():
    code = (
        "from django.conf import settings; from django.core.cache import caches; "
        "from cms.core.version_stores import version_store; c = caches['default']; "
        "print(type(c).__name__, c.key_prefix, c._cache._pool_options.get('socket_timeout'), type(version_store()).__name__)"
    )
    env = {**PRODUCTION_ENV, "REDIS_URL": "redis://cache.internal:6379/2", "REDIS_TIMEOUT": "0.5", "REDIS_KEY_PREFIX": "shop"}
    result = manage("shell", "-c", code, env=env)
    assert result.stdout.strip().splitlines()[-1] == "SharedRedisCache shop 0.5 RedisVersionStore", result.stderr
    result = manage("shell", "-c", code.replace(", c._cache._pool_options.get('socket_timeout')", ""),
                    env={**PRODUCTION_ENV, "REDIS_URL": ""})
    assert result.stdout.strip().splitlines()[-1] == "LocMemCache  DatabaseVersionStore", result.stderr
