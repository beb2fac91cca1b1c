"""Typed, frozen configuration: config.yaml, then LEDGERBOT_<SECTION>__<KEY> from the environment.

Secrets never live in config.yaml; they come from the environment only, and a secret
written into the file is refused at start so it cannot be committed by accident.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, model_validator

PACKAGE_CONFIG = Path(__file__).resolve().parent.parent / "config.yaml"
ENV_PREFIX = "LEDGERBOT_"
SECRET_KEYS = {
    ("llm", "api_key"),
    ("speech", "api_key"),
    ("speech", "api_secret"),
    ("wechat", "app_secret"),
    ("wechat", "token"),
    ("wechat", "encoding_aes_key"),
    ("telegram", "token"),
    ("telegram", "webhook_secret"),
    ("api", "jwt_secret"),
    ("api", "aliyun_access_key_id"),
    ("api", "aliyun_access_key_secret"),
    ("files", "link_secret"),
}
# HS256 wants a key at least as long as its digest (RFC 7518 §3.2); PyJWT warns below it.
MIN_JWT_SECRET_BYTES = 32
MIN_LINK_SECRET_BYTES = 32  # download links are HMAC-SHA256 too


class ConfigError(Exception):
    """The configuration cannot be used; the message names the key."""


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class AppConfig(_Section):
    env: Literal["development", "production"] = "production"
    timezone: str = "Asia/Shanghai"
    today: dt.date | None = None
    data_dir: Path | None = None
    log_level: str = "INFO"
    log_format: Literal["json", "text"] = "json"


class StorageConfig(_Section):
    database_url: SecretStr | None = None
    redis_url: SecretStr | None = None
    redis_prefix: str = "ledgerbot"
    redis_max_connections: int = 200
    pool_size: int = 10
    statement_timeout_ms: int = 5000
    connect_timeout_seconds: float = 3.0
    db_deadline_seconds: float = 3.5
    redis_timeout_seconds: float = 1.0


class DialogueConfig(_Section):
    confirm_policy: Literal["always", "auto"] = "always"
    auto_confirm_threshold: float = 0.9
    draft_ttl_seconds: int = 1800
    max_clarify_turns: int = 3
    rate_limit_per_minute: int = 30
    dedup_ttl_seconds: int = 86400
    lease_ttl_seconds: float = 3.0
    commit_check_seconds: float = 3.0
    list_limit: int = 10
    chat_lock_ttl_seconds: float = 6.0
    chat_lock_wait_seconds: float = 20.0
    max_in_flight: int = Field(default=200, gt=0)


class ExtractorConfig(_Section):
    mode: Literal["rules", "llm", "hybrid"] = "rules"
    hybrid_threshold: float = 0.75


class PromptVersions(_Section):
    extract: str = "v2"
    correct: str = "v2"
    query: str = "v2"


class LLMConfig(_Section):
    provider: str = "dashscope"
    model: str = "qwen-plus"
    base_url: str | None = None
    api_key: SecretStr | None = None
    temperature: float = 0.0
    timeout_seconds: float = 8.0
    max_retries: int = 2
    budget_seconds: float = 12.0
    structured_output: Literal["function_calling", "json_mode"] = "function_calling"
    cache_ttl_seconds: int = 86400
    breaker_failures: int = 3
    breaker_cooldown_seconds: float = 30.0
    prompts: PromptVersions = PromptVersions()


class SpeechConfig(_Section):
    provider: str = "dashscope"
    model: str = "paraformer-realtime-v2"
    base_url: str | None = None
    api_key: SecretStr | None = None
    app_id: str | None = None
    api_secret: SecretStr | None = None
    timeout_seconds: float = 15.0
    max_retries: int = 1
    fallback_provider: str | None = None
    max_duration_seconds: int = 60
    max_bytes: int = 10 * 1024 * 1024
    audio_dir: Path | None = None


class WeChatConfig(_Section):
    path: str = "/wechat"
    mode: Literal["safe", "plaintext"] = "safe"
    timestamp_window_seconds: int = 300
    app_id: str | None = None
    app_secret: SecretStr | None = None
    token: SecretStr | None = None
    encoding_aes_key: SecretStr | None = None
    api_base_url: str = "https://api.weixin.qq.com/cgi-bin/"
    customer_service: bool = False
    reply_budget_seconds: float = 4.0
    retry_hold_seconds: float = 6.0
    max_reply_bytes: int = 2000


class QueueConfig(_Section):
    broker_url: str | None = None
    embedded_workers: int = 4
    worker_threads: int = 8
    poll_ms: int = 250
    heartbeat_timeout_seconds: float = 10.0
    maintenance_chance: int = 100000
    stop_seconds: float = 10.0


class TelegramConfig(_Section):
    path: str = "/telegram"
    token: SecretStr | None = None
    base_url: str = "https://api.telegram.org"
    webhook_secret: SecretStr | None = None
    webhook_url: str | None = None
    max_message_chars: int = 4000


class ApiConfig(_Section):
    jwt_secret: SecretStr | None = None
    jwt_ttl_seconds: int = 604800
    jwt_issuer: str = "ledgerbot"
    code_ttl_seconds: int = 300
    code_max_attempts: int = 5
    send_interval_seconds: int = 60
    send_per_ip_per_hour: int = 20
    send_per_phone_per_day: int = 10
    sms_provider: Literal["console", "aliyun"] = "console"
    aliyun_access_key_id: SecretStr | None = None
    aliyun_access_key_secret: SecretStr | None = None
    aliyun_endpoint: str = "https://dysmsapi.aliyuncs.com/"
    aliyun_region: str = "cn-hangzhou"
    aliyun_sign_name: str | None = None
    aliyun_template_code: str | None = None
    sms_timeout_seconds: float = 5.0


class FilesConfig(_Section):
    public_url: str | None = None
    path: str = "/files"
    link_secret: SecretStr | None = None
    link_ttl_seconds: int = Field(default=600, gt=0, le=86400)
    max_link_bytes: int = Field(default=20 * 1024 * 1024, gt=0)


class Config(_Section):
    app: AppConfig = AppConfig()
    storage: StorageConfig = StorageConfig()
    dialogue: DialogueConfig = DialogueConfig()
    extractor: ExtractorConfig = ExtractorConfig()
    llm: LLMConfig = LLMConfig()
    speech: SpeechConfig = SpeechConfig()
    wechat: WeChatConfig = WeChatConfig()
    telegram: TelegramConfig = TelegramConfig()
    queue: QueueConfig = QueueConfig()
    api: ApiConfig = ApiConfig()
    files: FilesConfig = FilesConfig()

    @model_validator(mode="after")
    def _replays_stay_refused(self) -> Config:
        """A captured WeChat request is refused by its timestamp after the window, and by
        dedup within it; dedup must therefore outlive the window on both sides of our clock,
        or a replay just inside the window would be processed again."""
        window = self.wechat.timestamp_window_seconds
        if window <= 0:
            raise ValueError("wechat.timestamp_window_seconds must be positive")
        if self.dialogue.dedup_ttl_seconds <= 2 * window:
            raise ValueError(
                f"dialogue.dedup_ttl_seconds ({self.dialogue.dedup_ttl_seconds}) must be longer"
                f" than twice wechat.timestamp_window_seconds ({window}), or a replayed"
                " message could be processed twice"
            )
        wx = self.wechat
        if wx.mode == "safe" and wx.token is not None and wx.encoding_aes_key is None:
            raise ValueError(
                "wechat.mode is safe but LEDGERBOT_WECHAT__ENCODING_AES_KEY is not set"
                " (set it, or choose wechat.mode: plaintext explicitly)"
            )
        return self


def check_files_config(config: Config) -> None:
    """Download links are signed: a public URL without a strong secret would hand out
    links anyone could forge, so `serve` refuses to start with it."""
    files = config.files
    if files.public_url is None:
        return
    secret = files.link_secret.get_secret_value().encode() if files.link_secret else b""
    if len(secret) < MIN_LINK_SECRET_BYTES:
        raise ConfigError(
            f"files.public_url is set, so files.link_secret must be at least"
            f" {MIN_LINK_SECRET_BYTES} bytes: set LEDGERBOT_FILES__LINK_SECRET"
        )


def check_api_config(config: Config) -> None:
    """Refuse to serve the API with settings that would be unsafe outside development:
    a missing or short JWT secret, or an SMS account half configured. (Without any SMS
    account the API refuses to send codes; the chat channels still serve.)"""
    if config.app.env == "development":
        return
    api = config.api
    secret = api.jwt_secret.get_secret_value().encode() if api.jwt_secret else b""
    if len(secret) < MIN_JWT_SECRET_BYTES:
        raise ConfigError(
            f"api.jwt_secret must be at least {MIN_JWT_SECRET_BYTES} bytes outside development:"
            " set LEDGERBOT_API__JWT_SECRET (e.g. python -c 'import secrets;"
            " print(secrets.token_urlsafe(48))')"
        )
    if api.sms_provider == "aliyun":
        missing = [
            k
            for k in ("aliyun_access_key_id", "aliyun_access_key_secret", "aliyun_sign_name",
                      "aliyun_template_code")
            if not getattr(api, k)
        ]
        if missing:
            names = ", ".join(f"LEDGERBOT_API__{k.upper()}" for k in missing)
            raise ConfigError(f"api.sms_provider aliyun needs {names}")


def load_config(path: Path | None = None, env: Mapping[str, str] = os.environ) -> Config:
    """Read the YAML file, apply environment overrides, validate once."""
    path = path or Path(env.get("LEDGERBOT_CONFIG") or PACKAGE_CONFIG)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read config file {path}: {exc}") from exc
    if not isinstance(raw, dict):
        raise ConfigError(f"config file {path} must hold a mapping of sections")
    _refuse_secrets_in_file(raw, path)
    _apply_env(raw, env)
    try:
        return Config.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(_describe(exc)) from exc


def _refuse_secrets_in_file(raw: dict[str, Any], path: Path) -> None:
    for section, key in SECRET_KEYS:
        if (raw.get(section) or {}).get(key):
            env_name = f"{ENV_PREFIX}{section.upper()}__{key.upper()}"
            raise ConfigError(f"{section}.{key} is a secret: set {env_name}, not {path}")


def _apply_env(raw: dict[str, Any], env: Mapping[str, str]) -> None:
    shortcuts = {
        "DATABASE_URL": ("storage", "database_url"),
        "REDIS_URL": ("storage", "redis_url"),
        "LEDGERBOT_DATA_DIR": ("app", "data_dir"),
    }
    for name, (section, key) in shortcuts.items():
        if env.get(name):
            raw.setdefault(section, {})[key] = env[name]
    for name, value in env.items():
        if not name.startswith(ENV_PREFIX) or "__" not in name:
            continue
        parts = name[len(ENV_PREFIX) :].lower().split("__")
        node = raw
        for part in parts[:-1]:
            child = node.get(part)
            if not isinstance(child, dict):
                child = {}
                node[part] = child
            node = child
        node[parts[-1]] = None if value == "" else value
    llm = raw.setdefault("llm", {})
    if not llm.get("api_key") and env.get("DASHSCOPE_API_KEY"):
        llm["api_key"] = env["DASHSCOPE_API_KEY"]
    # The DashScope SDK would read the same variable; reading it here lets the recogniser
    # registry tell "no key anywhere" (speech not configured) at start.
    speech = raw.setdefault("speech", {})
    dashscope_speech = speech.get("provider") in (None, "dashscope", "qwen-asr")
    if dashscope_speech and not speech.get("api_key") and env.get("DASHSCOPE_API_KEY"):
        speech["api_key"] = env["DASHSCOPE_API_KEY"]


def _describe(exc: ValidationError) -> str:
    lines = []
    for err in exc.errors():
        if not err["loc"]:  # a rule across sections names its keys itself
            lines.append(err["msg"].removeprefix("Value error, "))
            continue
        key = ".".join(str(p) for p in err["loc"])
        env_name = ENV_PREFIX + "__".join(str(p).upper() for p in err["loc"])
        lines.append(f"config key {key} ({env_name}): {err['msg']}")
    return "invalid configuration:\n  " + "\n  ".join(lines)
