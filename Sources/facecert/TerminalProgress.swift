import ConformanceRunner
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Shows run progress on stderr — phase, done/total, rate, ETA — on one line redrawn in place; used only when
/// stderr is a terminal, so logs and pipes stay clean.
struct TerminalProgress: RunProgressSink {
    /// A progress display when stderr is a terminal, else nil.
    static func ifTerminal() -> TerminalProgress? {
        isatty(STDERR_FILENO) == 1 ? TerminalProgress() : nil
    }

    func update(_ progress: RunProgress) {
        write("\r\u{1B}[K" + line(progress))
    }

    func phaseEnded(_ progress: RunProgress) {
        write("\r\u{1B}[K" + line(progress) + "\n")
    }

    func line(_ progress: RunProgress) -> String {
        let percent = progress.total > 0 ? Double(progress.done) / Double(progress.total) * 100 : 100
        var text = "\(progress.phase.rawValue): \(progress.done)/\(progress.total) (\(String(format: "%.1f", percent)) %)"
        if let rate = progress.rate {
            text += String(format: ", %.0f/s", rate)
            if let remaining = progress.secondsRemaining, progress.done < progress.total {
                text += ", ETA " + Self.duration(remaining)
            }
        }
        return text
    }

    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        if whole < 60 { return "\(whole) s" }
        if whole < 3600 { return "\(whole / 60) min \(whole % 60) s" }
        return "\(whole / 3600) h \(whole % 3600 / 60) min"
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
