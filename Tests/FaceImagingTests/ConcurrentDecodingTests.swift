import FaceImaging
import Foundation
import Testing

struct ConcurrentDecodingTests {
    /// Every fixture that decodes, plus the PngSuite when present, each several times.
    static func inputs() throws -> [(name: String, data: Data)] {
        var names = try FileManager.default.contentsOfDirectory(atPath: TestFiles.fixtures.path)
            .filter { $0.hasSuffix(".png") }.map { TestFiles.fixtures.appendingPathComponent($0) }
        if TestFiles.pngSuiteAvailable {
            names += try FileManager.default.contentsOfDirectory(atPath: TestFiles.pngSuite.path)
                .filter { $0.hasSuffix(".png") }.map { TestFiles.pngSuite.appendingPathComponent($0) }
        }
        return try names.sorted { $0.path < $1.path }.map { ($0.lastPathComponent, try Data(contentsOf: $0)) }
    }

    @Test func concurrentDecodingGivesTheSameResultsAsSequential() async throws {
        let inputs = try Self.inputs()
        #expect(inputs.count > 40)
        let sequential = inputs.map { input in
            Result { () throws(FaceImageError) in try FaceImage(pngData: input.data, fileName: input.name) }
        }
        let concurrent = await withTaskGroup(of: (Int, Result<FaceImage, FaceImageError>).self) { group in
            for round in 0..<4 {
                for (index, input) in inputs.enumerated() {
                    group.addTask {
                        let result = Result { () throws(FaceImageError) in
                            try FaceImage(pngData: input.data, fileName: input.name)
                        }
                        return (round * inputs.count + index, result)
                    }
                }
            }
            var results = [Result<FaceImage, FaceImageError>?](repeating: nil, count: inputs.count * 4)
            for await (slot, result) in group { results[slot] = result }
            return results
        }
        #expect(sequential.contains { (try? $0.get()) != nil })
        for (slot, result) in concurrent.enumerated() {
            let index = slot % inputs.count
            #expect(result == sequential[index], "\(inputs[index].name)")
        }
    }
}
