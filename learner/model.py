"""The neighbour model: TF-IDF (word and character n-grams) and cosine nearest neighbours.

It is fitted on the distinct normalised error texts of the store; each row remembers the
fingerprints it came from, and the store answers with their current counts, so an outcome
recorded after training still counts. scikit-learn is imported only here and only when a
model is fitted or loaded. The file is written atomically with joblib and records the
scikit-learn version; a file from another version, or a damaged one, is refused with a
`ModelError` saying why, and the learner retrains.
"""

from __future__ import annotations

import io
import os
import pickle
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from learner.prior import CategoryPrior, Template

FORMAT = 2  # 2: the category prior is part of the model
FINGERPRINTS_PER_ROW = 12  # the most-run errors kept per distinct text: enough for the counts
TOKENS = r"<\w+>|[A-Za-z_][\w.-]*\w|\w+"


class ModelError(Exception):
    """The model file cannot be used; the message says why and what happens next."""


@dataclass
class NeighbourModel:
    """A fitted vectoriser, the unit-length TF-IDF rows it indexes, and when it was made.

    Nearest neighbours by cosine are exact: rows and query have length 1, so the cosine is a
    dot product, computed through the matrix stored by feature (an inverted index) so that a
    query touches only the rows that share an n-gram with it.
    """

    vectorizer: Any  # a sklearn FeatureUnion of two TfidfVectorizers
    by_feature: Any  # scipy CSR, features × rows
    rows: list[list[str]]  # fingerprints behind each distinct text
    texts: list[str]
    patterns: int  # store size when trained
    prior: CategoryPrior | None = None
    trained_at: float = field(default_factory=time.time)
    sklearn_version: str = ""

    @classmethod
    def fit(cls, documents: dict[str, list[str]], patterns: int,
            templates: dict[str, list[Template]] | None = None,
            shares: dict[str, float] | None = None) -> NeighbourModel:
        """Fit on {document text: fingerprints}; `templates` (by category) make the prior."""
        import sklearn

        texts = list(documents)
        vectorizer = make_vectorizer(shares or SHARES)
        matrix = _unit_rows(vectorizer.fit_transform(texts))
        prior = None if templates is None else CategoryPrior.fit(
            matrix, [document_category(t) for t in texts], templates)
        return cls(vectorizer, matrix.T.tocsr(), [documents[t] for t in texts], texts, patterns,
                   prior, sklearn_version=sklearn.__version__)

    def neighbours(self, document: str, k: int, min_similarity: float) -> list[tuple[int, float]]:
        """The `k` rows most like `document` (cosine similarity ≥ min_similarity), best first."""
        import numpy

        scores = self._cosines(self.by_feature, document)
        if scores is None:
            return []
        k = min(k, len(scores))
        best = numpy.argpartition(-scores, k - 1)[:k]
        best = best[numpy.argsort(-scores[best], kind="stable")]
        return [(int(i), float(scores[i])) for i in best if scores[i] >= min_similarity]

    def category_similarity(self, document: str) -> tuple[list[Template], float]:
        """The prior's templates for the document's category and its cosine to their centroid."""
        category = document_category(document)
        if self.prior is None or category not in self.prior.templates:
            return [], 0.0
        scores = self._cosines(self.prior.by_feature, document)
        if scores is None:
            return [], 0.0
        return self.prior.templates[category], float(scores[self.prior.categories.index(category)])

    def _cosines(self, by_feature: Any, document: str) -> Any:
        """Cosines of the document with every column of `by_feature`; None: no known feature."""
        import numpy

        features, weights, share = self._query(document)
        if not len(features):
            return None
        # a query without a part (plain text has no kind) is compared on the parts it has
        return numpy.minimum((by_feature[features].T @ weights).ravel() / share**0.5, 1.0)

    def _query(self, document: str) -> tuple[Any, Any, float]:
        """The document's unit TF-IDF vector as (feature ids, weights), and the share of the
        parts it has; without sklearn's per-call validation: a prediction takes milliseconds."""
        import numpy

        parts, offset, share = [], 0, 0.0
        for analyse, vocabulary, idf, weight in self._parts:
            counts: dict[int, int] = {}
            for term in analyse(document):
                j = vocabulary.get(term)
                if j is not None:
                    counts[j] = counts.get(j, 0) + 1
            ids = numpy.fromiter(counts, dtype=numpy.int64, count=len(counts))
            weights = (1 + numpy.log(numpy.fromiter(counts.values(), float, len(counts))))
            weights *= idf[ids]
            norm = numpy.linalg.norm(weights)
            if norm:
                parts.append((ids + offset, weights * (weight / norm)))
                share += weight**2
            offset += len(idf)
        if not parts:
            return numpy.empty(0, dtype=numpy.int64), numpy.empty(0), 1.0
        ids = numpy.concatenate([p[0] for p in parts])
        weights = numpy.concatenate([p[1] for p in parts])
        return ids, weights / numpy.linalg.norm(weights), share

    @cached_property
    def _parts(self) -> list[tuple[Callable[[str], list[str]], dict[str, int], Any, float]]:
        weights = self.vectorizer.transformer_weights
        return [(v.build_analyzer(), v.vocabulary_, v.idf_, weights[name])
                for name, v in self.vectorizer.transformer_list]

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.pop("_parts", None)  # analysers are closures: rebuilt after loading
        return state

    def save(self, path: Path) -> int:
        """Write atomically: the old file stays whole until the new one is complete."""
        import joblib

        payload = io.BytesIO()
        joblib.dump(self, payload, compress=3)
        header = {"format": FORMAT, "sklearn": self.sklearn_version, "trained_at": self.trained_at,
                  "patterns": self.patterns, "documents": len(self.texts)}
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".model-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as out:
                pickle.dump({"header": header, "payload": payload.getvalue()}, out, protocol=5)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return path.stat().st_size


