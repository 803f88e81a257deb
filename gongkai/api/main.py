"""The JSON API under /api/v1/. Each app contributes a `Router` from its own `api.py`;
add it here with one `add_router` line."""

from __future__ import annotations

from ninja import NinjaAPI

api = NinjaAPI(
    title="gongkai 政府信息公开 API",
    version="1",
    description="政府信息公开平台接口 / JSON API of the gongkai disclosure platform.",
    urls_namespace="api-v1",
    docs_url="/docs",
    openapi_url="/openapi.json",
)


@api.get("/health", summary="健康检查 / health check", tags=["system"])
def health(request: object) -> dict[str, str]:
    return {"status": "ok"}


from gongkai.publications.api import router as publications_router  # noqa: E402

api.add_router("/publications", publications_router)
api.add_router("/applications", "gongkai.applications.api.router")
