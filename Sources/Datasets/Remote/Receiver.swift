import Diagnostics
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP(S) GET streamed into a file: appended from `resumeFrom` with a `Range` request when
/// the file holds a part already (a server that ignores the range sends the whole file, which
/// then replaces the part). Blocks until the transfer ends.
final class Receiver: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    let path: String
    let resumeFrom: Int
    /// Most bytes accepted in all: a server sending more is cut off.
    let limit: Int
    let progress: ((Int, Int?) -> Void)?

    private var handle: FileHandle?
    private var written = 0
    private var expected: Int?
    private var failure: Download.Failure?
    private let done = DispatchSemaphore(value: 0)

    init(path: String, resumeFrom: Int, limit: Int, progress: ((Int, Int?) -> Void)?) {
        self.path = path
        self.resumeFrom = resumeFrom
        self.limit = limit
        self.progress = progress
    }

    func run(_ url: URL, timeout: Double) throws(Download.Failure) {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        if resumeFrom > 0 { request.setValue("bytes=\(resumeFrom)-", forHTTPHeaderField: "Range") }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        let session = URLSession(configuration: configuration, delegate: self, delegateQueue: queue)
        session.dataTask(with: request).resume()
        done.wait()
        session.finishTasksAndInvalidate()
        try? handle?.close()
        if let failure { throw failure }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        guard let http = response as? HTTPURLResponse else {
            failure = Download.Failure("not an HTTP response")
            completionHandler(.cancel)
            return
        }
        let appending: Bool
        switch http.statusCode {
        case 206 where resumeFrom > 0: appending = true
        case 200: appending = false
        default:
            failure = Download.Failure("HTTP \(http.statusCode) \(HTTPURLResponse.localizedString(forStatusCode: http.statusCode))")
            completionHandler(.cancel)
            return
        }
        if !appending || !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
        }
        guard let file = FileHandle(forWritingAtPath: path) else {
            failure = Download.Failure("cannot write \(quoted(path)): \(errnoText(errno))")
            completionHandler(.cancel)
            return
        }
        do {
            if appending { try file.seekToEnd() } else { try file.truncate(atOffset: 0) }
        } catch {
            failure = Download.Failure("cannot write \(quoted(path)): \(systemErrorText(error) ?? "\(error)")")
            completionHandler(.cancel)
            return
        }
        handle = file
        written = appending ? resumeFrom : 0
        let length = http.expectedContentLength
        expected = length >= 0 ? written + Int(length) : nil
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard failure == nil, let handle else { return }
        guard written + data.count <= limit else {
            failure = Download.Failure("the server sent more than \(limit) bytes, far more than the file's size")
            dataTask.cancel()
            return
        }
        do {
            try handle.write(contentsOf: data)
        } catch {
            failure = Download.Failure("cannot write \(quoted(path)): \(systemErrorText(error) ?? "\(error)")")
            dataTask.cancel()
            return
        }
        written += data.count
        progress?(written, expected)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        if failure == nil, let error {
            // The part written so far stays: the next attempt continues from it.
            failure = Download.Failure((error as NSError).localizedDescription + " after \(written) bytes")
        } else if failure == nil, let expected, written < expected {
            failure = Download.Failure("the connection ended after \(written) of \(expected) bytes")
        }
        done.signal()
    }
}
