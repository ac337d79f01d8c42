"""One configuration behind compare(), a signature derived from it, and measured calibration."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from conftest import RecordingEncoder

import align
from align.config import AlignConfig, ScoringParams, Settings
from align.encoders import get_encoder
from align.encoders.calibration import (
    REFERENCE, Anchors, Calibration, calibration_for, load_corpus, measure_anchors,
)

AR = "قال الرئيس إن الاجتماع كان مثمراً. وأضاف أن البلدين سيوقعان اتفاقاً تجارياً الشهر المقبل."
EN = "The president said the meeting was fruitful. He added that the two countries will sign a trade deal next month."


class Squashed(RecordingEncoder):
    """The default encoder with its cosines squeezed toward 1, as e5's are: c -> 0.8 + 0.2 c."""

    def __init__(self, encoder):
        super().__init__(encoder)
        self.name = "squashed-use"
        self.dim = encoder.dim + 1

    def encode(self, texts, batch_size=64, show_progress_bar=None, normalize_embeddings=True):
        v = self.encoder.encode(texts)
        # [sqrt(0.2) v, sqrt(0.8)]: the dot product of two rows is 0.2 cos + 0.8
        return np.hstack([v * np.sqrt(0.2), np.full((len(v), 1), np.sqrt(0.8))]).astype(np.float32)


# -- the configuration ---------------------------------------------------------------
def test_shortcuts_and_dotted_paths_replace_fields():
    cfg = AlignConfig().replace(link_margin=1.2, max_window=3, **{"linking.rival_gap": None,
                                                                   "flags.window_z": 2.0})
    assert (cfg.linking.margin, cfg.scoring.max_window) == (1.2, 3)
    assert cfg.linking.rival_gap is None and cfg.flags.window_z == 2.0
    assert AlignConfig().linking.margin == 1.06  # the original is untouched


@pytest.mark.parametrize("changes", [{"no_such": 1}, {"linking.no_such": 1}, {"margin_k.x": 1}])
def test_unknown_settings_are_named(changes):
    with pytest.raises(ValueError, match="setting"):
        AlignConfig().replace(**changes)


@pytest.mark.parametrize("changes", [{"margin_k": 0}, {"max_window": 9}, {"window_embedding": "x"},
                                     {"link_margin": 7.0}, {"flags.partial_min_words": 0}])
def test_invalid_values_fail_when_the_config_is_built(changes):
    with pytest.raises(ValueError):
        AlignConfig().replace(**changes)


def test_keyword_shortcuts_equal_the_config_they_stand_for():
    by_kw = align.compare(AR, EN, link_margin=1.2, partial_z=2.0)
    by_cfg = align.compare(AR, EN, AlignConfig().replace(link_margin=1.2, partial_z=2.0))
    assert by_kw.to_json() == by_cfg.to_json()
    assert by_kw.settings.config == by_cfg.settings.config


@pytest.mark.slow
def test_default_signature_is_derived_from_the_settings_used():
    cmp = align.compare(AR, EN)
    cfg = cmp.settings.config
    assert cfg == AlignConfig()
    sig = cmp.signature
    assert f"link:{cfg.linking.margin:g}-z{cfg.linking.z:g}" in sig
    assert f"rival:{cfg.linking.rival_gap:g}+restate" in sig
    assert f"margin:ratio-k{cfg.scoring.margin_k}|win:{cfg.scoring.max_window}-" in sig
    assert "cal:ref" in sig and f"cfg:{cfg.digest()}" in sig
    assert sig == Settings(cmp.settings.encoder, cfg, Calibration()).signature


def test_every_decision_setting_changes_the_signature():
    base = Settings("enc").signature
    for changes in ({"linking.window_gain": 0.2}, {"flags.partial_gain": 0.1},
                    {"scoring.null_cosine": 0.3}, {"linking.cosine_floor": None}):
        assert Settings("enc", AlignConfig().replace(**changes)).signature != base, changes
    assert Settings("enc", calibration=Calibration(scale=2.0)).signature != base
    assert Settings("other").signature != base


