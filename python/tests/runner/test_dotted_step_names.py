"""``x.step.py`` files (Motia v0.x's older naming) load by path, inside their folder's package (a real runner)."""

from __future__ import annotations

from tests.fake_core import FakeCore

from .conftest import Write


def test_a_dotted_step_file_loads_with_relative_imports_beside_an_underscore_twin(core: FakeCore, write: Write) -> None:
    write("steps/orders/pricing.py", "RATE = 3\n")
    dotted = write(
        "steps/orders/bill.step.py",
        """
        from .pricing import RATE

        config = {"type": "api", "name": "BillDotted", "path": "/a", "method": "GET", "emits": []}

        async def handler(request, context):
            return {"rate": RATE, "module": __name__}
        """,
    )
    underscored = write(
        "steps/orders/bill_step.py",
        """
        config = {"type": "api", "name": "BillUnderscored", "path": "/b", "method": "GET", "emits": []}

        async def handler(request, context):
            return {"module": __name__}
        """,
    )
    assert core.describe(dotted)["name"] == "BillDotted"
    assert core.describe(underscored)["name"] == "BillUnderscored"
    assert core.invoke(dotted) == {"rate": 3, "module": "steps.orders.bill-step"}
    assert core.invoke(underscored) == {"module": "steps.orders.bill_step"}
