import ConformanceVectors
import Crypto
import Foundation
import Testing

struct SuiteSignatureTests {
    enum Tamper: String, CaseIterable, CustomTestStringConvertible {
        case manifestTitle, imageBytesWithUpdatedHash, renamedImageID, reorderedImages, otherKey, signatureBytes,
            recordedDigest
        var testDescription: String { rawValue }
    }

    @Test func signatureRoundTrips() throws {
        try Fixtures.withTemporaryDirectory { root in
            let suite = root.appendingPathComponent("suite")
            try Fixtures.makeSuite(at: suite, source: root.appendingPathComponent("src"))
            let key = Curve25519.Signing.PrivateKey()
            let loaded = try SuiteLoader.load(suite)
            let signature = try SuiteSignature(signing: loaded.digest, suite: loaded.reference, with: key)
            let file = suite.appendingPathComponent(SuiteSignature.fileName)
            try signature.write(to: file)
            let read = try SuiteSignature.read(from: file)
            #expect(read == signature)
            try read.verify(digest: try SuiteLoader.load(suite).digest, with: key.publicKey)
            // The signature file beside suite.json is not part of the digest.
            #expect(try SuiteLoader.load(suite).digest == loaded.digest)
        }
    }

    @Test(arguments: Tamper.allCases)
    func anyChangeAfterSigningFailsVerification(tamper: Tamper) throws {
        try Fixtures.withTemporaryDirectory { root in
            let suite = root.appendingPathComponent("suite")
            try Fixtures.makeSuite(at: suite, source: root.appendingPathComponent("src"))
            let key = Curve25519.Signing.PrivateKey()
            let loaded = try SuiteLoader.load(suite)
            var signature = try SuiteSignature(signing: loaded.digest, suite: loaded.reference, with: key)
            var verifyingKey = key.publicKey
            let manifestURL = suite.appendingPathComponent("suite.json")
            var json = try Fixtures.readJSON(manifestURL)
            var images = try #require(json["images"] as? [[String: Any]])
            switch tamper {
            case .manifestTitle: json["title"] = "Something else"
            case .imageBytesWithUpdatedHash:
                // A consistent suite (hash updated), but not the signed one.
                let file = suite.appendingPathComponent("images").appendingPathComponent(
                    try #require(images[2]["path"] as? String))
                var bytes = try [UInt8](Data(contentsOf: file))
                bytes[bytes.count / 2] ^= 0x01
                try Data(bytes).write(to: file)
                images[2]["sha256"] = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
            case .renamedImageID: images[0]["id"] = "a/renamed"
            case .reorderedImages: images.swapAt(0, 1)
            case .otherKey: verifyingKey = Curve25519.Signing.PrivateKey().publicKey
            case .signatureBytes:
                var bytes = try #require(Data(base64Encoded: signature.signature))
                bytes[0] ^= 0x01
                signature.signature = bytes.base64EncodedString()
            case .recordedDigest:
                // Claiming the new digest without re-signing must not help either.
                json["title"] = "Something else"
            }
            json["images"] = images
            try Fixtures.writeJSON(json, to: manifestURL)
            let reloaded = try SuiteLoader.load(suite)
            if tamper == .recordedDigest { signature.digest = reloaded.digest }
            do {
                try signature.verify(digest: reloaded.digest, with: verifyingKey)
                Issue.record("a changed suite must not verify")
            } catch let error as VectorsError {
                #expect(error.code == .badSignature)
            }
        }
    }

    @Test(arguments: KeyFile.Encoding.allCases)
    func keyFilesRoundTrip(encoding: KeyFile.Encoding) throws {
        let key = Curve25519.Signing.PrivateKey()
        let privateText = KeyFile.encode(key, as: encoding)
        let publicText = KeyFile.encode(key.publicKey, as: encoding)
        #expect(try KeyFile.privateKey(from: privateText).rawRepresentation == key.rawRepresentation)
        #expect(try KeyFile.publicKey(from: publicText).rawRepresentation == key.publicKey.rawRepresentation)
        if encoding == .pem {
            #expect(privateText.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
            #expect(throws: VectorsError.self) { try KeyFile.privateKey(from: publicText) }
        }
        #expect(throws: VectorsError.self) { try KeyFile.publicKey(from: "not a key") }
    }

    /// A PKCS#8 key as `openssl genpkey -algorithm ed25519` writes it (RFC 8410 section 10.3 example).
    @Test func readsTheRFC8410ExamplePrivateKey() throws {
        let pem = """
            -----BEGIN PRIVATE KEY-----
            MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC
            -----END PRIVATE KEY-----
            """
        let key = try KeyFile.privateKey(from: pem)
        #expect(
            key.rawRepresentation.map { String(format: "%02x", $0) }.joined()
                == "d4ee72dbf913584ad5b6d8f1f769f8ad3afe7c28cbf1d4fbe097a88f44755842")
    }

    @Test func digestChangesWithAnyByteAndIsIndependentOfTheImageRootLocation() throws {
        try Fixtures.withTemporaryDirectory { root in
            let suite = root.appendingPathComponent("suite")
            try Fixtures.makeSuite(at: suite, source: root.appendingPathComponent("src"))
            let bundled = try SuiteLoader.load(suite).digest
            let moved = root.appendingPathComponent("elsewhere")
            try FileManager.default.copyItem(at: suite.appendingPathComponent("images"), to: moved)
            #expect(try SuiteLoader.load(suite, options: SuiteLoadOptions(imageRoot: moved)).digest == bundled)
            let manifestURL = suite.appendingPathComponent("suite.json")
            var bytes = try [UInt8](Data(contentsOf: manifestURL))
            bytes.append(0x0A)
            try Data(bytes).write(to: manifestURL)
            #expect(try SuiteLoader.load(suite).digest != bundled)
        }
    }
}
