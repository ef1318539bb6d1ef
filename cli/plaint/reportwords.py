"""Every word the HTML and Excel report packs show a reader, in English and Chinese, in one place
(so a later full translation finds them here). Policy values (categories, severities, ...) come
from the policy's own labels; these are the words around them."""

from __future__ import annotations

# What the scrubber puts in place of personal data. The report (and its JSON, the contract) holds
# these English tokens; every format a person reads shows them in the reader's language (`for_reader`).
MASKS = {"email": "[e-mail]", "id_card": "[ID]", "phone": "[phone]", "name": "[name]", "unit": "[unit]"}
MASKS_ZH = {"email": "[邮箱]", "id_card": "[身份证号]", "phone": "[电话]", "name": "[姓名]", "unit": "[单元]"}


def for_reader(result, language: str | None):
    """The report with its scrub placeholders in `language` (`[unit]` -> `[单元]`), for the formats a
    person reads; the result itself is left as it is."""
    if language != "zh":
        return result
    pairs = [(MASKS[kind], MASKS_ZH[kind]) for kind in MASKS]

    def local(value):
        if isinstance(value, str):
            if "[" in value:
                for token, word in pairs:
                    value = value.replace(token, word)
            return value
        if isinstance(value, dict):
            return {key: local(item) for key, item in value.items()}
        if isinstance(value, (list, tuple)):
            return type(value)(local(item) for item in value)
        return value
    return local(result)

EN = {
    "title": "Complaints report", "book": "Book", "period": "Period", "generated": "Generated",
    "as_of": "Book as it stood at", "left_out": "Records that could not be read (left out)",
    "to": "to", "from_date": "From", "to_date": "To", "commit": "Git commit", "none": "(none)", "not_set": "(not set)",
    "summary": "Summary", "records": "Complaints received", "open_total": "Open at the end of the period",
    "on_time_resolve": "Resolved on time", "satisfied_share": "Satisfied at revisit", "reopened": "Reopened",
    "upgraded_by_age": "Upgraded by age", "later_rounds": "Resolve, reopened rounds",
    "previous_month": "Month before", "change": "Change",
    "by_category": "By category", "by_severity": "By severity", "by_channel": "By channel",
    "by_complained_about": "By department complained about", "by_validity": "By validity",
    "by_status": "By status", "clocks": "On-time rate per time limit",
    "time_resolve": "Time to resolve (working hours)", "time_respond": "Time to respond (working hours)",
    "revisits": "Revisits and satisfaction", "causes": "Causes ranked (Pareto)",
    "corrective_actions": "Corrective and preventive actions", "open_by_age": "Open cases by age (working days)",
    "repeat_complainants": "Repeat complainants (contact masked)", "repeat_places": "Repeated places",
    "responsible": "Responsible departments and persons", "handlers": "Handlers",
    "trend": "Trend, month by month", "trend_records": "Complaints received per month",
    "trend_on_time": "On-time rate per month", "trend_satisfaction": "Satisfied at revisit, per month",
    "key": "Key", "label": "Name", "count": "Count", "share": "Share", "cumulative_share": "Cumulative share",
    "clock": "Time limit", "met": "Met", "met_extended": "Met after extension", "breached": "Breached",
    "running": "Running", "on_time_rate": "On time", "severity": "Severity", "n": "Cases",
    "median_hours": "Median", "p90_hours": "90th percentile", "all": "All",
    "closed": "Closed", "revisited": "Revisited", "within_window": "Revisited in time", "satisfied": "Satisfied",
    "cause": "Cause", "code": "Code", "action": "Action", "bucket": "Age", "contact": "Contact",
    "place": "Place", "cases": "Cases", "late": "Late", "month": "Month", "handler": "Handler",
    "department": "Department", "pts": "pts", "hours": "h", "duplicates_merged": "Duplicates merged",
    "anonymous": "Anonymous", "compared": "Compared with the period before",
    "clock_names": {"route": "Route", "acknowledge": "Acknowledge", "propose": "Propose", "respond": "Respond",
                    "resolve": "Resolve", "revisit": "Revisit"},
    "status_names": {"received": "Received", "assigned": "Assigned", "answered": "Answered", "closed": "Closed",
                     "revisited": "Revisited", "reopened": "Reopened"},
    "sheets": {"cover": "Cover", "summary": "Summary", "category": "Category", "severity": "Severity",
               "channel": "Channel", "complained_about": "Department", "validity": "Validity", "status": "Status",
               "clocks": "Time limits", "time_resolve": "Time to resolve", "time_respond": "Time to respond",
               "revisits": "Revisits", "causes": "Causes", "corrective_actions": "Corrective actions",
               "open_by_age": "Open by age", "repeat_complainants": "Repeat complainants",
               "repeat_places": "Repeated places", "responsible": "Responsible", "handlers": "Handlers",
               "trend": "Trend"},
}

