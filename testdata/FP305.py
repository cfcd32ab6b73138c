import pydantic
import pydantic as pd
from pydantic import BaseSettings  # error: FP305
from pydantic import Field, BaseSettings as Base, validator  # error: FP305
from pydantic.env_settings import BaseSettings as EnvSettings  # error: FP305

# Errors


class Settings(pydantic.BaseSettings):  # error: FP305
    database_url: str = Field(...)


class Other(pd.BaseSettings):  # error: FP305
    debug: bool = False


# Clean: compatibility shims and the V2 spellings

try:
    from pydantic_settings import BaseSettings as Compat
except ImportError:
    from pydantic import BaseSettings as Compat

try:
    from pydantic import BaseSettings as Compat2
except (ImportError, AttributeError):
    from pydantic_settings import BaseSettings as Compat2

if pydantic.VERSION.startswith("1."):
    from pydantic import BaseSettings as Compat3
else:
    from pydantic_settings import BaseSettings as Compat3

from pydantic_settings import BaseSettings as V2Settings
from pydantic.v1 import BaseSettings as KeptV1


class Modern(V2Settings):
    name: str = "x"


import pydantic_settings

Chosen = pydantic_settings.BaseSettings if pydantic.VERSION.startswith("2.") else pydantic.BaseSettings


def local_import():
    from pydantic import BaseSettings  # error: FP305

    from pydantic import Field, BaseSettings as LocalBase  # error: FP305

    return BaseSettings, Field, LocalBase


def compat_attribute():
    if hasattr(pydantic, "BaseSettings"):
        return pydantic.BaseSettings
    return None


# Errors: guards that are no compatibility shim

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic import BaseSettings as Typed  # error: FP305

try:
    from pydantic import BaseSettings as NoFallback  # error: FP305
except ImportError:
    raise RuntimeError("install pydantic")

try:
    from pydantic import BaseSettings as WrongFallback  # error: FP305
except ImportError:
    WrongFallback = object

DEBUG = True
if DEBUG:
    from pydantic import BaseSettings as Conditional  # error: FP305

# Clean: more shims

PYDANTIC_V2 = pydantic.VERSION.startswith("2.")
if PYDANTIC_V2:
    from pydantic_settings import BaseSettings as Shim4
else:
    from pydantic import BaseSettings as Shim4

try:
    from pydantic_settings import BaseSettings as Shim5
except Exception:
    from pydantic import BaseSettings as Shim5
