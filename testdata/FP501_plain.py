# select: FP501
from fastapi.exceptions import RequestValidationError


def parse(data: object) -> object:
    return data


# Errors


def validate(data: object) -> object:
    try:
        return parse(data)
    except RequestValidationError as err:
        return repr(err)  # error: FP501


def validate_either(data: object) -> object:
    try:
        return parse(data)
    except (RequestValidationError, ValueError) as err:
        return repr(err)  # error: FP501


def validate_rebound(data: object) -> object:
    err = None
    try:
        return parse(data)
    except RequestValidationError as err:
        return repr(err)  # error: FP501
    except ValueError as err:
        return repr(err)


# OK


def validate_other(data: object) -> object:
    try:
        return parse(data)
    except ValueError as err:
        return repr(err)
