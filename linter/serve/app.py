"""The web application: the page, its static files, the checks it asks for, the JSON API."""

from __future__ import annotations

from urllib.parse import quote

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..finding import Message
from ..version import __version__
from .checking import Checker
from .guards import BodyTooLarge, Guard, message_body
from .page import Page
from .uploads import Draft, UploadError, pasted, too_large, uploaded

LOOPBACK_NAMES = ["127.0.0.1", "localhost", "[::1]"]
_FORM_FIELDS = 4  # file, text, and room for a client's extra field or two


def make_app(checker: Checker, *, lang: str, max_upload: int, hosts: list[str] | None) -> Starlette:
    """`hosts`: the Host names a request may carry (None: any), so a page on another site cannot
    reach a server on loopback through a name it controls (DNS rebinding)."""
    page = Page(max_upload)

    def lang_of(request: Request) -> str:
        asked = request.query_params.get("lang")
        return asked if asked in ("zh", "en") else lang

    async def index(request: Request) -> Response:
        return Response(page.render(lang_of(request), checker.linter.config.source),
                        media_type="text/html; charset=utf-8")

    async def static(request: Request) -> Response:
        body, media = page.static(request.path_params["name"])
        if body is None:
            return _error(Message("没有这个文件", "no such file"), lang_of(request), 404)
        return Response(body, media_type=media)

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok", "version": __version__})

    async def api_lint(request: Request) -> Response:
        """`POST /api/lint`: a multipart `file` (or `text`), or a text/plain body (`?name=` gives
        its name); the answer is the command line's --format json, whatever went wrong."""
        language = lang_of(request)
        try:
            draft = await _draft(request, max_upload, language)
        except UploadError as exc:
            name = request.query_params.get("name") or "-"
            report, _ = await run_in_threadpool(checker.error_report, name, exc.message, language)
            return Response(report, exc.status, media_type="application/json; charset=utf-8")
        report, status = await run_in_threadpool(checker.api_report, draft, language)
        return Response(report, 400 if status == 2 else 200,
                        media_type="application/json; charset=utf-8")

    async def check(request: Request) -> Response:
        language = lang_of(request)
        try:
            draft = await _draft(request, max_upload, language)
            checked = await run_in_threadpool(checker.check, draft, language)
        except UploadError as exc:
            return _error(exc.message, language, exc.status)
        return JSONResponse({"name": draft.name, "docx": draft.is_docx, "profile": checked.profile,
                             "fixable": checked.fixable, "report": checked.report,
                             "view": checked.view})

    async def download_commented(request: Request) -> Response:
        return await _download(request, checker.commented, Message("-批注", "-reviewed"),
                               "application/vnd.openxmlformats-officedocument."
                               "wordprocessingml.document")

    async def download_fixed(request: Request) -> Response:
        return await _download(request, checker.fixed, Message("-已修复", "-fixed"),
                               "text/plain")

    async def _download(request: Request, make, suffix: Message, media: str) -> Response:
        language = lang_of(request)
        try:
            draft = await _draft(request, max_upload, language)
            data, count = await run_in_threadpool(make, draft, language)
        except UploadError as exc:
            return _error(exc.message, language, exc.status)
        stem, dot, ext = draft.name.rpartition(".")
        name = f"{stem}{suffix.render(language)}.{ext}" if dot else draft.name
        return Response(data, media_type=media, headers={
            "content-disposition": _attachment(name), "x-notice-lint-count": str(count)})

    routes = [
        Route("/", index), Route("/static/{name}", static), Route("/health", health),
        Route("/api/lint", api_lint, methods=["POST"]), Route("/check", check, methods=["POST"]),
        Route("/download/commented", download_commented, methods=["POST"]),
        Route("/download/fixed", download_fixed, methods=["POST"]),
    ]
    middleware = [Middleware(Guard, limit=max_upload, lang=lang)]
    if hosts is not None:
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=hosts))

    async def http_error(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        return _error(Message(f"请求无效（HTTP {status}）", f"bad request (HTTP {status})"),
                      lang_of(request), status)

    return Starlette(routes=routes, middleware=middleware,
                     exception_handlers={HTTPException: http_error})


async def _draft(request: Request, limit: int, lang: str) -> Draft:
    """The draft a request carries; UploadError for anything else (BodyTooLarge included)."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    try:
        if media == "text/plain":
            body = await request.body()
            return uploaded(request.query_params.get("name") or "stdin.txt", body, limit)
        if media != "multipart/form-data":
            raise UploadError(Message("请以 multipart/form-data（file 或 text 字段）或 text/plain 上传",
                                      "send multipart/form-data (a file or text field) or "
                                      "text/plain"), 415)
        async with request.form(max_files=1, max_fields=_FORM_FIELDS,
                                max_part_size=limit) as form:
            file = form.get("file")
            if isinstance(file, UploadFile) and file.filename:
                data = await file.read(limit + 1)
                return uploaded(file.filename, data, limit)
            text = form.get("text")
            return pasted(text if isinstance(text, str) else "", limit, lang)
    except BodyTooLarge:
        raise too_large(limit) from None
    except HTTPException as exc:  # the form parser's refusal: a malformed or oversized form
        raise UploadError(Message(f"上传的表单无法读取：{exc.detail}",
                                  f"the uploaded form cannot be read: {exc.detail}")) from None


def _error(message: Message, lang: str, status: int) -> Response:
    return Response(message_body(message, lang), status,
                    media_type="application/json; charset=utf-8")


def _attachment(name: str) -> str:
    """Content-Disposition for a download named `name` (RFC 6266: an ASCII fallback, then the
    UTF-8 name)."""
    fallback = "".join(c if (c.isascii() and c.isalnum()) or c in "-_." else "_" for c in name)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"

