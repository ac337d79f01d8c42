"""Per-language data: one module per language (:mod:`.ar`, :mod:`.en`).

Each holds what the language-neutral code looks up: the classes of
characters its folds drop or unify, the word lists of the QA content rule,
the words it writes numbers and dates with, its segmentation abbreviations.
:mod:`align.text.lexicon`, :mod:`align.differences.numbers` and
:mod:`align.text.rules` turn these into their own tables; a new language is
a new module here plus one registration in each.
"""
