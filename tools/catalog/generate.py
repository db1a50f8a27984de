#!/usr/bin/env python3
"""Generate grammar/directives.toml from the ProFTPD source.

Usage:
    python3 tools/catalog/generate.py [--mirror PATH] [--out FILE]
                                      [--argc-report FILE] [--docdump FILE]

The mirror is a (bare) git repository of ProFTPD.  Tag v1.3.8 and `master` are
extracted into temporary directories with `git archive`; every module's
`conftable` is read, each handler is inspected for CHECK_CONF / CHECK_ARGS /
`cmd->argc` comparisons, the HTML docs are parsed for Syntax / Context /
Compatibility, and the result is merged with the hand-written
tools/catalog/overrides.toml and tools/catalog/summaries.toml.

Python 3.11, standard library only.  The output is deterministic: the same
mirror and the same input files always give byte-identical output.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import args as argschema  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
BASE_TAG = "v1.3.8"
HEAD_REF = "master"
ARCHIVE_PATHS = ["modules", "contrib", "doc", "include"]

CONF_MAP = {
    "CONF_ROOT": "server",
    "CONF_VIRTUAL": "virtualhost",
    "CONF_GLOBAL": "global",
    "CONF_ANON": "anonymous",
    "CONF_DIR": "directory",
    "CONF_LIMIT": "limit",
    "CONF_DYNDIR": "ftpaccess",
    "CONF_CLASS": "class",
}
CONTEXT_ORDER = ["server", "virtualhost", "global", "anonymous", "directory",
                 "limit", "ftpaccess", "class"]

# Modules compiled statically by a plain upstream `./configure && make`
# (configure.in: ac_core_modules, plus mod_auth_pam when the PAM headers are
# found (default "auto") and mod_cap on Linux (default yes)).  mod_ident is
# only added with --enable-ident (default no since 1.3.6, Issue #269); mod_dso,
# mod_ctrls, mod_lang, mod_memcache and mod_redis need --enable-* flags.
STOCK_MODULES = {
    "mod_core.c", "mod_xfer.c", "mod_rlimit.c", "mod_auth_unix.c",
    "mod_auth_file.c", "mod_auth.c", "mod_ls.c", "mod_log.c", "mod_site.c",
    "mod_delay.c", "mod_facts.c", "mod_auth_pam.c", "mod_cap.c",
}

# Debian 12's proftpd 1.3.8 packages: proftpd-core and proftpd-mod-crypto ship
# these DSOs in /usr/lib/proftpd (checked on the installed system); the
# separate proftpd-mod-* packages (ldap, mysql, pgsql, odbc, sqlite, geoip,
# snmp, ...) are read from tools/catalog/overrides.toml ([debian] extra_dsos).
DEBIAN_DSO_DIR = Path("/usr/lib/proftpd")

VERSION_RE = re.compile(r"\d+\.\d+\.\d+(?:[a-z]+\d*)?")


# --------------------------------------------------------------------------
# git helpers

def git(mirror: str, *args: str) -> str:
    return subprocess.run(["git", "--git-dir", mirror, *args], check=True,
                          capture_output=True, text=True).stdout


def extract(mirror: str, ref: str, dest: Path) -> None:
    p1 = subprocess.Popen(["git", "--git-dir", mirror, "archive", ref, *ARCHIVE_PATHS],
                          stdout=subprocess.PIPE)
    subprocess.run(["tar", "-x", "-C", str(dest)], stdin=p1.stdout, check=True)
    p1.stdout.close()
    if p1.wait() != 0:
        raise SystemExit(f"git archive {ref} failed")


def version_key(v: str):
    """Sort key for ProFTPD versions: 1.3.8rc1 < 1.3.8 < 1.3.8a < 1.3.9rc1."""
    m = re.fullmatch(r"(\d+)\.(\d+)\.(\d+)([a-z]*)(\d*)(?:-(\d+))?", v)
    if not m:
        return (999,)
    a, b, c, suf, n, extra = m.groups()
    if suf == "rc":
        rank = (0, int(n or 0))
    elif suf == "":
        rank = (1, 0)
    else:  # letter releases: 1.3.8a, 1.3.8b
        rank = (2, ord(suf[0]) - 96)
    return (int(a), int(b), int(c), rank, int(extra or 0))


def first_tag_containing(mirror: str, commit: str) -> str | None:
    tags = [t.strip() for t in git(mirror, "tag", "--contains", commit).split()]
    vers = [t[1:] for t in tags if re.fullmatch(r"v\d+\.\d+\.\d+[a-z0-9]*", t)]
    if not vers:
        return None
    return min(vers, key=version_key)


def added_in_for(mirror: str, needle: str, path: str) -> str | None:
    out = git(mirror, "log", HEAD_REF, "--format=%H", "-S", needle, "--", path)
    commits = out.split()
    if not commits:
        return None
    return first_tag_containing(mirror, commits[-1])


# --------------------------------------------------------------------------
# source parsing

CONFTABLE_RE = re.compile(r"conftable\s+\w+\s*\[\]\s*=\s*\{(.*?)\n\s*\{\s*NULL", re.S)
ENTRY_RE = re.compile(r'\{\s*("([^"]+)"|[A-Z_][A-Z_0-9]*)\s*,\s*(\w+)\s*,', re.S)


def source_files(tree: Path):
    for sub in ("modules", "contrib"):
        base = tree / sub
        files = sorted(base.glob("*.c")) + sorted(base.glob("*/*.c"))
        for f in files:
            yield f.relative_to(tree).as_posix(), f


def strip_comments(text: str) -> str:
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    return text


def module_name_of(path: str) -> str:
    return path.rsplit("/", 1)[-1]


def function_body(text: str, name: str, any_signature: bool = False) -> str | None:
    if any_signature:
        pat = re.compile(r"^(?:MODRET|(?:static\s+)?[\w\s\*]*?)\s*\**\b" + re.escape(name)
                         + r"\s*\([^;{)]*\)\s*\{", re.M)
    else:
        pat = re.compile(r"^(?:MODRET|(?:static\s+)?modret_t\s*\*)\s*" + re.escape(name)
                         + r"\s*\(\s*cmd_rec\s*\*\s*cmd\s*\)\s*\{", re.M)
    m = pat.search(text)
    if not m:
        return None
    end = text.find("\n}\n", m.end())
    if end < 0:
        end = len(text)
    return text[m.end():end]


RETURN_CALL_RE = re.compile(r"return\s+(\w+)\s*\(")


def handler_text(text: str, handler: str) -> tuple[str, list[str]]:
    body = function_body(text, handler)
    if body is None:
        body = function_body(text, handler, any_signature=True) or ""
    followed = []
    extra = ""
    for callee in RETURN_CALL_RE.findall(body):
        if callee.startswith("PR_") or callee in followed or callee == handler:
            continue
        sub = function_body(text, callee, any_signature=True)
        if sub is not None:
            followed.append(callee)
            extra += "\n" + sub
    return body + extra, followed


CHECK_CONF_RE = re.compile(r"CHECK_CONF\s*\(\s*cmd\s*,\s*(.*?)\)\s*;", re.S)
CHECK_ARGS_RE = re.compile(r"CHECK_ARGS\s*\(\s*cmd\s*,\s*(\d+)\s*\)")
CHECK_VARARGS_RE = re.compile(r"CHECK_VARARGS\s*\(\s*cmd\s*,\s*(\d+)\s*,\s*(\d+)\s*\)")


def balanced(text: str, start: int) -> int:
    """Index just past the parenthesis group starting at text[start] == '('."""
    depth = 0
    for i in range(start, len(text)):
        c = text[i]
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i + 1
    return len(text)


def statement_after(text: str, pos: int) -> str:
    j = pos
    while j < len(text) and text[j].isspace():
        j += 1
    if j < len(text) and text[j] == "{":
        depth = 0
        for k in range(j, len(text)):
            if text[k] == "{":
                depth += 1
            elif text[k] == "}":
                depth -= 1
                if depth == 0:
                    return text[j:k + 1]
        return text[j:]
    end = text.find(";", j)
    return text[j:end + 1 if end >= 0 else len(text)]


ARGC_TOKEN_RE = re.compile(r"\(?\s*cmd->argc\s*(?:-\s*1\s*)?\)?")
PURE_ARGC_RE = re.compile(r"^[\s()!<>=&|%+\-0-9]*$")


def c_cond_to_python(cond: str) -> str | None:
    expr = re.sub(r"cmd\s*->\s*argc", " argc ", cond)
    expr = re.sub(r"CHECK_HASARGS\s*\(\s*cmd\s*,\s*(\d+)\s*\)", r"((argc - 1) == \1)", expr)
    probe = expr.replace("argc", "")
    if not PURE_ARGC_RE.match(probe):
        return None
    expr = expr.replace("&&", " and ").replace("||", " or ")
    expr = re.sub(r"!(?!=)", " not ", expr)
    return " ".join(expr.split())


def drop_else_branches(body: str) -> str:
    """Keep only the first branch of each #if/#ifdef (features assumed on)."""
    out = []
    stack = []  # each entry: True while the current branch is kept
    for line in body.split("\n"):
        t = line.strip()
        if re.match(r"#\s*if", t):
            stack.append(all(stack) if stack else True)
            out.append("")
            continue
        if re.match(r"#\s*(else|elif)", t) and stack:
            stack[-1] = False
            out.append("")
            continue
        if re.match(r"#\s*endif", t) and stack:
            stack.pop()
            out.append("")
            continue
        out.append(line if all(stack) else "")
    return "\n".join(out)


