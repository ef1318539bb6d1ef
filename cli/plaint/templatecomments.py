"""The comments of the shipped policy templates, for `init` in Chinese.

A new book's `plaint.toml` is read and edited by the desk that owns it: in Chinese its comments are
Chinese too. A run of comment lines is one paragraph (one catalog entry, written back as one line),
a comment after a value is its own; a commented-out setting stays as it is, but for the names in
it (`name = "Company day"`). A comment the catalog does not know stays as written.
"""

from __future__ import annotations

import re

from plaint.i18n import N_, _

# Every paragraph the templates' comments hold beyond their first line (setup.TEMPLATE_TEXTS has those).
COMMENTS = (
    N_("Record first: what every complaint has at intake; the rest is asked for before closing."),
    N_("Customer service verifies every complaint before it goes to a department, and sets the deadline "
       "(plaint assign --department D --deadline TIME). A serious case needs a review naming the responsible "
       "person; the resolving department head signs the result (plaint close --signed-off-by)."),
    N_("Answered on principle, patiently: a reply the same day, nothing more to run."),
    N_("The resolve limits below apply until customer service sets a deadline at routing."),
    N_("Root causes as data: `plaint close --cause-code KEY` (or the English or Chinese label); the monthly "
       "report ranks them (Pareto). Free-text --cause still works and is grouped by its words."),
    N_("Repeated places are reported this many unit parts deep (3-2 of 3-2-501), never the last part."),
    N_("The responsible manager proposes it; the case cannot be closed before the general manager approves it."),
    N_("Major: the department manager and the general manager are told at once and meet."),
    N_('set yours, e.g. "Europe/Berlin"'),
    N_("or \"cn\" for mainland China's holidays and make-up workdays"),
    N_('Record first: what every complaint has at intake. `required_to_close` lists what must be found out '
       'before a case closes (e.g. ["unit"]).'),
    N_("Time limits in working days from receipt: general 1, moderate 3, severe 7; service attitude 2."),
    N_('Record first: what every complaint has at intake; the waybill is asked for before closing. Each channel '
       'below names its default source (customers use all four; a branch says "internal").'),
    N_("外部 (customers) / 内部 (branch against branch)"),
    N_("Adapt: name, site, your categories, your hours under [calendar], and who approves."),
    N_("Record first: what every complaint has at intake (an anonymous suggestion-box note has no unit)."),
    N_("Found out while handling: asked for before closing, listed by `plaint show` and `plaint check`."),
    N_("Who is told, lowest first; a clock late by more than `step` also goes one level up."),
    N_("The form reaches the department within 10 minutes (route); the handler is fixed within 1 hour "
       "(acknowledge); the revisit follows within 3 working days of closing."),
    N_("A valid complaint not resolved within one month counts as major."),
    N_("A callback after every service; an unsatisfied callback reopens the case for a root-cause analysis."),
    N_("Record first: what every complaint has at intake; the callback needs a contact before closing."),
    N_("After an unsatisfied callback the case reopens; closing it again needs the root cause and the "
       "improvement measures (plaint close --cause ... --corrective-action ...)."),
    N_("The callback specialist phones every customer after service: the `revisit` clock below."),
    N_("contact promised within 2 working hours"),
)
SETTING_NAMES = (N_("Company day"), N_("Half day"))  # the names in commented-out settings

SETTING = re.compile(r"^#\s*[a-z_]+\s*=")  # `# closures = [...]`: a setting to uncomment, not prose
AFTER_VALUE = re.compile(r'^((?:[^#"]|"[^"]*")+?)(\s+#\s?)(.*)$')  # `key = "value"   # a note`


def paragraphs(text: str):
    """Each comment paragraph of a template as the catalog knows it (the first line on its own)."""
    for kind, value in _pieces(text.splitlines()):
        if kind in ("block", "after"):
            yield value if isinstance(value, str) else value[2]


def comments_in_chinese(text: str) -> str:
    """The template with its comments in the interface language (a whole paragraph on one line)."""
    out = []
    for kind, value in _pieces(text.splitlines()):
        if kind == "block":
            out.append(f"# {_(value)}")
        elif kind == "after":
            code, mark, note = value
            out.append(f"{code}{mark}{_(note)}")
        elif kind == "setting":
            out.append(re.sub(r'"([^"]*)"', lambda m: f'"{_(m.group(1))}"' if m.group(1) in SETTING_NAMES
                              else m.group(0), value))
        else:
            out.append(value)
    return "\n".join(out) + ("\n" if text.endswith("\n") else "")


def _pieces(lines: list[str]):
    """("block", paragraph), ("after", (code, mark, note)), ("setting", line) or ("line", line)."""
    block: list[str] = []
    for number, line in enumerate(lines):
        if line.startswith("#") and not SETTING.match(line):
            block.append(line.lstrip("#").strip())
            if number == 0:  # the first line says what the template is for: a paragraph of its own
                yield "block", block.pop()
            continue
        if block:
            yield "block", " ".join(block)
            block = []
        found = AFTER_VALUE.match(line)
        if SETTING.match(line):
            yield "setting", line
        elif found and not line.lstrip().startswith("#"):
            yield "after", found.groups()
        else:
            yield "line", line
    if block:
        yield "block", " ".join(block)
