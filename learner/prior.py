"""The category prior: what to try for an error when no stored error is near enough.

An error kind never seen before (a new tool, a new message) still has a category, and the
recoveries that worked most for that category are a fair guess. The prior is made at train
time from the store: for each category, the centroid of its TF-IDF rows and its few most
successful recovery templates (those not bound to one subject) with their counts then.
Its confidence is the error's cosine to its category's centroid × the template's smoothed
success rate, so an error unlike its category's usual ones is not answered by it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

TEMPLATES_PER_CATEGORY = 3  # a template may need a subject or file the error lacks: keep spares


@dataclass
class Template:
    """One recovery as it was stored (with placeholders), and how it went in its category."""

    strategy: str
    title: str
    actions: list[dict[str, Any]]
    successes: int = 0
    failures: int = 0

    @property
    def rate(self) -> float:
        """Laplace-smoothed, as for a pattern."""
        return (self.successes + 1) / (self.successes + self.failures + 2)


@dataclass
class TemplateTally:
    """Gathers, while the store is read, how each category's unbound recoveries went."""

    by_category: dict[str, dict[tuple[str, str], Template]] = field(default_factory=dict)

    def add(self, category: str, strategy: str, recovery_key: str, title: str,
            actions: list[dict[str, Any]], successes: int, failures: int) -> None:
        templates = self.by_category.setdefault(category, {})
        template = templates.setdefault((strategy, recovery_key),
                                        Template(strategy, title, actions))
        template.successes += successes
        template.failures += failures

    def best(self) -> dict[str, list[Template]]:
        """Per category, the templates that worked most (then most reliably), best first."""
        return {category: sorted(templates.values(),
                                 key=lambda t: (-t.successes, -t.rate))[:TEMPLATES_PER_CATEGORY]
                for category, templates in self.by_category.items()}


@dataclass
class CategoryPrior:
    """Unit-length centroids by feature (features × categories) and each category's templates."""

    categories: list[str]
    by_feature: Any  # scipy CSR
    templates: dict[str, list[Template]]

    @classmethod
    def fit(cls, matrix: Any, row_categories: list[str],
            templates: dict[str, list[Template]]) -> CategoryPrior:
        """From the model's unit rows (rows × features) and the category of each row."""
        import numpy
        from scipy import sparse

        categories = sorted(set(row_categories) & set(templates))
        index = {category: i for i, category in enumerate(categories)}
        rows = [i for i, c in enumerate(row_categories) if c in index]
        membership = sparse.csr_matrix(
            (numpy.ones(len(rows), dtype=numpy.float32),
             ([index[row_categories[i]] for i in rows], rows)),
            shape=(len(categories), matrix.shape[0]))
        centroids = sparse.csr_matrix(membership @ matrix)
        norms = numpy.sqrt(numpy.asarray(centroids.multiply(centroids).sum(axis=1))).ravel()
        norms[norms == 0] = 1.0
        centroids = sparse.diags(1.0 / norms) @ centroids
        return cls(categories, sparse.csr_matrix(centroids.T, dtype=numpy.float32),
                   {c: templates[c] for c in categories})
