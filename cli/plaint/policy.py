"""The book's policy (`plaint.toml`): its vocabulary, clocks, approvers and procedure rules."""

from __future__ import annotations

import os
from typing import NamedTuple

from plaint.bookcal import policy_calendar
from plaint.calendars import Calendar
from plaint.clocks import CLOCKS, ClockRule  # noqa: F401  (the clock table; kept importable from here)
from plaint.durations import Duration, parse_duration
from plaint.errors import DataError, PlaintError, worded
from plaint.problems import Problem, choices, problems_of  # noqa: F401  (choices: kept importable from here)
from plaint.procedure import ASSIGN_STEPS, STEPS
from plaint.storage.resources import line_of, parse_toml, read_text
from plaint.i18n import N_, _, os_reason

RECORD_FIELDS = ("channel", "summary", "details", "location", "unit", "happened", "complained_about",
                 "request", "complainant.name", "complainant.contact", "reference", "source",
                 "witnesses", "evidence")
SINGULAR = {"channels": "channel", "categories": "category", "validity": "validity kind", "severities": "severity",
            "causes": "cause"}


class Label(NamedTuple):
    key: str
    en: str
    zh: str
    extra: dict

    def text(self, language: str = "en") -> str:
        return (self.zh if language == "zh" else self.en) or self.key


class Severity(NamedTuple):
    label: Label
    clocks: dict[str, Duration]
    approver: str
    notify: list[str]
    review: bool = False  # a serious-case review is part of the procedure


class AgeRule(NamedTuple):
    validity: str
    unresolved_for: Duration
    severity: str


class Policy:
    """The policy as read and checked; attributes as annotated below."""

    path: str
    name: str
    site: str
    timezone: str
    calendar: Calendar
    channels: dict[str, Label]
    categories: dict[str, Label]
    causes: dict[str, Label]     # optional [[causes]]: root causes as data (close --cause-code)
    validity: dict[str, Label]
    validity_clocks: dict[str, dict[str, Duration]]
    category_clocks: dict[str, dict[str, Duration]]
    severities: dict[str, Severity]
    default_severity: str
    required: list[str]
    required_to_close: list[str]  # asked for before closing (record first, complete later)
    form_title: str               # the $EDITOR form's title: the organisation's own form name
    levels: list[str]
    escalation_step: Duration | None
    age_rules: list[AgeRule]
    close_requires: list[str]
    assign_requires: list[str]
    reopen_requires: list[str]
    solution_approver: str       # who approves a proposed solution ("" = the severity's approver)
    assign_sets_deadline: bool   # the routing desk sets the resolve deadline (plaint assign --deadline)
    reference_label: str         # what `reference` is called here: waybill, plate number, ...
    sources: list[str]           # allowed values of `source` (e.g. external, internal), empty = free text
    labels: str
    template: str
    report: dict
    data: dict

    def __init__(self, **fields):
        self.__dict__.update(fields)

    def recorded_severity(self, record: dict) -> str:
        """The severity a record was classified with, else the policy's default (before any age
        upgrade: `plaint.assess` says what a case counts as now)."""
        return record.get("severity") or self.default_severity

    def clocks_for(self, severity: str, validity: str = "", category: str = "") -> dict[str, Duration]:
        """The clocks a case runs: its validity kind's own, else its severity's; a category may
        then set some of them (logistics: service-attitude cases are resolved within 2 working days)."""
        if validity in self.validity_clocks:
            return self.validity_clocks[validity]
        found = self.severities.get(severity) or self.severities[self.default_severity]
        override = self.category_clocks.get(category)
        return {**found.clocks, **override} if override else found.clocks

    def label(self, kind: str, key: str, language: str | None = None) -> str:
        table = {"channel": self.channels, "category": self.categories, "validity": self.validity,
                 "cause": self.causes, "severity": {k: s.label for k, s in self.severities.items()}}[kind]
        found = table.get(key)
        if language is None:
            from plaint.i18n import language as interface
            language = interface()
        return found.text(language) if found else key

    def cause_key(self, text: str) -> str | None:
        """The [[causes]] key that `text` names: the key or its en/zh label, case-insensitively."""
        from unicodedata import normalize

        def fold(value: str) -> str:  # case, spacing and full-width forms do not matter
            return " ".join(normalize("NFKC", value).split()).casefold()
        wanted = fold(text)
        for key, label in self.causes.items():
            if wanted and wanted in (fold(key), fold(label.en), fold(label.zh)):
                return key
        return None

    def signs_for(self, approver: str, role: str) -> bool:
        """`approver` may sign what `role` may: the same role, or a level above it ([escalation]
        levels run lowest first), as a general manager signs for his department manager."""
        levels = [level.lower() for level in self.levels]
        if approver.lower() == role.lower():
            return True
        return approver.lower() in levels and role.lower() in levels and \
            levels.index(approver.lower()) > levels.index(role.lower())

    def levels_above(self, role: str) -> list[str]:
        return self.levels[self.levels.index(role) + 1:] if role in self.levels else []

    def next_level(self, role: str) -> str | None:
        if role in self.levels:
            index = self.levels.index(role)
            if index + 1 < len(self.levels):
                return self.levels[index + 1]
        return None


