"""Caches between runs (cache.py and its users: segment, rulecache, regexcache, normalize):
kept in the user cache directory, keyed by what they depend on, written atomically; a cache
that is missing, stale, damaged, someone else's or cannot be written is never an error: the run
goes on in memory, prints nothing extra, and leaves no temporary file. Runs that need a cold
process go through a fresh interpreter."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import FIXTURES

REPORT = FIXTURES / "reports" / "township_no_causes_2022.txt"


def run(*args, env=None, cwd=None, code=None):
    """reportlint (or a Python snippet) in a fresh interpreter with ``env`` added."""
    base = {k: v for k, v in os.environ.items() if k not in ("REPORTLINT_CACHE_DIR", "XDG_CACHE_HOME")}
    argv = [sys.executable, "-c", code, *map(str, args)] if code else [sys.executable, "-m", "reportlint", *map(str, args)]
    proc = subprocess.run(argv, capture_output=True, text=True, env={**base, **(env or {})}, cwd=cwd, timeout=300)
    return proc.returncode, proc.stdout, proc.stderr


@pytest.fixture
def cache_dir(tmp_path):
    return tmp_path / "cache"


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*")) if folder.exists() else []


# ----------------------------------------------------------------------------- cache.py
@pytest.fixture
def store(monkeypatch, cache_dir):
    from reportlint import cache

    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(cache_dir))
    cache.reset()
    yield cache
    cache.reset()


def test_write_then_read(store, cache_dir):
    assert store.write("x", "key 1", b"payload")
    assert store.read("x", "key 1") == b"payload"
    assert bytes(store.read_mapped("x", "key 1")) == b"payload"
    assert store.read("x", "key 2") is None
    assert [n for n in files_in(cache_dir) if n.endswith(".tmp")] == []


def test_a_damaged_or_foreign_file_is_a_miss(store, cache_dir):
    assert store.write("x", "k", b"0123456789")
    [path] = cache_dir.glob("x-*.bin")
    data = path.read_bytes()
    path.write_bytes(data[:-3])                      # truncated
    assert store.read("x", "k") is None and store.read_mapped("x", "k") is None
    path.write_bytes(data[:-1] + b"X")               # a changed byte
    assert store.read("x", "k") is None
    path.write_bytes(data.replace(b"k", b"j", 1))    # another key's file under this name
    assert store.read("x", "k") is None
    path.write_bytes(b"")                            # empty: cannot even be mapped
    assert store.read_mapped("x", "k") is None


def test_an_unwritable_directory_is_no_error_and_leaves_nothing(monkeypatch, tmp_path):
    from reportlint import cache

    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(blocker / "cache"))   # mkdir: NotADirectoryError
    cache.reset()
    try:
        assert cache.write("x", "k", b"data") is False
        assert cache.read("x", "k") is None
    finally:
        cache.reset()
    assert files_in(tmp_path) == ["file"]


def test_caching_off(monkeypatch):
    from reportlint import cache

    monkeypatch.setenv("REPORTLINT_CACHE_DIR", "")
    cache.reset()
    try:
        assert cache.directory() is None and cache.write("x", "k", b"d") is False
    finally:
        cache.reset()


def test_old_files_are_pruned(store, cache_dir):
    for i in range(store.KEEP + 3):
        assert store.write("x", f"key {i}", b"d")
    assert len(list(cache_dir.glob("x-*.bin"))) == store.KEEP
    assert store.read("x", f"key {store.KEEP + 2}") == b"d"      # the newest is kept


def test_a_table_grows_and_is_saved(store, cache_dir):
    t = store.Table("t", lambda: "tk")
    assert t.get("a") is None
    t.put("a", 1)
    assert t.save()
    again = store.Table("t", lambda: "tk")
    assert again.get("a") == 1 and not again.save()             # nothing new: nothing written


def test_user_cache_directory_is_platformdirs(monkeypatch, tmp_path):
    import platformdirs

    from reportlint import cache

    monkeypatch.delenv("REPORTLINT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    cache.reset()
    try:
        assert cache.directory() == Path(platformdirs.user_cache_dir("reportlint", appauthor=False))
        if sys.platform.startswith("linux"):
            assert cache.directory() == tmp_path / "xdg" / "reportlint"
    finally:
        cache.reset()


# ----------------------------------------------------------------------------- end to end
@pytest.fixture(scope="module")
def warm(tmp_path_factory):
    """A cache directory filled by a first run, that run's output and a second run's."""
    root = tmp_path_factory.mktemp("warm")
    env = {"REPORTLINT_CACHE_DIR": str(root / "cache"), "TMPDIR": str(root / "tmp")}
    (root / "tmp").mkdir()
    first = run("--format", "json", REPORT, env=env)
    second = run("--format", "json", REPORT, env=env)
    return root, first, second


def test_first_and_later_runs_agree_and_fill_the_cache(warm):
    root, first, second = warm
    assert first == second and first[0] == 0 and first[2] == "" and '"RL104"' in first[1]
    names = files_in(root / "cache")
    for prefix in ("jieba-dict-", "rules-", "regex-", "t2s-", "parts-", "readers-", "chrome-vocabulary-"):
        assert any(n.startswith(prefix) for n in names), (prefix, names)
    assert not any(n.endswith(".tmp") for n in names)
    assert files_in(root / "tmp") == []              # nothing in the temporary directory (jieba's cache was)


@pytest.mark.parametrize("where", ["cache dir", "home", "home, no XDG_CACHE_HOME", "cache dir is a file"])
def test_a_read_only_home_or_cache_still_lints_in_memory(tmp_path, warm, where):
    """A file where a folder should be: every mkdir and open under it fails (ENOTDIR), as in a
    read-only home — which these tests, run as root, could not make with permissions."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    env = {"cache dir": {"REPORTLINT_CACHE_DIR": str(blocker / "c")},
           "home": {"HOME": str(blocker), "XDG_CACHE_HOME": str(blocker / "c")},
           "home, no XDG_CACHE_HOME": {"HOME": str(blocker)},          # platformdirs: ~/.cache
           "cache dir is a file": {"REPORTLINT_CACHE_DIR": str(blocker)}}[where]
    env["TMPDIR"] = str(blocker)                     # no usable temporary directory either
    assert run("--format", "json", REPORT, env=env) == warm[1]
    code, out, err = run(REPORT, env=env)            # the console script's fast path too
    assert (code, err) == (0, "") and "检查了 1 个文件" in out
    assert files_in(tmp_path) == ["file"]            # nothing kept, no temporary file
    assert blocker.read_text() == "x"