#: Shares of the cosine: the kind of error (category, tool) is the strongest sign of what fixes
#: it; the words and the spelling of the message tell errors of one kind apart.
SHARES = {"kind": 0.7, "words": 0.15, "chars": 0.15}
KIND_SEPARATOR = " | "


def document_category(document: str) -> str:
    """`dependency pip | No module…` → `dependency`."""
    return document.partition(KIND_SEPARATOR)[0].partition(" ")[0]


def kind_terms(document: str) -> list[str]:
    """`dependency pip | No module…` → the error's kind as three terms."""
    category, _, tool = document.partition(KIND_SEPARATOR)[0].partition(" ")
    return [f"category={category}", f"tool={tool}", f"kind={category}/{tool}"]


def make_vectorizer(shares: dict[str, float] = SHARES) -> Any:
    """The kind of error, word 1–2-grams (same words, other order), char 3–5-grams (spelling)."""
    import numpy
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion

    return FeatureUnion([
        ("kind", TfidfVectorizer(analyzer=kind_terms, dtype=numpy.float32)),
        ("words", TfidfVectorizer(token_pattern=TOKENS, ngram_range=(1, 2), sublinear_tf=True,
                                  dtype=numpy.float32)),
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True,
                                  dtype=numpy.float32)),
    ], transformer_weights={name: share ** 0.5 for name, share in shares.items()})


def vectorise(vectorizer: Any, texts: list[str]) -> Any:
    """Texts as unit-length TF-IDF rows: their dot products are cosine similarities."""
    return _unit_rows(vectorizer.transform(texts))


def read_header(path: Path) -> tuple[dict[str, Any], bytes]:
    """The model file's header and payload; ModelError when it is missing or damaged."""
    try:
        with path.open("rb") as stream:
            outer = pickle.load(stream)  # a dict of plain values: no sklearn class inside
        header, payload = outer["header"], outer["payload"]
        if not isinstance(header, dict) or not isinstance(payload, bytes):
            raise TypeError("unexpected layout")
    except FileNotFoundError:
        raise ModelError(f"no model at {path}") from None
    except Exception as exc:  # a damaged pickle raises almost anything
        raise ModelError(f"model file {path} is corrupt ({type(exc).__name__})") from None
    return header, payload


def load(path: Path) -> NeighbourModel:
    """The saved model, if it was made by this scikit-learn and is whole."""
    import joblib
    import sklearn

    header, payload = read_header(path)
    if header.get("format") != FORMAT:
        raise ModelError(f"model file {path} has format {header.get('format')!r}, "
                         f"this lsp-heal reads {FORMAT}")
    if header.get("sklearn") != sklearn.__version__:
        raise ModelError(f"model file {path} was trained with scikit-learn "
                         f"{header.get('sklearn')}, this is {sklearn.__version__}")
    try:
        model = joblib.load(io.BytesIO(payload))
    except Exception as exc:
        raise ModelError(f"model file {path} is corrupt ({type(exc).__name__})") from None
    if not isinstance(model, NeighbourModel):
        raise ModelError(f"model file {path} is corrupt (holds {type(model).__name__})")
    return model


def _unit_rows(matrix: Any) -> Any:
    """Rows scaled to length 1, so that the two n-gram kinds weigh alike in the cosine."""
    from sklearn.preprocessing import normalize

    return normalize(matrix, norm="l2", copy=False)
