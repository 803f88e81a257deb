"""Writes to an office's letter wording (LetterTemplate). Only the disclosure office
administrator of the organ may change it; the text must be a valid template."""

from __future__ import annotations

from django.db import transaction
from django.template import Template, TemplateSyntaxError

from gongkai.applications.letters.defaults import DEFAULTS
from gongkai.applications.models import LetterTemplate
from gongkai.applications.permissions import can_edit_letters_of
from gongkai.core.errors import DomainError, PermissionDeniedError
from gongkai.orgs.models import Organ
from gongkai.orgs.permissions import User


def _check(actor: User, organ: Organ, kind: str) -> None:
    if not can_edit_letters_of(actor, organ.pk):
        raise PermissionDeniedError(
            "只有本机关公开办管理员可以修改文书模板。", "Office administrators only."
        )
    if kind not in DEFAULTS:
        raise DomainError(f"没有“{kind}”这种文书。", f"No letter kind {kind!r}.", field="kind")


@transaction.atomic
def letter_template_save(
    *, actor: User, organ: Organ, kind: str, title: str, body: str
) -> LetterTemplate:
    _check(actor, organ, kind)
    title, body = title.strip(), body.strip()
    if not title:
        raise DomainError("请填写文书标题。", "Enter a title.", field="title")
    if not body:
        raise DomainError("请填写正文。", "Enter the body.", field="body")
    try:
        Template(body)
    except TemplateSyntaxError as exc:
        raise DomainError(
            f"正文模板有语法错误：{exc}。请检查 {{{{ }}}} 与 {{% %}} 是否成对。",
            f"Template syntax error: {exc}",
            field="body",
        ) from None
    row, _ = LetterTemplate.objects.update_or_create(
        organ=organ, kind=kind, defaults={"title": title[:200], "body": body}
    )
    return row


@transaction.atomic
def letter_template_reset(*, actor: User, organ: Organ, kind: str) -> None:
    _check(actor, organ, kind)
    LetterTemplate.objects.filter(organ=organ, kind=kind).delete()
