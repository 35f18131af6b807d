import Foundation

/// A Foundation or POSIX error in plain words, for one line of a message: "no space left on
/// device", "permission denied", never `Error Domain=NSCocoaErrorDomain Code=642 …`.
///
/// Uses the errno behind the error when there is one (`strerror`), else Foundation's file error
/// code; nil for errors that are not Foundation's or POSIX's (they describe themselves).
public func systemErrorText(_ error: any Error) -> String? {
    let ns = error as NSError
    if ns.domain == NSPOSIXErrorDomain { return errnoText(Int32(ns.code)) }
    guard ns.domain == NSCocoaErrorDomain else { return nil }
    if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
        return errnoText(Int32(underlying.code))
    }
    switch CocoaError.Code(rawValue: ns.code) {
    case .fileNoSuchFile, .fileReadNoSuchFile: return "no such file or folder"
    case .fileReadNoPermission, .fileWriteNoPermission: return "permission denied"
    case .fileWriteOutOfSpace: return "no space left on device"
    case .fileWriteVolumeReadOnly: return "read-only file system"
    case .fileWriteFileExists: return "the file exists"
    case .fileReadTooLarge: return "the file is too large"
    case .fileReadCorruptFile: return "the file is damaged or not in the expected format"
    case .fileReadInapplicableStringEncoding, .fileWriteInapplicableStringEncoding: return "the text is not UTF-8"
    case .fileReadInvalidFileName, .fileWriteInvalidFileName: return "invalid file name"
    case .fileLocking: return "the file is locked"
    default: return "file error \(ns.code)"
    }
}

/// The path a Foundation file error is about, when it names one.
public func systemErrorPath(_ error: any Error) -> String? {
    let ns = error as NSError
    guard ns.domain == NSCocoaErrorDomain || ns.domain == NSPOSIXErrorDomain else { return nil }
    return ns.userInfo[NSFilePathErrorKey] as? String ?? (ns.userInfo[NSURLErrorKey] as? URL)?.path
}

/// `strerror(code)` with a lowercase first letter ("No such file" → "no such file").
func errnoText(_ code: Int32) -> String {
    guard let text = strerror(code).map({ String(cString: $0) }), !text.isEmpty else { return "system error \(code)" }
    return text.prefix(1).lowercased() + text.dropFirst()
}