def brace_depths(body: str) -> list[int]:
    depths, d = [], 0
    for c in body:
        depths.append(d)
        if c == "{":
            d += 1
        elif c == "}":
            d = max(0, d - 1)
    return depths


def analyse_argc(body: str):
    """Return (python reject-conditions, raw uninterpreted comparisons).

    Only `if (...)` statements at the top level of the handler whose own
    body is an error return are interpreted: they reject the counts for
    which the condition holds.  argc tests that guard an error but sit inside
    another branch (sub-syntaxes) are returned raw, for a person to review.
    """
    body = drop_else_branches(body)
    depths = brace_depths(body)
    rejects = []
    raw = []
    for m in re.finditer(r"\bif\s*\(", body):
        op = m.end() - 1
        close = balanced(body, op)
        cond = body[op + 1:close - 1]
        if "argc" not in cond:
            continue
        stmt = statement_after(body, close)
        if "CONF_ERROR" not in stmt and "PR_ERROR" not in stmt:
            continue
        inner = stmt.strip()
        if inner.startswith("{"):
            inner_body = inner[1:-1]
            first_err = min(i for i in (inner_body.find("CONF_ERROR"), inner_body.find("PR_ERROR")) if i >= 0)
            if re.search(r"\bif\s*\(|\bfor\s*\(|\bwhile\s*\(|\bswitch\s*\(", inner_body[:first_err]):
                continue
        norm = " ".join(cond.split())
        if depths[m.start()] > 0:
            raw.append("nested: " + norm)
            continue
        py = c_cond_to_python(cond)
        if py is None:
            raw.append(norm)
            continue
        try:
            for n in (1, 2, 3):
                eval(py, {}, {"argc": n})  # noqa: S307 - arithmetic only
        except Exception:
            raw.append(norm)
            continue
        rejects.append(py)
    return rejects, raw


