"""Report-like text from the domain's characters and structures, for the property tests
(``tests/test_properties.py``, through hypothesis) and the long fuzz run
(``benchmarks/fuzz.py``, through :class:`random.Random`). One vocabulary, two drivers."""
from __future__ import annotations

# Pieces a line is made of: headings, prose, the punctuation and spacing the style rules
# look at, dates, years, placeholders, web residue, directives, traditional script, and
# characters that stress decoding (U+3000 and 一 put NUL bytes on the "wrong" side in
# UTF-16, rare and astral characters, bare CR).
HEADINGS = ["一、", "二、", "三、", "四、", "（一）", "（二）", "（三）", "(一)", "一.", "1.", "2、", "（1）", "(2)",
            "十一、", "第一部分", "一）"]
PARTS = ["主要举措和成效", "存在的不足和原因", "存在的问题", "下一年度工作安排", "2024年工作打算",
         "党政主要负责人履行推进法治建设第一责任人职责情况", "加强执法队伍建设", "强化组织领导",
         "原因分析", "主要舉措和成效", "下一步工作计划"]
PROSE = ["全面推进依法行政", "一是完善制度", "二是加强队伍建设", "三是强化监督", "我镇坚持以人民为中心",
         "法制建设", "法制审核", "法治政府建设", "开展普法宣传活动", "行政执法人员", "执法不规范",
         "学习不够深入", "今年以来", "近年来", "妥否，请批示", "请予批准", "依法行政意识不强",
         "建設法治政府", "推進依法行政", "的", "和", "在", "了", "是", "一", "不", "人", "有"]
PUNCT = ["，", "。", "、", "；", "：", "？", "！", "“", "”", "《", "》", "（", "）", ",", ":", ";", "(", ")",
         "?", "!", ".", "—", "-", "~", "…", "·", "|", ">", "【", "】"]
NUMBERS = ["2023", "2024", "2020", "12", "1,000", "3", "0", " 2023 ", "2021-2025", "2021~2025", "20212025",
           "二〇二四", "十二", "××", "XX", "某某", "*", "○○", "20XX", "x"]
DATES = ["2024年1月5日", "2024年01月05日", "二〇二四年一月五日", "24年3月1日", "2024-01-05", "2024.1.5",
         "2025年4月30日", "发布时间:2024-02-06 09:33", "日期：2024年3月1日"]
RESIDUE = ["首页 > 新闻中心 > 通知公告", "当前位置：首页", "主办单位：某某县人民政府", "扫一扫在手机打开当前页",
           "【打印本页】【关闭窗口】", "附件下载", "网站标识码：3301090001", "备案号：浙ICP备05012345号",
           "来源：城南区司法局", "浏览次数：", "分享到："]
DIRECTIVES = ["<!-- reportlint-disable fazhi-term -->", "<!-- reportlint-enable -->",
              "<!-- reportlint-disable-next-line RL401 -->", "<!-- reportlint-disable-file RL5 -->"]
SPACES = [" ", "  ", "\u3000", "\u3000\u3000", "\t", "\u00a0"]
ODD = ["\u3000", "一", "丂", "乀", "𠀀", "㐀", "é", "™", "\u200b", "\ufeff", "A", "z", "%", "&", "#", "\\"]
WORDS = HEADINGS + PARTS + PROSE + PUNCT + NUMBERS + DATES + RESIDUE + SPACES + ODD
TITLES = ["青石镇2023年度法治政府建设情况报告", "XX县2024年法治政府建设年度报告",
          "關於2022年度法治政府建設情況的報告", "某某局2021年度法治政府建设工作报告"]


def line_from(pick, n: int) -> str:
    """One line of ``n`` pieces chosen by ``pick(seq)``; sometimes a heading or residue line."""
    kind = pick(["prose", "prose", "prose", "heading", "residue", "date", "blank", "directive", "title"])
    if kind == "heading":
        return pick(HEADINGS) + pick(PARTS) + (pick(PUNCT) if pick([True, False]) else "")
    if kind == "residue":
        return pick(RESIDUE) + (pick(PROSE) if pick([True, False]) else "")
    if kind == "date":
        return pick(["", "\u3000\u3000", " "]) + pick(DATES)
    if kind == "blank":
        return pick(["", " ", "\u3000"])
    if kind == "directive":
        return pick(DIRECTIVES)
    if kind == "title":
        return pick(TITLES)
    return "".join(pick(WORDS) for _ in range(n))
