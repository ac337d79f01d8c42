"""``compare_dask`` on a real ``dask.distributed`` LocalCluster (in-process workers)."""

from __future__ import annotations

import pandas as pd
import pytest

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("dask.distributed")

from align.collections import compare_dask, compare_frame  # noqa: E402
from align.errors import AlignInputError  # noqa: E402

PAIRS = pd.DataFrame({
    "id": ["meeting", "rain", "trade"],
    "ar": ["التقى الرئيس وزير الخارجية يوم الاثنين. وأعلنت الوزارة افتتاح مستشفى جديد.",
           "هطلت أمطار غزيرة على المدينة أمس. وأغلقت المدارس أبوابها.",
           "ارتفعت الصادرات بنسبة عشرة في المئة هذا العام."],
    "en": ["The president met the foreign minister on Monday.",
           "Heavy rain fell on the city yesterday. Schools closed their doors.",
           "Exports rose by ten percent this year. Imports fell slightly."],
})
KW = dict(a_col="ar", b_col="en", src_lang="ar", tgt_lang="en")


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                       dashboard_address=None)
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


def _sorted(df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    return df.sort_values(keys).reset_index(drop=True)


def test_same_result_as_the_pandas_path(client):
    expected = compare_frame(PAIRS, **KW)
    res = compare_dask(dd.from_pandas(PAIRS, npartitions=2), client=client, **KW)
    pd.testing.assert_frame_equal(_sorted(res.links, ["id", "link"]), _sorted(expected.links, ["id", "link"]),
                                  check_dtype=False)
    pd.testing.assert_frame_equal(_sorted(res.flags, ["id", "side", "start"]),
                                  _sorted(expected.flags, ["id", "side", "start"]), check_dtype=False)
    assert sorted(res.summary["id"]) == ["meeting", "rain", "trade"]
    assert {"meeting", "trade"} <= set(res.flags["id"])  # each has a one-sided sentence


def test_lazy_result_and_dispatch_from_compare_frame(client, tmp_path):
    ddf = dd.from_pandas(PAIRS, npartitions=3)
    lazy = compare_dask(ddf, compute=False, cache_dir=tmp_path, **KW)
    assert isinstance(lazy.links, dd.DataFrame)
    links, summary = client.compute([lazy.links, lazy.summary], sync=True)
    expected = compare_frame(PAIRS, **KW)
    assert sorted(summary["id"]) == sorted(PAIRS["id"])
    assert sorted(links["id"]) == sorted(expected.links["id"])
    assert list(summary.sort_values("id")["n_flags"]) == list(expected.summary.sort_values("id")["n_flags"])
    assert any(tmp_path.rglob("shard-*.npy"))  # the workers wrote the shared cache
    eager = compare_frame(ddf, **KW)  # a Dask DataFrame is handed to compare_dask
    assert len(eager.links) == len(links)


def test_rejects_non_dask_input_and_missing_columns():
    with pytest.raises(AlignInputError, match="Dask DataFrame"):
        compare_dask(PAIRS, **KW)
    with pytest.raises(AlignInputError, match="lacks column"):
        compare_dask(dd.from_pandas(PAIRS, npartitions=1), a_col="arabic", b_col="en")
