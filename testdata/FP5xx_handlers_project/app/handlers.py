# select: FP501, FP502, FP504
"""Handlers defined here and registered in app/main.py: the rules follow
the registration across modules."""

from fastapi import Request
from fastapi.responses import JSONResponse, PlainTextResponse

# Errors


async def on_validation(request: Request, exc: Exception):  # add_exception_handler in main.py
    return JSONResponse(status_code=422, content={"detail": str(exc)})  # error: FP501


async def on_validation_from_dict(request, error):  # exception_handlers={...} in main.py
    return PlainTextResponse(f"Invalid request: {error}", status_code=400)  # error: FP501


async def on_anything(request, exc):  # registered for Exception in main.py
    return JSONResponse(status_code=500, content={"message": str(exc)})  # error: FP504


async def on_server_error(request, exc):  # registered for 500 through a module alias
    return PlainTextResponse(repr(exc), status_code=500)  # error: FP504


async def on_validation_errors(request, exc):  # registered for RequestValidationError in main.py
    return JSONResponse(status_code=422, content={"detail": exc.errors()})  # error: FP502


# OK


async def on_domain_error(request, exc):  # registered for a domain error only
    return JSONResponse(status_code=409, content={"detail": str(exc)})


async def on_unregistered(request, exc):  # never registered anywhere
    return JSONResponse(status_code=500, content={"detail": str(exc)})


async def on_shadowed(request, exc):  # main.py registers its own on_shadowed
    return JSONResponse(status_code=500, content={"detail": str(exc)})


async def on_validation_text_free(request, exc):  # registered for RequestValidationError, no text
    return JSONResponse(status_code=422, content={"detail": "invalid request"})
