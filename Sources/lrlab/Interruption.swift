import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The first SIGINT or SIGTERM received (0: none). Written only by the signal handler, read by
/// the training threads between steps.
nonisolated(unsafe) private var receivedSignal: sig_atomic_t = 0

/// SIGINT / SIGTERM for the commands that train (`run`, `lr-find`): the first signal asks the work
/// to stop (training checks `requested` between minibatch steps, so it stops within a step); the
/// command then cleans up, prints one line and exits 128 + the signal (130, 143). A second
/// signal exits at once with the same status. Only this file knows about signals: the modules
/// below see a `() -> Bool`.
enum Interruption {
    /// Installs the handlers (`sigaction`) and unblocks both signals on the calling thread (a
    /// parent may have left them blocked; threads started later inherit the mask); idempotent.
    static func install() {
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        sigaddset(&unblock, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        for signal in [SIGINT, SIGTERM] {
            var action = sigaction()
            #if canImport(Darwin)
            action.__sigaction_u.__sa_handler = handle
            #else
            action.__sigaction_handler.sa_handler = handle
            #endif
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            sigaction(signal, &action, nil)
        }
    }

    /// The signal that asked to stop, if any.
    static var signal: Int32? { receivedSignal == 0 ? nil : Int32(receivedSignal) }

    /// Whether a signal asked to stop: the `shouldStop` of the training loop.
    @Sendable static func requested() -> Bool { receivedSignal != 0 }

    /// The exit status for `signal`: 128 + its number (SIGINT 130, SIGTERM 143).
    static func exitStatus(_ signal: Int32) -> Int32 { 128 + signal }
}

/// Async-signal-safe: stores the first signal; a second one ends the process at once.
private let handle: @convention(c) (Int32) -> Void = { signal in
    if receivedSignal != 0 { _exit(128 + receivedSignal) }
    receivedSignal = sig_atomic_t(signal)
}