LIMIT = 40


def derive_counts(min_args: int, varargs, rejects):
    allowed = []
    for n in range(0, LIMIT + 1):
        if n < min_args:
            continue
        if varargs and not (varargs[0] <= n <= varargs[1]):
            continue
        bad = False
        for py in rejects:
            if eval(py, {}, {"argc": n + 1}):  # noqa: S307
                bad = True
                break
        if not bad:
            allowed.append(n)
    res = {}
    if not allowed:
        res["min_args"] = min_args
        res["unsatisfiable"] = True
        return res
    lo = allowed[0]
    res["min_args"] = lo
    unbounded = allowed[-1] == LIMIT
    if unbounded:
        tail = [n for n in range(lo, LIMIT + 1)]
        if allowed == tail:
            return res
        evens = [n for n in range(lo, LIMIT + 1) if n % 2 == lo % 2]
        if allowed == evens and lo % 2 == 0:
            res["even_args"] = True
            return res
        res["irregular"] = allowed[:10]
        return res
    hi = allowed[-1]
    res["max_args"] = hi
    if allowed != list(range(lo, hi + 1)):
        res["arg_counts"] = allowed
    return res


def parse_tree(tree: Path):
    """Return {name_lower: entry} for one source tree and a module list."""
    entries = []
    modules = {}
    for rel, f in source_files(tree):
        text = f.read_text(encoding="utf-8", errors="replace")
        m = CONFTABLE_RE.search(text)
        if not m:
            continue
        clean = strip_comments(text)
        modname = module_name_of(rel)
        modules[modname] = rel
        for em in ENTRY_RE.finditer(strip_comments(m.group(1))):
            name = em.group(2)
            if name is None:
                macro = em.group(1)
                dm = re.search(r"#\s*define\s+" + macro + r'\s+"([^"]+)"', text)
                if not dm:
                    continue
                name = dm.group(1)
            handler = em.group(3)
            body, followed = handler_text(clean, handler)
            body = drop_else_branches(body)
            confs = CHECK_CONF_RE.findall(body)
            ctx = set()
            for c in confs:
                for tok in re.findall(r"CONF_[A-Z]+", c):
                    if tok in CONF_MAP:
                        ctx.add(CONF_MAP[tok])
            mins = [int(x) for x in CHECK_ARGS_RE.findall(body)]
            varargs = CHECK_VARARGS_RE.findall(body)
            rejects, raw = analyse_argc(body)
            other_argc = sorted({" ".join(x.split()) for x in
                                 re.findall(r"[^;\n]*cmd->argc[^;\n]*", body)})
            entries.append({
                "name": name,
                "module": modname,
                "path": rel,
                "handler": handler,
                "followed": followed,
                "has_check_conf": bool(confs),
                "contexts": ctx,
                "min_args": max(mins) if mins else 0,
                "varargs": (int(varargs[0][0]), int(varargs[0][1])) if varargs else None,
                "rejects": rejects,
                "raw_argc": raw,
                "argc_lines": other_argc,
                "body": body,
                "declines_only": bool(re.fullmatch(r"\s*return\s+PR_DECLINED\s*\(\s*cmd\s*\)\s*;\s*", body)),
            })
    return entries, modules


