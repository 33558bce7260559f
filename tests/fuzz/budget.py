"""How hard the fuzz tests try: a fixed budget in `make test`, far more with KREDS_FUZZ_LONG=1."""

import os

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

LONG = os.environ.get("KREDS_FUZZ_LONG") == "1"


def examples(short: int, long: int) -> settings:
    """Hypothesis settings with `short` examples in `make test` and `long` in `make fuzz`."""
    return settings(
        max_examples=long if LONG else short,
        deadline=None,
        derandomize=not LONG,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )


scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30)
    | st.sampled_from(["", "card.add", "works", "ja", "0", "-1", "null", "a" * 8, "\u0000"])
)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=12), inner),
    max_leaves=25,
)
"""Arbitrary JSON: what a broken or hostile client may send."""
