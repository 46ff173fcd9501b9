"""Number formats of automatic numbering, shared by the Word and OpenDocument readers.

:func:`format_number` renders a counter the way Word renders a ``w:numFmt`` (WordprocessingML
names: ``decimal``, ``chineseCounting``, ``decimalEnclosedParen`` …); :data:`ODF_FORMATS` maps
OpenDocument's ``style:num-format`` values onto those names.

The Chinese counting systems follow what Word displays (the rules Open-XML-PowerTools'
``ListItemTextGetter_zh_CN`` documents for Word): ``chineseCounting`` writes 10 as 十, 11 as
十一, 21 as 二十一 and numbers from 100 on digit by digit (101 → 一○一);
``chineseCountingThousand`` uses 百 and 千 with 〇 for a gap (101 → 一百〇一, 110 → 一百一十).
A format Word knows but this module does not renders as a decimal number.
"""
from __future__ import annotations

_CN = "〇一二三四五六七八九"
_CN_COUNTING_ZERO = "○"          # chineseCounting writes its zero as U+25CB (Word does)
_LEGAL_SIMPLIFIED = "零壹贰叁肆伍陆柒捌玖"
_LEGAL_TRADITIONAL = "零壹貳參肆伍陸柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
         "fifteen sixteen seventeen eighteen nineteen").split()
_TENS = "_ ten twenty thirty forty fifty sixty seventy eighty ninety".split()
_ORD = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
        "nine": "ninth", "twelve": "twelfth"}


