"""PDF rendering shared by every app: Vazirmatn from the npm package, and a URL fetcher that serves only
those font files, so text typed by people can never make WeasyPrint read other files or the network."""

from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings

FONT_DIR = Path(settings.BASE_DIR) / "node_modules" / "vazirmatn" / "fonts" / "webfonts"


def is_font_url(url: str) -> bool:
    if not url.startswith("file://"):
        return False
    path = Path(unquote(urlsplit(url).path)).resolve()
    return path.parent == FONT_DIR.resolve() and path.suffix == ".woff2"


def font_fetcher():
    from weasyprint import URLFetcher

    class FontsOnly(URLFetcher):
        def fetch(self, url, headers=None):
            if not is_font_url(url):
                raise ValueError(f"refused to fetch {url!r} while rendering a PDF")
            return super().fetch(url, headers)

    return FontsOnly(allowed_protocols={"file"}, allow_redirects=False)
