"""The public pages: the application form (/apply/), the receipt (回执) and the status lookup.
They work without JavaScript."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from gongkai.applications import throttle
from gongkai.applications.forms import LookupForm, PublicApplicationForm
from gongkai.applications.letters.output import to_docx, to_pdf
from gongkai.applications.letters.render import Letter, render_letter
from gongkai.applications.masking import mask_id, mask_name, mask_phone
from gongkai.applications.models import ApplicantType, Application
from gongkai.applications.public import public_outcome, public_status, public_steps
from gongkai.applications.selectors import case_deadline, find_by_query_code
from gongkai.applications.services import application_submit
from gongkai.applications.uploads import check_uploads
from gongkai.core.errors import DomainError
from gongkai.orgs.models import Organ


@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        form = PublicApplicationForm(initial={"organ": request.GET.get("organ", "")})
        return render(request, "applications/apply.html", {"form": form})
    form = PublicApplicationForm(request.POST, request.FILES)
    ip = throttle.client_ip(request)
    if request.POST.get("website"):
        # The honeypot field is invisible to people; only robots fill it in.
        messages.error(request, "提交未被接受。如您是申请人，请勿填写隐藏的“网址”一栏。")
        return render(request, "applications/apply.html", {"form": form}, status=400)
    if not form.is_valid():
        return render(request, "applications/apply.html", {"form": form}, status=400)
    key = f"form:{form.cleaned_data['token']}"
    replay = Application.objects.filter(idempotency_key=key).first()
    if replay is not None:
        return redirect("applications:receipt", query_code=replay.query_code)
    if throttle.submissions_exhausted(ip):
        form.add_error(None, throttle.RATE_MESSAGE[0])
        return render(request, "applications/apply.html", {"form": form}, status=429)
    try:
        uploads = check_uploads(
            (f.name or "附件", f.read()) for f in form.cleaned_data.get("attachments") or []
        )
        organ = Organ.objects.get(pk=int(form.cleaned_data["organ"]))
        result = application_submit(
            organ=organ,
            applicant=form.applicant(),
            submitted_on=timezone.localdate(),
            idempotency_key=key,
            submitter_ip=ip,
            attachments=uploads,
        )
    except (Organ.DoesNotExist, ValueError):
        form.add_error("organ", "请选择受理机关。")
        return render(request, "applications/apply.html", {"form": form}, status=400)
    except DomainError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return render(request, "applications/apply.html", {"form": form}, status=400)
    return redirect("applications:receipt", query_code=result.application.query_code)


def receipt(request: HttpRequest, query_code: str) -> HttpResponse:
    app = Application.objects.select_related("organ").filter(query_code=query_code.upper()).first()
    if app is None:
        raise Http404("没有这个查询码。")
    deadline = case_deadline(app)
    return render(
        request,
        "applications/receipt.html",
        {
            "app": app,
            "deadline": deadline if not isinstance(deadline, str) else None,
            "masked_name": app.name
            if app.applicant_type != ApplicantType.NATURAL_PERSON
            else mask_name(app.name),
            "masked_id": mask_id(app.id_number) if app.id_number else "",
            "masked_phone": mask_phone(app.phone),
        },
    )


@require_http_methods(["GET", "POST"])
def status(request: HttpRequest) -> HttpResponse:
    form = LookupForm(request.POST or None)
    context: dict[str, object] = {"form": form}
    if request.method == "POST" and form.is_valid():
        ip = throttle.client_ip(request)
        if throttle.lookups_exhausted(ip):
            form.add_error(None, throttle.LOOKUP_RATE_MESSAGE[0])
            return render(request, "applications/status.html", context, status=429)
        app = find_by_query_code(form.cleaned_data["query_code"], form.cleaned_data["phone_last4"])
        if app is None:
            throttle.note_failed_lookup(ip)
            form.add_error(None, "查询码与联系电话后四位不匹配，请核对回执上的查询码。")
            return render(request, "applications/status.html", context, status=404)
        context.update(
            app=app,
            public_status=public_status(app),
            outcome=public_outcome(app),
            steps=public_steps(app),
        )
    return render(request, "applications/status.html", context)


def receipt_letter(request: HttpRequest, query_code: str, fmt: str) -> HttpResponse:
    """The 回执 as a document, for the applicant to keep."""
    app = Application.objects.select_related("organ").filter(query_code=query_code.upper()).first()
    if app is None:
        raise Http404("没有这个查询码。")
    return letter_response(render_letter(app, "receipt"), fmt)


def letter_response(letter: Letter, fmt: str) -> HttpResponse:
    from urllib.parse import quote

    if fmt == "pdf":
        body, mime = to_pdf(letter), "application/pdf"
    elif fmt == "docx":
        body = to_docx(letter)
        mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        raise Http404("不支持的格式。")
    response = HttpResponse(body, content_type=mime)
    name = quote(f"{letter.filename_stem}.{fmt}")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{name}"
    return response
