"""System checks for configuration that would otherwise fail late."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register


@register(Tags.security, deploy=True)
def check_secret_key(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    if settings.SECRET_KEY.startswith("insecure-"):
        return [
            Error(
                "GONGKAI_SECRET_KEY 未设置，正在使用开发密钥。 / GONGKAI_SECRET_KEY is not set.",
                id="gongkai.E001",
            )
        ]
    return []


@register()
def check_data_dir(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    data_dir = settings.DATA_DIR
    if data_dir.exists() and not data_dir.is_dir():
        return [
            Error(
                f"GONGKAI_DATA_DIR（{data_dir}）不是目录。 / GONGKAI_DATA_DIR is not a directory.",
                id="gongkai.E002",
            )
        ]
    return []
