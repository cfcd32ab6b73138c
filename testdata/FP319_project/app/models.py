# select: FP319
# pydantic-target-version: 1.10
from app import base
from app.base import Declared, Document, Resource

# Errors


class User(Resource):
    _endpoint = "/users"  # error: FP319


class Page(base.Document):
    _kind = "page"  # error: FP319


# OK


class Special(Declared):
    # The base declares _kind a ClassVar: V2 keeps it one here too.
    _kind = "special"


def check_runtime():
    assert User.endpoint() == "/users" and Resource.endpoint() == "/"
    assert Page._kind == "page" and Document._kind == "document"
    assert Special._kind == "special"
    Resource._cache["k"] = 1
    assert User._cache == {"k": 1}
    assert isinstance(Document(), Document)