def test_truncated_or_empty_cache_files_are_rebuilt(tmp_path, warm):
    """Every cache file cut short (a full disk, a killed copy): the same findings, nothing on
    stderr, no temporary file; the next run finds them whole again."""
    import shutil

    shutil.copytree(warm[0] / "cache", tmp_path / "c")
    env = {"REPORTLINT_CACHE_DIR": str(tmp_path / "c"), "TMPDIR": str(tmp_path / "t")}
    (tmp_path / "t").mkdir()
    names = files_in(tmp_path / "c")
    for k, path in enumerate(sorted((tmp_path / "c").glob("*.bin"))):
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2] if k % 2 else b"")
    assert run("--format", "json", REPORT, env=env) == warm[1]
    assert files_in(tmp_path / "c") == names and files_in(tmp_path / "t") == []
    sizes = {p.name: p.stat().st_size for p in (tmp_path / "c").glob("*.bin")}
    assert all(sizes[n] > 1000 for n in sizes if not n.startswith(("data-", "parts-", "t2s-", "readers-"))), sizes
    stamps = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "c").glob("*.bin")}
    assert run("--format", "json", REPORT, env=env) == warm[1]
    after = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "c").glob("*.bin")}
    # read, not rebuilt (the compiled-pattern table may grow: it adds what a run compiled)
    assert {n: t for n, t in after.items() if not n.startswith("regex-")} == \
        {n: t for n, t in stamps.items() if not n.startswith("regex-")}


def test_another_users_jieba_cache_in_tmp_is_ignored(tmp_path, warm):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    (tmp / "jieba.cache").write_bytes(b"garbage, and not ours")
    os.chmod(tmp / "jieba.cache", 0)
    env = {"TMPDIR": str(tmp), "REPORTLINT_CACHE_DIR": str(warm[0] / "cache")}
    code, out, err = run("--select", "unpaired-problem", "--format", "concise", REPORT, env=env)
    assert err == "" and "RL104" in out


