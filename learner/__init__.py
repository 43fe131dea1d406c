"""The pattern learner: which recovery worked for which error, and what to propose next.

A package beside `lsp_heal` that knows nothing of LSP or of how strategies work: it stores
(error, recovery, outcome) in SQLite and ranks recoveries for new errors with a TF-IDF
nearest-neighbour model. Importing it does not import scikit-learn.
"""

from learner.learner import LearnerError, PatternLearner, Prediction, TrainReport

__all__ = ["LearnerError", "PatternLearner", "Prediction", "TrainReport"]
