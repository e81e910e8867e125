//! Functions looked up by name: `dlsym` and `dlvsym` hand out the guarded function when
//! what they found is a guarded one's real function (`FFI::cdef` declaring `connect`, a
//! library's `dlsym(RTLD_DEFAULT, "__connect")`, an interposer's `dlsym(RTLD_NEXT, ...)`).
//!
//! `RTLD_NEXT` searches the objects after the *caller*, which glibc finds from the
//! function's return address, so the C library's function must be entered with a return
//! address inside the caller's object. The trampoline below enters it with the address of
//! a `ret` instruction (a `0xc3` byte) in the caller's executable segment, above its own
//! continuation on the stack: glibc sees the caller's object, its `ret` comes back to the
//! trampoline, which then guards what was found and returns to the caller. Where no such
//! byte is found, or the process runs with a shadow stack (which a return to another
//! address than the call's would stop), the trampoline jumps to the C library's function
//! with the caller's frame untouched, as before: that path hands out the real function
//! (the README's "not covered" list).

#![allow(unsafe_code)]

use std::ffi::{c_char, c_int, c_void, CStr};
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};

use super::hooks::table;

/// The C library's `dlsym` and `dlvsym`, for the trampolines' `RTLD_NEXT` path.
static REAL_DLSYM: AtomicUsize = AtomicUsize::new(0);
static REAL_DLVSYM: AtomicUsize = AtomicUsize::new(0);

std::arch::global_asm!(
    ".pushsection .text.appengine_sockets_dlsym,\"ax\",@progbits",
    ".p2align 4",
    ".globl appengine_sockets_dlsym_entry",
    ".hidden appengine_sockets_dlsym_entry",
    ".type appengine_sockets_dlsym_entry,@function",
    "appengine_sockets_dlsym_entry:",
    "cmp rdi, -1",
    "je 2f",
    "jmp {guarded}",
    "2:",
    "lea r11, [rip + {real}]",
    "jmp appengine_sockets_rtld_next",
    ".p2align 4",
    ".globl appengine_sockets_dlvsym_entry",
    ".hidden appengine_sockets_dlvsym_entry",
    ".type appengine_sockets_dlvsym_entry,@function",
    "appengine_sockets_dlvsym_entry:",
    "cmp rdi, -1",
    "je 3f",
    "jmp {guarded_v}",
    "3:",
    "lea r11, [rip + {real_v}]",
    "jmp appengine_sockets_rtld_next",
    // RTLD_NEXT: r11 = where the real function's address is; [rsp] = the caller's return
    // address (rsp = 8 mod 16, as at any function's entry).
    ".p2align 4",
    ".hidden appengine_sockets_rtld_next",
    "appengine_sockets_rtld_next:",
    "push r11",
    "push rdi",
    "push rsi",
    "push rdx",
    "sub rsp, 8",
    "mov rdi, [rsp + 40]",
    "call {gadget}",
    "add rsp, 8",
    "pop rdx",
    "pop rsi",
    "pop rdi",
    "pop r11",
    "test rax, rax",
    "jz 5f",
    "lea r10, [rip + 4f]",
    "push r10",
    "push rax",
    "jmp qword ptr [r11]",
    "4:",
    "sub rsp, 8",
    "mov rdi, rax",
    "call {checked}",
    "add rsp, 8",
    "ret",
    "5:",
    "jmp qword ptr [r11]",
    ".popsection",
    guarded = sym guarded_dlsym,
    guarded_v = sym guarded_dlvsym,
    real = sym REAL_DLSYM,
    real_v = sym REAL_DLVSYM,
    gadget = sym return_gadget,
    checked = sym checked,
);

extern "C" {
    fn appengine_sockets_dlsym_entry();
    fn appengine_sockets_dlvsym_entry();
}

/// The guarded `dlsym` (its trampoline), for [`super::hooks::table`].
pub fn dlsym_entry() -> usize {
    REAL_DLSYM.store(libc::dlsym as *const () as usize, Ordering::Relaxed);
    appengine_sockets_dlsym_entry as *const () as usize
}

/// The guarded `dlvsym` (its trampoline), for [`super::hooks::table`].
pub fn dlvsym_entry() -> usize {
    REAL_DLVSYM.store(libc::dlvsym as *const () as usize, Ordering::Relaxed);
    appengine_sockets_dlvsym_entry as *const () as usize
}

