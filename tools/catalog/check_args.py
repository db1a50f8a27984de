#!/usr/bin/env python3
"""Check the argument counts the catalogue rejects against the installed proftpd.

For every directive the installed proftpd knows, try the counts the catalogue
says are wrong (min-1, max+1, gaps in arg_counts, an odd count for even_args)
with `proftpd -t`; a count that proftpd accepts is a mismatch (the linter
would raise a false alarm).  Messages other than the usual "parameters" /
"missing" wording are listed for a person to read.  Reuses the helpers of
check_contexts.py.  Python 3.11, stdlib only.  Exit status 1 on a mismatch.
"""
import importlib.util
import sys
from pathlib import Path

_spec = importlib.util.spec_from_file_location("check_contexts", Path(__file__).with_name("check_contexts.py"))
_cc = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_cc)
cf, os, re, shutil, subprocess, tempfile, tomllib = _cc.cf, _cc.os, _cc.re, _cc.shutil, _cc.subprocess, _cc.tempfile, _cc.tomllib
ROOT, WRAPS, SKIP, header = _cc.ROOT, _cc.WRAPS, _cc.SKIP, _cc.header

cat = tomllib.loads((ROOT/"grammar/directives.toml").read_text())
work = tempfile.mkdtemp(prefix="argcheck-")
Path(work,"all.conf").write_text(header(work))
out = subprocess.run(["proftpd","-c",f"{work}/all.conf","-vvv"],capture_output=True,text=True).stdout
known = {m.group(1) for m in re.finditer(r"^\s+(\S+) \(from mod_", out, re.M)}
def run(job):
    x,n,ctx,i=job
    name=x['name']; args=' '.join(['on']*n)
    body = f"{name} {args}\n" if x['kind']=='directive' else (f"{name[:-1]} {args}".rstrip()+">\n")+f"</{name[1:]}\n"
    d=f"{work}/{i}"; os.makedirs(d,exist_ok=True)
    pre,post=WRAPS[ctx]
    Path(d,"c.conf").write_text(header(d)+pre+body+post)
    r=subprocess.run(["proftpd","-t","-c",f"{d}/c.conf"],capture_output=True,text=True,timeout=30,cwd=d)
    m=re.search(r"fatal: (.*?) on line",r.stderr)
    return x,n,(m.group(1) if m else None)
jobs=[]
for x in cat['directive']:
    if x['name'] not in known or 'removed_in' in x or x['name'] in SKIP: continue
    ctx = next((c for c in ['server','virtualhost','global','anonymous','directory','limit','class'] if 'any' in x['contexts'] or c in x['contexts']), None)
    if ctx is None: continue
    bad_ns=set()
    if x.get('max_args') is not None: bad_ns.add(x['max_args']+1)
    if x['min_args']>0: bad_ns.add(x['min_args']-1)
    if x.get('arg_counts'):
        bad_ns |= {n for n in range(x['min_args'],x['max_args']) if n not in x['arg_counts']}
    if x.get('even_args'): bad_ns.add(x['min_args']+1)
    for n in sorted(bad_ns): jobs.append((x,n,ctx,len(jobs)))
res=[]
with cf.ThreadPoolExecutor(4) as ex:
    for x,n,msg in ex.map(run,jobs):
        if msg is None: res.append(f"ACCEPTED {x['name']} with {n} args (catalog min {x['min_args']} max {x.get('max_args')} counts {x.get('arg_counts')} even {x.get('even_args',False)})")
        elif not re.search(r'param|argument|missing|syntax|usage|number', msg, re.I): res.append(f"other   {x['name']} {n}: {msg[:100]}")
shutil.rmtree(work, ignore_errors=True)
print(len(jobs), 'proftpd -t runs')
print('\n'.join(sorted(res)))
sys.exit(1 if any(r.startswith('ACCEPTED') for r in res) else 0)
