//! Interposing libc functions in the global offset tables of loaded objects.
//!
//! A shared object (and a PIE executable such as `php` or `php-fpm`) calls an imported
//! function through a pointer in its GOT, filled by the dynamic linker from a relocation
//! naming the symbol: `R_X86_64_JUMP_SLOT` (calls through the PLT), `R_X86_64_GLOB_DAT`
//! (calls with `-fno-plt`, and taking the function's address) and `R_X86_64_64` (a
//! function pointer stored in data). [`patch_all`] walks every loaded object with
//! `dl_iterate_phdr`, reads its dynamic section, and rewrites each such slot that names
//! one of the interposed symbols to point at the guarded function. Slots inside the
//! object's RELRO segment are made writable with `mprotect` for the write and read-only
//! again after it. [`restore_all`] puts the real functions back into every slot that still
//! holds a guarded one (module shutdown, before this object can be unloaded).
//!
//! A guarding walk also reads the writable data of each object it has not seen before
//! (its `.data`, `.bss`, and its RELRO part: the GOT, and slots an ifunc resolver filled
//! through `R_X86_64_IRELATIVE`): a word pointing into one of the real functions (a
//! pointer a constructor saved, `connect + 16` stored at link time, an ifunc's choice) is
//! given the guarded function at the same offset, as the dynamic linker would have
//! written had the guarded function been the definition. Pointers kept in memory the
//! object allocated are not seen, nor the data of objects loaded before module start-up
//! (the README's "not covered" list).
//!
//! Objects left alone: this extension itself (it calls the real functions), the C library
//! and the dynamic linker (their internal calls use hidden aliases and never go through
//! a GOT slot: glibc's resolver traffic is not seen), and the vDSO.

#![allow(unsafe_code)]

use std::ffi::{c_int, c_void, CStr};

/// One interposed symbol: its name, the real function, and the guarded replacement.
#[derive(Clone, Copy, Debug)]
pub struct Interposed {
    /// The symbol name as it appears in dynamic symbol tables ("connect").
    pub name: &'static CStr,
    /// The C library's function.
    pub real: usize,
    /// The guarded function this extension provides.
    pub guarded: usize,
}

const DT_NULL: i64 = 0;
const DT_PLTRELSZ: i64 = 2;
const DT_STRTAB: i64 = 5;
const DT_SYMTAB: i64 = 6;
const DT_RELA: i64 = 7;
const DT_RELASZ: i64 = 8;
const DT_STRSZ: i64 = 10;
const DT_JMPREL: i64 = 23;
const DT_RELACOUNT: i64 = 0x6fff_fff9;
const DT_GNU_HASH: i64 = 0x6fff_fef5;

const R_X86_64_64: u32 = 1;
const R_X86_64_GLOB_DAT: u32 = 6;
const R_X86_64_JUMP_SLOT: u32 = 7;

#[repr(C)]
struct Dyn {
    tag: i64,
    val: u64,
}

#[repr(C)]
struct Rela {
    offset: u64,
    info: u64,
    addend: i64,
}

#[repr(C)]
struct Sym {
    name: u32,
    info: u8,
    other: u8,
    shndx: u16,
    value: u64,
    size: u64,
}

/// What to do with each matching slot.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    /// Point slots at the guarded functions.
    Guard,
    /// Point slots holding a guarded function back at the real one.
    Restore,
}

struct Walk<'a> {
    table: &'a [Interposed],
    /// Which entries of `table` (one bit each) a name's first byte, and its second, could
    /// match: most imported names share neither with any interposed one (`php_*` and
    /// `pthread_create` only their first).
    firsts: Filter,
    direction: Direction,
    /// The GNU hash of each entry's name (for objects' bloom filters).
    hashes: Vec<u32>,
    /// The load address of this extension (skipped).
    own_base: usize,
    /// Slots written.
    written: usize,
    /// Whether an object was passed over because its loading had not finished.
    deferred: bool,
}

/// Guard every matching slot of every loaded object; returns how many slots were written.
pub fn patch_all(table: &[Interposed]) -> usize {
    walk(table, Direction::Guard)
}

/// Give every slot that holds a guarded function its real function back.
pub fn restore_all(table: &[Interposed]) -> usize {
    walk(table, Direction::Restore)
}

/// For each of a name's first [`FILTERED`] bytes and each byte value, the entries whose
/// name has that byte there: most imported names differ from every interposed one within
/// them (`__cxa_*` from `__connect`, `getenv` from `gethostbyname`), and are passed over
/// without a comparison.
struct Filter([[u64; 256]; FILTERED]);

