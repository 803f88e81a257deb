"""`gongkai serve`: the site under waitress (a production WSGI server), static files through
WhiteNoise, listening on IPv4 and IPv6 unless a host is given."""

from __future__ import annotations

import socket
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser


def _ipv6_available() -> bool:
    if not socket.has_ipv6:
        return False
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as sock:
            sock.bind(("::1", 0))
    except OSError:
        return False
    return True


class Command(BaseCommand):
    help = "运行网站（waitress，生产级 WSGI 服务器）。 / Serve the site with waitress."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=None, help="监听地址；缺省同时监听 IPv4 与 IPv6")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument(
            "--no-collectstatic", action="store_true", help="不收集静态文件 / skip collectstatic"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from waitress import serve

        from gongkai.wsgi import application

        port: int = options["port"]
        if not 0 < port < 65536:
            raise CommandError(f"端口 {port} 无效。 / Port {port} is not valid.")
        if not options["no_collectstatic"]:
            call_command("collectstatic", interactive=False, verbosity=0)
        host: str | None = options["host"]
        if host:
            listen = [f"[{host}]:{port}" if ":" in host else f"{host}:{port}"]
        else:
            listen = [f"0.0.0.0:{port}"] + ([f"[::]:{port}"] if _ipv6_available() else [])
        self.stdout.write(f"gongkai 正在监听 / listening on: {' '.join(listen)}")
        serve(application, listen=" ".join(listen), threads=options["threads"], ident="gongkai")
