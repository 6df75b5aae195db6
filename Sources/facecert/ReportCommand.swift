import ArgumentParser
import ConformanceReports
import ConformanceRunner
import ConformanceVectors
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Re-render the reports of a run from its journal, without running the matcher again.",
        discussion: """
            Reads RUN_DIR/journal.fcj, reloads the run's suite (verifying its digest) and profile, recomputes \
            every metric from the journalled scores and writes the requested formats. Exit status as for \
            `facecert run` (0 pass, 1 fail, 2 inconclusive, 64 usage, 65 invalid suite/profile/journal).
            """)

    @Argument(help: "The output folder of a run (holding journal.fcj).")
    var runDirectory: String

    @Option(help: "Report formats: a comma-separated list of json, junit, md, html, or all.")
    var format: String = "all"

    @Option(help: "Where to write the reports (default: RUN_DIR).")
    var out: String?

    @Option(help: "The suite folder, when it moved since the run (its digest must match).")
    var suite: String?

    @Option(help: "The image root, when it moved since the run.")
    var images: String?

    @Option(help: "The specs/ folder of profiles.")
    var specs: String?

    func run() throws {
        let formats: [ReportFormat]
        do {
            formats = try ReportFormat.parseList(format)
        } catch {
            throw ValidationError(error.message)
        }
        let parameters: RunParameters
        do {
            parameters = try ConformanceRunner.parameters(journalAt: runDirectory)
        } catch {
            throw RunJob.fail(65, error.message)
        }
        guard let suitePath = suite ?? parameters.suitePath else {
            throw RunJob.fail(64, "the journal does not say where the suite was; pass --suite DIR")
        }
        let loaded: VectorSuite
        do {
            loaded = try SuiteLoader.load(
                URL(fileURLWithPath: suitePath),
                options: SuiteLoadOptions(imageRoot: (images ?? parameters.imagesPath).map { URL(fileURLWithPath: $0) }))
        } catch {
            throw RunJob.fail(65, "cannot reload the run's suite \(suitePath): \(error)")
        }
        let profile: ThresholdProfile
        do {
            let catalog = try ProfileCatalog.locate(specsDirectory: specs.map { URL(fileURLWithPath: $0) })
            profile = try catalog.profile(ProfileReference(id: parameters.profileID, version: SemanticVersion(parameters.profileVersion)))
        } catch {
            throw RunJob.fail(65, "cannot reload the run's profile \(parameters.profileID)@\(parameters.profileVersion): \(error)")
        }
        let report: ConformanceReport
        do {
            report = try ConformanceRunner.report(
                journalAt: runDirectory, plan: EvaluationPlan(suite: loaded, profile: profile))
        } catch {
            throw RunJob.fail(RunJob.status(for: error) == 64 ? 65 : RunJob.status(for: error), error.message)
        }
        let status = try RunJob.publish(report, formats: formats, to: out ?? runDirectory, interrupted: false)
        if status != 0 { throw ExitCode(status) }
    }
}
