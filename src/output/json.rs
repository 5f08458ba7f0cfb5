//! JSON output: one object per card (JSON Lines for several).
