import MatcherPlugins
import Testing

struct MatcherErrorCodeTests {
    @Test func refusalsAreTheTwoNISTRefusalCodesOnly() {
        #expect(MatcherError.Code.refuseInput.isRefusal)
        #expect(MatcherError.Code.faceDetectionError.isRefusal)
        #expect(!MatcherError.Code.extractError.isRefusal)
        #expect(!MatcherError.Code.timeout.isRefusal)
    }
}
