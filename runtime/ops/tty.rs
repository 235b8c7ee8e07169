//! Terminal modes for `process.stdin.setRawMode()` (readline's line editor needs keys as they are typed).
//! The settings a terminal had before rt changed them are kept and put back when the process ends, as
//! libuv's `uv_tty_reset_mode` does, so a program that exits in raw mode leaves the shell usable.

use std::collections::HashMap;
use std::os::fd::BorrowedFd;
use std::sync::Mutex;

use boa_engine::{Context, JsResult, JsValue};
use nix::sys::termios::{
    self, ControlFlags, InputFlags, LocalFlags, OutputFlags, SetArg, SpecialCharacterIndices, Termios,
};

use super::{number_arg, Op};

pub const OPS: &[(&str, usize, Op)] = &[("setRawMode", 2, set_raw_mode)];

/// Each terminal fd's settings from before its first change.
static ORIGINAL: Mutex<Option<HashMap<i32, Termios>>> = Mutex::new(None);

/// `setRawMode(fd, raw)` → 0, or a negative errno.
fn set_raw_mode(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let fd = number_arg(args, 0, 0.0, context)? as i32;
    let raw = args.get(1).is_some_and(JsValue::to_boolean);
    Ok(JsValue::from(match set_mode(fd, raw) {
        Ok(()) => 0,
        Err(errno) => -(errno as i32),
    }))
}

fn set_mode(fd: i32, raw: bool) -> nix::Result<()> {
    // SAFETY: the descriptor is only borrowed for these calls; a closed one fails with EBADF.
    let terminal = unsafe { BorrowedFd::borrow_raw(fd) };
    let mut originals = ORIGINAL.lock().unwrap_or_else(|p| p.into_inner());
    let originals = originals.get_or_insert_with(HashMap::new);
    let original = match originals.get(&fd) {
        Some(settings) => settings.clone(),
        None => {
            let settings = termios::tcgetattr(terminal)?;
            originals.insert(fd, settings.clone());
            settings
        }
    };
    let mut settings = original;
    if raw {
        // libuv's UV_TTY_MODE_RAW.
        settings.input_flags &=
            !(InputFlags::BRKINT | InputFlags::ICRNL | InputFlags::INPCK | InputFlags::ISTRIP | InputFlags::IXON);
        settings.output_flags |= OutputFlags::ONLCR;
        settings.control_flags |= ControlFlags::CS8;
        settings.local_flags &= !(LocalFlags::ECHO | LocalFlags::ICANON | LocalFlags::IEXTEN | LocalFlags::ISIG);
        settings.control_chars[SpecialCharacterIndices::VMIN as usize] = 1;
        settings.control_chars[SpecialCharacterIndices::VTIME as usize] = 0;
    }
    termios::tcsetattr(terminal, SetArg::TCSADRAIN, &settings)
}

/// Puts back every terminal's original settings; called when the process ends.
pub fn restore_terminal_modes() {
    let originals = ORIGINAL.lock().unwrap_or_else(|p| p.into_inner()).take();
    for (fd, settings) in originals.into_iter().flatten() {
        // SAFETY: as above; the fd may be gone by now, and then there is nothing to restore.
        let terminal = unsafe { BorrowedFd::borrow_raw(fd) };
        let _ = termios::tcsetattr(terminal, SetArg::TCSADRAIN, &settings);
    }
}
