import ArgumentParser
import ConformanceVectors
import Foundation

struct VectorsVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a suite's detached signature against the publisher's public key.",
        discussion: """
            Loads the suite (verifying every image hash), recomputes its digest and checks the signature. Exit \
            status 0 when it verifies, 65 when the suite changed, the key differs or the signature is bad.
            """)

    @Argument(help: "The suite directory.")
    var suite: String

    @Option(name: .customLong("public-key"), help: "The publisher's public key file (PEM or hex).")
    var publicKey: String

    @Option(help: "Image root, for suites that store their images externally.")
    var images: String?

    @Option(help: "The signature file (default: DIR/suite.sig.json).")
    var signature: String?

    func run() throws {
        do {
            let key = try KeyFile.readPublicKey(at: VectorsCLI.url(publicKey))
            let loaded = try SuiteLoader.load(
                VectorsCLI.url(suite), options: SuiteLoadOptions(imageRoot: images.map(VectorsCLI.url)))
            let file =
                signature.map(VectorsCLI.url)
                ?? loaded.manifestURL.deletingLastPathComponent().appendingPathComponent(SuiteSignature.fileName)
            try SuiteSignature.read(from: file).verify(digest: loaded.digest, with: key)
            print("verified \(loaded.reference) \(loaded.digest)")
        } catch {
            throw VectorsCLI.fail(error)
        }
    }
}