# What `choices` names, as the catalog has them.
KINDS = (N_("channel"), N_("category"), N_("severity"), N_("validity"), N_("source"), N_("channel values"),
         N_("category values"), N_("severity values"), N_("validity values"), N_("source values"), N_("clocks"),
         N_("statuses"), N_("levels"), N_("severities"), N_("validity kinds"), N_("steps"), N_("fields"),
         N_("sources"))


def load_policy(path: str) -> Policy:
    try:
        text = read_text(path)
    except FileNotFoundError:
        raise DataError(_("{path}: no policy file; create a book with `plaint init DIR --template NAME`").format(path=path))
    except UnicodeDecodeError as exc:
        raise worded(path, 1, _("{path}:1: the policy is not UTF-8 text (byte {start}); save it as UTF-8").format(path=path, start=exc.start))
    except OSError as exc:
        raise worded(path, 1, _("{path}:1: cannot read the policy: {strerror}").format(path=path, strerror=os_reason(exc)))
    data = parse_toml(text, path)
    problems = PolicyProblems(path, text)
    from plaint.policyshape import shape_problems
    shape_problems(data, problems.add)
    problems.raise_any()  # wrong types first: interpreting them would only confuse
    try:
        policy = read_policy(data, problems)
    except (TypeError, ValueError, AttributeError, KeyError) as exc:
        problems.raise_any()
        raise worded(path, 1, _("{path}:1: the policy does not have the shape plaint expects ({name}: {exc}); compare it "
                          "with a template: plaint init --list").format(path=path, name=type(exc).__name__, exc=exc))
    problems.raise_any()
    from plaint.i18n import policy_says
    policy_says(policy.labels)  # the desk's language, unless --lang or PLAINT_LANG says otherwise
    return policy


class PolicyProblems:
    """Collects every problem in a policy, each with its file and line."""

    def __init__(self, path: str, text: str):
        self.path, self.text, self.items = path, text, []

    def add(self, needle: str, message: str) -> None:
        self.items.append(Problem(self.path, line_of(self.text, needle), message))

    def extend(self, exc: PlaintError, needle: str) -> None:
        """An error from what the policy names (its calendar): its own problems, else at `needle`."""
        self.items += problems_of(exc) or [Problem(self.path, line_of(self.text, needle), exc.message)]

    def raise_any(self) -> None:
        if self.items:
            raise DataError.of(self.items)


def _labels(data: dict, key: str, problems: PolicyProblems, required: bool = True) -> dict[str, Label]:
    result: dict[str, Label] = {}
    for item in data.get(key, []):
        name = item.get("key")
        if not name or not isinstance(name, str):
            problems.add(f"[[{key}]]", _("every [[{key}]] entry needs a `key`").format(key=key))
            continue
        if name in result:
            problems.add(f'key = "{name}"', _("duplicate {value} {name!r}").format(value=SINGULAR[key], name=name))
            continue
        extra = {k: v for k, v in item.items() if k not in ("key", "en", "zh")}
        result[name] = Label(name, item.get("en", name), item.get("zh", ""), extra)
    if not result and required:
        problems.add(f"[[{key}]]", _("the policy needs at least one [[{key}]] entry").format(key=key))
    return result


def _clocks(table: dict, needle: str, problems: PolicyProblems) -> dict[str, Duration]:
    clocks = {}
    for clock, text in table.items():
        if clock not in CLOCKS:
            problems.add(f"{clock} =", _("unknown clock {clock!r}; {allowed}").format(clock=clock, allowed=choices('clocks', CLOCKS, keys=True)))
            continue
        try:
            clocks[clock] = parse_duration(text, f"clock {clock!r}: ")
        except PlaintError as exc:
            problems.add(f"{clock} =", exc.message)
    return clocks


