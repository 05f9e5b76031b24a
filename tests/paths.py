"""Where the project's read-only shared material is: beside the checkout (as in CI), or
wherever CARTPATH_SHARED points."""

import os
from pathlib import Path

SHARED = Path(os.environ.get("CARTPATH_SHARED",
                             Path(__file__).resolve().parent.parent.parent / "shared"))
