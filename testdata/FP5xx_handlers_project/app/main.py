from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError

from app import handlers as h
from app.handlers import on_anything, on_domain_error, on_validation, on_validation_errors, on_validation_from_dict


class DomainError(Exception):
    pass


async def on_shadowed(request, exc):
    return None


app = FastAPI(exception_handlers={RequestValidationError: on_validation_from_dict})
app.add_exception_handler(RequestValidationError, on_validation)
app.add_exception_handler(RequestValidationError, on_validation_errors)
app.add_exception_handler(RequestValidationError, h.on_validation_text_free)
app.add_exception_handler(Exception, on_anything)
app.add_exception_handler(500, h.on_server_error)
app.add_exception_handler(DomainError, on_domain_error)
app.add_exception_handler(Exception, on_shadowed)
