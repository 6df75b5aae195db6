/// Which template slots a plan needs: the roles each image takes in the comparisons, and for an image in no
/// comparison its capture role (so its expected outcome is still checked).
struct TemplateNeeds: Sendable {
    /// Indexed by ``TemplateSlot/rawValue``.
    var needed: [Bool]
    var count: Int

    /// Scans every comparison once and checks it against the image table.
    ///
    /// - Throws: ``RunError`` `.invalidSuite` for a comparison naming a missing image, comparing an image with
    ///   itself, or whose mated flag contradicts the subjects.
    /// - Complexity: O(images + comparisons).
    static func compute(for plan: EvaluationPlan) throws(RunError) -> TemplateNeeds {
        let images = plan.images
        var needed = [Bool](repeating: false, count: images.count * 2)
        var used = [Bool](repeating: false, count: images.count)
        let source = plan.comparisons
        for index in 0..<source.count {
            let comparison = source.comparison(at: index)
            let v = comparison.verification
            let e = comparison.enrolment
            guard images.indices.contains(v), images.indices.contains(e) else {
                throw RunError(
                    .invalidSuite,
                    "comparison \(index) of suite \(plan.suite.id)@\(plan.suite.version) names image \(v) or \(e), "
                        + "but the suite has \(images.count) images; lint the suite (`facecert vectors lint`)")
            }
            guard v != e else {
                throw RunError(
                    .invalidSuite,
                    "comparison \(index) compares image \(images[v].id) with itself; lint the suite")
            }
            guard images[v].subject != nil, images[e].subject != nil,
                comparison.mated == (images[v].subject == images[e].subject)
            else {
                throw RunError(
                    .invalidSuite,
                    "comparison \(index) (\(images[v].id) vs \(images[e].id)) is marked "
                        + "\(comparison.mated ? "mated" : "non-mated") but the subjects say otherwise (or an image has "
                        + "no subject); lint the suite")
            }
            needed[TemplateSlot(image: v, role: .verification).rawValue] = true
            needed[TemplateSlot(image: e, role: .enrolment).rawValue] = true
            used[v] = true
            used[e] = true
        }
        for (index, image) in images.enumerated() where !used[index] {
            needed[TemplateSlot(image: index, role: image.captureRole).rawValue] = true
        }
        return TemplateNeeds(needed: needed, count: needed.reduce(0) { $0 + ($1 ? 1 : 0) })
    }

    /// The needed slots in ascending order.
    var slots: [TemplateSlot] {
        needed.indices.filter { needed[$0] }.map(TemplateSlot.init(rawValue:))
    }
}
