"""reportlint: a linter for Chinese annual rule-of-law government reports (法治政府建设年度报告).

Importing this package is cheap: jieba (word segmentation) and opencc load only when a rule
or a document needs them.
"""
__version__ = "0.1.0"
