import Foundation
import Testing

@testable import ConformanceRunner

struct JournalFormatTests {
    @Test func crc32MatchesTheStandardCheckValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
        // Slicing-by-8 and byte-wise paths agree for every length around the 8-byte boundary.
        let bytes = (0..<37).map { UInt8(truncatingIfNeeded: $0 &* 91 &+ 7) }
        for length in 0...bytes.count {
            let whole = CRC32.checksum(Array(bytes.prefix(length)))
            let split = Array(bytes.prefix(length)).withUnsafeBytes { raw in
                CRC32.checksum(
                    UnsafeRawBufferPointer(rebasing: raw[(length / 2)...]),
                    continuing: CRC32.checksum(UnsafeRawBufferPointer(rebasing: raw[..<(length / 2)])))
            }
            #expect(whole == split)
        }
    }

    @Test func parserStopsAtTheFirstTornOrCorruptChunk() {
        var file: [UInt8] = []
        for payload in [[1, 2, 3], [4], [5, 6, 7, 8, 9]] as [[UInt8]] {
            payload.withUnsafeBytes { JournalChunk.frame(kind: .template, payload: $0, into: &file) }
        }
        let whole = JournalChunk.parse(file)
        #expect(whole.chunks.map(\.payload) == [[1, 2, 3], [4], [5, 6, 7, 8, 9]])
        #expect(whole.validLength == file.count)

        let torn = JournalChunk.parse(Array(file.dropLast(2)))
        #expect(torn.chunks.count == 2)
        #expect(torn.validLength == 16 * 2 + 4)

        var flipped = file
        flipped[16 + 1] ^= 0x40  // a payload byte of the first chunk
        #expect(JournalChunk.parse(flipped).chunks.isEmpty)
    }

    @Test func scoreBatchRoundTrips() {
        var builder = ScoreBatchBuilder(capacity: 4)
        builder.append(index: 7, status: .scored, score: 0.25)
        builder.append(index: (1 << 40) + 3, status: .templateUnavailable, score: 0)
        builder.append(index: 0, status: .failed, score: 0)
        builder.finish(sent: 2, seconds: 1.5)
        var records: [ScoreRecord] = []
        let header = builder.withPayload { ScoreBatch.decode($0) { records.append($0) } }
        #expect(header?.sent == 2 && header?.seconds == 1.5)
        #expect(
            records == [
                ScoreRecord(index: 7, status: .scored, score: 0.25),
                ScoreRecord(index: (1 << 40) + 3, status: .templateUnavailable, score: 0),
                ScoreRecord(index: 0, status: .failed, score: 0),
            ])
    }
}
