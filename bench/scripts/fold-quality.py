#!/usr/bin/env python3
"""Fold-in quality from outside Freshet, on a real rating set split by time (docs/metrics.md, "Fold-in").

Known users: per user, ratings sorted by timestamp; the oldest 60% train the model (`bin/trainer fit
--holdout 0`), the next 20% arrive as rating events, the newest 20% judge. Each known user's top-10 is asked
before the rating events and again after them, through `bin/predictor transform --batch-size` (the stream's
scoring path and batch semantics: a rating folds into the batches after its own). New users: one user in ten
(by a hash of the id) is left out of training entirely; their oldest 15 ratings arrive as events and the rest
judge, against the most-popular list (the training part's most rated items less the user's 15).

NDCG@10 with binary gains: a judged rating is relevant when it is at least 80% of the scale's maximum. Also
checks that no list holds an item its user rated through the stream.

usage: fold-quality.py RATINGS FORMAT WORKDIR [trainer fit options...]
       (PREDICTOR_ARGS="--new-user-popularity 0.5" adds options to each transform or stream;
        FOLD_VIA=stream asks a running `bin/predictor stream` instead of transform: a directory source fed three
        files, the requests before, the ratings, the requests after, each once the previous one is answered)
FORMAT: movielens | tab | space | csv:USERCOL,ITEMCOL,RATINGCOL,TSCOL     (run from the repository root)
prints name=value lines; the last two: `known before=B after=A gain=G users=U` and
`new fold=F pop=P ratio=R users=U`
"""
import csv, ratingsets, glob, json, math, os, signal, subprocess, sys, time, zlib
from collections import Counter, defaultdict

path, fmt, work = sys.argv[1], sys.argv[2], sys.argv[3]
fit_args = sys.argv[4:]
os.makedirs(work, exist_ok=True)
NEW_USER_RATINGS = 15


def rows():
    return ratingsets.rows(path, fmt, need_time=True)


by_user = defaultdict(dict)
for u, i, r, ts in rows():
    by_user[int(u)][int(i)] = (float(ts), float(r))  # a repeated pair: the last one wins
max_r = max(r for d in by_user.values() for _, r in d.values())
thr = 0.8 * max_r

train, fold, judge, new_users = [], defaultdict(list), defaultdict(dict), set()
for u, d in by_user.items():
    lst = sorted((ts, i, r) for i, (ts, r) in d.items())
    n = len(lst)
    if zlib.crc32(str(u).encode()) % 10 == 0 and n >= NEW_USER_RATINGS + 5:
        new_users.add(u)
        fold[u] = lst[:NEW_USER_RATINGS]
        judge[u] = {i: r for _, i, r in lst[NEW_USER_RATINGS:]}
        continue
    a, b = int(n * 0.6), int(n * 0.8)
    train += [(u, i, r, ts) for ts, i, r in lst[:a]]
    fold[u] = lst[a:b]
    judge[u] = {i: r for _, i, r in lst[b:]}

train_file = os.path.join(work, "train.tsv")
with open(train_file, "w") as f:
    f.writelines(f"{u}\t{i}\t{r:g}\t{int(ts)}\n" for u, i, r, ts in train)
seen, pop = defaultdict(set), Counter()
for u, i, _, _ in train:
    seen[u].add(i)
    pop[i] += 1
users = sorted(u for u in judge if any(r >= thr for r in judge[u].values()) and (u in seen or u in new_users)
               and fold[u])
requests = "".join(f'{{"user":{u}}}\n' for u in users)
ratings = "".join(f'{{"user":{u},"item":{i},"rating":{r:g}}}\n' for u in users for _, i, r in fold[u])
n_ratings = ratings.count("\n")

store = os.path.join(work, "store")
fit = subprocess.run(["bin/trainer", "fit", "--store", store, "--input", train_file, "--format", "delimited",
                      "--holdout", "0"] + fit_args, capture_output=True, text=True)
if fit.returncode != 0:
    sys.exit(f"fit failed ({fit.returncode}): {fit.stderr[-800:]}")


def transform(text, batch):
    events = os.path.join(work, "events.jsonl")
    with open(events, "w") as f:
        f.write(text)
    tr = subprocess.run(["bin/predictor", "transform", "--store", store, "--input", events, "--top", "10",
                         "--batch-size", str(batch)] + os.environ.get("PREDICTOR_ARGS", "").split(),
                        capture_output=True, text=True)
    if tr.returncode != 0:
        sys.exit(f"transform failed ({tr.returncode}): {tr.stderr[-800:]}")
    lists = {}
    for line in tr.stdout.splitlines():
        rec = json.loads(line)
        if isinstance(rec.get("items"), list):
            lists[rec["user"]] = [int(x["item"]) for x in rec["items"]]
    return lists