# --------------------------------------------------------------------------
# docs

def clean_html(s: str) -> str:
    s = re.sub(r"<[^>]+>", "", s)
    s = html.unescape(s)
    return " ".join(s.split())


def parse_docs(tree: Path):
    docs = {}
    for sub in ("modules", "contrib"):
        for f in sorted((tree / "doc" / sub).glob("*.html")):
            text = f.read_text(encoding="utf-8", errors="replace")
            parts = re.split(r'<h3>\s*<a name="([^"]+)"\s*>', text)
            for i in range(1, len(parts), 2):
                anchor, block = parts[i], parts[i + 1]
                block = block.split("<hr>")[0]
                fields = {}
                for fm in re.finditer(r"<strong>\s*(\w+)\s*:\s*</strong>(.*?)(?=<strong>|<br>|<p>|\n\s*\n|$)",
                                      block, re.S):
                    key = fm.group(1).lower()
                    if key not in fields:
                        fields[key] = clean_html(fm.group(2))
                if "module" not in fields:
                    continue
                key = re.sub(r"[<>/]", "", anchor).lower()
                if key == "tlsdsacertficatefile":
                    key = "tlsdsacertificatefile"
                paras = re.findall(r"<p>(.*?)(?=<p>|$)", block, re.S)
                desc = clean_html(paras[0]) if paras else ""
                docs.setdefault(key, {
                    "doc": f"{sub}/{f.name}#{anchor}",
                    "syntax": fields.get("syntax", ""),
                    "default": fields.get("default", ""),
                    "context": fields.get("context", ""),
                    "module": fields.get("module", ""),
                    "compat": fields.get("compatibility", ""),
                    "desc": desc[:600],
                })
    return docs


def doc_contexts(s: str) -> set[str]:
    s = s.lower()
    out = set()
    for kw, ctx in (("server", "server"), ("virtual", "virtualhost"), ("global", "global"),
                    ("anon", "anonymous"), ("director", "directory"), ("limit", "limit"),
                    ("ftpaccess", "ftpaccess"), ("class", "class")):
        if kw in s:
            out.add(ctx)
    if s.strip() in ("all", "any") or "all context" in s:
        return {"any"}
    return out


def since_of(compat: str) -> str | None:
    m = VERSION_RE.search(compat)
    return m.group(0) if m else None


# --------------------------------------------------------------------------
# output

