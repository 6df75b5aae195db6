import ArgumentParser
import ConformanceVectors
import Foundation

struct ProfilesShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one profile: source, provenance, requirements, minimum sample sizes.")

    @Argument(help: "ID, ID@VERSION, or a path to a profile .json file.")
    var reference: String

    @Option(help: "The specs directory.")
    var specs: String?

    @Flag(help: "Print the profile file itself (JSON).")
    var json = false

    func run() throws {
        let profile: ThresholdProfile
        do {
            if reference.hasSuffix(".json") {
                profile = try ThresholdProfile.load(from: VectorsCLI.url(reference))
            } else {
                profile = try ProfileCatalog.locate(specsDirectory: specs.map(VectorsCLI.url)).profile(reference)
            }
        } catch {
            throw VectorsCLI.fail(error)
        }
        if json {
            let data = (try? Data(contentsOf: profile.fileURL)) ?? Data()
            print(String(decoding: data, as: UTF8.self), terminator: "")
            return
        }
        print(render(profile))
    }

    func percent(_ value: Double) -> String {
        let text = String(format: "%.6g", value * 100) + " %"
        return value > 0 && value < 0.01 ? "\(text) (1:\(Int((1 / value).rounded())))" : text
    }

    func render(_ profile: ThresholdProfile) -> String {
        var lines: [String] = []
        lines.append("\(profile.reference)  \(profile.title)")
        if profile.isDraft { lines.append("*** DRAFT PROFILE: results judged against it are provisional ***") }
        if profile.status == .withdrawn { lines.append("*** WITHDRAWN PROFILE ***") }
        lines.append("status: \(profile.status.rawValue)")
        var source = "source: \(profile.source.document)"
        if let clause = profile.source.clause { source += ", \(clause)" }
        lines.append(source)
        if let url = profile.source.url { lines.append("url: \(url)") }
        if let doi = profile.source.doi { lines.append("doi: \(doi)") }
        lines.append("provenance: \(profile.provenance)")
        if profile.reportingOnly { lines.append("reporting only: no pass/fail verdict") }
        for requirement in profile.requirements {
            lines.append(
                "requirement \(requirement.id) [\(requirement.level.rawValue)]: \(requirement.metric.rawValue) "
                    + "\(requirement.limitInclusive ? "≤" : "<") \(percent(requirement.limit)) at the "
                    + "\(requirement.operatingPoint), judged on the one-sided \(percent(requirement.confidence)) "
                    + "upper confidence bound")
            lines.append("  \(requirement.statement)")
        }
        for item in profile.reported {
            lines.append("report \(item.id): \(item.metric.rawValue) at the \(item.operatingPoint)")
        }
        let minimums = profile.minimumSampleSizes
        var sizes: [String] = []
        if let value = minimums.subjects { sizes.append("\(value) subjects") }
        if let value = minimums.matedComparisons { sizes.append("\(value) mated comparisons") }
        if let value = minimums.nonMatedComparisons { sizes.append("\(value) non-mated comparisons") }
        lines.append("minimum sample sizes: " + (sizes.isEmpty ? "none" : sizes.joined(separator: ", ")))
        if let limits = profile.timeLimits {
            var parts: [String] = []
            if let value = limits.templateCreationSeconds { parts.append("template creation ≤ \(value) s") }
            if let value = limits.comparisonSeconds { parts.append("comparison ≤ \(value) s") }
            if !parts.isEmpty { lines.append("time limits: " + parts.joined(separator: ", ")) }
        }
        if let images = profile.imageRequirements {
            var parts: [String] = []
            if let value = images.minimumWidth { parts.append("width ≥ \(value) px") }
            if let value = images.minimumHeight { parts.append("height ≥ \(value) px") }
            if let value = images.minimumInterEyeDistance { parts.append("inter-eye distance ≥ \(value) px") }
            if !parts.isEmpty { lines.append("image requirements: " + parts.joined(separator: ", ")) }
        }
        return lines.joined(separator: "\n")
    }
}
