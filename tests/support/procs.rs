//! Finding the processes of one run: each test puts a marker in the environment of the run,
//! which every process of its tree inherits, and looks for it under /proc.

use std::time::{Duration, Instant};

/// A value put in the environment of one run: every process of its tree inherits it.
pub fn marker(name: &str) -> String {
    format!("gil-story-b-test-{}-{name}", std::process::id())
}

/// Pids of the live processes whose environment holds `STORY_B_MARKER=marker`.
pub fn marked(marker: &str) -> Vec<u32> {
    let needle = format!("STORY_B_MARKER={marker}");
    let mut pids = Vec::new();
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return pids;
    };
    for e in dir.flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let state = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        if state
            .rsplit(')')
            .next()
            .is_some_and(|s| s.trim_start().starts_with('Z'))
        {
            continue; // a zombie waiting for init: it holds no memory and runs nothing
        }
        if let Ok(env) = std::fs::read(format!("/proc/{pid}/environ")) {
            if env.split(|b| *b == 0).any(|v| v == needle.as_bytes()) {
                pids.push(pid);
            }
        }
    }
    pids
}

pub fn wait_until_gone(marker: &str) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let left = marked(marker);
        if left.is_empty() {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err(format!("processes left behind: {left:?}"));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}
