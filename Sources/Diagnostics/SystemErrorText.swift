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
public func errnoText(_ code: Int32) -> String {
    guard let text = strerror(code).map({ String(cString: $0) }), !text.isEmpty else { return "system error \(code)" }
    return text.prefix(1).lowercased() + text.dropFirst()
}

/// A `DecodingError` (a JSON file of lrlab's that is damaged or edited) in one line of words:
/// where in the document and what was wrong, never Swift's `dataCorrupted(Context(…))` dump.
public func decodingErrorText(_ error: any Error) -> String {
    func place(_ path: [any CodingKey]) -> String {
        let text = path.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
        let trimmed = text.hasPrefix(".") ? String(text.dropFirst()) : text
        return trimmed.isEmpty ? "the top level" : quoted(trimmed)
    }
    switch error as? DecodingError {
    case .typeMismatch(let type, let context)?:
        return "at \(place(context.codingPath)): expected \(type)"
    case .valueNotFound(let type, let context)?:
        return "at \(place(context.codingPath)): a \(type) is missing"
    case .keyNotFound(let key, let context)?:
        return "at \(place(context.codingPath)): the field \(quoted(key.stringValue)) is missing"
    case .dataCorrupted(let context)?:
        return context.codingPath.isEmpty ? "it is not valid JSON" : "at \(place(context.codingPath)): \(escaped(context.debugDescription))"
    default:
        return systemErrorText(error) ?? escaped(String(describing: error))
    }
}
