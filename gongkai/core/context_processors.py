from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, object]:
    """Values every page template needs: the site name and the reader's display mode."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        # 适老化 (large font, high contrast) is a cookie so it works without JavaScript.
        "ELDER_MODE": request.COOKIES.get("gk_elder") == "1",
    }