unsafe extern "C" fn guarded_dlsym(handle: *mut c_void, name: *const c_char) -> *mut c_void {
    guard_found(libc::dlsym(handle, name))
}

unsafe extern "C" fn guarded_dlvsym(handle: *mut c_void, name: *const c_char, version: *const c_char) -> *mut c_void {
    guard_found(libc::dlvsym(handle, name, version))
}

/// What the trampoline's `RTLD_NEXT` path returns for what the C library found.
extern "C" fn checked(found: *mut c_void) -> *mut c_void {
    guard_found(found)
}

/// The guarded function in place of a real one `found` by a look-up by name.
pub fn guard_found(found: *mut c_void) -> *mut c_void {
    let found_at = found as usize;
    if found_at == 0 {
        return found;
    }
    table()
        .iter()
        .find(|e| e.real == found_at)
        .map_or(found, |e| e.guarded as *mut c_void)
}

/// The C library's function `name` (its default version), or 0: what a guard calls. This
/// object's own look-ups are never guarded.
pub fn in_libc(name: &CStr) -> usize {
    // The handle, found once (each dlopen compares the name with every loaded object's).
    static LIBC: AtomicUsize = AtomicUsize::new(0);
    let mut libc = LIBC.load(Ordering::Relaxed);
    if libc == 0 {
        // SAFETY: dlopen with RTLD_NOLOAD only finds the already loaded C library (which
        // is never unloaded).
        libc = unsafe { libc::dlopen(c"libc.so.6".as_ptr(), libc::RTLD_NOW | libc::RTLD_NOLOAD) } as usize;
        if libc == 0 {
            return 0;
        }
        LIBC.store(libc, Ordering::Relaxed);
    }
    // SAFETY: dlsym reads the C library's symbol table.
    unsafe { libc::dlsym(libc as *mut c_void, name.as_ptr()) as usize }
}

/// Whether this process runs with a shadow stack: 0 not known yet, 1 no, 2 yes.
static SHADOW_STACK: AtomicU8 = AtomicU8::new(0);

fn shadow_stack() -> bool {
    match SHADOW_STACK.load(Ordering::Relaxed) {
        1 => false,
        2 => true,
        _ => {
            const ARCH_SHSTK_STATUS: c_int = 0x5005;
            let mut features: u64 = 0;
            // SAFETY: arch_prctl(ARCH_SHSTK_STATUS) writes the enabled features to a u64;
            // kernels without shadow stacks answer EINVAL and write nothing.
            let rc = unsafe { libc::syscall(libc::SYS_arch_prctl, ARCH_SHSTK_STATUS, &mut features as *mut u64) };
            let on = rc == 0 && features & 1 != 0;
            SHADOW_STACK.store(if on { 2 } else { 1 }, Ordering::Relaxed);
            on
        }
    }
}

/// The address of a `ret` instruction in the executable segment of the object containing
/// `caller`; 0 if there is none (or a shadow stack forbids the path).
extern "C" fn return_gadget(caller: usize) -> usize {
    if shadow_stack() {
        return 0;
    }
    struct Search {
        caller: usize,
        found: usize,
    }
    unsafe extern "C" fn visit(info: *mut libc::dl_phdr_info, _size: usize, data: *mut c_void) -> c_int {
        let s = &mut *data.cast::<Search>();
        let info = &*info;
        let base = info.dlpi_addr as usize;
        let phdrs = std::slice::from_raw_parts(info.dlpi_phdr, usize::from(info.dlpi_phnum));
        let Some(text) = phdrs.iter().find(|p| {
            let start = base + p.p_vaddr as usize;
            p.p_type == libc::PT_LOAD && p.p_flags & libc::PF_X != 0 && (start..start + p.p_memsz as usize).contains(&s.caller)
        }) else {
            return 0;
        };
        let start = base + text.p_vaddr as usize;
        let bytes = std::slice::from_raw_parts(start as *const u8, text.p_filesz.min(text.p_memsz) as usize);
        s.found = bytes.iter().position(|&b| b == 0xc3).map_or(0, |i| start + i);
        1
    }
    let mut s = Search { caller, found: 0 };
    // SAFETY: the callback reads the program headers and the executable segment of the
    // objects dl_iterate_phdr hands it, which stay loaded during the call.
    unsafe { libc::dl_iterate_phdr(Some(visit), (&mut s as *mut Search).cast()) };
    s.found
}