def test_a_damaged_dictionary_cache_falls_back_to_the_whole_dictionary(tmp_path, warm):
    """A bucket that does not match its checksum: the whole dictionary is built in memory and
    the tokens are those of a sound cache."""
    import shutil

    shutil.copytree(warm[0] / "cache", tmp_path / "c")
    env = {"REPORTLINT_CACHE_DIR": str(tmp_path / "c")}
    code = textwrap.dedent("""
        import json, sys
        from reportlint import segment
        toks = segment.tokenize(sys.argv[1])
        print(json.dumps([toks, segment._complete]))
    """)
    text = REPORT.read_text(encoding="utf-8")
    _, bucketed, _ = run(text, code=code, env=env)
    _, sound, _ = run(text, code=code, env={"REPORTLINT_CACHE_DIR": ""})   # no cache: the payload in memory
    [path] = (tmp_path / "c").glob("jieba-dict-*.bin")
    data = bytearray(path.read_bytes())
    for k in range(len(data) // 2, len(data) - 64, 4096):   # damage the buckets, not the head
        data[k] ^= 0xFF
    path.write_bytes(bytes(data))
    _, damaged, err = run(text, code=code, env=env)
    assert err == ""
    assert json.loads(sound) == [json.loads(bucketed)[0], False]
    assert json.loads(bucketed)[1] is False
    assert json.loads(damaged) == [json.loads(sound)[0], True]


def test_the_dictionary_key_follows_the_domain_words(monkeypatch, tmp_path):
    from reportlint import segment

    words = tmp_path / "dict.txt"
    words.write_text("法治政府\n", encoding="utf-8")
    monkeypatch.setattr(segment, "_domain_file", lambda: str(words))
    j = segment.jieba()
    before = segment._key(j)
    words.write_text("法治政府\n依法行政\n", encoding="utf-8")
    assert segment._key(j) != before


def test_the_rules_key_follows_rule_files_and_code(monkeypatch):
    from reportlint import rulecache

    key = rulecache._make_key()
    assert rulecache._make_key() == key == rulecache._key()
    monkeypatch.setattr(rulecache, "_rule_files", lambda: [("x.yaml", 1, 2)])
    assert rulecache._make_key() != key
    monkeypatch.undo()
    monkeypatch.setattr(rulecache, "_package_stamps", lambda: [])
    assert rulecache._make_key() != key


def test_cached_rules_are_the_rules_the_loader_builds():
    from reportlint import rulecache
    from reportlint.loader import load_builtin_rules

    fresh = load_builtin_rules()
    cached = rulecache._load(rulecache._dump(fresh))
    assert [r.name for r in cached] == [r.name for r in fresh]
    for a, b in zip(fresh, cached):
        assert (a.code, a.kind, a.severity, a.message, a.messages, a.options, a.path, a.module) == \
            (b.code, b.kind, b.severity, b.message, b.messages, b.options, b.path, b.module)
        assert type(a.state) is type(b.state)

    pattern = next(r for r in cached if r.name == "fazhi-term").state[0]
    assert pattern.search("加强法制建设").group() == "法制"


def test_the_readers_registry_is_the_readers_own_and_follows_their_files(store, monkeypatch):
    """The registry kept in the cache is what the reader modules declare; a reader module
    added or edited (another stamp) makes a new survey."""
    from reportlint import readers

    surveyed = []
    real = readers._survey
    monkeypatch.setattr(readers, "_survey", lambda: surveyed.append(1) or real())
    readers._registry.cache_clear()
    first = readers._registry()
    assert first == real() and len(surveyed) == 1
    assert first["suffix"] == {".docx": "docx", ".markdown": "markdown", ".md": "markdown", ".odt": "odt",
                               ".pdf": "pdf", ".txt": "text"}
    assert first["name"] == {n: n for n in ("docx", "markdown", "odt", "pdf", "text")}
    readers._registry.cache_clear()
    assert readers._registry() == first and len(surveyed) == 1      # from the cache
    from reportlint import rulecache

    real_stamps = rulecache._package_stamps
    monkeypatch.setattr(rulecache, "_package_stamps",
                        lambda: [(r, n, 1, 2) if n == "pdf.py" else (r, n, *st) for r, n, *st in real_stamps()])
    rulecache.forget()
    readers._registry.cache_clear()
    assert readers._registry() == first and len(surveyed) == 2      # pdf.py changed: surveyed again
    monkeypatch.undo()
    rulecache.forget()
    readers._registry.cache_clear()


# ----------------------------------------------------------------------------- regex cache
def test_primed_patterns_are_what_regex_compiles(tmp_path):
    env = {"REPORTLINT_CACHE_DIR": str(tmp_path / "c")}
    code = textwrap.dedent("""
        import json, regex
        from reportlint import regexcache
        n = regexcache.prime()
        import regex._main as m
        held = len(m._cache)                # stored patterns are unpickled when asked for
        parsed = []
        orig = m._parse_pattern
        m._parse_pattern = lambda *a: parsed.append(1) or orig(*a)
        p = regex.compile(r"(?P<y>(?:19|20)\\d{2})\\s*年(?P<du>度)?")
        q = regex.compile(r"[。！？；!?;]+", regex.IGNORECASE)
        print(json.dumps([n, len(parsed), held, len(m._cache), p.groupindex, p.search("2023 年度").group("y"),
                          bool(q.match("。"))]))
    """)
    first = json.loads(run(code=code, env=env)[1])
    second = json.loads(run(code=code, env=env)[1])
    assert first[:4] == [0, 2, 0, 2]                             # nothing stored yet: both parsed
    assert second[0] >= 2 and second[1:4] == [0, 0, 2]           # primed: neither parsed again, only they unpickled
    assert first[4:] == second[4:] == [{"y": 1, "du": 2}, "2023", True]
    again = json.loads(run(code=code, env=env)[1])               # the store kept them (nothing new to save)
    assert again == second


def test_a_damaged_stored_pattern_is_compiled_anew_and_stored_again(tmp_path):
    env = {"REPORTLINT_CACHE_DIR": str(tmp_path / "c")}
    code = textwrap.dedent("""
        import json, pickle, sys, regex
        from reportlint import cache, regexcache
        n = regexcache.prime()
        p = regex.compile(r"(?P<y>(?:19|20)\\d{2})\\s*年")
        found = p.search("2023 年").group("y")
        if sys.argv[1] == "damage":
            key = regexcache._key(regex)
            store = pickle.loads(cache.read("regex", key))
            cache.write("regex", key, pickle.dumps({k: b"damaged" for k in store}))
        print(json.dumps([n, found]))
    """)
    assert json.loads(run("keep", code=code, env=env)[1]) == [0, "2023"]
    assert json.loads(run("damage", code=code, env=env)[1])[1] == "2023"      # stored, then damaged at exit
    assert json.loads(run("keep", code=code, env=env)[1])[1] == "2023"        # compiled anew, stored again
    healthy = run("keep", code=code.replace("n = regexcache.prime()", "n = regexcache.prime()\n"
                                             "import regex._main as m; parsed = []\n"
                                             "orig = m._parse_pattern\n"
                                             "m._parse_pattern = lambda *a: parsed.append(1) or orig(*a)")
                  .replace("print(json.dumps([n, found]))", "print(json.dumps([n, found, len(parsed)]))"), env=env)
    assert json.loads(healthy[1])[1:] == ["2023", 0]                          # primed again: not parsed


def test_regex_internals_not_as_expected_mean_no_priming(monkeypatch):
    from reportlint import regexcache

    import regex._main as m

    monkeypatch.delattr(m, "_cache_lock")
    assert regexcache._internals() is None
    monkeypatch.setattr(regexcache, "_active", False)
    assert regexcache.prime() == 0 and regexcache.save() is False


# ----------------------------------------------------------------------------- OpenCC table
def test_known_characters_do_not_import_opencc(tmp_path):
    env = {"REPORTLINT_CACHE_DIR": str(tmp_path / "c")}
    code = textwrap.dedent("""
        import json, sys
        from reportlint.normalize import normalize
        out = normalize(sys.argv[1])
        print(json.dumps([out, "opencc" in sys.modules]))
    """)
    text = "法治政府建設年度報告：依法行政，復議應訴"
    first = json.loads(run(text, code=code, env=env)[1])
    second = json.loads(run(text, code=code, env=env)[1])
    assert first == ["法治政府建设年度报告:依法行政,复议应诉", True]
    assert second == [first[0], False]
