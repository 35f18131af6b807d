#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// 2 MiB pages for the training rows, which the first layer reads at random: with 4 KiB pages
/// nearly every row is a TLB miss (on a 60,000 × 784 table a random-row copy ran at 5.0 GB/s,
/// at 8.8 GB/s on large pages). Linux's transparent huge pages in their default `madvise` mode
/// back a range with them when asked; elsewhere nothing changes but the speed.
enum LargePages {
    /// Bytes of a large page on x86-64 and arm64 Linux with 4 KiB base pages.
    static var bytes: Int { 2 << 20 }

    /// Whether a fresh buffer advised `MADV_HUGEPAGE` gets large pages where memory already
    /// written does not: transparent huge pages in `madvise` mode (the usual default). In
    /// `always` mode every large enough heap block has them already; in `never` mode none can.
    static let adviceHelps: Bool = {
        #if os(Linux)
        guard let text = try? String(contentsOfFile: "/sys/kernel/mm/transparent_hugepage/enabled", encoding: .utf8)
        else { return false }
        return text.contains("[madvise]")
        #else
        return false
        #endif
    }()

    /// `MADV_COLLAPSE` (Linux 6.1; glibc 2.36's headers do not name it yet).
    private static var collapseAdvice: Int32 { 25 }

    /// `count` bytes (rounded up to whole large pages) aligned to a large page and advised as
    /// huge before anything touches them; nil where that cannot be had. Free with `free`.
    static func allocate(bytes count: Int) -> UnsafeMutableRawPointer? {
        #if os(Linux)
        let rounded = (count + bytes - 1) / bytes * bytes
        var raw: UnsafeMutableRawPointer?
        guard posix_memalign(&raw, bytes, rounded) == 0, let raw else { return nil }
        _ = madvise(raw, rounded, MADV_HUGEPAGE)  // advice only: without it the pages are small
        return raw
        #else
        return nil
        #endif
    }

    /// Moves the whole large pages inside `count` bytes at `start` — memory already written,
    /// such as a data set's feature array that every run of a sweep shares — onto large pages
    /// in place (`MADV_COLLAPSE`): no copy for each run, and the second call on the same range
    /// costs nothing. False when the kernel cannot (before Linux 6.1, huge pages off) or the
    /// range holds no whole large page.
    static func collapse(_ start: UnsafeRawPointer, bytes count: Int) -> Bool {
        #if os(Linux)
        let first = (UInt(bitPattern: start) + UInt(bytes) - 1) / UInt(bytes) * UInt(bytes)
        let end = (UInt(bitPattern: start) + UInt(count)) / UInt(bytes) * UInt(bytes)
        guard end > first, let interior = UnsafeMutableRawPointer(bitPattern: first) else { return false }
        let length = Int(end - first)
        return madvise(interior, length, MADV_HUGEPAGE) == 0 && madvise(interior, length, collapseAdvice) == 0
        #else
        return false
        #endif
    }
}
