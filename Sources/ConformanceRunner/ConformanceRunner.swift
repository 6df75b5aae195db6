import BiometricMetrics
import FaceImaging
import Foundation
import MatcherPlugins

/// Runs one conformance evaluation: a plan (suite + profile) against a matcher, journalled so that nothing is lost,
/// ending in a ``ConformanceReport``.
///
/// The phases:
/// 1. **Check**: every comparison names existing images of the right subjects; the suite's sizes against the
///    profile's minimums (too small is said in the report and makes requirements inconclusive, not an error).
/// 2. **Templates**: every needed template (image × role) is created once, in an order shuffled with the seed, on
///    ``RunOptions/jobs`` dedicated threads; each outcome is journalled as it arrives.
/// 3. **Comparisons**: visited in a seeded pseudo-random order (``ShuffledOrder``) in batches through
///    ``FaceMatcher/compare(_:)``; a comparison whose template failed is never sent and is recorded as a failure
///    (ISO/IEC 19795-1 generalised rates). Every result is journalled as a fixed 16-byte record.
/// 4. **Report**: metrics and verdicts are computed from the journal, the same way `facecert report` does.
///
/// The matcher sees pixels and template bytes only: never ids, paths, subjects or labels. The one addition: an
/// ``MatcherPlugins/EyeAnnotatedFaceMatcher`` (also behind ``MatcherPlugins/InProcessMatcher``) is given each
/// image's annotated eye positions, unless ``RunOptions/provideEyePositions`` is off; the report says which
/// (``ConformanceReport/MatcherInfo/eyePositionsProvided``).
public final class ConformanceRunner: Sendable {
    /// The suite and profile in runner terms.
    public let plan: EvaluationPlan
    /// The matcher under test.
    public let matcher: any FaceMatcher
    /// Output folder, seed, jobs, threshold, resume.
    public let options: RunOptions
    /// Receives progress while a phase runs, if given.
    public let progress: (any RunProgressSink)?
    /// Cancel it to stop after the calls in flight with a report marked incomplete.
    public let cancellation: RunCancellation

    /// Prepares a run; nothing happens until ``run()``.
    ///
    /// - Parameters:
    ///   - plan: The suite and profile in runner terms.
    ///   - matcher: The matcher under test.
    ///   - options: Output folder, seed, jobs, threshold, resume.
    ///   - progress: Receives progress about four times a second (the CLI shows it when stderr is a terminal).
    ///   - cancellation: Cancel it (e.g. on SIGINT) to finish early with a report marked `complete: false`.
    public init(
        plan: EvaluationPlan, matcher: any FaceMatcher, options: RunOptions, progress: (any RunProgressSink)? = nil,
        cancellation: RunCancellation = RunCancellation()
    ) {
        self.plan = plan
        self.matcher = matcher
        self.options = options
        self.progress = progress
        self.cancellation = cancellation
    }

    /// The matcher to pass annotated eye positions to: the matcher under test when it accepts them, the options
    /// allow it and the suite annotates at least one image; otherwise nil (every image gets pixels only).
    var eyeAnnotatedMatcher: (any EyeAnnotatedFaceMatcher)? {
        guard options.provideEyePositions, plan.images.contains(where: { $0.eyes != nil }) else { return nil }
        return matcher.eyeAnnotated
    }

    /// The journal file of this run.
    public var journalPath: String {
        URL(fileURLWithPath: options.outputDirectory).appendingPathComponent(RunOptions.journalFileName).path
    }

