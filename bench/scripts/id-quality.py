#!/usr/bin/env python3
"""Quality with 64-bit and string ids, from outside Freshet (docs/input-formats.md, "Ids").

Splits a real rating set per user by time (the newest 20% judge; a hash split without timestamps) and trains three
times on the same training part through `bin/trainer fit --holdout 0 --format csv`: with the original int ids, with
every id rewritten as a string (users "user-<hex>", items "sku:<8 hash hex>-<id>", so that the strings' order is not
the ints' order), and with every id rewritten as an integer above 2^31 (users 3000000000 + 7 * id, items
5000000000 + 11 * id). Each version's top-10 for every judged user comes from `bin/predictor transform`; the lists are
mapped back to the original ids and scored with NDCG@10 (binary gains: relevant when the judged rating is at least
80% of the scale's maximum), beside the most-popular list. Also checks that every id an output record holds is one
of its input's ids, and prints each version's format version and artifact sizes.

usage: id-quality.py RATINGS FORMAT WORKDIR [trainer fit options...]     (run from the repository root)
FORMAT: movielens | tab | space | csv:USERCOL,ITEMCOL,RATINGCOL[,TSCOL]
prints name=value lines; the last one `ndcg int=I string=S long=L pop=P users=U`
"""
import csv, ratingsets, hashlib, json, math, os, subprocess, sys, zlib
from collections import Counter, defaultdict

path, fmt, work = sys.argv[1], sys.argv[2], sys.argv[3]
fit_args = sys.argv[4:]
os.makedirs(work, exist_ok=True)


def rows():
    return ratingsets.rows(path, fmt, need_time=False)


last = {}
for u, i, r, ts in rows():
    last[(int(u), int(i))] = (float(r), float(ts) if ts not in (None, "") else None)
by_user = defaultdict(list)
for (u, i), (r, ts) in last.items():
    by_user[u].append((ts, i, r))
thr = 0.8 * max(r for r, _ in last.values())
have_ts = all(ts is not None for _, ts in last.values())
train, test = [], defaultdict(dict)
for u, lst in by_user.items():
    n = len(lst)
    if have_ts:
        lst.sort(key=lambda x: (x[0], x[1]))
        held = set(range(n - n // 5, n)) if n >= 5 else set()
    else:
        held = {j for j, (_, i, _) in enumerate(lst) if n >= 5 and zlib.crc32(f"{u}:{i}".encode()) % 5 == 0}
    for j, (ts, i, r) in enumerate(lst):
        if j in held:
            test[u][i] = r
        else:
            train.append((u, i, r, int(ts) if ts is not None else 0))
seen = defaultdict(set)
pop = Counter()
for u, i, _, _ in train:
    seen[u].add(i)
    pop[i] += 1
users = sorted(u for u, t in test.items() if any(r >= thr for r in t.values()) and u in seen)
ranked_pop = [i for i, _ in sorted(pop.items(), key=lambda x: (-x[1], x[0]))]

RENDERINGS = {
    "int": (lambda u: u, lambda i: i),
    "string": (lambda u: f"user-{u:x}", lambda i: f"sku:{hashlib.sha1(str(i).encode()).hexdigest()[:8]}-{i}"),
    "long": (lambda u: 3_000_000_000 + 7 * u, lambda i: 5_000_000_000 + 11 * i),
}


def ndcg(rec, rel):
    dcg = sum(1 / math.log2(p + 2) for p, i in enumerate(rec[:10]) if i in rel)
    return dcg / sum(1 / math.log2(p + 2) for p in range(min(len(rel), 10)))


results = {}
for name, (ru, ri) in RENDERINGS.items():
    d = os.path.join(work, name)
    os.makedirs(d, exist_ok=True)
    train_file = os.path.join(d, "train.csv")
    with open(train_file, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["userId", "movieId", "rating", "timestamp"])
        for u, i, r, ts in train:
            w.writerow([ru(u), ri(i), f"{r:g}", ts])
    events = os.path.join(d, "events.json")
    with open(events, "w") as f:
        f.write("".join(json.dumps({"user": ru(u)}) + "\n" for u in users))
    store = os.path.join(d, "store")
    fit = subprocess.run(["bin/trainer", "fit", "--store", store, "--input", train_file, "--format", "csv",
                          "--holdout", "0"] + fit_args, capture_output=True, text=True)
    if fit.returncode != 0:
        sys.exit(f"{name}: fit failed ({fit.returncode}): {fit.stderr[-800:]}")
    tr = subprocess.run(["bin/predictor", "transform", "--store", store, "--input", events, "--top", "10"],
                        capture_output=True, text=True)
    if tr.returncode != 0:
        sys.exit(f"{name}: transform failed ({tr.returncode}): {tr.stderr[-800:]}")
    back_u = {ru(u): u for u in seen}
    back_i = {ri(i): i for i in pop}
    lists, foreign = {}, 0
    for line in tr.stdout.splitlines():
        if line.startswith("{"):
            rec = json.loads(line)
            if isinstance(rec.get("items"), list):
                ids = [x["item"] for x in rec["items"]]
                foreign += sum(1 for x in ids if x not in back_i) + (rec["user"] not in back_u)
                lists[back_u.get(rec["user"])] = [back_i.get(x) for x in ids]
    version = sorted(os.listdir(os.path.join(store, "versions")))[-1]
    manifest = json.load(open(os.path.join(store, "versions", version, "manifest.json")))
    sizes = {k: v["bytes"] for k, v in manifest["files"].items() if k.endswith(".bin") and not k.startswith("ratings/")}
    print(f"{name}_version={version} {name}_format={manifest['formatVersion']} "
          f"{name}_ids={manifest['input'].get('ids', 'int')} {name}_sizes={json.dumps(sizes, sort_keys=True)}")
    m = sum(ndcg(lists.get(u, []), {i for i, r in test[u].items() if r >= thr}) for u in users) / len(users)
    print(f"{name}_ndcg={m:.4f} {name}_scored={len(lists)} {name}_foreign_ids={foreign}")
    if foreign:
        sys.exit(f"{name}: {foreign} output ids are not ids of the input")
    results[name] = m
p = sum(ndcg([i for i in ranked_pop if i not in seen[u]][:10], {i for i, r in test[u].items() if r >= thr})
        for u in users) / len(users)
print(f"ndcg int={results['int']:.4f} string={results['string']:.4f} long={results['long']:.4f} pop={p:.4f} "
      f"users={len(users)}")
