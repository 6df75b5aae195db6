import Foundation

/// What the runner is doing, for a progress display.
public struct RunProgress: Sendable, Hashable {
    /// The phase of a run that calls the matcher.
    public enum Phase: String, Sendable, Hashable {
        case templates
        case comparisons
    }
    /// The phase running.
    public var phase: Phase
    /// Items finished in this phase, including those a resumed journal already had.
    public var done: Int
    /// Items of the phase in all (templates needed, or comparisons planned).
    public var total: Int
    /// Items finished by this process in this phase, and the seconds it took (for a rate and an ETA).
    public var doneHere: Int
    /// Seconds since this process started the phase.
    public var seconds: Double

    /// Creates a progress value; see the properties of the same names.
    public init(phase: Phase, done: Int, total: Int, doneHere: Int, seconds: Double) {
        self.phase = phase
        self.done = done
        self.total = total
        self.doneHere = doneHere
        self.seconds = seconds
    }

    /// Items per second in this process, or nil before anything finished.
    public var rate: Double? { doneHere > 0 && seconds > 0 ? Double(doneHere) / seconds : nil }

    /// Estimated seconds to the end of the phase.
    public var secondsRemaining: Double? { rate.map { Double(total - done) / $0 } }
}

/// Receives ``RunProgress`` about four times a second while a phase runs, from a thread of the runner.
public protocol RunProgressSink: Sendable {
    func update(_ progress: RunProgress)
    /// The phase ended (with its final numbers).
    func phaseEnded(_ progress: RunProgress)
}