    /// Runs the evaluation (blocking the calling thread; matcher calls run on dedicated threads).
    ///
    /// - Returns: The report; `complete` is false when the run was cancelled before all work was done.
    /// - Throws: ``RunError`` when the plan is invalid, the journal cannot be written, or `resume` finds a journal
    ///   made with other parameters. Matcher refusals and faults are findings in the report, never errors.
    public func run() throws(RunError) -> ConformanceReport {
        let clock = ContinuousClock()
        let wallStart = clock.now
        guard options.jobs >= 1 else { throw RunError(.usage, "jobs must be at least 1, got \(options.jobs)") }
        guard options.batchSize >= 1 else {
            throw RunError(.usage, "the batch size must be at least 1, got \(options.batchSize)")
        }
        let identity = matcher.identity
        if let declared = identity.declaredThreshold, !declared.isFinite {
            throw RunError(.invalidPlugin, "matcher \(identity.name) declares a threshold that is not finite: \(declared)")
        }
        let needs = try TemplateNeeds.compute(for: plan)
        let parameters = RunParameters(
            facecertVersion: options.facecertVersion, suiteID: plan.suite.id, suiteVersion: plan.suite.version,
            suiteDigest: plan.suite.digest, suitePath: options.suitePath, imagesPath: options.imagesPath,
            profileID: plan.profile.id, profileVersion: plan.profile.version,
            matcher: ConformanceReport.MatcherInfo(
                spec: options.matcherSpec, name: identity.name, version: identity.version, vendor: identity.vendor,
                scoreKind: identity.scoreKind, declaredThreshold: identity.declaredThreshold,
                fileSHA256: options.matcherFileSHA256, eyePositionsProvided: eyeAnnotatedMatcher != nil),
            seed: options.seed, threshold: options.threshold, imageCount: plan.images.count,
            comparisonCount: plan.comparisons.count, startedAt: Date())

        let (writer, resumed) = try openJournal(parameters)
        let templates = try createTemplates(needs: needs, resumed: resumed, writer: writer)
        if !cancellation.isCancelled {
            try compareAll(templates: templates, resumed: resumed, writer: writer)
        }
        // Faults outside any call (a plugin that had to be restarted, a failed handshake) are in the adapter only.
        if let hosted = matcher as? any HostedMatcher {
            for fault in hosted.faults where fault.call == .start {
                let record = ConformanceReport.FaultRecord(
                    call: "start", code: fault.code.rawValue, message: fault.message,
                    subject: fault.worker.map { "worker \($0)" } ?? "plugin")
                if let payload = try? JSONEncoder.journal.encode(record) {
                    writer.append(kind: .pluginFault, payload: [UInt8](payload))
                }
            }
        }
        let elapsed = clock.now - wallStart
        let session = SessionRecord(
            wallSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18,
            jobs: options.jobs, endedAt: Date())
        if let payload = try? JSONEncoder.journal.encode(session) {
            writer.append(kind: .session, payload: [UInt8](payload), flushNow: true)
        }
        try writer.flush(sync: true)
        return try Self.report(journalAt: options.outputDirectory, plan: plan, needs: needs)
    }

    /// Rebuilds the report of a run from its journal, without calling any matcher (`facecert report`).
    ///
    /// The report equals the one the run itself returned: both are computed from the journal by the same code.
    ///
    /// - Parameters:
    ///   - directory: The run's output folder (holding `journal.fcj`).
    ///   - plan: The plan of the run, rebuilt from its suite and profile (see ``RunParameters`` in the journal).
    /// - Throws: ``RunError`` `.journalUnreadable` when there is no usable journal, `.journalMismatch` when the
    ///   plan is not the journal's (suite digest, profile or sizes differ).
    public static func report(journalAt directory: String, plan: EvaluationPlan) throws(RunError) -> ConformanceReport {
        try report(journalAt: directory, plan: plan, needs: try TemplateNeeds.compute(for: plan))
    }

    /// Reads only the parameters of the journal in `directory` (to find the suite and profile of a run).
    ///
    /// - Throws: ``RunError`` `.journalUnreadable`.
    public static func parameters(journalAt directory: String) throws(RunError) -> RunParameters {
        let path = URL(fileURLWithPath: directory).appendingPathComponent(RunOptions.journalFileName).path
        return try JournalContents.load(path: path, keepTemplateBytes: false).parameters
    }

