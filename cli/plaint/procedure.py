"""The procedure's steps that a policy can require before routing or closing a case.

Each step is a name (as written in `close_requires` / `assign_requires`), the message that
tells a person what to do, and the test of whether a record has done it.
"""

from __future__ import annotations

from typing import Callable, NamedTuple

from plaint.i18n import N_, _
from plaint.records import View


class Step(NamedTuple):
    message: str
    done: Callable[[dict, object], bool]  # (record, policy) -> bool


def _reviewed(record: dict, policy) -> bool:
    severity = policy.severities.get(policy.recorded_severity(record))
    return not (severity and severity.review) or "review" in record


STEPS = {
    "handler": Step(N_("a handler is assigned (plaint assign --handler)"), lambda r, p: bool(r.get("handler"))),
    "department": Step(N_("a department is assigned (plaint assign --department)"),
                       lambda r, p: bool(r.get("department"))),
    "classified": Step(N_("the case is classified (plaint classify)"),
                       lambda r, p: bool(r.get("validity") and r.get("severity") and r.get("category"))),
    "reply": Step(N_("the customer was answered (plaint reply)"), lambda r, p: "reply" in r),
    "solution": Step(N_("a solution is proposed (plaint propose)"), lambda r, p: "solution" in r),
    "approval": Step(N_("the solution is approved (plaint approve)"),
                     lambda r, p: bool(r.get("solution", {}).get("approved_by"))),
    "review": Step(N_("a serious-case review named the responsible person (plaint review)"), _reviewed),
    # Signed off at the moment of closing: a record never has it before `close --signed-off-by`.
    "signoff": Step(N_("the resolving department head signs off (plaint close --signed-off-by)"),
                    lambda r, p: bool(r.get("closing", {}).get("signed_off_by"))),
    "verified": Step(N_("the complaint is verified (plaint verify)"), lambda r, p: View(r).has("verified")),
}
# What a procedure may require before a case is routed to a department.
ASSIGN_STEPS = ("verified", "classified")


def missing_steps(record: dict, policy, required: list[str], given: tuple[str, ...] = ()) -> list[str]:
    """The required steps this record has not done; `given` are done by the command being run."""
    return [name for name in required if name not in given and not STEPS[name].done(record, policy)]


def describe(names: list[str]) -> str:
    from plaint.words import steps
    return steps(_(STEPS[name].message) for name in names)
