import ArgumentParser
import ConformanceVectors
import Foundation

struct VectorsSignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign a suite's digest with an Ed25519 private key (detached signature).",
        discussion: """
            Loads the suite (verifying every image hash), computes its digest and writes suite.sig.json beside \
            suite.json (or --out FILE). The key file is PEM (PKCS#8) or 64 hex digits; see `vectors keygen`.
            """)

    @Argument(help: "The suite directory.")
    var suite: String

    @Option(help: "The private key file.")
    var key: String

    @Option(help: "Image root, for suites that store their images externally.")
    var images: String?

    @Option(help: "Where to write the signature (default: DIR/suite.sig.json).")
    var out: String?

    func run() throws {
        do {
            let privateKey = try KeyFile.readPrivateKey(at: VectorsCLI.url(key))
            let loaded = try SuiteLoader.load(
                VectorsCLI.url(suite), options: SuiteLoadOptions(imageRoot: images.map(VectorsCLI.url)))
            let signature = try SuiteSignature(signing: loaded.digest, suite: loaded.reference, with: privateKey)
            let target =
                out.map(VectorsCLI.url)
                ?? loaded.manifestURL.deletingLastPathComponent().appendingPathComponent(SuiteSignature.fileName)
            try signature.write(to: target)
            print("signed \(loaded.reference) \(loaded.digest) with key \(signature.publicKey)")
            print("wrote \(target.path)")
        } catch {
            throw VectorsCLI.fail(error)
        }
    }
}
