"""Derive argument schemas (grammar/arguments.toml) from ProFTPD's handlers.

Called by generate.py with each conftable handler's body (comments removed,
only the first branch of every #if kept).  Facts only: which argument a
handler passes to get_boolean(), strtol()/atoi(), pr_str_get_duration(),
pr_str_get_nbytes(), which words it compares an argument with (strcmp or
strcasecmp), and whether the comparison chain ends in an error.

Each derived schema counts the handler's error exits (CONF_ERROR /
PR_ERROR_MSG) and how many of them the recognised patterns explain; a
schema whose every error exit is explained is `complete`, anything else is
marked `review = true` with the unexplained errors listed, for a person.
Hand-checked schemas come from tools/catalog/arguments_overrides.toml.
"""

from __future__ import annotations

import re

ERR_RE = re.compile(r"\b(?:CONF_ERROR|PR_ERROR_MSG)\s*\(")
ARGV = r"cmd\s*->\s*argv\s*\[\s*(\w+)\s*\]"
BOOL_RE = re.compile(r"(\w+)\s*=\s*get_boolean\s*\(\s*cmd\s*,\s*(\d+)\s*\)")
DUR_RE = re.compile(r"pr_str_get_duration\s*\(\s*(?:\(\s*char\s*\*\s*\)\s*)?" + ARGV)
NBYTES_RE = re.compile(r"pr_str_get_nbytes\s*\(\s*(?:\(\s*char\s*\*\s*\)\s*)?" + ARGV)
INT_RE = re.compile(r"(\w+)\s*=\s*(?:\([\w\s\*]+\)\s*)?(atoi|atol|strtol|strtoul|strtoll|strtoull)"
                    r"\s*\(\s*(?:\(\s*char\s*\*\s*\)\s*)?" + ARGV + r"(?:\s*,\s*&?(\w+)\s*,\s*(\d+))?\s*\)")
CMP_RE = re.compile(r"(strcmp|strcasecmp|strncasecmp|strncmp)\s*\(\s*(?:\(\s*char\s*\*\s*\)\s*)?"
                    + ARGV + r'\s*,\s*"([^"]*)"')
ABS_RE = re.compile(r"\*\s*\(?\s*(?:\(\s*char\s*\*\s*\)\s*)?" + ARGV + r"\s*\)?\s*!=\s*'/'")
STRLIT_RE = re.compile(r'"((?:[^"\\]|\\.)*)"')


def _balanced(text: str, start: int, open_c: str = "(", close_c: str = ")") -> int:
    depth = 0
    for i in range(start, len(text)):
        if text[i] == open_c:
            depth += 1
        elif text[i] == close_c:
            depth -= 1
            if depth == 0:
                return i + 1
    return len(text)


def _statement(text: str, pos: int) -> tuple[str, int]:
    j = pos
    while j < len(text) and text[j].isspace():
        j += 1
    if j < len(text) and text[j] == "{":
        end = _balanced(text, j, "{", "}")
        return text[j:end], end
    end = text.find(";", j)
    end = len(text) if end < 0 else end + 1
    return text[j:end], end


def _errors_in(text: str) -> list[int]:
    return [m.start() for m in ERR_RE.finditer(text)]


def _error_message(text: str) -> str | None:
    m = ERR_RE.search(text)
    if not m:
        return None
    call = text[m.end():_balanced(text, m.end() - 1)]
    lits = STRLIT_RE.findall(call)
    return "".join(lits).strip() if lits else None


class Chain:
    """An if / else-if chain comparing argv[index] with words."""

    def __init__(self, start: int, end: int, index: str, words: list[str],
                 case_sensitive: bool, closed: bool, error: str | None, prefix: bool):
        self.start, self.end = start, end
        self.index, self.words = index, words
        self.case_sensitive, self.closed = case_sensitive, closed
        self.error, self.prefix = error, prefix
        self.else_range = (end, end)