@pytest.mark.slow
def test_runs_whose_output_differs_have_different_signatures():
    default = align.compare(AR, EN)
    changed = align.compare(AR, EN, AlignConfig(calibration=Calibration(scale=0.5, shift=0.2)))
    squashed = align.compare(AR, EN, encoder=Squashed(get_encoder()))
    wrapped = align.compare(AR, EN, encoder=RecordingEncoder(get_encoder()))
    assert changed.to_json() != default.to_json() and changed.signature != default.signature
    assert squashed.signature != default.signature
    # a pass-through wrapper is measured to the reference's identity: same output, same signature
    assert wrapped.to_json() == default.to_json()


# -- calibration ---------------------------------------------------------------------
def test_calibration_maps_anchors_onto_the_reference():
    anchors = Anchors(null=0.78, positive=0.92, same_null=0.81)
    cal = Calibration.from_anchors(anchors)
    assert cal.cross(np.float32(anchors.null)) == pytest.approx(REFERENCE.null, abs=5e-3)
    assert cal.cross(np.float32(anchors.positive)) == pytest.approx(REFERENCE.positive, abs=5e-3)
    assert cal.same(np.float32(anchors.same_null)) == pytest.approx(REFERENCE.same_null, abs=5e-3)
    assert Calibration.from_anchors(REFERENCE).is_identity
    with pytest.raises(ValueError, match="cannot be calibrated"):
        Calibration.from_anchors(Anchors(null=0.8, positive=0.8, same_null=0.8))


def test_the_shipped_corpus_is_parallel_and_unrelated_across_rows():
    pairs = load_corpus()
    assert len(pairs) >= 40
    assert all(a and b and any("\u0600" <= ch <= "\u06ff" for ch in a) for a, b in pairs)
    assert len({a for a, _ in pairs}) == len(pairs)


@pytest.mark.slow
def test_use_m_measured_on_the_corpus_is_the_reference():
    # The reference anchors are USE-m's: its map must come out as the identity.
    assert Calibration.from_anchors(measure_anchors(get_encoder("use-m"))).is_identity


@pytest.mark.slow
def test_a_squashed_encoder_is_measured_cached_and_linked_like_the_original(tmp_path, monkeypatch):
    from align.encoders import calibration

    monkeypatch.setattr(calibration, "_MEMORY", {})
    enc = Squashed(get_encoder())
    cal = calibration_for(enc, cache_dir=tmp_path)
    assert cal.scale == pytest.approx(5.0, rel=0.01)  # undoes the squeeze
    assert cal.cross(np.float32(0.8 + 0.2 * 0.5)) == pytest.approx(0.5, abs=0.01)
    assert len(list((tmp_path / "calibration").glob("*.json"))) == 1
    monkeypatch.setattr(calibration, "_MEMORY", {})
    assert calibration_for(enc, cache_dir=tmp_path) == cal  # read back from disk
    plain = align.compare(AR, EN)
    squashed = align.compare(AR, EN, encoder=enc)
    assert [(l.a, l.b) for l in squashed.link_list] == [(l.a, l.b) for l in plain.link_list]
    assert len(squashed.flag_list) == len(plain.flag_list) == 0


def test_a_declared_calibration_is_used_without_measuring():
    class Declared(RecordingEncoder):
        calibration = Calibration(scale=1.5)

        def encode(self, *args, **kwargs):  # pragma: no cover - must not be called
            raise AssertionError("a declared calibration needs no measurement")

    assert calibration_for(Declared(get_encoder())) == Calibration(scale=1.5)


def test_scoring_params_are_frozen_and_validated():
    with pytest.raises(dataclasses.FrozenInstanceError):
        ScoringParams().margin_k = 3  # type: ignore[misc]
    with pytest.raises(ValueError):
        ScoringParams(null_spread=0)


@pytest.mark.slow
def test_check_pairing_and_batches_take_the_same_config():
    import pandas as pd

    cfg = AlignConfig(encoder="use-m").replace(link_margin=1.1)
    direct = align.compare(AR, EN, cfg)
    report = align.check(AR, EN, config=cfg)
    assert report.pairs[0].signature == direct.signature
    frame = align.compare_frame(pd.DataFrame({"id": [1], "a": [AR], "b": [EN]}), config=cfg)
    assert frame.summary.loc[0, "signature"] == direct.signature
    paired = align.pair_documents({"ar": AR}, {"en": EN}, config=cfg)
    assert paired.matched == {"ar": "en"}
