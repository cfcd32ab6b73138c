from typing import List

from pydantic import parse_obj_as, schema_of
from pydantic.v1 import BaseModel as V1Model


class Legacy(V1Model):
    name: str

# Errors


def v1(rows):
    return parse_obj_as(List[Legacy], rows)  # error: FP316


def named(rows):
    return parse_obj_as(List[int], rows, type_name="Ints")  # error: FP316


def titled():
    return schema_of(int, title="Count")  # error: FP316


def passed_along(rows):
    return list(map(parse_obj_as, [int], rows))  # error: FP316


def taken(rows):
    TypeAdapter = None
    return parse_obj_as(int, rows), TypeAdapter  # error: FP316
