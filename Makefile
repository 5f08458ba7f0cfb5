# Convenience targets; the scripts are the source of truth (they need no make).
.PHONY: demo test check eval-fixtures eval-dev

demo:
	scripts/demo.sh

test:
	scripts/test.sh

# Formatting, lints and tests, as before a commit.
check:
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	scripts/test.sh

eval-fixtures:
	cargo run --release -q -- eval fixtures/clean
	cargo run --release -q -- eval fixtures/photo

# The shared labelled phone photos, when present beside the repo.
eval-dev:
	cargo run --release -q -- eval ../shared/cards-dev --lang por+eng
