import ArgumentParser
import ConformanceVectors
import Crypto
import Foundation

struct VectorsKeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Make an Ed25519 key pair for signing suites.",
        discussion: """
            Writes PREFIX.key (private, mode 0600) and PREFIX.pub (public). PEM is PKCS#8 / SubjectPublicKeyInfo \
            (RFC 8410, as `openssl genpkey -algorithm ed25519` writes); hex is the raw 32-byte key as 64 hex \
            digits. Keep the private key offline; publish the public key where labs can fetch it independently.
            """)

    @Option(help: "Path prefix of the two files.")
    var out: String

    @Option(help: "Encoding: pem or hex.")
    var format: String = "pem"

    @Flag(help: "Replace existing files.")
    var force = false

    func run() throws {
        guard let encoding = KeyFile.Encoding(rawValue: format) else {
            throw ValidationError("--format must be pem or hex")
        }
        let privateURL = URL(fileURLWithPath: out + ".key")
        let publicURL = URL(fileURLWithPath: out + ".pub")
        let manager = FileManager.default
        for url in [privateURL, publicURL] where manager.fileExists(atPath: url.path) && !force {
            throw VectorsCLI.fail(VectorsError(.io, "\(url.path) exists; pass --force to replace it"))
        }
        let key = Curve25519.Signing.PrivateKey()
        do {
            if manager.fileExists(atPath: privateURL.path) { try manager.removeItem(at: privateURL) }
            guard
                manager.createFile(
                    atPath: privateURL.path, contents: Data(KeyFile.encode(key, as: encoding).utf8),
                    attributes: [.posixPermissions: 0o600])
            else { throw CocoaError(.fileWriteUnknown) }
            try Data(KeyFile.encode(key.publicKey, as: encoding).utf8).write(to: publicURL)
        } catch {
            throw VectorsCLI.fail(VectorsError(.io, "cannot write the key pair: \(error.localizedDescription)"))
        }
        print("wrote \(privateURL.path) (private, keep it secret) and \(publicURL.path) (public)")
    }
}