def _chains(body: str) -> list[Chain]:
    out = []
    taken_until = -1
    for m in re.finditer(r"\bif\s*\(", body):
        if m.start() < taken_until:
            continue
        op = m.end() - 1
        close = _balanced(body, op)
        cond = body[op + 1:close - 1]
        cmps = CMP_RE.findall(cond)
        if not cmps:
            continue
        index = cmps[0][1]
        words, funcs = [], set()
        pos = close
        closed, error = False, None
        else_range = (0, 0)
        while True:
            for f, idx, w in CMP_RE.findall(cond):
                if idx == index:
                    words.append(w)
                    funcs.add(f)
            _, pos = _statement(body, pos)
            rest = body[pos:]
            em = re.match(r"\s*else\s+if\s*\(", rest)
            if em:
                op = pos + em.end() - 1
                close = _balanced(body, op)
                cond = body[op + 1:close - 1]
                pos = close
                if not any(idx == index for _, idx, _ in CMP_RE.findall(cond)):
                    break
                continue
            em = re.match(r"\s*else\b", rest)
            if em:
                stmt, end = _statement(body, pos + em.end())
                # a closed chain: the final else only reports an error
                if _errors_in(stmt) and not re.search(r"\b(?:if|for|while)\s*\(|strto|atoi|get_boolean", stmt):
                    closed, error = True, _error_message(stmt)
                    else_range = (pos, end)
                pos = end
            break
        taken_until = pos
        chain = Chain(m.start(), pos, index, words,
                      case_sensitive=not any("case" in f for f in funcs),
                      closed=closed, error=error,
                      prefix=any(f.startswith("strn") for f in funcs))
        chain.else_range = else_range
        out.append(chain)
    return out


def _int_bounds(body: str, var: str, endp: str | None):
    lo = hi = None
    strict = False
    nonzero = False
    explained = set()
    for m in re.finditer(r"\bif\s*\(", body):
        close = _balanced(body, m.end() - 1)
        cond = body[m.end():close - 1]
        if not re.search(r"\b" + re.escape(var) + r"\b", cond) and not (endp and endp in cond):
            continue
        stmt, _ = _statement(body, close)
        errs = _errors_in(stmt)
        if not errs or re.search(r"\bif\s*\(", stmt[:errs[0] - 0]):
            continue
        touched = False
        for op, num in re.findall(r"\b" + re.escape(var) + r"\s*(<=|<|>=|>)\s*(-?\d+)\b", cond):
            n = int(num)
            if op == "<":
                lo = n if lo is None else max(lo, n)
            elif op == "<=":
                lo = n + 1 if lo is None else max(lo, n + 1)
            elif op == ">":
                hi = n if hi is None else min(hi, n)
            elif op == ">=":
                hi = n - 1 if hi is None else min(hi, n - 1)
            touched = True
        if re.search(r"\b" + re.escape(var) + r"\s*==\s*0\b", cond) or \
                re.search(r"!\s*" + re.escape(var) + r"\b", cond):
            nonzero = True
            touched = True
        if endp and re.search(r"\*\s*" + re.escape(endp) + r"\b", cond):
            strict = True
            touched = True
        if touched:
            explained.add((close, close + len(stmt) + 64))
    return lo, hi, strict, nonzero, explained


