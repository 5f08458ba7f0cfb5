//! Scoring contacts against labelled cards.
