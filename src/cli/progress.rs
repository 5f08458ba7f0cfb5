//! Progress on stderr: an `indicatif` bar when stderr is a terminal (count,
//! rate, ETA, current file), a plain line every few seconds when it is not
//! (logs, CI), nothing with `--quiet`. Error lines go through it so they
//! never tear the bar.

use super::messages;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::{Duration, Instant};

/// How often the plain (non-terminal) progress line is printed.
const PLAIN_EVERY: Duration = Duration::from_secs(10);

pub enum Progress {
    Bar(ProgressBar),
    Plain {
        total: u64,
        done: u64,
        start: Instant,
        last: Instant,
    },
    Quiet,
}

impl Progress {
    /// Progress over `total` cards.
    pub fn new(total: u64, quiet: bool) -> Progress {
        if quiet {
            return Progress::Quiet;
        }
        if !std::io::stderr().is_terminal() {
            let now = Instant::now();
            return Progress::Plain {
                total,
                done: 0,
                start: now,
                last: now,
            };
        }
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template(
                "{bar:30} {pos}/{len} cards  {per_sec:.1}  ETA {eta}  {wide_msg}",
            )
            .expect("valid progress template")
            .progress_chars("=> "),
        );
        bar.enable_steady_tick(Duration::from_millis(200));
        Progress::Bar(bar)
    }

    /// One more card finished (`name`: the file, shown on the bar).
    pub fn tick(&mut self, name: &str) {
        match self {
            Progress::Bar(bar) => {
                bar.set_message(name.to_string());
                bar.inc(1);
            }
            Progress::Plain {
                total,
                done,
                start,
                last,
            } => {
                *done += 1;
                if last.elapsed() >= PLAIN_EVERY {
                    *last = Instant::now();
                    let secs = start.elapsed().as_secs_f64();
                    let rate = *done as f64 / secs.max(1e-9);
                    let eta = (*total - *done) as f64 / rate.max(1e-9);
                    messages::info(&format!(
                        "{done}/{total} cards, {rate:.1} cards/s, ETA {}",
                        human_duration(eta)
                    ));
                }
            }
            Progress::Quiet => {}
        }
    }

    /// Prints an error line without tearing the bar.
    pub fn error(&self, msg: &str) {
        match self {
            Progress::Bar(bar) => bar.suspend(|| messages::error(msg)),
            _ => messages::error(msg),
        }
    }

    /// Prints an informational line, unless quiet.
    pub fn info(&self, msg: &str) {
        match self {
            Progress::Bar(bar) => bar.suspend(|| messages::info(msg)),
            Progress::Plain { .. } => messages::info(msg),
            Progress::Quiet => {}
        }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Progress::Bar(bar) = self {
            bar.finish_and_clear();
        }
    }
}

/// `3m 40s`, `1h 05m`, `12s`.
pub fn human_duration(secs: f64) -> String {
    let s = secs.round().max(0.0) as u64;
    match s {
        0..60 => format!("{s}s"),
        60..3600 => format!("{}m {:02}s", s / 60, s % 60),
        _ => format!("{}h {:02}m", s / 3600, s % 3600 / 60),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn durations() {
        assert_eq!(super::human_duration(12.2), "12s");
        assert_eq!(super::human_duration(220.0), "3m 40s");
        assert_eq!(super::human_duration(3900.0), "1h 05m");
    }
}
