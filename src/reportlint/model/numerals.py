"""Chinese numerals: heading numbers (十二) and the digits of a year written in characters (二〇二四)."""
from __future__ import annotations

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
CN_NUM = "一二三四五六七八九十"

# Digits of a year written in Chinese numerals (二〇二四年): each character is one digit.
YEAR_DIGITS = {"〇": 0, "零": 0, "○": 0, "O": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4,
               "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def cn_year(s: str) -> int | None:
    """``"二〇二四"`` → 2024, ``"2024"`` → 2024; ``None`` for anything else."""
    if s.isdigit():
        return int(s)
    if s and all(c in YEAR_DIGITS for c in s):
        return int("".join(str(YEAR_DIGITS[c]) for c in s))
    return None


def cn_to_int(s: str) -> int | None:
    """``"十二"`` → 12; ``None`` for anything that is not a Chinese numeral up to 99."""
    if not s:
        return None
    if s == "十":
        return 10
    if "十" in s:
        head, _, tail = s.partition("十")
        tens = CN_DIGITS.get(head, None) if head else 1
        ones = CN_DIGITS.get(tail, None) if tail else 0
        if tens is None or ones is None:
            return None
        return tens * 10 + ones
    if len(s) == 1 and s in CN_DIGITS:
        return CN_DIGITS[s]
    return None


def number(s: str) -> int | None:
    """A month or a day as written: ``"05"`` → 5, ``"十二"`` → 12, ``"元"`` (元月) → 1."""
    if s.isdigit():
        return int(s)
    if s == "元":
        return 1
    return cn_to_int(s)