def stream_lists():
    """Asks a running stream: requests (ids b-U), ratings, requests (ids a-U), each file once the last is answered."""
    src, out, err = (os.path.join(work, d) for d in ("source", "out", "errors"))
    for d in (src, out, err):
        os.makedirs(d, exist_ok=True)
    log = open(os.path.join(work, "stream.log"), "w")
    proc = subprocess.Popen(["bin/predictor", "stream", "--store", store, "--source", "dir:" + src, "--sink",
                             "dir:" + out, "--errors", "dir:" + err, "--batch-interval", "1", "--top", "10"]
                            + os.environ.get("PREDICTOR_ARGS", "").split(), stdout=log, stderr=subprocess.STDOUT)

    def records():
        recs = []
        for f in sorted(glob.glob(os.path.join(out, "batch-*.jsonl"))):
            with open(f) as fh:
                recs += [json.loads(line) for line in fh if line.strip()]
        return recs

    def wait(what, done, timeout=600):
        deadline = time.time() + timeout
        while not done():
            if proc.poll() is not None or time.time() > deadline:
                sys.exit(f"stream: gave up waiting for {what} (see {log.name})")
            time.sleep(0.5)

    def drop(name, text):
        tmp = os.path.join(src, "." + name + ".tmp")
        with open(tmp, "w") as f:
            f.write(text)
        os.rename(tmp, os.path.join(src, name + ".txt"))

    wait("the stream to start", lambda: "streaming from dir:" in open(log.name).read())
    drop("1-before", "".join(f'{{"id":"b-{u}","user":{u}}}\n' for u in users))
    wait("the first requests", lambda: sum(1 for r in records() if str(r.get("id", "")).startswith("b-")) >= len(users))
    drop("2-ratings", ratings)
    wait("the ratings' acknowledgements", lambda: sum(1 for r in records() if "rating" in r) >= n_ratings)
    drop("3-after", "".join(f'{{"id":"a-{u}","user":{u}}}\n' for u in users))
    wait("the second requests", lambda: sum(1 for r in records() if str(r.get("id", "")).startswith("a-")) >= len(users))
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=120)
    lists = {"b": {}, "a": {}}
    for r in records():
        rid = str(r.get("id", ""))
        if rid[:2] in ("b-", "a-") and isinstance(r.get("items"), list):
            lists[rid[0]][r["user"]] = [int(x["item"]) for x in r["items"]]
    return lists["b"], lists["a"]


if os.environ.get("FOLD_VIA") == "stream":
    before, after = stream_lists()
else:
    before = transform(requests, max(1, len(users)))
    after = transform(ratings + requests, max(1, n_ratings))  # the ratings fill the first batch(es), requests follow


def ndcg(rec, rel):
    dcg = sum(1 / math.log2(p + 2) for p, i in enumerate(rec[:10]) if i in rel)
    return dcg / sum(1 / math.log2(p + 2) for p in range(min(len(rel), 10)))


ranked_pop = [i for i, _ in sorted(pop.items(), key=lambda x: (-x[1], x[0]))]
k_b = k_a = n_p = n_f = 0.0
known = [u for u in users if u not in new_users]
fresh = [u for u in users if u in new_users]
leaks = 0
for u in users:
    rel = {i for i, r in judge[u].items() if r >= thr}
    rated = {i for _, i, _ in fold[u]}
    leaks += len(rated & set(after.get(u, [])))
    if u in new_users:
        n_f += ndcg(after.get(u, []), rel)
        n_p += ndcg([i for i in ranked_pop if i not in rated][:10], rel)
    else:
        k_b += ndcg(before.get(u, []), rel)
        k_a += ndcg(after.get(u, []), rel)
print(f"train_ratings={len(train)} stream_ratings={n_ratings} known_users={len(known)} new_users={len(fresh)} "
      f"stream_rated_items_in_lists={leaks}")
kb, ka = k_b / len(known), k_a / len(known)
print(f"known before={kb:.4f} after={ka:.4f} gain={ka / kb - 1:+.1%} users={len(known)}")
nf, np_ = n_f / len(fresh), n_p / len(fresh)
print(f"new fold={nf:.4f} pop={np_:.4f} ratio={nf / np_:.2f} users={len(fresh)}")