const FILTERED: usize = 4;

impl Filter {
    fn new(table: &[Interposed]) -> Filter {
        assert!(table.len() <= 64, "one bit per interposed symbol");
        let mut f = Filter([[0; 256]; FILTERED]);
        for (i, e) in table.iter().enumerate() {
            let name = e.name.to_bytes_with_nul();
            for (k, position) in f.0.iter_mut().enumerate() {
                position[usize::from(name.get(k).copied().unwrap_or(0))] |= 1 << i;
            }
        }
        f
    }

    /// The entries the NUL-terminated `name` could be.
    ///
    /// # Safety
    /// `name` points to a NUL-terminated string.
    unsafe fn candidates(&self, name: *const u8) -> u64 {
        let mut candidates = u64::MAX;
        for (k, position) in self.0.iter().enumerate() {
            let byte = *name.add(k);
            candidates &= position[usize::from(byte)];
            if candidates == 0 || byte == 0 {
                break;
            }
        }
        candidates
    }
}

/// dladdr1: return the symbol table entry.
const RTLD_DL_SYMENT: c_int = 1;

/// Each real function's address range and its guarded function, for the data scan.
fn ranges(table: &[Interposed]) -> &'static [(usize, usize, usize)] {
    static RANGES: std::sync::OnceLock<Vec<(usize, usize, usize)>> = std::sync::OnceLock::new();
    RANGES.get_or_init(|| {
        let mut v = Vec::new();
        for e in table {
            let mut info: libc::Dl_info = unsafe { std::mem::zeroed() };
            let mut sym: *const libc::Elf64_Sym = std::ptr::null();
            // SAFETY: dladdr1 with RTLD_DL_SYMENT fills `info` and points `sym` at the
            // dynamic symbol table entry of the function at that address.
            let found = unsafe {
                libc::dladdr1(e.real as *const c_void, &mut info, (&mut sym as *mut *const libc::Elf64_Sym).cast(), RTLD_DL_SYMENT)
            } != 0;
            let size = if found && !sym.is_null() { unsafe { (*sym).st_size as usize } } else { 0 };
            if !v.iter().any(|&(real, _, _)| real == e.real) {
                v.push((e.real, size.max(1), e.guarded));
            }
        }
        v
    })
}

/// Count every object loaded now as scanned: module start-up does not read the data of the
/// objects loaded before it (reading PHP's own `.data` and `.bss` would cost more than the
/// rest of start-up; their pointers were saved before any request ran).
pub fn skip_scan_of_loaded() {
    unsafe extern "C" fn note(info: *mut libc::dl_phdr_info, _size: usize, _data: *mut c_void) -> c_int {
        SCANNED.lock().push((*info).dlpi_addr as usize);
        0
    }
    // SAFETY: the callback reads one field of each object's info.
    unsafe { libc::dl_iterate_phdr(Some(note), std::ptr::null_mut()) };
}

/// Objects whose data was scanned (their load addresses).
static SCANNED: crate::sync::PthreadMutex<Vec<usize>> = crate::sync::PthreadMutex::new(Vec::new());

