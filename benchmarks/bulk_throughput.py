"""Bulk throughput: pairs compared per minute, single process against Dask, on NTREX pairs.

Each pair is an NTREX-128 document in Arabic (side a) and in English (side
b). The single-process path is ``align.compare_frame`` with the default
encoder; the Dask path is ``align.compare_dask`` on a ``LocalCluster`` of
``--workers`` processes with one thread each (each worker's USE-m on one BLAS
thread, so the cores are not oversubscribed). Both start with cold embedding
caches and warm models (model loading is timed apart).

    python benchmarks/bulk_throughput.py [--pairs 60] [--workers 2] [--partitions 8]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import pandas as pd  # noqa: E402

from align.collections import compare_dask, compare_frame  # noqa: E402
from benchmarks.pairing import NTREX, load_ntrex  # noqa: E402

WARM = pd.DataFrame({"id": ["warm"], "a": ["انتهى الاجتماع مساء أمس."], "b": ["The meeting ended last night."]})


def ntrex_pairs(n: int) -> pd.DataFrame:
    docs_ar, docs_en = load_ntrex()
    names = sorted(docs_ar)[:n]
    return pd.DataFrame({"id": names, "a": ["\n".join(docs_ar[d]) for d in names],
                         "b": ["\n".join(docs_en[d]) for d in names]})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--partitions", type=int, default=8)
    args = parser.parse_args(argv)
    if not NTREX.is_dir():
        print(f"NTREX not found at {NTREX}", file=sys.stderr)
        return 2
    import dask.dataframe as dd
    from dask.distributed import Client, LocalCluster

    df = ntrex_pairs(args.pairs)
    kw = dict(src_lang="ar", tgt_lang="en")
    print(f"{len(df)} NTREX pairs, {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.1f} at start\n")

    t0 = time.perf_counter()
    compare_frame(WARM, **kw)
    load_single = time.perf_counter() - t0
    t0 = time.perf_counter()
    single = compare_frame(df, **kw)
    t_single = time.perf_counter() - t0
    # The same single process with USE on one BLAS thread (fresh in-memory cache).
    compare_frame(WARM, encoder_kwargs={"threads": 1}, **kw)
    t0 = time.perf_counter()
    compare_frame(df, encoder_kwargs={"threads": 1}, **kw)
    t_single1 = time.perf_counter() - t0

    with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        enc_kw = {"threads": 1}
        t0 = time.perf_counter()
        client.run(lambda: compare_frame(WARM, encoder_kwargs=enc_kw, **kw) and None)
        load_dask = time.perf_counter() - t0
        ddf = dd.from_pandas(df, npartitions=args.partitions)
        t0 = time.perf_counter()
        distributed = compare_dask(ddf, client=client, encoder_kwargs=enc_kw, **kw)
        t_dask = time.perf_counter() - t0

    same = (len(single.links) == len(distributed.links)
            and len(single.flags) == len(distributed.flags))
    print(f"{'path':<34} {'model load s':>12} {'run s':>8} {'pairs/min':>10}")
    print(f"{'single process (USE 2 threads)':<34} {load_single:>12.1f} {t_single:>8.1f} "
          f"{60 * len(df) / t_single:>10.1f}")
    print(f"{'single process (USE 1 thread)':<34} {'':>12} {t_single1:>8.1f} "
          f"{60 * len(df) / t_single1:>10.1f}")
    label = f"Dask {args.workers} workers x 1 thread"
    print(f"{label:<34} {load_dask:>12.1f} {t_dask:>8.1f} {60 * len(df) / t_dask:>10.1f}")
    print(f"\nsame links and flags counts on both paths: {same} "
          f"({len(single.links)} links, {len(single.flags)} flags); "
          f"load average at end {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":  # Dask starts worker processes: the guard is required
    sys.exit(main())
