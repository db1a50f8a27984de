#!/usr/bin/env python3
"""Check the catalogue's contexts against the installed proftpd (`proftpd -t`).

For every directive that the installed proftpd knows (all modules in
/usr/lib/proftpd loaded, mod_dnsbl left out), place it in each context and
compare: proftpd saying "directive not allowed in <CTX> context" where the
catalogue allows CTX, or accepting the line where the catalogue forbids CTX,
is reported.  Arguments are dummies, so most runs end with a value error; that
still shows the context check passed.  Python 3.11, stdlib only.

Usage: python3 tools/catalog/check_contexts.py [grammar/directives.toml]
Exit status 1 when a mismatch is found.
"""
import concurrent.futures as cf
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WRAPS = {
    "server": ("", ""),
    "virtualhost": ("<VirtualHost 127.0.0.1>\nPort 2122\n", "</VirtualHost>\n"),
    "global": ("<Global>\n", "</Global>\n"),
    "anonymous": ("<Anonymous /tmp/anon>\n", "</Anonymous>\n"),
    "directory": ("<Directory /tmp>\n", "</Directory>\n"),
    "limit": ("<Limit READ>\n", "</Limit>\n"),
    "class": ("<Class c1>\n", "</Class>\n"),
}
NAMES = {"server": "server config", "virtualhost": "<VirtualHost>", "global": "<Global>",
         "anonymous": "<Anonymous>", "directory": "<Directory>", "limit": "<Limit>", "class": "<Class>"}
SKIP = {"<VirtualHost>", "<Class>", "<Global>", "<Anonymous>", "Include", "LoadModule", "ModulePath", "LoadFile"}


def header(dirname: str) -> str:
    mods = sorted(p.stem for p in Path("/usr/lib/proftpd").glob("mod_*.so") if p.stem != "mod_dnsbl")
    if "mod_auth_otp" in mods:
        mods.remove("mod_auth_otp")
        mods.append("mod_auth_otp")
    lines = ["UseReverseDNS off", "ServerType standalone", "DefaultServer on", "Port 2121",
             "User nobody", "Group nogroup", f"PidFile {dirname}/p.pid",
             f"ScoreboardFile {dirname}/s.sb", "ModulePath /usr/lib/proftpd"]
    lines += [f"LoadModule {m}.c" for m in mods]
    return "\n".join(lines) + "\n"


def main() -> int:
    cat = tomllib.loads(Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "grammar/directives.toml").read_text())
    work = tempfile.mkdtemp(prefix="ctxcheck-")
    Path(work, "all.conf").write_text(header(work))
    out = subprocess.run(["proftpd", "-c", f"{work}/all.conf", "-vvv"], capture_output=True, text=True).stdout
    known = {m.group(1) for m in re.finditer(r"^\s+(\S+) \(from mod_", out, re.M)}

    def run(job):
        x, ctx, i = job
        n = x["arg_counts"][0] if x.get("arg_counts") else max(x["min_args"], 1)
        if x.get("even_args") and n % 2:
            n += 1
        if x.get("max_args") is not None:
            n = min(n, x["max_args"])
        args = " ".join(["on"] * n)
        name = x["name"]
        if x["kind"] == "directive":
            body = f"{name} {args}\n"
        else:
            body = (f"{name[:-1]} {args}".rstrip() + ">\n") + f"</{name[1:]}\n"
        d = f"{work}/{i}"
        os.makedirs(d, exist_ok=True)
        pre, post = WRAPS[ctx]
        Path(d, "c.conf").write_text(header(d) + pre + body + post)
        r = subprocess.run(["proftpd", "-t", "-c", f"{d}/c.conf"], capture_output=True, text=True, timeout=30, cwd=d)
        m = re.search(r"fatal: (.*?) on line", r.stderr)
        return x, ctx, (m.group(1) if m else None)

    jobs = []
    for x in cat["directive"]:
        if x["name"] in known and "removed_in" not in x and x["name"] not in SKIP:
            jobs += [(x, ctx, len(jobs) + k) for k, ctx in enumerate(WRAPS)]
    bad = []
    with cf.ThreadPoolExecutor(4) as ex:
        for x, ctx, msg in ex.map(run, jobs):
            allowed = "any" in x["contexts"] or ctx in x["contexts"]
            refused = msg is not None and "not allowed in" in msg and NAMES[ctx] in msg
            if allowed and refused:
                bad.append(f"{x['name']} in {ctx}: catalogue allows, proftpd says: {msg}")
            if not allowed and msg is None:
                bad.append(f"{x['name']} in {ctx}: catalogue forbids, proftpd accepts")
    shutil.rmtree(work, ignore_errors=True)
    print(f"{len(jobs)} proftpd -t runs, {len(bad)} mismatches")
    for b in sorted(bad):
        print("  " + b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