fn walk(table: &[Interposed], direction: Direction) -> usize {
    let mut w = Walk {
        table,
        firsts: Filter::new(table),
        hashes: table.iter().map(|e| gnu_hash(e.name.to_bytes())).collect(),
        direction,
        own_base: own_base(),
        written: 0,
        deferred: false,
    };
    // Wait for another thread's dlopen to finish first: dlopen takes the dynamic linker's
    // load lock, which that dlopen holds until its objects are relocated and initialised,
    // and dl_iterate_phdr lists an object before it is relocated. (This narrows the window
    // in which a walk could write a slot the dynamic linker has yet to relocate, or make
    // its RELRO page read-only under it; a dlopen starting after this call can still
    // overlap the walk: `visit` passes over an object not yet relocated, see [`relocated`].)
    // SAFETY: dlopen(NULL, RTLD_NOLOAD) only returns the main program's handle.
    unsafe { libc::dlopen(std::ptr::null(), libc::RTLD_LAZY | libc::RTLD_NOLOAD) };
    // SAFETY: the callback only reads the program headers dl_iterate_phdr hands it, and
    // the dynamic sections and relocation tables they point to, of objects the dynamic
    // linker keeps loaded for the duration of the call (it holds its load lock).
    unsafe { libc::dl_iterate_phdr(Some(visit), (&mut w as *mut Walk<'_>).cast()) };
    if w.deferred {
        // The next look at glibc's count of loaded objects walks again.
        super::loads::walk_again();
    }
    w.written
}

/// `struct dl_find_object` (glibc 2.35).
#[repr(C)]
struct DlFindObject {
    flags: u64,
    map_start: usize,
    map_end: usize,
    link_map: *mut c_void,
    eh_frame: *mut c_void,
    reserved: [u64; 7],
}

/// Whether the dynamic linker has finished relocating the object whose dynamic section
/// is at `dynamic` (`true` when that cannot be told).
///
/// `dl_iterate_phdr` lists an object as soon as another thread's `dlopen` mapped it, before
/// that `dlopen` relocated it and made its RELRO segment read-only: a slot written then
/// would be overwritten with the real function, and a RELRO page made read-only under the
/// linker would crash it. glibc's `_dl_find_object` (2.35; lock-free) knows an object only
/// once its `dlopen` got past relocation; such an object is left for the walk that follows
/// its `dlopen` (the guarded `dlopen`, or the look at glibc's count of loaded objects).
unsafe fn relocated(dynamic: usize) -> bool {
    type Find = unsafe extern "C" fn(*mut c_void, *mut DlFindObject) -> c_int;
    static FIND: std::sync::OnceLock<Option<Find>> = std::sync::OnceLock::new();
    let find = FIND.get_or_init(|| {
        // SAFETY: dlsym of a function with this signature, or null on an older glibc.
        let f = libc::dlsym(libc::RTLD_DEFAULT, c"_dl_find_object".as_ptr());
        (!f.is_null()).then(|| std::mem::transmute::<*mut c_void, Find>(f))
    });
    let Some(find) = find else { return true };
    let mut found: DlFindObject = std::mem::zeroed();
    find(dynamic as *mut c_void, &mut found) == 0 && found.map_start <= dynamic && dynamic < found.map_end
}

/// The base address of the object containing this code.
fn own_base() -> usize {
    let mut info: libc::Dl_info = unsafe { std::mem::zeroed() };
    // SAFETY: dladdr fills `info` for an address inside a loaded object.
    let ok = unsafe { libc::dladdr(own_base as *const c_void, &mut info) };
    if ok == 0 {
        0
    } else {
        info.dli_fbase as usize
    }
}

/// The hash of `DT_GNU_HASH` tables.
fn gnu_hash(name: &[u8]) -> u32 {
    name.iter().fold(5381u32, |h, &c| h.wrapping_mul(33).wrapping_add(u32::from(c)))
}

/// The symbols an object imports that are interposed: by symbol index, the entry's index
/// plus one (0: none; indices past the end: none):
/// `None` when that cannot be told from its GNU hash table alone (no such table, or its
/// bloom filter says the object may define one of them itself: then every relocation is
/// looked at).
///
/// The dynamic symbols below the table's `symoffset` are those left out of the hash
/// table: the undefined ones, which is what an object imports. Reading them is much
/// cheaper than reading every relocation, and most objects import none of the
/// interposed symbols (they are then skipped whole).
///
/// # Safety
/// `gnu_hash`, `symtab` and `strtab` are the object's live tables.
unsafe fn imports(w: &Walk<'_>, gnu_hash: usize, obj: &Object) -> Option<Vec<u8>> {
    if gnu_hash == 0 {
        return None;
    }
    let header = gnu_hash as *const u32;
    let (symoffset, bloom_size, bloom_shift) = (*header.add(1), *header.add(2), *header.add(3));
    if bloom_size == 0 {
        return None;
    }
    let bloom = header.add(4).cast::<u64>();
    let maybe_defined = w.hashes.iter().any(|&h| {
        let word = *bloom.add(((h / 64) % bloom_size) as usize);
        let mask = (1u64 << (h % 64)) | (1u64 << ((h >> bloom_shift) % 64));
        word & mask == mask
    });
    if maybe_defined {
        return None;
    }
    let mut found = Vec::new();
    for index in 1..symoffset as usize {
        let sym = &*(obj.symtab as *const Sym).add(index);
        if sym.shndx != 0 {
            continue;
        }
        if let Some(entry) = obj.entry_named(sym, w.table, &w.firsts) {
            found.resize(index + 1, 0);
            found[index] = entry as u8 + 1;
        }
    }
    Some(found)
}

fn skipped(name: &[u8]) -> bool {
    let file = name.rsplit(|&b| b == b'/').next().unwrap_or(name);
    file.starts_with(b"libc.so")
        || file.starts_with(b"ld-linux")
        || file.starts_with(b"linux-vdso")
        || file.starts_with(b"linux-gate")
}

unsafe extern "C" fn visit(info: *mut libc::dl_phdr_info, _size: usize, data: *mut c_void) -> c_int {
    let w = &mut *data.cast::<Walk<'_>>();
    let info = &*info;
    let base = info.dlpi_addr as usize;
    let name: &[u8] = if info.dlpi_name.is_null() { b"" } else { CStr::from_ptr(info.dlpi_name).to_bytes() };
    if skipped(name) || (base != 0 && base == w.own_base) {
        return 0;
    }
    let phdrs = std::slice::from_raw_parts(info.dlpi_phdr, usize::from(info.dlpi_phnum));
    let mut dynamic = None;
    let mut relro = None;
    for ph in phdrs {
        match ph.p_type {
            libc::PT_DYNAMIC => dynamic = Some(base + ph.p_vaddr as usize),
            libc::PT_GNU_RELRO => relro = Some((base + ph.p_vaddr as usize, ph.p_memsz as usize)),
            _ => {}
        }
    }
    let Some(dynamic) = dynamic else { return 0 };
    if !relocated(dynamic) {
        w.deferred = true;
        return 0;
    }
    if w.direction == Direction::Guard {
        w.written += scan_data(info, relro, w.table);
    }
    // The dynamic linker has relocated most d_ptr values in place for ordinary objects;
    // the vDSO and some loaders leave them relative. An address below the base is relative.
    let abs = |v: u64| {
        let v = v as usize;
        if v < base {
            v + base
        } else {
            v
        }
    };
    let (mut strtab, mut strsz, mut symtab) = (0usize, 0usize, 0usize);
    let (mut rela, mut relasz, mut jmprel, mut pltrelsz) = (0usize, 0usize, 0usize, 0usize);
    let (mut relacount, mut gnu_hash) = (0usize, 0usize);
    let mut d = dynamic as *const Dyn;
    while (*d).tag != DT_NULL {
        match (*d).tag {
            DT_STRTAB => strtab = abs((*d).val),
            DT_STRSZ => strsz = (*d).val as usize,
            DT_SYMTAB => symtab = abs((*d).val),
            DT_RELA => rela = abs((*d).val),
            DT_RELASZ => relasz = (*d).val as usize,
            DT_JMPREL => jmprel = abs((*d).val),
            DT_PLTRELSZ => pltrelsz = (*d).val as usize,
            DT_RELACOUNT => relacount = (*d).val as usize,
            DT_GNU_HASH => gnu_hash = abs((*d).val),
            _ => {}
        }
        d = d.add(1);
    }
    if strtab == 0 || symtab == 0 {
        return 0;
    }
    let obj = Object {
        base,
        strtab,
        strsz,
        symtab,
        relro,
    };
    let imported = imports(w, gnu_hash, &obj);
    if imported.as_ref().is_some_and(Vec::is_empty) {
        return 0;
    }
    // DT_RELACOUNT R_X86_64_RELATIVE entries (no symbol) come first in .rela.dyn: most of
    // an object's relocations, skipped without a look.
    for (table, size, skip) in [(jmprel, pltrelsz, 0), (rela, relasz, relacount)] {
        if table == 0 || size == 0 {
            continue;
        }
        let relocs = std::slice::from_raw_parts(table as *const Rela, size / std::mem::size_of::<Rela>());
        for r in relocs.get(skip..).unwrap_or_default() {
            let entry = match &imported {
                Some(found) => {
                    let index = (r.info >> 32) as usize;
                    found.get(index).and_then(|&e| (e as usize).checked_sub(1))
                }
                None => obj.entry_for(r, w.table, &w.firsts),
            };
            if let Some(entry) = entry {
                w.written += obj.apply(r, &w.table[entry], w.direction);
            }
        }
    }
    0
}

/// Give guarded functions to the words of `info`'s writable segments that point into a
/// real one, the first time an object is seen.
unsafe fn scan_data(info: &libc::dl_phdr_info, relro: Option<(usize, usize)>, table: &[Interposed]) -> usize {
    let base = info.dlpi_addr as usize;
    {
        let mut scanned = SCANNED.lock();
        if scanned.contains(&base) {
            return 0;
        }
        scanned.push(base);
    }
    let ranges = ranges(table);
    let lo = ranges.iter().map(|r| r.0).min().unwrap_or(0);
    let hi = ranges.iter().map(|r| r.0 + r.1).max().unwrap_or(0);
    let obj = Object { base, strtab: 0, strsz: 0, symtab: 0, relro };
    let phdrs = std::slice::from_raw_parts(info.dlpi_phdr, usize::from(info.dlpi_phnum));
    let mut written = 0;
    for ph in phdrs.iter().filter(|p| p.p_type == libc::PT_LOAD && p.p_flags & libc::PF_W != 0) {
        let start = (base + ph.p_vaddr as usize + 7) & !7;
        let end = base + ph.p_vaddr as usize + ph.p_memsz as usize;
        let words = std::slice::from_raw_parts(start as *const usize, end.saturating_sub(start) / 8);
        for (i, &word) in words.iter().enumerate() {
            if word < lo || word >= hi {
                continue;
            }
            if let Some(&(real, _, guarded)) = ranges.iter().find(|&&(real, size, _)| word.wrapping_sub(real) < size) {
                obj.write((start + i * 8) as *mut usize, guarded + (word - real));
                written += 1;
            }
        }
    }
    written
}

struct Object {
    base: usize,
    strtab: usize,
    strsz: usize,
    symtab: usize,
    relro: Option<(usize, usize)>,
}

impl Object {
    /// The interposed symbol a relocation names, as an index into `table`.
    unsafe fn entry_for(&self, r: &Rela, table: &[Interposed], firsts: &Filter) -> Option<usize> {
        let sym_index = (r.info >> 32) as usize;
        if sym_index == 0 {
            return None;
        }
        self.entry_named(&*(self.symtab as *const Sym).add(sym_index), table, firsts)
    }

    /// The interposed symbol `sym` is, as an index into `table`.
    unsafe fn entry_named(&self, sym: &Sym, table: &[Interposed], firsts: &Filter) -> Option<usize> {
        if self.strsz != 0 && sym.name as usize >= self.strsz {
            return None;
        }
        let name = (self.strtab + sym.name as usize) as *const u8;
        let candidates = firsts.candidates(name);
        if candidates == 0 {
            return None;
        }
        (0..table.len()).filter(|i| candidates & (1 << i) != 0).find(|&i| same_name(name, table[i].name))
    }

    /// Apply one relocation's slot change for the interposed symbol it names.
    unsafe fn apply(&self, r: &Rela, entry: &Interposed, direction: Direction) -> usize {
        let kind = (r.info & 0xffff_ffff) as u32;
        if !matches!(kind, R_X86_64_64 | R_X86_64_GLOB_DAT | R_X86_64_JUMP_SLOT) {
            return 0;
        }
        let slot = (self.base + r.offset as usize) as *mut usize;
        let current = slot.read_volatile();
        let new = match direction {
            Direction::Guard => {
                // A pointer with an addend is not a call target; a lazily bound JUMP_SLOT
                // holds its PLT stub and is guarded all the same.
                if current == entry.guarded || (kind == R_X86_64_64 && current != entry.real) {
                    return 0;
                }
                entry.guarded
            }
            Direction::Restore => {
                if current != entry.guarded {
                    return 0;
                }
                entry.real
            }
        };
        self.write(slot, new);
        1
    }

    /// Write a slot, lifting RELRO protection around the write when the slot is in it.
    unsafe fn write(&self, slot: *mut usize, value: usize) {
        let addr = slot as usize;
        let page = page_size();
        // The dynamic linker makes read-only exactly the whole pages of the RELRO segment
        // (its start rounded down, its end rounded down); the rest stays writable.
        let in_relro = self.relro.is_some_and(|(start, len)| {
            let (lo, hi) = (start & !(page - 1), (start + len) & !(page - 1));
            addr >= lo && addr < hi
        });
        if !in_relro {
            slot.write_volatile(value);
            return;
        }
        let start = addr & !(page - 1);
        let len = page;
        if libc::mprotect(start as *mut c_void, len, libc::PROT_READ | libc::PROT_WRITE) != 0 {
            // The slot keeps the real function: fail closed until a walk can write it.
            super::unguarded::failed(addr, *libc::__errno_location());
            return;
        }
        slot.write_volatile(value);
        libc::mprotect(start as *mut c_void, len, libc::PROT_READ);
        super::unguarded::fixed(addr);
    }
}

/// Whether the NUL-terminated name at `name` is `want`.
///
/// # Safety
/// `name` points to a NUL-terminated string.
unsafe fn same_name(name: *const u8, want: &CStr) -> bool {
    let want = want.to_bytes_with_nul();
    for (i, &b) in want.iter().enumerate() {
        if *name.add(i) != b {
            return false;
        }
    }
    true
}

fn page_size() -> usize {
    // SAFETY: sysconf has no preconditions.
    let p = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    if p > 0 {
        p as usize
    } else {
        4096
    }
}
