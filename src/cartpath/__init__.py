"""cartpath: navigation of cancer patients to CAR-T cell therapy.

Layout (see README, "Architecture"):
- ``clinical``, ``documents``, ``matching``: framework-free cores (no Django imports).
- ``web``: the Django project (settings, urls); one Django app per capability beside it.
- ``cli``: the ``cartpath`` command, including the batch contracts.
"""

__version__ = "0.1.0"
