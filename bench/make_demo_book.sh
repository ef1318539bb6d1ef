#!/usr/bin/env bash
# Rebuilds the demo book in records/ (run from a checkout with plaint installed in .venv).
# rm -rf records/20* first; the commands are the ones a desk would type.
set -e
cd "$(dirname "$0")/.."
P="$PWD/.venv/bin/plaint --book $PWD/records --no-commit"
f() { # now by args...
  local now="$1" by="$2"; shift 2
  $P --now "$now" --by "$by" "$@" >/dev/null 2>&1 || { echo "failed: $*"; $P --now "$now" --by "$by" "$@"; }
}
# 1 radiator: full cycle, revisited satisfied
f "2026-11-16 14:05" "Li Na" file --channel phone --summary "Radiator cold in the living room" --unit "3-2-501" --name "Zhang Wei" --contact 13800138000 --about "Engineering" --request "Heat back today" --details "Resident phoned angry and hung up. Duty officer visited."
f "2026-11-16 14:10" "Li Na" classify 1116-001 --validity valid --severity important --category facilities
f "2026-11-16 14:12" "Li Na" assign 1116-001 --handler "Wang Qiang" --department Engineering
f "2026-11-16 15:20" "Wang Qiang" reply 1116-001 --text "Repair crew bled the radiator; it is warm again" --method phone
f "2026-11-16 16:30" "Wang Qiang" close 1116-001 --resolution "Air lock bled from the radiator" --cause "Air in heating loop after refill" --corrective-action "Bleed risers after every refill" --responsible Engineering
f "2026-11-17 10:00" "Chen Jing" revisit 1116-001 --method phone --satisfied --words "Warm now, thank you"
# 2 lift trapped: major, open, overdue respond
f "2026-11-18 09:40" "Li Na" file --channel phone --summary "Trapped in lift for 40 minutes" --unit "5-1-1203" --name "Liu Yang" --contact 13912345678 --location "Block 5 lift B" --about "Lift maintenance contractor" --request "Compensation and a written explanation"
f "2026-11-18 09:45" "Li Na" classify 1118-001 --validity valid --severity major --category emergency
f "2026-11-18 09:50" "Li Na" assign 1118-001 --handler "Zhao Lei" --department Engineering
# 3 fee dispute: minor, assigned, resolve running
f "2026-11-20 11:00" "Sun Mei" file --channel in_person --summary "Charged twice for parking in November" --unit "2-3-302" --name "He Ping" --contact 13700001111 --about "Finance" --request "Refund the double charge"
f "2026-11-20 11:05" "Sun Mei" classify 1120-001 --validity valid --severity minor --category fees
f "2026-11-20 11:30" "Sun Mei" assign 1120-001 --handler "Qian Li" --department Finance
# 4 noise: communication venting, answered
f "2026-11-19 20:15" "Night desk" file --channel phone --summary "Neighbour renovating late at night" --unit "7-2-801" --name "Wu Fang" --contact 13600002222 --about "Resident of 7-2-901" --request "Stop the drilling after 20:00"
f "2026-11-20 09:10" "Li Na" classify 1119-001 --validity venting --severity minor --category neighbours
f "2026-11-20 09:15" "Li Na" assign 1119-001 --handler "Li Na" --department "Customer service"
f "2026-11-20 10:00" "Li Na" reply 1119-001 --text "Spoke to 7-2-901; renovation hours are 08:00-12:00 and 14:00-18:00" --method phone
# 6 closed, revisit pending
f "2026-11-12 10:00" "Sun Mei" file --channel letter --summary "Water leaking from the ceiling of the bathroom" --unit "4-4-402" --name "Guo Min" --contact 13500003333 --about "Resident of 4-5-502"
f "2026-11-12 10:30" "Sun Mei" classify 1112-001 --validity valid --severity important --category neighbours
f "2026-11-12 10:40" "Sun Mei" assign 1112-001 --handler "Wang Qiang" --department Engineering
f "2026-11-13 15:00" "Wang Qiang" reply 1112-001 --text "Upstairs pipe joint replaced" --method visit
f "2026-11-14 11:00" "Wang Qiang" close 1112-001 --resolution "Pipe joint in 4-5-502 replaced, ceiling dried" --cause "Corroded pipe joint" --responsible "Resident of 4-5-502" --remedy "Ceiling repainted at no charge"
# 7 closed, revisited unsatisfied and reopened
f "2026-11-05 09:20" "Li Na" file --channel phone --summary "Security guard rude at the north gate" --unit "1-1-101" --name "Ma Lin" --contact 13811112222 --about "Security, north gate"
f "2026-11-05 09:30" "Li Na" classify 1105-001 --validity valid --severity important --category attitude
f "2026-11-05 09:40" "Li Na" assign 1105-001 --handler "Zhou Jun" --department Security
f "2026-11-05 16:00" "Zhou Jun" reply 1105-001 --text "Apologised; guard retrained" --method phone
f "2026-11-06 10:00" "Zhou Jun" close 1105-001 --resolution "Guard reprimanded and retrained" --cause "No courtesy training for new guards" --responsible "Security"
f "2026-11-09 10:00" "Chen Jing" revisit 1105-001 --method phone --unsatisfied --words "Same guard was rude again yesterday" --reopen
# 8 extension approved in time
f "2026-11-17 10:00" "Sun Mei" file --channel phone --summary "Corridor lights out on floor 12" --unit "6-12-1201" --name "Lin Tao" --contact 13922223333
f "2026-11-17 10:05" "Sun Mei" classify 1117-001 --validity valid --severity minor --category facilities
f "2026-11-17 10:10" "Sun Mei" assign 1117-001 --handler "Zhao Lei" --department Engineering
f "2026-11-18 16:00" "Zhao Lei" extend 1117-001 --clock resolve --by 3wd --approver "department manager" --reason "Replacement fittings on order"
# 9 inquiry, closed, revisited satisfied
f "2026-11-03 14:00" "Sun Mei" file --channel in_person --summary "How is the heating fee calculated?" --unit "8-2-202" --name "Xu Li" --contact 13633334444
f "2026-11-03 14:05" "Sun Mei" classify 1103-001 --validity inquiry --severity minor --category fees
f "2026-11-03 14:10" "Sun Mei" reply 1103-001 --text "Explained the per-square-metre rate and showed the notice" --method "in person"
f "2026-11-03 14:15" "Sun Mei" assign 1103-001 --handler "Sun Mei" --department "Customer service"
f "2026-11-03 14:20" "Sun Mei" close 1103-001 --resolution "Question answered"
f "2026-11-04 09:30" "Chen Jing" revisit 1103-001 --method phone --satisfied
# 10 invalid
f "2026-11-10 11:00" "Li Na" file --channel phone --summary "Taxi driver outside the gate overcharged me" --unit "3-1-303" --name "Deng Hui" --contact 13744445555
f "2026-11-10 11:05" "Li Na" classify 1110-001 --validity invalid --severity minor --category property_services --reason "Not the company's service"
f "2026-11-10 11:10" "Li Na" reply 1110-001 --text "Explained politely; gave the taxi complaint hotline" --method phone
f "2026-11-10 11:15" "Li Na" assign 1110-001 --handler "Li Na" --department "Customer service"
f "2026-11-10 11:20" "Li Na" close 1110-001 --resolution "Referred to the taxi authority"
# 11-14 October cases, closed and revisited
f "2026-10-09 10:00" "Sun Mei" file --channel phone --summary "Garage door stuck open" --unit "2-1-101" --name "Zhang Wei" --contact 13800138000 --location "Underground garage B1"
f "2026-10-09 10:05" "Sun Mei" classify 1009-001 --validity valid --severity minor --category facilities
f "2026-10-09 10:20" "Sun Mei" assign 1009-001 --handler "Wang Qiang" --department Engineering
f "2026-10-10 11:00" "Wang Qiang" close 1009-001 --resolution "Door motor replaced" --cause "Worn motor" --responsible Engineering
f "2026-10-12 10:00" "Chen Jing" revisit 1009-001 --method phone --satisfied
f "2026-10-15 09:00" "Li Na" file --channel letter --summary "Management fee raised without notice" --unit "3-2-501" --name "Zhang Wei" --contact 13800138000 --about "Finance"
f "2026-10-15 09:30" "Li Na" classify 1015-001 --validity valid --severity important --category fees
f "2026-10-15 10:00" "Li Na" assign 1015-001 --handler "Qian Li" --department Finance
f "2026-10-20 17:00" "Qian Li" close 1015-001 --resolution "Notice posted late; fee increase deferred one month" --cause "Notice procedure not followed" --responsible Finance --corrective-action "Post fee notices 30 days ahead"
f "2026-10-22 10:00" "Chen Jing" revisit 1015-001 --method visit --satisfied
f "2026-10-21 19:30" "Night desk" file --channel phone --summary "Water cut off without notice" --unit "5-1-1203" --name "Liu Yang" --contact 13912345678
f "2026-10-22 09:00" "Li Na" classify 1021-001 --validity valid --severity important --category emergency
f "2026-10-22 09:10" "Li Na" assign 1021-001 --handler "Zhao Lei" --department Engineering
f "2026-10-22 12:00" "Zhao Lei" reply 1021-001 --text "Burst main repaired, water back" --method phone
f "2026-10-22 15:00" "Zhao Lei" close 1021-001 --resolution "Main repaired; notices now posted before planned cuts" --cause "Burst main" --responsible Engineering
f "2026-10-27 10:00" "Chen Jing" revisit 1021-001 --method phone --unsatisfied --words "Nobody warned us"
f "2026-10-28 08:30" "Sun Mei" file --channel proxy --summary "Cleaner skipped stairwell for a week" --unit "7-2-801" --name "Wu Fang" --contact 13600002222 --about "Cleaning team"
f "2026-10-28 09:00" "Sun Mei" classify 1028-001 --validity valid --severity minor --category property_services
f "2026-10-28 09:30" "Sun Mei" assign 1028-001 --handler "Zhou Jun" --department Cleaning
f "2026-10-29 17:00" "Zhou Jun" close 1028-001 --resolution "Stairwell cleaned; rota fixed" --cause "Rota gap after staff leave" --responsible Cleaning
f "2026-11-02 10:00" "Chen Jing" revisit 1028-001 --method phone --satisfied
# 15 old open case: valid, unresolved after a month (age upgrade to major)
f "2026-10-16 10:00" "Li Na" file --channel letter --summary "Cracks in the exterior wall of block 3" --unit "3-2-501" --name "Zhang Wei" --contact 13800138000 --about "Developer warranty"
f "2026-10-16 10:30" "Li Na" classify 1016-001 --validity valid --severity minor --category building_quality
f "2026-10-16 11:00" "Li Na" assign 1016-001 --handler "Wang Qiang" --department Engineering
# 16 help
f "2026-11-22 08:50" "Weekend desk" file --channel phone --summary "Locked out of the flat, child inside" --unit "6-3-302" --name "Yang Xue" --contact 13955556666
f "2026-11-22 08:52" "Weekend desk" classify 1122-001 --validity help --severity minor --category emergency
f "2026-11-22 08:55" "Weekend desk" assign 1122-001 --handler "Duty officer" --department Security
f "2026-11-22 09:20" "Duty officer" reply 1122-001 --text "Locksmith called; door opened at 09:15" --method visit
f "2026-11-22 09:30" "Duty officer" close 1122-001 --resolution "Door opened by locksmith"
# 17 community activity, open, classified
f "2026-11-21 10:00" "Weekend desk" file --channel in_person --summary "Weekend market blocks the fire lane" --unit "1-2-202" --name "Ma Lin" --contact 13811112222 --location "Fire lane by the clubhouse" --about "Community events team"
f "2026-11-21 10:05" "Weekend desk" classify 1121-001 --validity valid --severity important --category community
# 18 neighbours, extension approved after the deadline
f "2026-11-09 09:00" "Li Na" file --channel phone --summary "Smell of smoke from the flat below" --unit "4-4-402" --name "Guo Min" --contact 13500003333 --about "Resident of 4-3-302"
f "2026-11-09 09:10" "Li Na" classify 1109-001 --validity valid --severity minor --category neighbours
f "2026-11-09 09:20" "Li Na" assign 1109-001 --handler "Zhou Jun" --department Security
f "2026-11-12 10:00" "Zhou Jun" extend 1109-001 --clock resolve --by 5wd --approver "department manager" --reason "Mediation meeting with both residents"
# 19 attitude, answered, awaiting close
f "2026-11-19 15:00" "Sun Mei" file --channel phone --summary "Receptionist refused to take a parcel" --unit "8-2-202" --name "Xu Li" --contact 13633334444 --about "Front desk"
f "2026-11-19 15:05" "Sun Mei" classify 1119-002 --validity valid --severity minor --category attitude
f "2026-11-19 15:10" "Sun Mei" assign 1119-002 --handler "Sun Mei" --department "Customer service"
f "2026-11-19 16:30" "Sun Mei" reply 1119-002 --text "Apologised; parcels are now accepted at the front desk" --method phone
# 20 received just now, nothing done
f "2026-11-22 10:15" "Weekend desk" file --channel phone --summary "Playground swing chain broken" --unit "2-2-203" --name "He Ping" --contact 13700001111 --location "Children's playground"
# 5 new, unassigned (route overdue)
f "2026-11-21 16:40" "Weekend desk" file --channel suggestion_box --summary "Dog mess on the lawn by block 9" --unit "9-1-101" --location "Lawn between blocks 9 and 10"
