"""The double-submit race, runnable in-process (PostgreSQL) or as
`python -m gongkai.applications.tests.race` against a fresh SQLite file (WAL, IMMEDIATE),
because SQLite's in-memory test database cannot be shared between threads."""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date


def race(applicants: int = 50, workers: int = 100) -> dict[str, object]:
    """Each applicant's two submits meet at a barrier and go together; `workers` threads
    (PostgreSQL counts connections, so the in-process run uses fewer)."""
    from django.db import connection

    from gongkai.applications.models import Application
    from gongkai.applications.services import application_submit
    from gongkai.applications.tests.conftest import load_calendar
    from gongkai.applications.tests.helpers import person
    from gongkai.orgs.models import Organ, OrganKind

    load_calendar(2025)
    organ = Organ.objects.create(name="并发测试局", kind=OrganKind.DEPARTMENT)
    pairs = [threading.Barrier(2) for _ in range(applicants)]
    errors: list[str] = []

    def submit(i: int) -> str:
        try:
            pairs[i // 2].wait(timeout=60)
            result = application_submit(
                organ=organ,
                applicant=person(name=f"申请人{i // 2}"),
                submitted_on=date(2025, 6, 3),
                idempotency_key=f"race-{i // 2}",
            )
            return result.application.query_code
        except Exception as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
            return ""
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=max(2, workers - workers % 2)) as pool:
        codes = list(pool.map(submit, range(applicants * 2)))
    return {
        "errors": errors,
        "count": Application.objects.filter(organ=organ).count(),
        "pairs_agree": all(codes[2 * k] == codes[2 * k + 1] for k in range(applicants)),
        "distinct": len(set(codes)),
    }


def main() -> None:  # pragma: no cover - run in a subprocess by the test
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    print(json.dumps(race()))


if __name__ == "__main__":  # pragma: no cover
    main()