    private static func report(journalAt directory: String, plan: EvaluationPlan, needs: TemplateNeeds)
        throws(RunError) -> ConformanceReport
    {
        let path = URL(fileURLWithPath: directory).appendingPathComponent(RunOptions.journalFileName).path
        let contents = try JournalContents.load(path: path, keepTemplateBytes: false)
        let parameters = contents.parameters
        var problems: [String] = []
        if parameters.suiteDigest != plan.suite.digest {
            problems.append("suite digest \(plan.suite.digest) differs from the journal's \(parameters.suiteDigest)")
        }
        if parameters.profileID != plan.profile.id || parameters.profileVersion != plan.profile.version {
            problems.append(
                "profile \(plan.profile.id)@\(plan.profile.version) differs from the journal's "
                    + "\(parameters.profileID)@\(parameters.profileVersion)")
        }
        if parameters.imageCount != plan.images.count || parameters.comparisonCount != plan.comparisons.count {
            problems.append("the suite's sizes differ from the journal's")
        }
        guard problems.isEmpty else {
            throw RunError(
                .journalMismatch,
                "the journal in \(directory) was not made with this suite and profile: "
                    + problems.joined(separator: "; "))
        }
        let wall = contents.sessions.reduce(0) { $0 + $1.wallSeconds }
        return try ReportBuilder(plan: plan, needs: needs, contents: contents).build(
            tool: ConformanceReport.ToolInfo(version: parameters.facecertVersion, libpngVersion: FaceImage.libpngVersion),
            endedAt: contents.sessions.last?.endedAt ?? parameters.startedAt, wallSeconds: wall,
            jobs: contents.sessions.last?.jobs ?? 0)
    }