def derive(name: str, body: str, min_args: int, max_args: int | None) -> dict:
    """Return {params, rest, explained, errors, notes} for one handler body."""
    params: dict[int, dict] = {}
    explained: set = set()
    errors = _errors_in(body)
    notes = []
    multi_body = len(re.findall(r"\bswitch\s*\(|\bwhile\s*\(", body))

    # argc / context checks explained already by the catalogue
    for m in re.finditer(r"\bif\s*\(", body):
        close = _balanced(body, m.end() - 1)
        cond = body[m.end():close - 1]
        stmt, _ = _statement(body, close)
        if "argc" in cond and not re.search(r"argv|strcmp|strcasecmp", cond):
            explained.add((close, close + len(stmt) + 64))

    for c in _chains(body):
        if c.index == "i" or not c.index.isdigit():
            # flag loop over every argument
            pairs = re.search(r"argv\s*\[\s*(?:\+\+\s*\w+|\w+\s*\+\s*1)\s*\]|\w+\s*\+=\s*2", body)
            if pairs:
                notes.append("key/value pairs: " + ", ".join(c.words[:12]))
            elif re.search(r"for\s*\(\s*\w+\s*=\s*1\s*;\s*\w+\s*<\s*cmd\s*->\s*argc", body):
                spec = {"type": "flags", "values": c.words, "case_sensitive": c.case_sensitive}
                if c.closed:
                    spec["error"] = c.error or ""
                    explained.add(c.else_range)
                else:
                    spec["open"] = True
                params["rest"] = spec
            continue
        idx = int(c.index)
        p = params.setdefault(idx, {"type": "string"})
        if c.prefix:
            notes.append(f"argument {idx}: prefix comparison")
        kw = p.setdefault("keywords", [])
        kw.extend(w for w in c.words if w not in kw)
        p["case_sensitive"] = c.case_sensitive
        if c.closed:
            p["type"] = "enum"
            p["error"] = c.error or ""
            explained.add(c.else_range)

    for m in BOOL_RE.finditer(body):
        var, idx = m.group(1), int(m.group(2))
        p = params.setdefault(idx, {"type": "string"})
        was = p["type"]
        for bm in re.finditer(r"\bif\s*\(\s*" + re.escape(var) + r"\s*(==\s*-1|<\s*0)\s*\)", body):
            stmt, _ = _statement(body, bm.end())
            errs = _errors_in(stmt)
            if errs and not re.search(r"\bif\s*\(", stmt):
                p["error"] = _error_message(stmt) or ""
                if was in ("string", "enum"):
                    p["type"] = "boolean"
                explained.add((bm.end(), bm.end() + len(stmt) + 64))
                # the bool is tried first: enum words before it are keywords
            elif errs:
                # booleans first, then another reading of the word
                p["boolean"] = True
                if was == "string" and not p.get("keywords"):
                    notes.append(f"argument {idx}: boolean fallback with further checks")

    for rx, kind in ((DUR_RE, "duration"), (NBYTES_RE, "size")):
        for m in rx.finditer(body):
            if not m.group(1).isdigit():
                continue
            idx = int(m.group(1))
            p = params.setdefault(idx, {"type": "string"})
            p["type"] = kind
            # the error branch right after the call
            tail = body[m.end():m.end() + 400]
            im = re.search(r"\)\s*(<\s*0|!=\s*0|==\s*-1)?\s*\)", tail)
            if im:
                stmt, _ = _statement(body, m.end() + im.end())
                errs = _errors_in(stmt)
                if errs:
                    p["error"] = _error_message(stmt) or ""
                    explained.add((m.end(), m.end() + im.end() + len(stmt) + 64))

    for m in INT_RE.finditer(body):
        var, func, idx_s, endp, base = m.groups()
        if not idx_s.isdigit():
            continue
        idx = int(idx_s)
        p = params.setdefault(idx, {"type": "string"})
        base_n = int(base) if base else 10
        p["type"] = "octal" if base_n == 8 else "integer"
        if func in ("atoi", "atol"):
            p["parse"] = "atoi"
        elif re.search(r"\(\s*(?:unsigned\s+)?int\s*\)\s*" + func, m.group(0)) or \
                re.search(r"\bint\s+(?:[\w\s\*=,\-0-9]*,\s*)?\**" + re.escape(var) + r"\b", body):
            p["bits"] = 32
        lo, hi, strict, nonzero, exp = _int_bounds(body, var, endp if endp and endp != "NULL" else None)
        if lo is not None:
            p["min"] = lo
        if hi is not None:
            p["max"] = hi
        if strict:
            p["strict"] = True
        if nonzero and (lo is None or lo < 1):
            p["nonzero"] = True
        explained.update(exp)

    for m in ABS_RE.finditer(body):
        if not m.group(1).isdigit():
            continue
        idx = int(m.group(1))
        p = params.setdefault(idx, {"type": "string"})
        if p["type"] == "string":
            p["type"] = "path"
        p["absolute"] = True
        # explain the guard it sits in
        for im in re.finditer(r"\bif\s*\(", body):
            close = _balanced(body, im.end() - 1)
            if im.end() <= m.start() < close:
                stmt, _ = _statement(body, close)
                errs = _errors_in(stmt)
                if errs and not re.search(r"\bif\s*\(", stmt):
                    explained.add((close, close + len(stmt) + 64))
                    p["error"] = _error_message(stmt) or ""

    unexplained = [e for e in errors if not any(a <= e < b for a, b in explained)]
    # errors inside an explained statement counted by offset; tolerate duplicates
    if multi_body:
        notes.append("loops or switch statements")
    return {"params": params, "unexplained": len(unexplained), "errors": len(errors),
            "notes": notes,
            "unexplained_messages": sorted({_error_message(body[e:]) or "?" for e in unexplained})}


def to_schema(name: str, module: str, counts: dict, d: dict) -> dict:
    params = d["params"]
    rest = params.pop("rest", None)
    n = max([k for k in params] + [0])
    limit = counts.get("max_args")
    if limit is not None:
        n = max(n, 0)
    plist = []
    for i in range(1, n + 1):
        plist.append(params.get(i, {"type": "string"}))
    schema = {"directive": name, "module": module, "source": "derived", "params": plist}
    if rest:
        schema["rest"] = rest
    notes = list(d["notes"])
    if d["unexplained"]:
        notes.append(f"{d['unexplained']} of {d['errors']} error exits not modelled: "
                     + "; ".join(m for m in d["unexplained_messages"] if m)[:300])
    if notes:
        schema["review"] = True
        schema["review_note"] = " | ".join(notes)
    return schema


# --------------------------------------------------------------------------
# words removed in 1.3.8 (found in the same handler of older releases)

OLDER_TAGS = ["v1.3.5e", "v1.3.6", "v1.3.7f"]
NEXT_RELEASE = {"v1.3.5e": "1.3.6", "v1.3.6": "1.3.7", "v1.3.7f": "1.3.8"}
_older_cache: dict = {}