def toml_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return toml_str(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    raise TypeError(v)


DIRECTIVE_FIELDS = ["name", "module", "kind", "opens", "contexts", "min_args", "max_args",
                    "arg_counts", "even_args", "closer_args", "since", "added_in",
                    "removed_in", "deprecated_in", "replacement", "summary", "doc",
                    "review", "review_note"]


def sort_key(d):
    return (d["name"].lstrip("<").lower(), d["name"], d["module"])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    ap.add_argument("--mirror", default="/work/.mirror/proftpd+proftpd/repo")
    ap.add_argument("--out", default=str(ROOT / "grammar" / "directives.toml"))
    ap.add_argument("--args-out", default=str(ROOT / "grammar" / "arguments.toml"))
    ap.add_argument("--argc-report", default=str(HERE / "argc_review.json"),
                    help="machine-readable list of uninterpreted argc comparisons")
    ap.add_argument("--docdump", default=None,
                    help="write parsed doc fields (syntax, first paragraph) as JSON for writing summaries")
    ap.add_argument("--keep", default=None, help="extract into this directory instead of a temp dir")
    args = ap.parse_args(argv)

    mirror = args.mirror
    base_commit = git(mirror, "rev-parse", BASE_TAG + "^{commit}").strip()
    head_commit = git(mirror, "rev-parse", HEAD_REF + "^{commit}").strip()

    overrides = tomllib.loads((HERE / "overrides.toml").read_text(encoding="utf-8"))
    summaries_path = HERE / "summaries.toml"
    summaries = tomllib.loads(summaries_path.read_text(encoding="utf-8")) if summaries_path.exists() else {}

    with tempfile.TemporaryDirectory(prefix="proftpd-catalog-") as tmp:
        work = Path(args.keep) if args.keep else Path(tmp)
        base_dir, head_dir = work / "base", work / "head"
        for d, ref in ((base_dir, base_commit), (head_dir, head_commit)):
            if not (d / "modules").exists():
                d.mkdir(parents=True, exist_ok=True)
                extract(mirror, ref, d)
        base_entries, base_mods = parse_tree(base_dir)
        head_entries, head_mods = parse_tree(head_dir)
        docs = parse_docs(head_dir)
        base_docs = parse_docs(base_dir)
        for k, v in base_docs.items():
            docs.setdefault(k, v)

    # ---- modules
    ov_mods = overrides.get("module", {})
    deb_extra = set(overrides.get("debian", {}).get("extra_dsos", []))
    installed = {p.stem + ".c" for p in DEBIAN_DSO_DIR.glob("*.so")} if DEBIAN_DSO_DIR.is_dir() else set()
    if not installed:
        installed = set(overrides.get("debian", {}).get("core_dsos", []))
    modules = []
    for name in sorted(set(base_mods) | set(head_mods)):
        path = base_mods.get(name) or head_mods[name]
        mod = {"name": name, "path": path, "stock": name in STOCK_MODULES,
               "debian_dso": name in installed or name in deb_extra}
        if name not in base_mods:
            mod["added_in"] = added_in_for(mirror, "conftable", path) or "unknown"
        mod.update(ov_mods.get(name, {}))
        modules.append(mod)

    # ---- directives (base tree first; master-only entries appended)
    base_keys = {(e["name"].lower(), e["module"]) for e in base_entries}
    merged = [dict(e, tree="base") for e in base_entries]
    for e in head_entries:
        if (e["name"].lower(), e["module"]) not in base_keys:
            merged.append(dict(e, tree="head"))
    head_by_key = {(e["name"].lower(), e["module"]): e for e in head_entries}

    out = []
    schemas = []
    arg_overrides = argschema.load_overrides(HERE)
    argc_report = []
    seen = set()
    closers = {}
    for e in merged:
        if e["name"].startswith("</"):
            closers[e["name"][2:-1].lower()] = e
    for e in merged:
        name = e["name"]
        if name.startswith("</"):
            continue
        key = name.lower()
        if e["declines_only"]:
            # e.g. mod_sql_mysql's SQLAuthTypes: registered, but always declines
            continue
        if key in seen:
            continue
        seen.add(key)
        is_section = name.startswith("<")
        d = {"name": name, "module": e["module"], "kind": "section" if is_section else "directive"}
        if e["has_check_conf"]:
            d["contexts"] = [c for c in CONTEXT_ORDER if c in e["contexts"]]
        else:
            d["contexts"] = ["any"]
        counts = derive_counts(e["min_args"], e["varargs"], e["rejects"])
        d["min_args"] = counts["min_args"]
        for k in ("max_args", "arg_counts", "even_args"):
            if k in counts:
                d[k] = counts[k]
        notes = []
        if counts.get("irregular") or counts.get("unsatisfiable"):
            notes.append("argc checks give an irregular set of counts")
        if e["raw_argc"]:
            notes.append("uninterpreted argc test(s) before an error: " + "; ".join(e["raw_argc"]))
        if is_section:
            d["closer_args"] = 0
            cl = closers.get(key[1:-1])
            if cl is None:
                notes.append("no closer registered")
        docinfo = docs.get(re.sub(r"[<>/]", "", key))
        if docinfo:
            d["doc"] = docinfo["doc"]
            s = since_of(docinfo["compat"])
            if s:
                d["since"] = s
        if e["tree"] == "head":
            d["added_in"] = added_in_for(mirror, '"' + name + '"', e["path"]) or "unknown"
        elif (key, e["module"]) in head_by_key:
            h = head_by_key[(key, e["module"])]
            if (h["contexts"] != e["contexts"] or h["has_check_conf"] != e["has_check_conf"]):
                notes.append("contexts differ in master: " + ", ".join(sorted(h["contexts"]) or ["any"]))
        summary = summaries.get(name)
        if summary is not None:
            d["summary"] = summary
        ov = overrides.get("directive", {}).get(name)
        if ov:
            ov = dict(ov)
            if ov.pop("clear_review", False):
                notes = []
            for drop in ov.pop("unset", []):
                d.pop(drop, None)
            d.update(ov)
        if notes and not d.get("review_note"):
            d["review"] = True
            d["review_note"] = " | ".join(notes)
        if e["raw_argc"] or counts.get("irregular"):
            argc_report.append({"name": name, "module": e["module"], "handler": e["handler"],
                                "uninterpreted": e["raw_argc"], "argc_lines": e["argc_lines"],
                                "derived": {k: v for k, v in counts.items()},
                                "overridden": bool(ov)})
        out.append(d)
        schemas.append(argschema.schema_for(mirror, e, d, arg_overrides))

    # ---- removed directives (curated)
    for name, r in sorted(overrides.get("removed", {}).items()):
        if name.lower() in seen:
            print(f"warning: removed directive {name} is still in the source", file=sys.stderr)
            continue
        d = {"name": name, "module": r["module"], "kind": r.get("kind", "directive"),
             "contexts": r.get("contexts", ["any"]), "min_args": r.get("min_args", 0)}
        for k in ("max_args", "since", "removed_in", "replacement", "summary", "doc",
                  "review", "review_note", "opens", "closer_args"):
            if k in r:
                d[k] = r[k]
        if "summary" not in d and name in summaries:
            d["summary"] = summaries[name]
        out.append(d)

    missing = [d["name"] for d in out if not d.get("summary")]
    if missing:
        print(f"warning: {len(missing)} entries without a summary: {', '.join(missing[:20])}...",
              file=sys.stderr)
        for d in out:
            d.setdefault("summary", "")

    out.sort(key=sort_key)

    lines = ["# Generated by tools/catalog/generate.py -- do not edit by hand.",
             "# Edit tools/catalog/overrides.toml or tools/catalog/summaries.toml and regenerate.",
             "schema = 1",
             f'generated_from = "proftpd {BASE_TAG} ({base_commit[:9]}) + {HEAD_REF} {head_commit[:9]}"',
             ""]
    for m in modules:
        lines.append("[[module]]")
        for k in ("name", "path", "stock", "debian_dso", "added_in"):
            if k in m:
                lines.append(f"{k} = {toml_value(m[k])}")
        lines.append("")
    for d in out:
        lines.append("[[directive]]")
        for k in DIRECTIVE_FIELDS:
            if k in d and d[k] is not None:
                lines.append(f"{k} = {toml_value(d[k])}")
        lines.append("")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text("\n".join(lines), encoding="utf-8")

    argschema.write(Path(args.args_out), schemas, BASE_TAG, base_commit)

    argc_report.sort(key=lambda r: (r["name"].lower(), r["module"]))
    Path(args.argc_report).write_text(json.dumps(argc_report, indent=1, sort_keys=True) + "\n",
                                      encoding="utf-8")
    if args.docdump:
        dump = {d["name"]: {"module": d["module"], **(docs.get(re.sub(r"[<>/]", "", d["name"].lower()), {}))}
                for d in out}
        Path(args.docdump).write_text(json.dumps(dump, indent=1, sort_keys=True), encoding="utf-8")

    n_sec = sum(1 for d in out if d["kind"] == "section")
    n_rev = sum(1 for d in out if d.get("review"))
    print(f"modules={len(modules)} entries={len(out)} sections={n_sec} review={n_rev} "
          f"missing_summaries={len(missing)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
