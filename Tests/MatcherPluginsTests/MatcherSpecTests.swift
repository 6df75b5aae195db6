import MatcherPlugins
import Testing

struct MatcherSpecTests {
    @Test(arguments: [
        ("lbph", MatcherSpec.builtIn(name: "lbph")),
        ("tiny-2.0_x", .builtIn(name: "tiny-2.0_x")),
        ("lib:./build/plugin.so", .sharedLibrary(path: "./build/plugin.so")),
        ("lib:/opt/a:b.so", .sharedLibrary(path: "/opt/a:b.so")),
        ("lib-inprocess:x.so", .sharedLibraryInProcess(path: "x.so")),
        ("exec:python3 plugin.py", .executable(command: ["python3", "plugin.py"])),
        ("exec:\"python3 path/plugin.py\"", .executable(command: ["python3", "path/plugin.py"])),
        ("exec:python3 'my plugins/p.py' --fast", .executable(command: ["python3", "my plugins/p.py", "--fast"])),
        ("exec:python3 \"a \\\"b\\\" c\"", .executable(command: ["python3", "a \"b\" c"])),
        ("exec:run my\\ plugin  $HOME", .executable(command: ["run", "my plugin", "$HOME"])),
        ("exec:./vendor-matcher", .executable(command: ["./vendor-matcher"])),
    ])
    func parsesEachSyntax(text: String, expected: MatcherSpec) throws {
        #expect(try MatcherSpec(parsing: text) == expected)
    }

    @Test(arguments: [
        ("", "not a matcher name"), ("lib:", "needs a path"), ("exec:", "needs a command"),
        ("exec:python3 'unterminated", "unterminated '"), ("exec:a \"b", "unterminated \""),
        ("exec:trailing\\", "lone backslash"), ("./plugin.so", "looks like a path"), ("two words", "not a matcher name"),
    ])
    func refusesMalformedValuesWithAMessageSayingWhy(text: String, fragment: String) {
        do {
            let spec = try MatcherSpec(parsing: text)
            Issue.record("`\(text)` parsed as \(spec)")
        } catch {
            #expect(error.code == .invalidSpec)
            #expect(error.message.contains(fragment), "\(error.message)")
        }
    }

    @Test func descriptionRoundTripsThroughTheParser() throws {
        let specs: [MatcherSpec] = [
            .builtIn(name: "tiny"), .sharedLibrary(path: "/a/b.so"), .sharedLibraryInProcess(path: "c.so"),
            .executable(command: ["python3", "my plugin.py", "it's"]),
        ]
        for spec in specs { #expect(try MatcherSpec(parsing: spec.description) == spec, "\(spec)") }
    }

    @Test func unknownBuiltInListsTheKnownOnes() {
        let factory = MatcherFactory(builtIns: MatcherFactory.plumbingBuiltIns)
        do {
            let matcher = try factory.make("lbph")
            matcher.close()
            Issue.record("an unknown built-in was made")
        } catch {
            #expect(error.code == .unknownBuiltIn)
            #expect(error.message.contains("noop, tiny"), "\(error.message)")
        }
    }
}
