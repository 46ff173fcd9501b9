"""The document model: one parse of a report that every rule reads.

* :mod:`.document` the parse: lines, page chrome, paragraphs, title, headings, sections, items;
* :mod:`.report`   the reading: parts, report year, issuer and its kind, the document's dates;
* :mod:`.chrome`   a web page's chrome around the report (breadcrumbs, metadata, toolbars, footers);
* :mod:`.dates`    the date grammar every rule shares;
* :mod:`.numerals` Chinese numerals.

``from reportlint.model import Document`` is all a rule needs.
"""
from .chrome import Chrome
from .dates import DateMatch
from .document import (Document, Heading, Item, Line, Paragraph, Section, Sentence, Title,
                       HEADING_PATTERNS, YEAR_RE)
from .numerals import cn_to_int, cn_year
from .report import DocDate, Issuer

__all__ = ["Chrome", "DateMatch", "DocDate", "Document", "HEADING_PATTERNS", "Heading", "Issuer",
           "Item", "Line", "Paragraph", "Section", "Sentence", "Title", "YEAR_RE", "cn_to_int", "cn_year"]