def read_policy(data: dict, problems: PolicyProblems) -> Policy:
    """The policy in `data`; every mistake found goes to `problems`, in the order of the file's parts."""
    path = problems.path
    channels = _labels(data, "channels", problems)
    categories = _labels(data, "categories", problems)
    validity = _labels(data, "validity", problems)
    causes = _labels(data, "causes", problems, required=False)
    _check_place_depth(data, problems)
    validity_clocks = _kind_clocks(validity, problems)
    category_clocks = _kind_clocks(categories, problems)
    escalation = data.get("escalation", {})
    levels = list(escalation.get("levels", []))
    severities = _severities(data, levels, problems)
    procedure = data.get("procedure", {})
    solution_approver = _roles(data, procedure, severities, levels, problems)
    default = data.get("default_severity", next(iter(severities), ""))
    if severities and default not in severities:
        problems.add("default_severity", _("default_severity {default!r} is not a severity; {allowed}").format(default=default, allowed=choices('severities', severities, keys=True)))
    step = _escalation_step(escalation, problems)
    age_rules = _age_rules(data, severities, validity, problems)
    assign_requires, close_requires, reopen_requires = _procedure_steps(procedure, problems)
    fields = data.get("fields", {})
    required, required_to_close, sources = _fields(fields, channels, problems)
    site = _site(data, problems)
    calendar = None
    try:  # a shipped calendar or a file inside the book, the book's own years, its closures on top
        calendar = policy_calendar(data.get("calendar", {}), path, problems.text, data.get("timezone"))
    except PlaintError as exc:
        problems.extend(exc, "[calendar]")
    return Policy(path=path, name=data.get("name", os.path.basename(os.path.dirname(os.path.abspath(path)))), site=str(site),
                  timezone=data.get("timezone", calendar.tz.key if calendar else "UTC"), calendar=calendar,
                  channels=channels, categories=categories, causes=causes, validity=validity, validity_clocks=validity_clocks,
                  category_clocks=category_clocks, assign_requires=assign_requires,
                  solution_approver=solution_approver,
                  assign_sets_deadline=bool(procedure.get("assign_sets_deadline", False)),
                  reference_label=fields.get("reference_label", "reference"), sources=sources,
                  required_to_close=required_to_close, form_title=data.get("form", {}).get("title", ""),
                  severities=severities, default_severity=default, required=required, levels=levels,
                  escalation_step=step, age_rules=age_rules, close_requires=close_requires,
                  reopen_requires=reopen_requires,
                  labels=data.get("labels", "en"), template=data.get("template", ""),
                  report=data.get("report", {}), data=data)


def _check_place_depth(data: dict, problems: PolicyProblems) -> None:
    depth = data.get("report", {}).get("place_depth", 2)
    if not isinstance(depth, int) or isinstance(depth, bool) or depth < 1:
        problems.add("place_depth", _("place_depth {depth!r} must be a whole number of unit parts, at least 1 (2 "
                                      "reports `3-2` of unit `3-2-501`)").format(depth=depth))


def _kind_clocks(kinds: dict[str, Label], problems: PolicyProblems) -> dict[str, dict[str, Duration]]:
    """The clocks a validity kind or a category sets (`clocks = {...}` in its entry)."""
    return {key: _clocks(label.extra["clocks"], f'key = "{key}"', problems)
            for key, label in kinds.items() if isinstance(label.extra.get("clocks"), dict)}


def _severities(data: dict, levels: list[str], problems: PolicyProblems) -> dict[str, Severity]:
    """Each severity with its clocks, approver and the roles it notifies (both escalation levels)."""
    severities: dict[str, Severity] = {}
    for key, label in _labels(data, "severities", problems).items():
        extra = label.extra
        approver = extra.get("approver", "")
        if levels and approver and approver not in levels:
            problems.add(f'approver = "{approver}"',
                         _("approver {approver!r} of severity {key!r} is not an escalation level; {allowed}").format(approver=approver, key=key, allowed=choices('levels', levels, keys=True)))
        notify = extra.get("notify", [])
        for role in notify:
            if levels and role not in levels:
                problems.add(f'"{role}"', _("notify role {role!r} is not an escalation level; {allowed}").format(role=role, allowed=choices('levels', levels, keys=True)))
        clocks = _clocks(extra.get("clocks", {}), f'key = "{key}"', problems)
        severities[key] = Severity(label, clocks, approver, list(notify), bool(extra.get("review", False)))
    return severities