def _older_words(mirror: str, tag: str, path: str, handler: str, index: str) -> set[str] | None:
    import subprocess
    key = (tag, path)
    if key not in _older_cache:
        res = subprocess.run(["git", "--git-dir", mirror, "show", f"{tag}:{path}"],
                             capture_output=True, text=True, errors="replace")
        _older_cache[key] = res.stdout if res.returncode == 0 else None
    text = _older_cache[key]
    if text is None:
        return None
    m = re.search(r"MODRET\s+" + re.escape(handler) + r"\s*\(\s*cmd_rec\s*\*\s*cmd\s*\)\s*\{", text)
    if not m:
        return None
    end = text.find("\n}\n", m.end())
    body = re.sub(r"/\*.*?\*/", "", text[m.end():end], flags=re.S)
    return {w for c in _chains(body) if c.index == index for w in c.words}


def _removed_words(mirror: str, e: dict, index: str, current: list[str]) -> list[dict]:
    removed = {}
    for tag in OLDER_TAGS:
        words = _older_words(mirror, tag, e["path"], e["handler"], index)
        for w in sorted(words or ()):
            if w not in current:
                removed[w] = NEXT_RELEASE[tag]
    return [{"value": w, "removed_in": v} for w, v in sorted(removed.items())]


# --------------------------------------------------------------------------
# one directive

def _apply_override(schema: dict, ov: dict) -> dict:
    ov = dict(ov)
    deprecated = ov.pop("deprecated", {})
    if ov.pop("clear_review", False):
        schema.pop("review", None)
        schema.pop("review_note", None)
    schema.update(ov)
    for spec in [schema.get("rest")] + list(schema.get("params", [])):
        if not spec:
            continue
        for r in spec.get("removed", []):
            if r["value"] in deprecated:
                r["deprecated_in"] = deprecated[r["value"]]
    if any(k in ov for k in ("params", "rest", "alternatives")) and "source" not in ov:
        schema["source"] = "reviewed"
    return schema


def load_overrides(here) -> dict:
    """arguments_overrides.toml plus every arguments_overrides/*.toml (one per
    group of modules); a directive may appear in only one of them."""
    import tomllib
    files = [here / "arguments_overrides.toml"] + sorted((here / "arguments_overrides").glob("*.toml"))
    merged: dict = {"directive": {}}
    for f in files:
        if not f.exists():
            continue
        data = tomllib.loads(f.read_text(encoding="utf-8"))
        for name, ov in data.get("directive", {}).items():
            if name in merged["directive"]:
                raise SystemExit(f"{f}: {name} is already overridden in another file")
            merged["directive"][name] = ov
    return merged


def schema_for(mirror: str, e: dict, d: dict, overrides: dict) -> dict:
    counts = {k: d[k] for k in ("min_args", "max_args") if k in d}
    derived = derive(d["name"], e.get("body", ""), d.get("min_args", 0), d.get("max_args"))
    schema = to_schema(d["name"], d["module"], counts, derived)
    rest = schema.get("rest")
    if rest and rest.get("type") == "flags":
        removed = _removed_words(mirror, e, "i", rest["values"])
        if removed:
            rest["removed"] = removed
    for i, p in enumerate(schema["params"], start=1):
        if p.get("type") == "enum":
            removed = _removed_words(mirror, e, str(i), p.get("keywords", []))
            if removed:
                p["removed"] = removed
    ov = overrides.get("directive", {}).get(d["name"])
    if ov:
        schema = _apply_override(schema, ov)
    return schema


# --------------------------------------------------------------------------
# output

def _val(v) -> str:
    import json
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        return "[" + ", ".join(_val(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k} = {_val(x)}" for k, x in v.items()) + " }"
    raise TypeError(v)


FIELDS = ["directive", "module", "source", "params", "rest", "alternatives", "relations", "unchecked",
          "review", "review_note"]


def write(path, schemas: list[dict], tag: str, commit: str) -> None:
    lines = ["# Generated by tools/catalog/generate.py (tools/catalog/args.py) -- do not edit by hand.",
             "# Edit tools/catalog/arguments_overrides.toml and regenerate.  See docs/arguments.md.",
             "schema = 1",
             f'generated_from = "proftpd {tag} ({commit[:9]})"', ""]
    for s in sorted(schemas, key=lambda s: (s["directive"].lower(), s["module"])):
        lines.append("[[arguments]]")
        for k in FIELDS:
            if k in s and s[k] is not None:
                lines.append(f"{k} = {_val(s[k])}")
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    n_rev = sum(1 for s in schemas if s.get("review"))
    import sys
    print(f"arguments: {len(schemas)} schemas, {len(schemas) - n_rev} complete, {n_rev} to review",
          file=sys.stderr)
