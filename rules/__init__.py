# The built-in YAML rules. This directory is installed as the package ``reportlint.rules``
# so that a wheel carries the rule files; there is no Python code here.
