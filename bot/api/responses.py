"""One answer shape for every /api/v1 response, errors included.

Success: {"code": 200, "message": "成功", "data": {...}}. Errors carry the HTTP status as
`code`, a Chinese `message`, `data: null` and, for bad input, one line per field in
`errors`. FastAPI's own 404/405/422 go through the same handlers, so a client parses one
shape whatever went wrong.
"""

from __future__ import annotations

import re
from http import HTTPStatus
from typing import Any, Generic, TypeVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from bot.api.messages import field_message
from handlers.messages import UserFacingError

T = TypeVar("T")

STATUS_MESSAGES = {
    400: "请求有误",
    401: "请先登录",
    403: "没有权限",
    404: "找不到该资源",
    405: "不支持该请求方法",
    409: "数据冲突",
    413: "上传的文件太大",
    422: "参数校验失败",
    429: "请求太频繁，请稍后再试",
    500: "服务器内部错误",
    502: "外部服务暂时不可用",
}


class FieldError(BaseModel):
    field: str
    message: str


class Envelope(BaseModel, Generic[T]):
    code: int = 200
    message: str = "成功"
    data: T


class ErrorEnvelope(BaseModel):
    code: int
    message: str
    data: None = None
    errors: list[FieldError] = []


class ApiError(Exception):
    """A refusal the client can act on; `message` is shown to the user (Chinese)."""

    def __init__(
        self, status: int, message: str | None = None, errors: list[FieldError] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message or STATUS_MESSAGES.get(status, HTTPStatus(status).phrase)
        self.errors = errors or []
        self.headers = headers


def field_error(status: int, field: str, message: str) -> ApiError:
    return ApiError(status, message, [FieldError(field=field, message=message)])


def ok(data: T, message: str = "成功", code: int = 200) -> Envelope[T]:
    return Envelope[T](code=code, data=data, message=message)


def error_response(
    status: int, message: str | None = None, errors: list[FieldError] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = ErrorEnvelope(
        code=status, message=message or STATUS_MESSAGES.get(status, HTTPStatus(status).phrase),
        errors=errors or [],
    )
    return JSONResponse(body.model_dump(mode="json"), status_code=status, headers=headers)


# Every operation documents these, so a fuzzer (and a client) knows each one is possible.
ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorEnvelope, "description": STATUS_MESSAGES[status]}
    for status in (400, 422, 429)
}
AUTH_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS, 401: {"model": ErrorEnvelope, "description": STATUS_MESSAGES[401]}
}
UPSTREAM: dict[int | str, dict[str, Any]] = {
    502: {"model": ErrorEnvelope, "description": STATUS_MESSAGES[502]}
}
TOO_BIG: dict[int | str, dict[str, Any]] = {
    413: {"model": ErrorEnvelope, "description": STATUS_MESSAGES[413]}
}
CONFLICT: dict[int | str, dict[str, Any]] = {
    409: {"model": ErrorEnvelope, "description": STATUS_MESSAGES[409]}
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorEnvelope, "description": STATUS_MESSAGES[404]}
}


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(UserFacingError, _user_facing)
    # A bug still answers in the one shape (Starlette logs the traceback and re-raises).
    app.add_exception_handler(Exception, _unexpected)


async def _api_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.message, exc.errors, exc.headers)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [_field_error(e) for e in exc.errors()]
    message = errors[0].message if len(errors) == 1 else STATUS_MESSAGES[422]
    return error_response(422, message, errors)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        headers["Allow"] = ", ".join(_allowed_methods(request))
    # FastAPI's own details are English ("Not Found"); the status says the same in Chinese.
    return error_response(exc.status_code, None, None, headers)


def _allowed_methods(request: Request) -> list[str]:
    """Every documented method of the path: Starlette's 405 names only the first route that
    matched it, but GET and PUT of one path are two routes."""
    path = request.scope["path"].removeprefix(request.scope.get("root_path", ""))
    methods: set[str] = set()
    for template, operations in request.app.openapi().get("paths", {}).items():
        if re.fullmatch(re.sub(r"\{[^}]+\}", "[^/]+", template), path):
            methods |= {m.upper() for m in operations}
    return sorted(methods)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    return error_response(500)


async def _user_facing(request: Request, exc: Exception) -> JSONResponse:
    return error_response(400, str(exc))


def _field_error(err: Any) -> FieldError:
    # loc is ("body", "amount") / ("query", "pageSize") / ("body", "products", 0, "name").
    loc = [str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path", "header")]
    field = ".".join(loc) or "body"
    return FieldError(field=field, message=field_message(field, err))
