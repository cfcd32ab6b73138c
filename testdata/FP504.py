import logging
import traceback
import traceback as tb
from traceback import format_exc

from fastapi import APIRouter, FastAPI, HTTPException, Request, status
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

logger = logging.getLogger(__name__)

app = FastAPI()
router = APIRouter(prefix="/items")


def load_item(item_id: int) -> dict:
    return {"id": item_id}


# Errors


@app.exception_handler(Exception)
async def unhandled(request: Request, exc: Exception):
    logger.exception("unhandled error")
    return JSONResponse(status_code=500, content={"message": str(exc)})  # error: FP504


@app.exception_handler(Exception)
async def unhandled_with_traceback(request: Request, exc: Exception):
    return JSONResponse(
        status_code=500,
        content={
            "error": type(exc).__name__,
            "traceback": traceback.format_exc(),  # error: FP504
        },
    )


async def registered_for_500(request, exc):
    return PlainTextResponse(f"Internal error: {exc}", status_code=500)  # error: FP504


app.add_exception_handler(500, registered_for_500)


async def registered_in_constructor(request, exc):
    details = "".join(tb.format_exception(exc))  # error: FP504
    return HTMLResponse(f"<pre>{details}</pre>", status_code=500)


api_v2 = FastAPI(exception_handlers={Exception: registered_in_constructor})


@app.get("/items/{item_id}")
async def read_item(item_id: int):
    try:
        return load_item(item_id)
    except Exception as e:
        raise HTTPException(status_code=500, detail=str(e))  # error: FP504


@router.post("/")
async def create_item(payload: dict):
    try:
        return load_item(payload["id"])
    except HTTPException:
        raise
    except Exception as exc:
        logger.error("create failed: %s", exc)
        raise HTTPException(status.HTTP_500_INTERNAL_SERVER_ERROR, f"Failed to create item: {exc}") from exc  # error: FP504


@router.get("/report")
def report():
    try:
        return load_item(1)
    except Exception as err:
        return {"status": "error", "message": repr(err)}  # error: FP504


@router.get("/args")
def args_leak():
    try:
        return load_item(1)
    except BaseException as err:
        return JSONResponse({"error": err.args}, status_code=500)  # error: FP504


@router.get("/bare")
def bare_except():
    try:
        return load_item(1)
    except:  # noqa: E722
        return Response(content=format_exc(), status_code=500)  # error: FP504


@router.get("/variable")
def through_variable():
    try:
        return load_item(1)
    except (KeyError, Exception) as error:
        message = "lookup failed: " + str(error)  # error: FP504
        logger.warning(message)
        raise StarletteHTTPException(status_code=500, detail=message)


@router.get("/body")
async def through_body():
    try:
        return load_item(1)
    except Exception as e:
        body = {"ok": False}
        body["error"] = f"{e}"  # error: FP504
        return JSONResponse(body, status_code=500)


@router.api_route("/any", methods=["GET", "POST"])
async def any_method():
    try:
        return load_item(1)
    except Exception as e:
        return PlainTextResponse("failed: {}".format(e), status_code=500)  # error: FP504


async def added_for_exception(request, exc):
    return JSONResponse({"detail": "Unexpected error: %s" % exc}, status_code=500)  # error: FP504


app.add_exception_handler(Exception, added_for_exception)


# OK


@app.exception_handler(Exception)
async def generic_message(request: Request, exc: Exception):
    logger.exception("unhandled error on %s: %s", request.url, exc)
    logger.error(f"unhandled: {exc}\n{traceback.format_exc()}")
    return JSONResponse(status_code=500, content={"message": "Internal server error", "type": type(exc).__name__})


@app.exception_handler(ValueError)
async def specific_handler(request: Request, exc: ValueError):
    # Messages of a specific error type are meant for the client.
    return JSONResponse(status_code=400, content={"message": str(exc)})


@app.exception_handler(StarletteHTTPException)
async def http_errors(request: Request, exc: StarletteHTTPException):
    return JSONResponse(status_code=exc.status_code, content={"message": str(exc.detail)})


@router.get("/specific")
def specific_except():
    try:
        return load_item(1)
    except ValueError as e:
        raise HTTPException(status_code=400, detail=str(e))


@router.get("/logged")
def logged_only():
    try:
        return load_item(1)
    except Exception as e:
        logger.exception("failed: %s", str(e))
        print(traceback.format_exc())
        raise HTTPException(status_code=500, detail="Internal server error")


@router.get("/helper")
def passed_to_helper():
    try:
        return load_item(1)
    except Exception as e:
        # What the helper does with it is not known.
        return error_response(str(e))


def error_response(message: str) -> JSONResponse:
    return JSONResponse({"error": "internal"}, status_code=500)


def not_a_route():
    try:
        return load_item(1)
    except Exception as e:
        return {"error": str(e)}


@router.get("/nested")
def nested_function():
    try:
        return load_item(1)
    except Exception as e:

        def describe():
            return {"error": str(e)}

        logger.info(describe())
        raise HTTPException(status_code=500, detail="Internal server error")


@router.get("/headers")
def status_header_only():
    try:
        return load_item(1)
    except Exception as e:
        return JSONResponse({"error": "internal"}, status_code=500, headers={"X-Error-Type": type(e).__name__})


def task_runner(callback):
    try:
        callback()
    except Exception as e:
        raise HTTPException(status_code=500, detail=str(e))


@router.get("/narrowed")
def narrowed_by_isinstance():
    try:
        return load_item(1)
    except Exception as exc:
        if isinstance(exc, KeyError):
            raise HTTPException(status_code=404, detail=str(exc)) from exc
        if "quota exceeded" in str(exc):
            return JSONResponse({"error": str(exc)}, status_code=429)
        raise HTTPException(status_code=500, detail="Internal server error") from exc


@router.get("/narrowed-inline")
def narrowed_by_a_conditional_expression():
    try:
        return load_item(1)
    except Exception as exc:
        detail = str(exc) if isinstance(exc, KeyError) else "Internal server error"
        args = exc.args if isinstance(exc, LookupError) else ()
        raise HTTPException(status_code=500, detail={"detail": detail, "args": args}) from exc


@router.get("/narrowed-inline-other-branch")
def conditional_expression_else_branch():
    try:
        return load_item(1)
    except Exception as exc:
        raise HTTPException(status_code=500, detail="generic" if isinstance(exc, KeyError) else str(exc))  # error: FP504


@router.get("/reassigned")
def variable_reused_for_a_generic_message():
    try:
        return load_item(1)
    except Exception as exc:
        message = {"stackTrace": traceback.format_exc()}
        logger.error("failed: %s", message)
        message = "Internal server error"
        raise HTTPException(status_code=500, detail=message) from exc
