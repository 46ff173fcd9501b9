"""Stand-ins for modules a library imports but a run never uses (reportlint.standin): the
library works as with the real module, and everyone else gets the real module."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap


def run(code: str) -> list:
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_a_library_imported_with_a_stand_in_works_as_with_the_real_module():
    got = run("""
        import json, sys, types
        from reportlint.standin import lazy, standing_in
        lib = types.ModuleType("lib")
        with standing_in({"tempfile": lazy("tempfile", ("gettempdir",)), "json": lazy("json")}):
            exec("import tempfile\\nfrom tempfile import gettempdir\\n", lib.__dict__)
            during = type(sys.modules["tempfile"]).__name__, sys.modules["tempfile"].__dict__.get("__file__")
        after_import = "tempfile" in sys.modules
        where = lib.gettempdir()                   # imports the real tempfile, then calls it
        real = sys.modules["tempfile"]
        print(json.dumps([during, after_import, where == real.gettempdir(), lib.tempfile.mkdtemp is real.mkdtemp,
                          sys.modules["json"] is json, hasattr(real, "__file__")]))
    """)
    # json was imported already: no stand-in for it; tempfile was not: the stand-in, gone afterwards
    assert got == [["module", None], False, True, True, True, True]


def test_the_import_system_asking_a_stand_in_for_dunders_does_not_import_the_module():
    got = run("""
        import json, sys
        from reportlint.standin import lazy, standing_in
        with standing_in({"tempfile": lazy("tempfile", ("TemporaryFile", "gettempdir"))}):
            from tempfile import TemporaryFile, gettempdir     # _handle_fromlist asks for __path__
        print(json.dumps(["tempfile" in sys.modules, "shutil" in sys.modules]))
    """)
    assert got == [False, False]