ZH = {
    "title": "投诉统计分析报告", "book": "投诉簿", "period": "统计期间", "generated": "生成时间",
    "as_of": "投诉簿截至", "left_out": "无法读取的记录（未计入）",
    "to": "至", "from_date": "起", "to_date": "止", "commit": "Git 提交", "none": "（无）", "not_set": "（未设置）",
    "summary": "概要", "records": "受理投诉", "open_total": "期末未结案",
    "on_time_resolve": "按时处理率", "satisfied_share": "回访满意率", "reopened": "重开",
    "upgraded_by_age": "因超期升级", "later_rounds": "重开后各轮的处理完毕",
    "previous_month": "上月", "change": "变化",
    "by_category": "按类别", "by_severity": "按严重程度", "by_channel": "按渠道",
    "by_complained_about": "按被投诉部门", "by_validity": "按投诉性质", "by_status": "按状态",
    "clocks": "各时限按时率", "time_resolve": "处理用时（工作小时）", "time_respond": "答复用时（工作小时）",
    "revisits": "回访与满意度", "causes": "原因排名（帕累托）", "corrective_actions": "纠正与预防措施",
    "open_by_age": "未结投诉按时长（工作日）", "repeat_complainants": "重复投诉人（联系方式已隐去）",
    "repeat_places": "重复投诉地点", "responsible": "责任部门和责任人", "handlers": "处理责任人",
    "trend": "逐月趋势", "trend_records": "每月受理投诉数", "trend_on_time": "每月按时率",
    "trend_satisfaction": "每月回访满意率",
    "key": "键", "label": "名称", "count": "件数", "share": "占比", "cumulative_share": "累计占比",
    "clock": "时限", "met": "按时", "met_extended": "延期后按时", "breached": "超时", "running": "计时中",
    "on_time_rate": "按时率", "severity": "严重程度", "n": "件数", "median_hours": "中位数",
    "p90_hours": "90%分位数", "all": "全部", "closed": "已结案", "revisited": "已回访",
    "within_window": "按时回访", "satisfied": "满意", "cause": "原因", "code": "代码", "action": "措施",
    "bucket": "时长", "contact": "联系方式", "place": "地点", "cases": "件数", "late": "超时",
    "month": "月份", "handler": "处理责任人", "department": "部门", "pts": "个百分点", "hours": "小时",
    "duplicates_merged": "合并的重复投诉", "anonymous": "匿名投诉", "compared": "与上期比较",
    "clock_names": {"route": "转交部门", "acknowledge": "确定处理责任人", "propose": "提出方案",
                    "respond": "答复", "resolve": "处理完毕", "revisit": "回访"},
    "status_names": {"received": "已受理", "assigned": "已分派", "answered": "已答复", "closed": "已结案",
                     "revisited": "已回访", "reopened": "已重开"},
    "sheets": {"cover": "封面", "summary": "概要", "category": "类别", "severity": "严重程度", "channel": "渠道",
               "complained_about": "被投诉部门", "validity": "性质", "status": "状态", "clocks": "时限",
               "time_resolve": "处理用时", "time_respond": "答复用时", "revisits": "回访",
               "causes": "原因", "corrective_actions": "纠正措施", "open_by_age": "未结时长",
               "repeat_complainants": "重复投诉人", "repeat_places": "重复地点", "responsible": "责任部门",
               "handlers": "处理责任人", "trend": "趋势"},
}


def words(language: str | None) -> dict:
    return ZH if language == "zh" else EN
