"""Generate a book of N realistic property-management records for benchmarks.

    .venv/bin/python bench/generate_book.py DIR N

Records are spread over two years (2025-01 to 2026-11), in every state, written in the
same canonical layout the commands write (through plaint.records), without git.
"""

import random
import sys
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from plaint.records import Change, apply_change, new_record_text
from plaint.setup import create_book

TZ = ZoneInfo("Asia/Shanghai")
SUMMARIES = ["Radiator cold", "Lift stuck between floors", "Charged twice for parking", "Noise after 22:00",
             "Water leaking through ceiling", "Guard rude at the gate", "Corridor lights out", "Bins not emptied",
             "Cracks in the wall", "Garage door broken", "Fee notice not posted", "Dog mess on the lawn"]
CATEGORIES = ["property_services", "fees", "community", "emergency", "neighbours", "building_quality",
              "facilities", "attitude"]
CHANNELS = ["phone", "in_person", "proxy", "letter", "suggestion_box"]
DEPARTMENTS = ["Engineering", "Finance", "Security", "Cleaning", "Customer service"]
HANDLERS = ["Wang Qiang", "Zhao Lei", "Qian Li", "Zhou Jun", "Sun Mei", "Li Na"]


def build(root: Path, n: int, seed: int = 11) -> None:
    rng = random.Random(seed)
    create_book(root, "property", site="BM")
    start = datetime(2025, 1, 1, 8, 0, tzinfo=TZ)
    span = (datetime(2026, 11, 20, tzinfo=TZ) - start).total_seconds()
    counters: dict[str, int] = {}
    for index in range(n):
        received = start + timedelta(seconds=int(span * index / n) + rng.randrange(0, 3600))
        received = received.replace(second=0)
        day = f"{received:%Y%m%d}"
        counters[day] = counters.get(day, 0) + 1
        record_id = f"BM-{day}-{counters[day]:03d}"
        by = rng.choice(HANDLERS)
        severity = rng.choices(["minor", "important", "major"], [70, 25, 5])[0]
        validity = rng.choices(["valid", "help", "inquiry", "venting", "invalid"], [60, 10, 15, 10, 5])[0]
        top = {"schema": 1, "id": record_id, "status": "received", "received": received, "received_by": by,
               "channel": rng.choice(CHANNELS), "summary": rng.choice(SUMMARIES),
               "details": "Resident reported the problem.\nDuty officer visited.", "unit": f"{rng.randrange(1, 12)}-"
               f"{rng.randrange(1, 6)}-{rng.randrange(101, 1801)}", "severity": "", "validity": "", "category": "",
               "handler": "", "department": ""}
        complainant = {"name": "Resident", "contact": f"13{rng.randrange(0, 10**9):09d}"}
        text = new_record_text(top, complainant, {"received": received},
                               {"at": received, "by": by, "action": "file"})
        age_days = (datetime(2026, 11, 22, tzinfo=TZ) - received).days
        stage = 6 if age_days > 30 and rng.random() < 0.93 else rng.randrange(0, 7)
        now = received
        steps = [
            Change("classify", top={"validity": validity, "severity": severity, "category": rng.choice(CATEGORIES)}),
            Change("assign", top={"handler": rng.choice(HANDLERS), "department": rng.choice(DEPARTMENTS),
                                  "status": "assigned"}, times={"routed": None, "assigned": None}),
            Change("reply", top={"status": "answered"}, tables={"reply": {"text": "Explained and fixed",
                                                                          "method": "phone"}}, times={"replied": None}),
            Change("close", top={"status": "closed"}, tables={"closing": {
                "resolution": "Fixed", "cause": rng.choice(["Worn part", "Staff error", "No notice", "Design fault"]),
                "responsible": rng.choice(DEPARTMENTS)}}, times={"closed": None}),
            Change("revisit", top={"status": "revisited"}, tables={"revisit": {
                "method": "phone", "satisfied": rng.random() < 0.85}}, times={"revisited": None}),
        ]
        for change in steps[:min(stage, 5)]:
            now = now + timedelta(minutes=rng.randrange(5, 60 * 30))
            stamped = Change(change.action, top=change.top, tables=change.tables,  # a Change is built whole
                             times={key: now for key in change.times})
            text = apply_change(text, stamped, {"at": now, "by": by, "action": change.action})
        folder = root / f"{received:%Y}" / f"{received:%m}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{record_id}.toml").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    build(Path(sys.argv[1]), int(sys.argv[2]))