def _roles(data: dict, procedure: dict, severities: dict[str, Severity], levels: list[str],
           problems: PolicyProblems) -> str:
    """The solution approver (an escalation level); every listed approver must be used by someone."""
    solution_approver = procedure.get("solution_approver", "")
    if levels and solution_approver and solution_approver not in levels:
        problems.add("solution_approver", _("solution_approver {solution_approver!r} is not an escalation level; "
                                            "{allowed}").format(solution_approver=solution_approver, allowed=choices('levels', levels, keys=True)))
    used_roles = ({s.approver for s in severities.values()} | {r for s in severities.values() for r in s.notify}
                  | {solution_approver})
    for approver in data.get("approvers", []):
        if approver not in used_roles:
            problems.add(f'"{approver}"', _("approver {approver!r} is listed but no severity uses it").format(approver=approver))
    return solution_approver


def _escalation_step(escalation: dict, problems: PolicyProblems) -> Duration | None:
    if "step" not in escalation:
        return None
    try:
        return parse_duration(escalation["step"], "escalation step: ")
    except PlaintError as exc:
        problems.add("step =", exc.message)
        return None


def _age_rules(data: dict, severities: dict, validity: dict, problems: PolicyProblems) -> list[AgeRule]:
    age_rules = []
    for rule in data.get("age_rules", []):
        try:
            age_rules.append(AgeRule(rule.get("validity", ""), parse_duration(rule.get("unresolved_for", ""), "age rule: "),
                                     rule.get("severity", "")))
        except PlaintError as exc:
            problems.add("unresolved_for", exc.message)
            continue
        if rule.get("severity") not in severities:
            problems.add("[[age_rules]]", _("age rule names severity {severity!r}; {allowed}").format(severity=rule.get('severity'), allowed=choices('severities', severities, keys=True)))
        if rule.get("validity") and rule.get("validity") not in validity:
            problems.add("[[age_rules]]", _("age rule names validity {validity!r}; {allowed}").format(validity=rule.get('validity'), allowed=choices('validity kinds', validity, keys=True)))
    return age_rules


def _procedure_steps(procedure: dict, problems: PolicyProblems) -> tuple[list[str], list[str], list[str]]:
    """What assigning needs, what closing needs, and what closing again after an unsatisfied revisit needs."""
    close_requires = list(procedure.get("close_requires", []))
    assign_requires = list(procedure.get("assign_requires", []))
    for step_name in assign_requires:
        if step_name not in ASSIGN_STEPS:
            problems.add(f'"{step_name}"', _("unknown assign step {step_name!r}; allowed steps: {items}").format(step_name=step_name, items=', '.join(ASSIGN_STEPS)))
    for step_name in close_requires:
        if step_name not in STEPS:
            problems.add(f'"{step_name}"', _("unknown close step {step_name!r}; {allowed}").format(step_name=step_name, allowed=choices('steps', STEPS, keys=True)))
    reopen_requires = list(procedure.get("reclose_after_unsatisfied", []))
    for name in reopen_requires:
        if name not in ("cause", "corrective_action", "responsible", "remedy"):
            problems.add(f'"{name}"', _("unknown closing field {name!r}; allowed: cause, corrective_action, "
                                        "responsible, remedy").format(name=name))
    return assign_requires, close_requires, reopen_requires


def _fields(fields: dict, channels: dict[str, Label], problems: PolicyProblems) -> tuple[list, list, list]:
    """`[fields]`: what filing needs, what closing needs, and the sources channels may name."""
    required = list(fields.get("required", []))
    required_to_close = list(fields.get("required_to_close", []))
    for name in required + required_to_close:
        if name not in RECORD_FIELDS:
            problems.add(f'"{name}"', _("unknown required field {name!r}; {allowed}").format(name=name, allowed=choices('fields', RECORD_FIELDS, keys=True)))
    sources = list(fields.get("sources", []))
    for key, label in channels.items():
        source = label.extra.get("source")
        if source is not None and sources and source not in sources:
            problems.add(f'source = "{source}"', _("channel {key!r} has source {source!r}; {allowed}").format(key=key, source=source, allowed=choices('sources', sources, keys=True)))
    return required, required_to_close, sources


def _site(data: dict, problems: PolicyProblems):
    site = data.get("site", "")
    from plaint.storage.files import SITE_FORMAT  # here, not at the top: the read path stays light
    if not isinstance(site, str) or not SITE_FORMAT.fullmatch(site):
        problems.add("site =", _("site {site!r} is not a site code: use 1 to 8 capital letters A-Z or digits, e.g. "
                                 '"HQ" (it becomes part of every id and file name)').format(site=site))
    return site