def _counting(n: int, digits: str, ten: str, hundred: str, thousand: str, zero: str) -> str:
    """一 … 十 … 二十一 … 一百〇一 … 九千九百九十九 (Word's "thousand" counting systems)."""
    if n <= 0 or n > 9999:
        return str(n)
    if n < 10:
        return digits[n]
    if n < 20:
        return ten + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + ten + (digits[n % 10] if n % 10 else "")
    if n < 1000:
        head, rest = digits[n // 100] + hundred, n % 100
        if rest == 0:
            return head
        if rest < 10:
            return head + zero + digits[rest]
        return head + digits[rest // 10] + ten + (digits[rest % 10] if rest % 10 else "")
    head, rest = digits[n // 1000] + thousand, n % 1000
    if rest == 0:
        return head
    if rest < 100:
        tail = _counting(rest, digits, ten, hundred, thousand, zero)
        return head + zero + (digits[1] + tail if 10 <= rest < 20 else tail)
    return head + _counting(rest, digits, ten, hundred, thousand, zero)


def _chinese_counting(n: int) -> str:
    if n <= 0 or n > 9999:
        return str(n)
    if n < 100:
        return _counting(n, _CN, "十", "百", "千", "〇")
    return "".join(_CN_COUNTING_ZERO if c == "0" else _CN[int(c)] for c in str(n))


def _letters(n: int, alphabet: str) -> str:
    """Word's letters: a … z, aa … zz, aaa … (the letter repeated), cycling after 780."""
    if n <= 0:
        return str(n)
    n = (n - 1) % 780
    return alphabet[n % 26] * (n // 26 + 1)


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = []
    for value, sym in _ROMAN:
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _enclosed(n: int, first: int, last: int, fallback: str) -> str:
    if 1 <= n <= last - first + 1:
        return chr(first + n - 1)
    return fallback.format(n)


def _cardinal_text(n: int) -> str:
    if n <= 0 or n > 9999:
        return str(n)
    words = []
    if n >= 1000:
        words.append(f"{_ONES[n // 1000]} thousand")
        n %= 1000
    if n >= 100:
        words.append(f"{_ONES[n // 100]} hundred")
        n %= 100
    if n >= 20:
        words.append(_TENS[n // 10] + (f"-{_ONES[n % 10]}" if n % 10 else ""))
    elif n:
        words.append(_ONES[n])
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def _ordinal_text(n: int) -> str:
    text = _cardinal_text(n)
    if text.isdigit():
        return text
    cut = max(text.rfind(" "), text.rfind("-")) + 1
    head, last = text[:cut], text[cut:].lower()
    if last in _ORD:
        last = _ORD[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    out = head + last
    return out[:1].upper() + out[1:]


def _ordinal(n: int) -> str:
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def format_number(fmt: str | None, n: int) -> str:
    """Counter ``n`` in Word number format ``fmt`` (``w:numFmt/@w:val``)."""
    if fmt in ("none", "bullet"):
        return ""
    if fmt in (None, "decimal", "decimalHalfWidth", "arabicAbjad") or n < 0:
        return str(n)
    if fmt.startswith("decimalZero"):        # decimalZero: 01; decimalZero3 (a custom 001 format)
        return str(n).zfill(int(fmt[11:] or 2))
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(c)) for c in str(n))
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _enclosed(n, 0x2460, 0x2473, "{}")          # ① … ⑳
    if fmt == "decimalEnclosedParen":
        return _enclosed(n, 0x2474, 0x2487, "({})")        # ⑴ … ⒇
    if fmt == "decimalEnclosedFullstop":
        return _enclosed(n, 0x2488, 0x249B, "{}.")         # ⒈ … ⒛
    if fmt == "ideographEnclosedCircle":
        return _enclosed(n, 0x3220, 0x3229, "{}")          # ㈠ … ㈩
    if fmt == "upperLetter":
        return _letters(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    if fmt == "lowerLetter":
        return _letters(n, "abcdefghijklmnopqrstuvwxyz")
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "chineseCounting":
        return _chinese_counting(n)
    if fmt in ("chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand",
               "japaneseCounting"):
        return _counting(n, _CN, "十", "百", "千", "〇")
    if fmt == "chineseLegalSimplified":
        return _counting(n, _LEGAL_SIMPLIFIED, "拾", "佰", "仟", "零")
    if fmt in ("ideographLegalTraditional", "japaneseLegal"):
        return _counting(n, _LEGAL_TRADITIONAL, "拾", "佰", "仟", "零")
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_CN[int(c)] for c in str(n))
    if fmt == "ideographTraditional":
        return _TIANGAN[n - 1] if 1 <= n <= 10 else str(n)
    if fmt == "ideographZodiac":
        return _DIZHI[n - 1] if 1 <= n <= 12 else str(n)
    if fmt == "ordinal":
        return _ordinal(n)
    if fmt == "cardinalText":
        return _cardinal_text(n)
    if fmt == "ordinalText":
        return _ordinal_text(n)
    return str(n)


#: OpenDocument ``style:num-format`` values (as LibreOffice writes them) → Word format names
ODF_FORMATS = {
    "1": "decimal",
    "a": "lowerLetter",
    "A": "upperLetter",
    "i": "lowerRoman",
    "I": "upperRoman",
    "": "none",
    "一, 二, 三, ...": "chineseCountingThousand",
    "壹, 贰, 叁, ...": "chineseLegalSimplified",
    "壹, 貳, 參, ...": "ideographLegalTraditional",
    "甲, 乙, 丙, ...": "ideographTraditional",
    "子, 丑, 寅, ...": "ideographZodiac",
    "①, ②, ③, ...": "decimalEnclosedCircle",
    "１, ２, ３, ...": "decimalFullWidth",
    "01, 02, 03, ...": "decimalZero",
    "〇, 一, 二, ...": "ideographDigital",
    "1st": "ordinal",
    "One": "cardinalText",
    "First": "ordinalText",
}

#: bullets in the Symbol / Wingdings private-use area → the character Word shows
_PUA_BULLETS = {"\uf0b7": "•", "\uf06c": "●", "\uf0a7": "▪", "\uf06e": "■", "\uf075": "◆",
                "\uf0d8": "➢", "\uf0fc": "✓", "\uf076": "❖", "\uf071": "❑", "\uf0a8": "◆"}


def bullet_text(text: str) -> str:
    """A bullet's ``lvlText`` as shown: Symbol/Wingdings private-use characters mapped."""
    return "".join(_PUA_BULLETS.get(c, "•" if "\uf000" <= c <= "\uf0ff" else c) for c in text)