    /// Runs the evaluation on a dedicated thread and awaits it, so that async callers (a Swift Testing test, an
    /// async command) do not block a thread of the cooperative pool for the length of the run.
    ///
    /// - Returns: As ``run()``.
    /// - Throws: As ``run()``.
    public func runDetached() async throws(RunError) -> ConformanceReport {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<ConformanceReport, RunError>, Never>) in
            let thread = Thread { [self] in
                continuation.resume(returning: Result { () throws(RunError) in try run() })
            }
            thread.stackSize = 8 << 20
            thread.name = "facecert-run"
            thread.start()
        }
        return try result.get()
    }

    // MARK: - Journal

    private func openJournal(_ parameters: RunParameters) throws(RunError) -> (JournalWriter, JournalContents?) {
        let fileManager = FileManager.default
        do {
            try fileManager.createDirectory(atPath: options.outputDirectory, withIntermediateDirectories: true)
        } catch {
            throw RunError(.io, "cannot create the output folder \(options.outputDirectory): \(error.localizedDescription)")
        }
        let path = journalPath
        let exists = fileManager.fileExists(atPath: path)
        if options.resume && exists {
            let contents = try JournalContents.load(path: path, keepTemplateBytes: true)
            let mismatches = parameters.mismatches(resuming: contents.parameters)
            guard mismatches.isEmpty else {
                throw RunError(
                    .journalMismatch,
                    "cannot resume \(path): it was made with other parameters:\n  "
                        + mismatches.joined(separator: "\n  ")
                        + "\nRun again with the journal's parameters, or start over without --resume in another folder.")
            }
            let writer = try JournalWriter(path: path, truncatingTo: contents.validLength)
            return (writer, contents)
        }
        if exists && !options.resume && !options.overwrite {
            throw RunError(
                .journalExists,
                "\(path) already holds a run's journal; continue it with --resume, or choose another output folder "
                    + "(or remove it) to start over")
        }
        // The parameters record is written to a temporary file, synced and renamed into place, so a journal
        // never exists without its complete first record, whenever the process is killed.
        let payload: [UInt8]
        do {
            payload = [UInt8](try JSONEncoder.journal.encode(parameters))
        } catch {
            throw RunError(.io, "cannot encode the run parameters: \(error)")
        }
        let temporary = path + ".new"
        let first = try JournalWriter(path: temporary, truncatingTo: nil)
        first.append(kind: .parameters, payload: payload, flushNow: true)
        try first.flush(sync: true)
        do {
            if exists { try fileManager.removeItem(atPath: path) }
            try fileManager.moveItem(atPath: temporary, toPath: path)
        } catch {
            throw RunError(.io, "cannot create the journal \(path): \(error.localizedDescription)")
        }
        let writer = try JournalWriter(path: path, truncatingTo: payload.count + JournalChunk.headerSize)
        return (writer, nil)
    }

    // MARK: - Templates

    /// Creates every needed template not already journalled.
    ///
    /// - Returns: The templates by slot raw value (nil where creation failed or did not happen).
    private func createTemplates(needs: TemplateNeeds, resumed: JournalContents?, writer: JournalWriter)
        throws(RunError) -> [Template?]
    {
        var initial = [Template?](repeating: nil, count: needs.needed.count)
        var pending: [TemplateSlot] = []
        for slot in needs.slots {
            if let record = resumed?.templates[slot.rawValue] {
                if record.outcome == .created { initial[slot.rawValue] = Template(bytes: record.template) }
            } else {
                pending.append(slot)
            }
        }
        // Shuffle the creation order too: the order of calls must not reveal roles, subjects or suite layout.
        var generator = SeededGenerator(seed: options.seed ^ 0x7465_6D70_6C61_7465)
        pending.shuffle(using: &generator)

        let store = Locked(initial)
        let next = Locked(0)
        let fatal = Locked<RunError?>(nil)
        let pendingSlots = pending
        let alreadyDone = needs.count - pending.count
        let plan = self.plan
        let matcher = self.matcher
        let eyeAnnotated = eyeAnnotatedMatcher
        let cancellation = self.cancellation
        let ticker = ProgressTicker(
            sink: progress, phase: .templates, total: needs.count, alreadyDone: alreadyDone)
        runOnDedicatedThreads(min(options.jobs, max(1, pendingSlots.count))) { _ in
            let clock = ContinuousClock()
            while true {
                if cancellation.isCancelled || writer.failure != nil || fatal.withLock({ $0 != nil }) { return }
                let position = next.withLock { value -> Int in
                    defer { value += 1 }
                    return value
                }
                guard position < pendingSlots.count else { return }
                let slot = pendingSlots[position]
                let image: FaceImage
                do throws(ImageLoadError) {
                    image = try plan.imageLoader(slot.image)
                } catch {
                    fatal.withLock {
                        if $0 == nil {
                            $0 = RunError(
                                .invalidSuite,
                                "image \(plan.images[slot.image].id) of suite \(plan.suite.id) cannot be loaded: "
                                    + "\(error.message); lint the suite (`facecert vectors lint`)")
                        }
                    }
                    return
                }
                let start = clock.now
                let result = Result { () throws(MatcherError) in
                    if let eyeAnnotated {
                        try eyeAnnotated.createTemplate(
                            from: image, role: slot.role, eyes: plan.images[slot.image].eyes)
                    } else {
                        try matcher.createTemplate(from: image, role: slot.role)
                    }
                }
                let elapsed = clock.now - start
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
                let record: TemplateRecord
                switch result {
                case .success(let created):
                    let bytes = created.template.bytes
                    if bytes.isEmpty || bytes.count > Self.maximumTemplateBytes {
                        record = TemplateRecord(
                            slot: slot, outcome: .failed, seconds: seconds,
                            code: MatcherError.Code.protocolViolation.rawValue,
                            message: bytes.isEmpty
                                ? "the matcher returned an empty template"
                                : "the matcher returned a template of \(bytes.count) bytes, more than the "
                                    + "\(Self.maximumTemplateBytes) allowed",
                            template: [])
                    } else {
                        record = TemplateRecord(
                            slot: slot, outcome: .created, seconds: seconds, code: "", message: "", template: bytes)
                        store.withLock { $0[slot.rawValue] = created.template }
                    }
                case .failure(let error):
                    record = TemplateRecord(
                        slot: slot, outcome: error.code.isRefusal ? .refused : .failed, seconds: seconds,
                        code: error.code.rawValue, message: error.message, template: [])
                }
                // Templates are expensive: hand each to the kernel at once so a SIGKILL loses none.
                writer.append(kind: .template, payload: record.encoded(), flushNow: true)
                ticker.add(1)
            }
        }
        ticker.finish()
        if let error = fatal.withLock({ $0 }) { throw error }
        if let error = writer.failure { throw error }
        try writer.flush(sync: true)
        return store.withLock { $0 }
    }

    /// The largest template accepted (64 MiB); a larger one is a protocol violation.
    static let maximumTemplateBytes = 64 << 20

    // MARK: - Comparisons

    private func compareAll(templates: [Template?], resumed: JournalContents?, writer: JournalWriter) throws(RunError) {
        let source = plan.comparisons
        let count = source.count
        let order = ShuffledOrder(count: count, seed: options.seed)
        let done = resumed?.status ?? []
        let alreadyDone = resumed?.comparisonsDone ?? 0
        guard alreadyDone < count else { return }
        let batchSize = options.batchSize
        let next = Locked(0)
        let matcher = self.matcher
        let kind = matcher.identity.scoreKind
        let cancellation = self.cancellation
        let ticker = ProgressTicker(sink: progress, phase: .comparisons, total: count, alreadyDone: alreadyDone)
        let jobs = min(options.jobs, max(1, (count + batchSize - 1) / batchSize))
        runOnDedicatedThreads(jobs) { _ in
            let clock = ContinuousClock()
            var builder = ScoreBatchBuilder(capacity: batchSize)
            var pairs: [TemplatePair] = []
            var pairIndices: [Int] = []
            var framed: [UInt8] = []
            pairs.reserveCapacity(batchSize)
            pairIndices.reserveCapacity(batchSize)
            framed.reserveCapacity(ScoreBatch.headerSize + batchSize * ScoreRecord.size + 64)
            while true {
                if cancellation.isCancelled || writer.failure != nil { return }
                let start = next.withLock { value -> Int in
                    defer { value += batchSize }
                    return value
                }
                guard start < count else { return }
                let end = min(start + batchSize, count)
                builder.reset()
                pairs.removeAll(keepingCapacity: true)
                pairIndices.removeAll(keepingCapacity: true)
                var failures: [ComparisonFailureRecord] = []
                for position in start..<end {
                    let index = order[position]
                    if !done.isEmpty && done[index] != JournalContents.notDone { continue }
                    let comparison = source.comparison(at: index)
                    guard
                        let verification = templates[
                            TemplateSlot(image: comparison.verification, role: .verification).rawValue],
                        let enrolment = templates[TemplateSlot(image: comparison.enrolment, role: .enrolment).rawValue]
                    else {
                        builder.append(index: index, status: .templateUnavailable, score: 0)
                        continue
                    }
                    pairs.append(TemplatePair(verification: verification, enrolment: enrolment))
                    pairIndices.append(index)
                }
                var seconds = 0.0
                if !pairs.isEmpty {
                    let callStart = clock.now
                    let results = matcher.compare(pairs)
                    let elapsed = clock.now - callStart
                    seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
                    if results.count != pairs.count {
                        for index in pairIndices {
                            builder.append(index: index, status: .failed, score: 0)
                            failures.append(
                                ComparisonFailureRecord(
                                    index: index, code: MatcherError.Code.protocolViolation.rawValue,
                                    message: "the matcher answered a batch of \(pairs.count) comparisons with "
                                        + "\(results.count) results"))
                        }
                    } else {
                        for (offset, result) in results.enumerated() {
                            let index = pairIndices[offset]
                            switch result {
                            case .success(let score) where score.isFinite && (kind == .similarity || score >= 0):
                                builder.append(index: index, status: .scored, score: score)
                            case .success(let score):
                                builder.append(index: index, status: .failed, score: 0)
                                failures.append(
                                    ComparisonFailureRecord(
                                        index: index, code: MatcherError.Code.protocolViolation.rawValue,
                                        message: score.isFinite
                                            ? "negative score \(score) from a distance-kind matcher"
                                            : "score \(score) is not a finite number"))
                            case .failure(let error):
                                builder.append(index: index, status: .failed, score: 0)
                                failures.append(
                                    ComparisonFailureRecord(index: index, code: error.code.rawValue, message: error.message))
                            }
                        }
                    }
                }
                guard builder.count > 0 else { continue }
                builder.finish(sent: pairs.count, seconds: seconds)
                framed.removeAll(keepingCapacity: true)
                let encoder = JSONEncoder.journal
                for failure in failures {
                    if let payload = try? encoder.encode(failure) {
                        [UInt8](payload).withUnsafeBytes {
                            JournalChunk.frame(kind: .comparisonFailure, payload: $0, into: &framed)
                        }
                    }
                }
                builder.withPayload { JournalChunk.frame(kind: .scoreBatch, payload: $0, into: &framed) }
                writer.appendFramed(framed)
                ticker.add(builder.count)
            }
        }
        ticker.finish()
        if let error = writer.failure { throw error }
    }
}
