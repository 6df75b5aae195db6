import Foundation

/// Counts finished work and, when a sink is given, reports it about four times a second from its own thread.
final class ProgressTicker: Sendable {
    private struct State {
        var doneHere = 0
        var finished = false
    }

    private let sink: (any RunProgressSink)?
    private let phase: RunProgress.Phase
    private let total: Int
    private let alreadyDone: Int
    private let start = ContinuousClock.now
    private let state = Locked(State())
    private let stopped = DispatchSemaphore(value: 0)
    private let wake = DispatchSemaphore(value: 0)

    init(sink: (any RunProgressSink)?, phase: RunProgress.Phase, total: Int, alreadyDone: Int) {
        self.sink = sink
        self.phase = phase
        self.total = total
        self.alreadyDone = alreadyDone
        guard sink != nil else { return }
        let thread = Thread { [self] in
            while true {
                let finished = state.withLock { $0.finished }
                if finished { break }
                sink?.update(snapshot())
                _ = wake.wait(timeout: .now() + 0.25)
            }
            stopped.signal()
        }
        thread.name = "facecert-progress"
        thread.start()
    }

    func add(_ count: Int) { state.withLock { $0.doneHere += count } }

    func snapshot(at now: ContinuousClock.Instant = .now) -> RunProgress {
        let doneHere = state.withLock { $0.doneHere }
        let elapsed = now - start
        return RunProgress(
            phase: phase, done: alreadyDone + doneHere, total: total, doneHere: doneHere,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }

    /// Stops the reporting thread and reports the phase's end.
    func finish() {
        guard let sink else { return }
        let end = ContinuousClock.now
        state.withLock { $0.finished = true }
        wake.signal()
        stopped.wait()
        sink.phaseEnded(snapshot(at: end))
    }
}
