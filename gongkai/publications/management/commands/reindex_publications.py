"""gongkai reindex_publications — rebuild the full-text index from the published items."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from gongkai.publications.services import reindex_all


class Command(BaseCommand):
    help = "重建主动公开信息的全文检索索引 / rebuild the search index of published items"

    def handle(self, *args: Any, **options: Any) -> None:
        start = time.perf_counter()
        count = reindex_all()
        seconds = time.perf_counter() - start
        self.stdout.write(f"已索引 {count} 条信息，用时 {seconds:.1f} 秒 / indexed {count} items")
